"""The encoder's fast paths against its plain float32 path, on the CPU: the cached DINOv2
position-embedding resize, the bf16 precision plan (drift against fp32 within issue 12's bounds:
median depth difference <= 0.5 %, render PSNR >= 40 dB), bf16 weight copies made once (same
numbers as autocast casting every call), float16 window attention, channels-last convolutions.
The fp32 path itself is checked against the reference's recorded outputs in
tests/encoder/test_golden.py."""

from __future__ import annotations

import math

import pytest
import torch

from splatbench.evaluation.speed import build_encoder, synthetic_views
from splatbench.model.encoder.fast_convs import conv_fast_paths
from splatbench.model.encoder.precision import CAST_ONCE_MODULES
from splatbench.model.encoder.unimatch.mv_transformer import window_attention
from splatbench.model.encoder.vit.dinov2 import vit_small
from splatbench.render import render_gaussians

CPU = torch.device("cpu")


@pytest.fixture(scope="module")
def small_encoder_and_fp32():
    torch.manual_seed(0)
    encoder = build_encoder("small", CPU)
    context = synthetic_views(2, 64, 64, CPU)
    with torch.no_grad():
        reference = encoder(context)
    return encoder, context, reference


def _render(gaussians, size: int = 64) -> torch.Tensor:
    targets = synthetic_views(2, size, size, CPU, seed=1, offset=0.05)
    return render_gaussians(
        gaussians, targets["extrinsics"], targets["intrinsics"], targets["near"], targets["far"], (size, size),
        backend="torch",
    ).color  # fmt: skip


def _psnr(a: torch.Tensor, b: torch.Tensor) -> float:
    return 10 * math.log10(1.0 / (a - b).square().mean().item())


def test_position_embedding_resize_is_cached_and_follows_weight_changes():
    vit = vit_small(img_size=56).eval()  # 4x4 stored grid, resized to 3x5 below
    tokens = torch.zeros(1, 16, 384)
    with torch.no_grad():
        fresh = vit._resize_pos_encoding(torch.float32, 42, 70)
        cached = vit.interpolate_pos_encoding(tokens, 42, 70)
        assert torch.equal(cached, fresh)
        assert vit.interpolate_pos_encoding(tokens, 42, 70) is cached  # built once
        # Loading new weights writes the parameter in place: the cache must not serve the old grid.
        state = {k: v + 1.0 if k == "pos_embed" else v for k, v in vit.state_dict().items()}
        vit.load_state_dict(state)
        again = vit.interpolate_pos_encoding(tokens, 42, 70)
        assert torch.allclose(again, fresh + 1.0, atol=1e-5)
    # With autograd the embedding stays differentiable (no cache).
    assert vit.interpolate_pos_encoding(tokens, 42, 70).requires_grad


def test_bf16_plan_drift_from_fp32_is_within_issue_bounds(small_encoder_and_fp32):
    encoder, context, reference = small_encoder_and_fp32
    encoder.precision_on_cpu = True
    encoder.cfg.precision = "bf16"
    try:
        with torch.no_grad():
            output = encoder(context)
    finally:
        encoder.cfg.precision, encoder.precision_on_cpu = "fp32", False
    depth, ref_depth = output["depths"], reference["depths"]
    assert depth.dtype == torch.float32
    relative = ((depth - ref_depth).abs() / ref_depth).flatten()
    assert 0 < relative.median().item() <= 0.005  # bf16 really ran, within 0.5 %
    assert _psnr(_render(output["gaussians"]), _render(reference["gaussians"])) >= 40.0


def test_bf16_weight_copies_give_the_same_numbers_as_per_call_autocast(small_encoder_and_fp32):
    encoder, _, _ = small_encoder_and_fp32
    context = synthetic_views(2, 32, 32, CPU)  # two bf16 calls with interpreted kernels: the smallest views
    encoder.precision_on_cpu = True
    encoder.cfg.precision = "bf16"
    try:
        # (without the NHWC depth upsampler and U-Net: their layout, not the copies, would change the sums' order)
        with torch.no_grad(), conv_fast_paths(nhwc_depth_upsampler=False, nhwc_unet=False):
            once = encoder(context)["depths"]
            cache = encoder.__dict__["_bf16_weights"]
            copies = {type(module).__name__ for _, module in cache._copies.values()}
            assert copies == {"DinoVisionTransformer", "ViewSequential", "DPTHead"}
            layers = [layer for _, m in cache._copies.values() for layer in m.modules() if isinstance(layer, CAST_ONCE_MODULES)]
            assert layers and all(layer.weight.dtype == torch.bfloat16 for layer in layers)
            encoder.__dict__["_bf16_weights"] = None  # per-call autocast casts
            per_call = encoder(context)["depths"]
            encoder.__dict__["_bf16_weights"] = cache
            # A weight change (in place, as load_state_dict does) rebuilds the copies.
            weight = encoder.depth_predictor.pretrained.blocks[0].mlp.fc1.weight
            before = cache.get(encoder.depth_predictor.pretrained)
            weight.mul_(1.0)
            assert cache.get(encoder.depth_predictor.pretrained) is not before
    finally:
        encoder.cfg.precision, encoder.precision_on_cpu = "fp32", False
    assert torch.equal(once, per_call)


