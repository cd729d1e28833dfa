"""The fused LayerNorm / LayerScale / QK-norm + RoPE kernels (splatbench/model/kernels/norms.py)
against float64 computations written here, through Triton's interpreter on a CPU (tests/conftest.py
sets TRITON_INTERPRET=1 there); plus a compile for sm_90 (the H200) with the wheel's own ptxas."""

from __future__ import annotations

import pytest
import torch

from splatbench.model.kernels import norms

pytestmark = pytest.mark.skipif(not norms.usable(torch.empty(0)), reason="triton is not installed (pyproject extra "
                                "'kernels') or not interpreted on this CPU")


def layer_norm_oracle(x: torch.Tensor, weight: torch.Tensor | None, bias: torch.Tensor | None, eps: float) -> torch.Tensor:
    x = x.double()
    mean = x.mean(-1, keepdim=True)
    variance = ((x - mean) ** 2).mean(-1, keepdim=True)
    out = (x - mean) / torch.sqrt(variance + eps)
    return out if weight is None else out * weight.double() + bias.double()


def assert_rounded_once(result: torch.Tensor, oracle: torch.Tensor) -> None:
    """``result`` is ``oracle`` rounded once to result's dtype: within half an ulp (2^-9 relative in
    bf16 with round to nearest; truncation would reach 2^-8), up to the fp32 arithmetic before it."""
    if result.dtype == torch.float32:
        assert (result.double() - oracle).abs().max() < 2e-6 * (1 + oracle.abs().max())
        return
    assert result.dtype == torch.bfloat16
    assert ((result.double() - oracle).abs() <= oracle.abs() * 2.0 ** -8 * (1 + 1e-4) + 1e-6).all()
    # and it is the correctly rounded value nearly everywhere (only near-ties may differ)
    assert (result != oracle.to(torch.bfloat16)).float().mean() < 0.01


@pytest.mark.parametrize("channels", [64, 48])  # a power of two; padded to one
@pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16])
def test_layer_norm_cast_matches_float64(channels, dtype):
    generator = torch.Generator().manual_seed(channels)
    stream = torch.randn(2, 5, 7, channels, generator=generator) * 3 + 1  # [batch, frame, token, channel]
    x = stream[:, 1:4]  # a slice of frames: two row levels, as the aggregator's chunks
    weight, bias = torch.randn(channels, generator=generator), torch.randn(channels, generator=generator)
    y = norms.layer_norm_cast(x, weight, bias, 1e-5, dtype)
    assert y.shape == x.shape and y.dtype == dtype and y.is_contiguous()
    assert_rounded_once(y, layer_norm_oracle(x, weight, bias, 1e-5))


@pytest.mark.parametrize("channels", [64, 48])
def test_residual_layer_norm_updates_in_place_then_normalises(channels):
    generator = torch.Generator().manual_seed(10 + channels)
    stream = torch.randn(2, 5, 7, channels, generator=generator)
    before = stream.clone()
    x = stream[:, 1:4]
    update = torch.randn(2, 3, 7, channels, generator=generator).bfloat16()  # a matmul's output under autocast
    gamma = torch.rand(channels, generator=generator) * 0.1
    weight, bias = torch.randn(channels, generator=generator), torch.randn(channels, generator=generator)
    expected_x = before[:, 1:4].double() + update.double() * gamma.double()
    y = norms.residual_layer_norm(x, update, gamma, weight, bias, 1e-6, torch.bfloat16)
    assert (stream[:, 1:4].double() - expected_x).abs().max() < 1e-6  # one fp32 rounding of an fma
    assert torch.equal(stream[:, :1], before[:, :1]) and torch.equal(stream[:, 4:], before[:, 4:])  # the rest untouched
    assert_rounded_once(y, layer_norm_oracle(stream[:, 1:4], weight, bias, 1e-6))


