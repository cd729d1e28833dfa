"""The convolution epilogue kernel and the GroupNorm kernel's input bias (Triton's interpreter on the
CPU) against float64 oracles: the same sums and ReLU written out in float64 from the same inputs."""

import pytest
import torch
import torch.nn.functional as F

from splatbench.model.kernels import conv_epilogue as epilogue
from splatbench.model.kernels import group_norm as kernel

pytestmark = pytest.mark.skipif(not epilogue.usable(torch.zeros(1, 1, 1, dtype=torch.bfloat16)), reason="triton is not installed")


ACTIVATIONS64 = {
    "none": lambda y: y,
    "relu": lambda y: y.clamp_min(0),
    "gelu": lambda y: 0.5 * y * (1 + torch.erf(y / 2**0.5)),
    "silu": lambda y: y * torch.sigmoid(y),
}


def _maps(shape, count, dtype, nhwc, seed=0):
    generator = torch.Generator().manual_seed(seed)
    maps = [(torch.randn(shape, generator=generator) * 3).to(dtype) for _ in range(count)]
    if nhwc:
        maps = [m.contiguous(memory_format=torch.channels_last) for m in maps]
    return maps


@pytest.mark.parametrize("nhwc", [False, True])
@pytest.mark.parametrize(
    ("biases", "residuals", "activation"), [(1, 0, "relu"), (1, 1, "none"), (2, 2, "none"), (0, 1, "relu"), (1, 0, "gelu"), (1, 1, "silu")]
)
@pytest.mark.parametrize("dtype", [torch.bfloat16, torch.float16])
def test_matches_float64_sums(nhwc, biases, residuals, activation, dtype):
    shape = (2, 5, 7, 9) if not nhwc else (2, 6, 5, 9)  # NHWC: channels padded to 8 lanes
    y, *rest = _maps(shape, 1 + residuals, dtype, nhwc)
    generator = torch.Generator().manual_seed(1)
    bias = [torch.randn(shape[1], generator=generator) for _ in range(biases)]
    expected = y.double() + sum((b.double().view(-1, 1, 1) for b in bias), torch.zeros(())) + sum((r.double() for r in rest), torch.zeros(()))
    expected = ACTIVATIONS64[activation](expected)
    strides = y.stride()
    out = epilogue.conv_epilogue(y, tuple(bias), tuple(rest), activation)
    assert out is y and out.stride() == strides  # in place, layout kept
    ulp = {torch.bfloat16: 2**-8, torch.float16: 2**-11}[dtype]  # one rounding: half an ulp, relative
    error = (out.double() - expected).abs()
    slack = 0.0 if activation in ("none", "relu") else 1e-6  # float32 erf / exp inside
    assert float((error - ulp * expected.abs()).max()) <= 1e-12 + slack


def test_three_dimensional_maps_and_empty():
    y = torch.randn(2, 3, 10).to(torch.bfloat16)
    bias = torch.tensor([1.0, -2.0, 0.5])
    expected = (y.double() + bias.double().view(-1, 1)).clamp_min(0)
    out = epilogue.conv_epilogue(y.clone(), (bias,), activation="relu")
    assert float((out.double() - expected).abs().max()) <= 2**-8 * float(expected.abs().max())
    assert epilogue.conv_epilogue(torch.zeros(0, 3, 4, 4, dtype=torch.bfloat16), (bias,)).numel() == 0


def test_refuses_what_it_cannot_take():
    y = torch.zeros(1, 4, 3, 3, dtype=torch.bfloat16)
    assert not epilogue.usable(y.float())  # float32 keeps PyTorch's sums
    assert not epilogue.usable(y.transpose(2, 3))
    assert not epilogue.usable(y, (y.contiguous(memory_format=torch.channels_last)[:, :, :, :2],))
    with torch.enable_grad():
        assert not epilogue.usable(y.clone().requires_grad_())
    with pytest.raises(ValueError, match="activation"):
        epilogue.conv_epilogue(y, (), (), "tanh")
    with pytest.raises(ValueError, match="biases"):
        epilogue.conv_epilogue(y, (torch.zeros(3),))
    with pytest.raises(ValueError, match="half-precision"):
        epilogue.conv_epilogue(y.float(), (torch.zeros(4),))