def test_float16_window_attention_matches_float32():
    torch.manual_seed(0)
    b, m, h, w, c = 2, 2, 8, 8, 32
    query, key, value = torch.randn(b, h * w, c), torch.randn(b, m, h * w, c), torch.randn(b, m, h * w, c)
    for shifted in (False, True):
        exact = window_attention(query, key, value, h, w, 2, shifted, num_heads=2)
        half = window_attention(query, key, value, h, w, 2, shifted, num_heads=2, compute_dtype=torch.float16)
        assert half.dtype == torch.float32
        assert torch.allclose(half, exact, atol=5e-3), (shifted, (half - exact).abs().max())


def test_channels_last_convolutions_give_the_fp32_outputs(small_encoder_and_fp32):
    _, context, reference = small_encoder_and_fp32
    torch.manual_seed(0)
    encoder = build_encoder("small", CPU, channels_last=True)
    with torch.no_grad():
        output = encoder(context)
    assert torch.allclose(output["depths"], reference["depths"], rtol=1e-4, atol=1e-4)
    for field in ("means", "covariances", "harmonics", "opacities"):
        assert torch.allclose(getattr(output["gaussians"], field), getattr(reference["gaussians"], field), atol=1e-4), field


def test_gaussian_heads_in_view_chunks_give_the_same_outputs(monkeypatch):
    from splatbench.model.encoder import depthsplat

    torch.manual_seed(0)
    encoder = build_encoder("tiny", CPU)
    context = synthetic_views(3, 32, 48, CPU)
    with torch.no_grad():
        whole = encoder(context)
        monkeypatch.setattr(depthsplat, "HEAD_CHUNK_PIXELS", 32 * 48)  # one view per pass
        assert encoder._head_views(torch.zeros(3, 1, 32, 48)) == 1
        chunked = encoder(context)
    for field in ("means", "covariances", "harmonics", "opacities"):
        # Equal up to float32 rounding (convolutions of a smaller batch may pick another algorithm).
        assert torch.allclose(getattr(chunked["gaussians"], field), getattr(whole["gaussians"], field), rtol=1e-5, atol=1e-5), field


def test_float16_attention_only_without_autograd():
    from splatbench.model.encoder.precision import MixedPrecision

    plan = MixedPrecision("bf16-all", CPU, allow_cpu=True)
    with torch.no_grad():
        assert plan.attention_dtype == torch.float16
    assert plan.attention_dtype is None  # training: no float16 gradients
    assert MixedPrecision("bf16", CPU).attention_dtype is None  # plans apply on CUDA only


def test_bf16_all_correlates_bf16_features_only_in_inference(monkeypatch):
    from splatbench.model.encoder.precision import MixedPrecision
    from splatbench.model.encoder.unimatch import mv_unimatch

    plan = MixedPrecision("bf16-all", CPU, allow_cpu=True)
    with torch.no_grad():
        assert plan.cost_volume_dtype == torch.bfloat16
        assert MixedPrecision("bf16", CPU, allow_cpu=True).cost_volume_dtype is None  # float32 parts stay float32
    assert plan.cost_volume_dtype is None  # training: the features' own dtype

    seen = []
    original = mv_unimatch.correlation_cost_volume

    def recording(ref, others, *args, **kwargs):
        seen.append((ref.dtype, others.dtype))
        return original(ref, others, *args, **kwargs)

    monkeypatch.setattr(mv_unimatch, "correlation_cost_volume", recording)
    torch.manual_seed(0)
    encoder = build_encoder("tiny", CPU)
    encoder.precision_on_cpu = True
    encoder.cfg.precision = "bf16-all"
    with torch.no_grad():
        encoder(synthetic_views(2, 32, 32, CPU))
    assert seen and all(dtypes == (torch.bfloat16, torch.bfloat16) for dtypes in seen)