def qk_oracle(qkv: torch.Tensor, scale: torch.Tensor, swapped_scale: torch.Tensor, shift: torch.Tensor, eps: float
              ) -> torch.Tensor:
    """``n * scale + swap_halves(n) * swapped_scale + shift`` in float64, n the affine-free norm of
    q and k over head_dim; swap_halves maps quarters [a, b, c, d] to [b, a, d, c]. [..., token, 2, head, dim]."""
    normed = layer_norm_oracle(qkv[..., :2, :, :], None, None, eps)
    quarter = qkv.shape[-1] // 4
    order = [*range(quarter, 2 * quarter), *range(quarter), *range(3 * quarter, 4 * quarter), *range(2 * quarter, 3 * quarter)]
    swapped = normed[..., order]
    return normed * scale.double() + swapped * swapped_scale.double() + shift.double()


def random_qk_inputs(dtype: torch.dtype, seed: int, heads: int = 3, head_dim: int = 16, tokens: int = 7):
    generator = torch.Generator().manual_seed(seed)
    qkv = (torch.randn(2, 3, tokens, 3, heads, head_dim, generator=generator) * 2 + 0.5).to(dtype)
    tables = [torch.randn(tokens, 2, 1, head_dim, generator=generator) for _ in range(3)]
    return qkv, tables


@pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16])
def test_qk_norm_rope_matches_float64(dtype):
    qkv, tables = random_qk_inputs(dtype, seed=3)  # 3 heads: padded to 4 in the kernel
    query, key, value = norms.qk_norm_rope(qkv, *tables, 1e-5, dtype)
    expected = qk_oracle(qkv, *tables, 1e-5)
    assert query.shape == key.shape == (2, 3, 7, 3, 16) and query.dtype == dtype
    assert_rounded_once(query, expected[..., 0, :, :])
    assert_rounded_once(key, expected[..., 1, :, :])
    assert value.data_ptr() == qkv[..., 2, :, :].data_ptr()  # v stays a view without outputs to write


def test_qk_norm_rope_writes_into_attention_buffers():
    """The global block's use: q, k and v of frames 1..2 written into [batch, head, frame, token,
    head_dim] buffers through permuted views, the rest of the buffers untouched."""
    qkv, tables = random_qk_inputs(torch.bfloat16, seed=4, heads=4)
    qkv = qkv[:, :2]  # frames 1..2 of [batch 2, frame, token, 3, head, dim]
    buffers = [torch.full((2, 4, 4, 7, 16), 7.0, dtype=torch.bfloat16) for _ in range(3)]
    out = tuple(buffer[:, :, 1:3].permute(0, 2, 3, 1, 4) for buffer in buffers)
    returned = norms.qk_norm_rope(qkv, *tables, 1e-5, out=out)
    assert all(r is o for r, o in zip(returned, out))
    expected = qk_oracle(qkv, *tables, 1e-5).permute(0, 3, 4, 1, 2, 5)  # [batch, 2, head, frame, token, dim]
    assert_rounded_once(buffers[0][:, :, 1:3], expected[:, 0])
    assert_rounded_once(buffers[1][:, :, 1:3], expected[:, 1])
    assert torch.equal(buffers[2][:, :, 1:3], qkv[..., 2, :, :].permute(0, 3, 1, 2, 4))
    for buffer in buffers:
        assert (buffer[:, :, 0] == 7).all() and (buffer[:, :, 3] == 7).all()


def test_refuses_what_it_cannot_take():
    qkv, tables = random_qk_inputs(torch.float32, seed=5, head_dim=12)
    with pytest.raises(ValueError, match="power of two"):
        norms.qk_norm_rope(qkv, *tables, 1e-5)
    qkv, tables = random_qk_inputs(torch.float32, seed=5)
    with pytest.raises(ValueError, match="tables must be"):
        norms.qk_norm_rope(qkv, *(t[:3] for t in tables), 1e-5)
    x = torch.randn(4, 6, 8)
    with pytest.raises(ValueError, match="not shaped like x"):
        norms.residual_layer_norm(x, torch.randn(4, 6, 4), torch.ones(8), torch.ones(8), torch.zeros(8), 1e-5)
    assert norms.rows_view([torch.randn(3, 4, 5, 8)[:, 1:3, ::2]]) is None  # three row levels: no kernel


