"""The fused LPIPS layer distance (evaluation/lpips_distance.py) through Triton's interpreter
(tests/conftest.py sets TRITON_INTERPRET=1 on the CPU), against float64 autograd of the definition."""

from __future__ import annotations

import pytest
import torch

from splatbench.evaluation import lpips_distance
from splatbench.evaluation.lpips_vgg import NORMALIZE_EPS

pytestmark = pytest.mark.skipif(lpips_distance.triton is None, reason="needs the triton package (extra 'kernels')")


def oracle(a: torch.Tensor, b: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
    """Float64, written from the formula: unit vectors over channels, weighted squared difference, spatial mean."""
    a, b, weight = a.double(), b.double(), weight.double().reshape(1, -1, 1, 1)
    unit_a = a / (a.pow(2).sum(1, keepdim=True).sqrt() + NORMALIZE_EPS)
    unit_b = b / (b.pow(2).sum(1, keepdim=True).sqrt() + NORMALIZE_EPS)
    return ((unit_a - unit_b) ** 2 * weight).sum(1).mean(dim=(1, 2))


def features(shape, generator, channels_last: bool, dtype=torch.float32) -> torch.Tensor:
    values = torch.relu(torch.randn(shape, generator=generator))  # ReLU features: many exact zeros
    values[:, 0] += 0.05  # but no all-zero vector (see test_all_zero_feature_vector_has_a_finite_gradient)
    values = values.to(dtype)
    return values.contiguous(memory_format=torch.channels_last) if channels_last else values


@pytest.mark.parametrize(
    "shape, channels_last",
    [((2, 64, 5, 7), True), ((3, 48, 4, 4), False), ((1, 512, 3, 5), True), ((2, 3, 9, 2), True)],
)
def test_layer_distance_and_gradient_match_float64(shape, channels_last):
    generator = torch.Generator().manual_seed(sum(shape))
    a = features(shape, generator, channels_last).requires_grad_()
    b = features(shape, generator, channels_last)
    weight = torch.rand(1, shape[1], 1, 1, generator=generator)
    upstream = torch.rand(shape[0], generator=generator)
    value = lpips_distance.layer_distance(a, b, weight, NORMALIZE_EPS)
    (value * upstream).sum().backward()
    a64 = a.detach().double().requires_grad_()
    expected = oracle(a64, b, weight)
    (expected * upstream.double()).sum().backward()
    assert value.dtype == torch.float32 and value.shape == (shape[0],)
    torch.testing.assert_close(value.double(), expected, rtol=2e-6, atol=1e-7)
    torch.testing.assert_close(a.grad.double(), a64.grad, rtol=1e-4, atol=1e-7 * a64.grad.abs().max().item())
    assert a.grad.stride() == a.stride()  # the gradient in the features' own layout


def test_bf16_features_give_a_bf16_gradient_within_one_rounding():
    generator = torch.Generator().manual_seed(1)
    a = features((2, 64, 4, 6), generator, True, torch.bfloat16).requires_grad_()
    b = features((2, 64, 4, 6), generator, True, torch.bfloat16)
    weight = torch.rand(64, generator=generator)
    value = lpips_distance.layer_distance(a, b, weight, NORMALIZE_EPS)
    value.sum().backward()
    a64 = a.detach().double().requires_grad_()
    expected = oracle(a64, b, weight)  # the same bf16 inputs, exactly in float64
    expected.sum().backward()
    torch.testing.assert_close(value.double(), expected, rtol=2e-6, atol=1e-7)
    assert a.grad.dtype == torch.bfloat16
    # one bf16 rounding of each entry (the interpreter truncates: at most 2^-7 relative)
    scale = a64.grad.abs().max().item()
    assert (a.grad.double() - a64.grad).abs().max().item() <= 2**-7 * scale


def test_all_zero_feature_vector_has_a_finite_gradient():
    """Eager autograd gives NaN there (0 * inf through the square root); the kernel the limit:
    the pixel's own term v / eps with the projection term dropped, elsewhere as float64."""
    generator = torch.Generator().manual_seed(2)
    a = features((1, 8, 2, 3), generator, True)
    a[0, :, 1, 2] = 0.0
    a.requires_grad_()
    b = features((1, 8, 2, 3), generator, True)
    weight = torch.rand(8, generator=generator)
    lpips_distance.layer_distance(a, b, weight, NORMALIZE_EPS).sum().backward()
    assert torch.isfinite(a.grad).all()
    a64 = a.detach().double().requires_grad_()
    oracle(a64, b, weight).sum().backward()
    keep = torch.ones(2, 3, dtype=torch.bool)
    keep[1, 2] = False
    torch.testing.assert_close(a.grad[0][:, keep].double(), a64.grad[0][:, keep], rtol=1e-4, atol=1e-9)
    unit_b = b[0, :, 1, 2].double() / (b[0, :, 1, 2].double().norm() + NORMALIZE_EPS)
    limit = 2 * weight.double() * (0 - unit_b) / 6 / NORMALIZE_EPS  # d/da of w (a/eps - u_b)^2 / pixels at a = 0
    torch.testing.assert_close(a.grad[0, :, 1, 2].double(), limit, rtol=1e-5, atol=0)


def test_bad_inputs_are_refused():
    a = torch.rand(1, 4, 2, 2)
    with pytest.raises(ValueError, match="must match"):
        lpips_distance.layer_distance(a, torch.rand(1, 4, 2, 3), torch.ones(4), NORMALIZE_EPS)
    with pytest.raises(ValueError, match="no gradient"):
        lpips_distance.layer_distance(a, torch.rand(1, 4, 2, 2, requires_grad=True), torch.ones(4), NORMALIZE_EPS)


def test_bf16_loss_with_the_fused_distance_matches_the_eager_distance(monkeypatch):
    """The training loss (``precision=bf16``, VGG under bf16 autocast, NHWC) with and without
    ``fused_distance``: the same bf16 features, so the value agrees to float32 rounding and the
    colour gradient to bf16 rounding of the features' gradients (measured: value 6e-8 relative,
    gradient cosine 0.99999, largest difference 0.5 % of the largest entry)."""
    from splatbench.loss import LossLpips, LossLpipsCfg, LossOptions, Predictions, ScalePrediction

    monkeypatch.setattr(LossLpips, "bf16_on_cpu", True)
    generator = torch.Generator().manual_seed(3)
    target = torch.rand(1, 2, 3, 32, 32, generator=generator)
    prediction = (target + 0.1 * torch.randn(target.shape, generator=generator)).clamp(0, 1)
    values, gradients = [], []
    for fused in (False, True):
        loss = LossLpips(LossLpipsCfg(weight=1.0, apply_after_step=0, precision="bf16", fused_distance=fused), LossOptions())
        colour = prediction.clone().requires_grad_()
        value = loss(Predictions([ScalePrediction(color=colour)]), {"target": {"image": target}, "scene": ["a"]}, 0)
        value.backward()
        values.append(value.item())
        gradients.append(colour.grad.flatten().double())
    eager, fused = values
    assert eager > 0.02 and abs(fused - eager) <= 1e-5 * eager
    assert torch.nn.functional.cosine_similarity(*gradients, dim=0) >= 0.9999
    assert (gradients[1] - gradients[0]).abs().max() <= 0.02 * gradients[0].abs().max()


# Run by the compile_for_hopper fixture (tests/conftest.py): both kernels for sm_90, bf16 features.
_COMPILE_FOR_HOPPER = r"""
import json, subprocess, sys, tempfile
from pathlib import Path

import triton
from triton.backends.compiler import GPUTarget
from triton.compiler import ASTSource

from splatbench.evaluation import lpips_distance as module

channels = int(sys.argv[1])
block_rows, block_c, _ = module._launch(1 << 20, channels)
report = {}
for kernel, pointers in ((module._distance_forward_kernel, {"A": "*bf16", "B": "*bf16", "W": "*fp32", "D": "*fp32"}),
                         (module._distance_backward_kernel, {"A": "*bf16", "B": "*bf16", "W": "*fp32", "G": "*fp32", "GA": "*bf16"})):
    signature = {**pointers, "rows": "i32", "channels": "i32", "eps": "fp32", "ROWS": "constexpr", "BLOCK_C": "constexpr"}
    assert sorted(signature) == sorted(kernel.arg_names), kernel.arg_names
    signature = {name: signature[name] for name in kernel.arg_names}
    source = ASTSource(fn=kernel, signature=signature, constexprs={"ROWS": block_rows, "BLOCK_C": block_c})
    compiled = triton.compile(source, target=GPUTarget("cuda", 90, 32), options={"num_warps": module.WARPS})
    cubin = Path(tempfile.mkdtemp()) / "kernel.cubin"
    cubin.write_bytes(compiled.asm["cubin"])
    cuobjdump = Path(triton.__file__).parent / "backends" / "nvidia" / "bin" / "cuobjdump"
    usage = subprocess.run([str(cuobjdump), "-res-usage", str(cubin)], capture_output=True, text=True).stdout if cuobjdump.exists() else ""
    report[kernel.__name__] = {"usage": usage, "ptx_lines": compiled.asm["ptx"].count("\n")}
print(json.dumps({"usage": "".join(r["usage"] for r in report.values()) and report["_distance_backward_kernel"]["usage"],
                  "kernels": report}))
"""


@pytest.mark.parametrize("channels", ["64", "512"])
def test_kernels_compile_for_hopper_without_spilling(channels, compile_for_hopper):
    result = compile_for_hopper(_COMPILE_FOR_HOPPER, channels)
    for name, kernel in result["kernels"].items():
        assert kernel["ptx_lines"] > 0, name
        if kernel["usage"]:
            assert "STACK:0 " in kernel["usage"] and "LOCAL:0 " in kernel["usage"], (name, kernel["usage"])