@pytest.mark.parametrize(("shape", "groups", "activation"), [((2, 16, 6, 10), 8, "silu"), ((1, 8, 40, 60), 2, "gelu")])
def test_group_norm_adds_the_input_bias(shape, groups, activation):
    generator = torch.Generator().manual_seed(3)
    x = (torch.randn(shape, generator=generator) * 0.5).to(torch.bfloat16)
    shift = torch.randn(shape[1], generator=generator) * 4  # per channel: GroupNorm does not cancel it
    weight, bias = torch.randn(shape[1], generator=generator), torch.randn(shape[1], generator=generator)
    out = kernel.group_norm_act(x, groups, weight, bias, 1e-5, activation, input_bias=shift)
    shifted = x.double() + shift.double().view(-1, 1, 1)
    y = F.group_norm(shifted, groups, weight.double(), bias.double(), 1e-5)
    expected = y * torch.sigmoid(y) if activation == "silu" else 0.5 * y * (1 + torch.erf(y / 2**0.5))
    error = (out.double() - expected).abs() / expected.abs().clamp_min(1.0)
    assert float(error.max()) <= 1.6e-2
    without = kernel.group_norm_act(x, groups, weight, bias, 1e-5, activation)
    assert float((without.double() - expected).abs().max()) > 0.1  # the bias mattered
    with pytest.raises(ValueError, match="input_bias"):
        kernel.group_norm_act(x, groups, None, None, 1e-5, input_bias=torch.zeros(3))


# Run by the compile_for_hopper fixture (tests/conftest.py).
_COMPILE_FOR_HOPPER = r"""
import json, subprocess, sys, tempfile
from pathlib import Path

import triton
from triton.backends.compiler import GPUTarget
from triton.compiler import ASTSource

from splatbench.model.kernels import conv_epilogue, group_norm

cuobjdump = Path(triton.__file__).parent / "backends" / "nvidia" / "bin" / "cuobjdump"


def build(kernel, types, constants, divisible, warps):
    signature = {name: types.get(name, "constexpr") for name in kernel.arg_names}
    attrs = {(kernel.arg_names.index(name),): [["tt.divisibility", 16]] for name in divisible}
    source = ASTSource(fn=kernel, signature=signature, constexprs=constants, attrs=attrs)
    compiled = triton.compile(source, target=GPUTarget("cuda", 90, 32), options={"num_warps": warps})
    cubin = Path(tempfile.mkdtemp()) / "kernel.cubin"
    cubin.write_bytes(compiled.asm["cubin"])
    usage = subprocess.run([str(cuobjdump), "-res-usage", str(cubin)], capture_output=True, text=True).stdout
    return compiled.asm["ptx"], usage


pointers = dict.fromkeys(["Y", "R1", "R2"], "*bf16") | dict.fromkeys(["B1", "B2"], "*bf16")
flags = {"BIASES": 2, "RESIDUALS": 2, "ACTIVATION": 2, "INTERPRETED": False}
planes_ptx, planes_usage = build(conv_epilogue._planes_kernel, pointers | {"plane": "i32", "channels": "i32"},
                                 flags | {"BLOCK": 2048}, ["Y", "R1", "R2", "plane"], 4)
pixels_ptx, pixels_usage = build(conv_epilogue._pixels_kernel, pointers | {"pixels": "i32", "channels": "i32"},
                                 flags | {"BLOCK_P": 64, "BLOCK_C": 64}, ["Y", "R1", "R2", "channels"], 4)
integers = {name: "i32" for name in ("span", "chunks", "plane", "channels_per_group", "groups")}
stats_ptx, stats_usage = build(group_norm._chunk_statistics_kernel, {"X": "*bf16", "SHIFT": "*bf16", "STATS": "*fp32"} | integers,
                               {"HAS_SHIFT": True, "CHUNK": 4096}, ["X", "span"], 8)
apply_ptx, apply_usage = build(group_norm._apply_kernel, {"X": "*bf16", "SHIFT": "*bf16", "STATS": "*fp32", "W": "*fp32", "B": "*fp32",
                               "Y": "*bf16", "eps": "fp32"} | integers,
                               {"HAS_SHIFT": True, "HAS_AFFINE": True, "ACTIVATION": 1, "CHUNK": 4096, "BLOCK_S": 4,
                                "INTERPRETED": False}, ["X", "Y", "span"], 8)
nhwc_integers = {name: "i32" for name in ("pixels", "channels", "groups", "chunks")}
nstats_ptx, nstats_usage = build(group_norm._nhwc_statistics_kernel, {"X": "*bf16", "SHIFT": "*bf16", "STATS": "*fp32"} | nhwc_integers,
                                 {"HAS_SHIFT": True, "CPG": 16, "BLOCK_P": 256}, ["X", "channels"], 8)
napply_ptx, napply_usage = build(group_norm._nhwc_apply_kernel, {"X": "*bf16", "SHIFT": "*bf16", "STATS": "*fp32", "W": "*fp32",
                                 "B": "*fp32", "Y": "*bf16", "eps": "fp32"} | nhwc_integers,
                                 {"HAS_SHIFT": True, "HAS_AFFINE": True, "ACTIVATION": 1, "CPG": 16, "BLOCK_P": 256,
                                  "BLOCK_S": 128, "INTERPRETED": False}, ["X", "Y", "channels"], 8)
print(json.dumps({"usage": planes_usage + pixels_usage + stats_usage + apply_usage + nstats_usage + napply_usage,
                  "vector_loads": ["ld.global.v4" in ptx for ptx in (planes_ptx, pixels_ptx, napply_ptx)]}))
"""