# Run by the compile_for_hopper fixture (tests/conftest.py).
_COMPILE_FOR_HOPPER = r"""
import json, subprocess, sys, tempfile
from pathlib import Path

import triton
from triton.backends.compiler import GPUTarget
from triton.compiler import ASTSource

from splatbench.model.kernels import norms

which = sys.argv[1]
if which == "qk":
    kernel = norms._qk_norm_rope_kernel
    pointers = {"QKV": "bf16", "SCALE": "fp32", "SWAPPED": "fp32", "SHIFT": "fp32", "Q": "bf16", "K": "bf16", "V": "bf16"}
    integers = ["rows", "inner", "heads", "table_tokens", "stride_io", "stride_ii", "stride_ip", "stride_ih",
                "stride_oo", "stride_oi", "stride_oh"]
    constants = {"HEAD_DIM": 64, "HEADS": 16, "ROWS": norms.HEADS_LAUNCH.elements // 1024, "INTERPRETED": False}
    warps = norms.HEADS_LAUNCH.warps
    divisible = [*pointers, "stride_io", "stride_ii", "stride_ip", "stride_ih", "stride_oo", "stride_oi", "stride_oh"]
else:
    kernel = norms._layer_norm_rows_kernel
    pointers = {"X": "fp32", "U": "bf16", "G": "fp32", "W": "fp32", "B": "fp32", "Y": "bf16"}
    integers = ["rows", "inner", "channels", "stride_xo", "stride_xi", "stride_uo", "stride_ui", "stride_yo", "stride_yi"]
    constants = {"RESIDUAL": which == "residual", "ROWS": norms.ROW_LAUNCH.rows(1024), "BLOCK_C": 1024, "EVEN_C": True,
                 "INTERPRETED": False}
    warps = norms.ROW_LAUNCH.warps
    divisible = [*pointers, "channels", "stride_xo", "stride_xi", "stride_uo", "stride_ui", "stride_yo", "stride_yi"]
signature = {**{name: "*" + t for name, t in pointers.items()}, **dict.fromkeys(integers, "i32"), "eps": "fp32",
             **dict.fromkeys(constants, "constexpr")}
assert list(signature) == kernel.arg_names, kernel.arg_names
# What a launch on VGGT-1B's tensors specialises on: aligned tensors, strides multiples of 16.
aligned = {(kernel.arg_names.index(name),): [["tt.divisibility", 16]] for name in divisible}
source = ASTSource(fn=kernel, signature=signature, constexprs=constants, attrs=aligned)
compiled = triton.compile(source, target=GPUTarget("cuda", 90, 32), options={"num_warps": warps})
cubin = Path(tempfile.mkdtemp()) / "kernel.cubin"
cubin.write_bytes(compiled.asm["cubin"])
cuobjdump = Path(triton.__file__).parent / "backends" / "nvidia" / "bin" / "cuobjdump"
usage = subprocess.run([str(cuobjdump), "-res-usage", str(cubin)], capture_output=True, text=True).stdout
ptx = compiled.asm["ptx"]
print(json.dumps({"vector_loads": "ld.global.v4" in ptx or "ld.global.L1::evict_last.v4" in ptx
                  or ".v4.b32" in ptx, "rounds_to_nearest": "cvt.rn.bf16" in ptx, "usage": usage}))
"""


@pytest.mark.parametrize("which", ["norm", "residual", "qk"])
def test_compiles_for_hopper_without_spilling(which, compile_for_hopper):
    """Compiled as the H200 will (sm_90, the ptxas in the triton wheel, no GPU needed) at VGGT-1B's
    sizes (1024 channels; 16 heads of 64) with the default launch: a construct only the GPU compiler
    refuses, or a launch that spills registers (checked by the fixture), fails here rather than in a
    GPU call. The bf16 outputs round to nearest (cvt.rn) and the rows are read as 16-byte vectors."""
    result = compile_for_hopper(_COMPILE_FOR_HOPPER, which)
    assert result["rounds_to_nearest"]
    assert result["vector_loads"]
