"""The aggregator's ``elementwise="triton"`` mode (splatbench/model/kernels/norms.py behind
splatbench/model/vggt/elementwise.py) against the eager mode on the tiny VGGT preset, through
Triton's interpreter on a CPU. The kernels themselves are checked against float64 in
tests/kernels/test_norms_kernel.py; here the question is whether the mode does what eager does."""

from __future__ import annotations

import pytest
import torch

from splatbench.model.kernels import norms
from splatbench.model.vggt import VGGT, vggt_preset
from splatbench.model.vggt.elementwise import CUDA_DEFAULT, TRITON, elementwise_ops, resolve_mode
from splatbench.model.vggt.weights import fill_generated_weights

needs_kernels = pytest.mark.skipif(not norms.usable(torch.empty(0)), reason="triton not installed or not interpreted")


@pytest.fixture(scope="module")
def model_and_images():
    model = fill_generated_weights(VGGT(vggt_preset("tiny")).eval())
    # batch 2: the chunks of frames are then [batch, frames] slices with two row levels
    images = torch.rand(2, 3, 3, 28, 42, generator=torch.Generator().manual_seed(4))
    return model, images


def layer_outputs(model, images, mode: str, dtype: torch.dtype | None) -> dict[int, torch.Tensor]:
    model.aggregator.elementwise = mode
    try:
        with torch.no_grad(), torch.autocast("cpu", dtype=dtype or torch.float32, enabled=dtype is not None):
            return model.aggregator.layer_outputs(images, chunk_frames=2)
    finally:
        model.aggregator.elementwise = "auto"


@needs_kernels
def test_triton_mode_matches_eager_in_bf16_and_fp32(model_and_images):
    """bf16 autocast: the two modes round the same values once each, in other summation orders, so
    they differ by bf16 rounding flips that the later layers carry: each layer within one bf16 ulp
    of its largest magnitude (2^-7 relative), and the triton mode no further from the fp32 result
    than eager (mean error within 5 %). fp32: the same up to fp32 summation order (1e-5)."""
    model, images = model_and_images
    served = TRITON.used["triton"]
    half = {mode: layer_outputs(model, images, mode, torch.bfloat16) for mode in ("eager", "triton")}
    full = {mode: layer_outputs(model, images, mode, None) for mode in ("eager", "triton")}
    assert TRITON.used["triton"] > served and TRITON.used["eager"] == 0  # every call went to the kernels
    for layer, eager in half["eager"].items():
        triton = half["triton"][layer]
        assert (triton - eager).abs().max() <= 2.0 ** -7 * eager.abs().max(), layer
        reference = full["eager"][layer].double()
        eager_error = (eager.double() - reference).abs().mean()
        triton_error = (triton.double() - reference).abs().mean()
        assert triton_error <= 1.05 * eager_error, (layer, triton_error, eager_error)
        assert (full["triton"][layer] - full["eager"][layer]).abs().max() < 1e-5, layer


@needs_kernels
def test_calls_the_kernels_cannot_take_run_eagerly():
    ops = elementwise_ops("triton")
    x = torch.randn(3, 5, 8, requires_grad=True)
    weight, bias = torch.randn(8), torch.randn(8)
    before = dict(ops.used)
    out = ops.layer_norm_to(x, weight, bias, 1e-5, None)
    assert out.requires_grad  # autograd kept: the eager function ran
    assert ops.used["eager"] == before.get("eager", 0) + 1
    ops.used["eager"] = before.get("eager", 0)  # leave the count as the other tests expect


def test_auto_mode_is_eager_off_cuda():
    assert resolve_mode("auto", torch.device("cpu")) == "eager"
    assert resolve_mode("auto", torch.device("cuda")) == CUDA_DEFAULT
    assert resolve_mode("triton", torch.device("cpu")) == "triton"
    assert elementwise_ops("auto").name == "eager"
    with pytest.raises(ValueError, match="unknown elementwise mode 'jit'; choose from auto, eager, compile, triton"):
        elementwise_ops("jit")