def test_kernels_compile_for_hopper_without_spilling(compile_for_hopper):
    """The interpreter runs the kernels as Python; this compiles them as the H200 will (sm_90, the
    triton wheel's ptxas, no GPU): the epilogue in both layouts with two biases, two residuals and
    GELU, and the GroupNorm kernels (NCHW and NHWC) with the input bias. No stack or local memory (the fixture)."""
    result = compile_for_hopper(_COMPILE_FOR_HOPPER)
    assert all(result["vector_loads"]), result  # 16-byte loads of the bf16 maps
    usage = result["usage"]
    assert usage.count("STACK:") == usage.count("STACK:0 ") and usage.count("LOCAL:") == usage.count("LOCAL:0 "), usage


@pytest.mark.parametrize(("shape", "groups", "activation", "shift"), [((2, 32, 5, 7), 4, "silu", True), ((1, 16, 40, 60), 2, "gelu", False)])
def test_group_norm_on_channels_last_maps(shape, groups, activation, shift):
    """The NHWC kernels (tiles of pixels x a group's channels) against float64 GroupNorm; the output
    keeps the channels-last layout."""
    generator = torch.Generator().manual_seed(5)
    x = (torch.randn(shape, generator=generator) * 0.5 + 3.0).to(torch.bfloat16).contiguous(memory_format=torch.channels_last)
    weight, bias = torch.randn(shape[1], generator=generator), torch.randn(shape[1], generator=generator)
    input_bias = torch.randn(shape[1], generator=generator) if shift else None
    assert kernel.takes(x, groups) and not kernel.takes(x)  # NHWC needs the group count
    out = kernel.group_norm_act(x, groups, weight, bias, 1e-5, activation, input_bias=input_bias)
    assert out.is_contiguous(memory_format=torch.channels_last) and not out.is_contiguous()
    shifted = x.double() + (0 if input_bias is None else input_bias.double().view(-1, 1, 1))
    y = F.group_norm(shifted, groups, weight.double(), bias.double(), 1e-5)
    expected = y * torch.sigmoid(y) if activation == "silu" else 0.5 * y * (1 + torch.erf(y / 2**0.5))
    error = (out.double() - expected).abs() / expected.abs().clamp_min(1.0)
    assert float(error.max()) <= 1.6e-2
    odd = torch.zeros(1, 24, 2, 2, dtype=torch.bfloat16).contiguous(memory_format=torch.channels_last)
    assert not kernel.usable(odd, 8)  # 3 channels a group: not a power of two
