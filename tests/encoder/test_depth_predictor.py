"""Depth predictor parts: window attention, cost volume geometry, U-Net cross-view attention,
and MultiViewUniMatch forwards (2 views, 4 views with nearest-view matching, no ViT: mvsplat_lite)."""

from __future__ import annotations

import math

import pytest
import torch

from splatbench.model.encoder.unimatch.attention import attention
from splatbench.model.encoder.unimatch.cost_volume import (
    correlation_cost_volume,
    local_inverse_depth_candidates,
    uniform_inverse_depth_candidates,
    warp_to_depth_planes,
)
from splatbench.model.encoder.unimatch.mv_transformer import MultiViewFeatureTransformer, window_attention
from splatbench.model.encoder.unimatch.mv_unimatch import MultiViewUniMatch
from splatbench.model.encoder.unimatch.unet import AttentionBlock
from splatbench.model.encoder.unimatch.windows import (
    merge_windows,
    shifted_window_mask,
    split_windows,
)


@pytest.fixture(autouse=True, scope="module")
def _native_convolutions():
    """oneDNN compiles a kernel per new convolution shape on first use (seconds each on 2 cores);
    these tests touch many shapes once, so the native kernels are faster overall."""
    previous = torch.backends.mkldnn.enabled
    torch.backends.mkldnn.enabled = False
    yield
    torch.backends.mkldnn.enabled = previous


def test_windows_round_trip_and_order():
    x = torch.arange(2 * 3 * 8 * 8, dtype=torch.float32).view(2, 3, 8, 8)
    windows = split_windows(x, 2)
    assert windows.shape == (8, 3, 4, 4)
    # window 1 of batch 0 is the top-right quarter
    assert torch.equal(windows[1], x[0, :, :4, 4:])
    assert torch.equal(merge_windows(windows, 2), x)


def test_shifted_window_mask_regions():
    mask = shifted_window_mask(8, 8, 2)
    assert mask.shape == (4, 16, 16)
    # the top-left window after the shift holds a single region: nothing masked
    assert mask[0].abs().max() == 0
    # the bottom-right window holds four regions of 2x2 tokens each: 16*4 pairs same-region
    assert (mask[3] == 0).sum() == 4 * 4 * 4
    assert set(mask.unique().tolist()) == {-100.0, 0.0}


def test_sdpa_matches_explicit_softmax():
    q, k, v = torch.randn(3, 2, 5, 8), torch.randn(3, 2, 7, 8), torch.randn(3, 2, 7, 8)
    mask = torch.randn(5, 7)
    expected = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(8) + mask, dim=-1) @ v
    for backend in ("sdpa", "math"):
        assert torch.allclose(attention(q, k, v, mask, backend), expected, atol=1e-6)


def test_window_attention_single_window_is_full_attention():
    b, h, w, c = 2, 4, 4, 8
    q, k, v = torch.randn(b, h * w, c), torch.randn(b, 2, h * w, c), torch.randn(b, 2, h * w, c)
    out = window_attention(q, k, v, h, w, num_splits=1)
    # keys of both views pooled, order (position, view) irrelevant without a mask
    keys, values = k.flatten(1, 2), v.flatten(1, 2)
    expected = torch.softmax(q @ keys.transpose(1, 2) / math.sqrt(c), dim=-1) @ values
    assert torch.allclose(out, expected, atol=1e-5)


def test_transformer_backends_agree_and_neighbours_select_views():
    torch.manual_seed(1)
    transformer = MultiViewFeatureTransformer(num_layers=2, d_model=32).eval()
    features = torch.randn(1, 4, 32, 8, 8)
    with torch.no_grad():
        sdpa = transformer(features, 2)[0]
        for layer in transformer.layers:
            layer.self_attn.attention_backend = layer.cross_attn_ffn.attention_backend = "math"
        math_out = transformer(features, 2)[0]
        # neighbours listing every other view in increasing order == default behaviour
        all_views = torch.tensor([[[0, 1, 2, 3], [1, 0, 2, 3], [2, 0, 1, 3], [3, 0, 1, 2]]])
        explicit = transformer(features, 2, all_views)[0]
    assert torch.allclose(sdpa, math_out, atol=1e-4)
    assert torch.allclose(explicit, math_out, atol=1e-6)


def test_unet_attention_mixes_views():
    block = AttentionBlock(32)
    torch.nn.init.normal_(block.proj_out.weight, std=0.1)
    x = torch.randn(2, 32, 4, 4)  # one scene, two views
    with torch.no_grad():
        joint = block(x, num_views=2)
        x2 = x.clone()
        x2[1] = torch.randn(32, 4, 4)
        changed = block(x2, num_views=2)
        separate = block(x, num_views=1)
    # view 0's output depends on view 1 only in cross-view mode
    assert not torch.allclose(joint[0], changed[0])
    assert not torch.allclose(joint[0], separate[0])


def test_warp_recovers_translated_features_at_true_depth():
    """Fronto-parallel plane at depth z, camera shifted by t along x: disparity fx*t/z pixels."""
    h, w, c = 12, 20, 64
    fx = 10.0
    z, t = 2.0, 0.8  # disparity 4 pixels
    intrinsics = torch.tensor([[[fx, 0, w / 2], [0, fx, h / 2], [0, 0, 1]]])
    ref = torch.randn(1, c, h, w)
    other = torch.zeros_like(ref)
    other[..., :-4] = ref[..., 4:]  # the other camera sits 0.8 to the right: content moves left
    ref_c2w = torch.eye(4)[None]
    other_c2w = torch.eye(4)[None].clone()
    other_c2w[0, 0, 3] = t
    ref_to_other = torch.linalg.inv(other_c2w) @ ref_c2w
    depths = torch.tensor([1.0, z, 4.0]).view(1, 3, 1, 1).expand(1, 3, h, w)
    warped = warp_to_depth_planes(other, intrinsics, ref_to_other, depths)
    assert torch.allclose(warped[:, :, 1, :, 4:], ref[..., 4:], atol=1e-5)
    inv_candidates = (1.0 / depths).contiguous()
    cost = correlation_cost_volume(ref, other[:, None], intrinsics, ref_c2w, other_c2w[:, None], inv_candidates)
    assert cost.shape == (1, 3, h, w)
    assert (cost[0, :, :, 6:-6].argmax(dim=0) == 1).float().mean() > 0.9


def test_depth_candidates():
    lo, hi = torch.tensor([0.01, 0.1]), torch.tensor([2.0, 1.0])
    uniform = uniform_inverse_depth_candidates(lo, hi, 5)
    assert torch.allclose(uniform[:, :, 0, 0], torch.stack([torch.linspace(0.01, 2.0, 5), torch.linspace(0.1, 1, 5)]))
    coarse = torch.full((2, 1, 3, 3), 0.5)
    local = local_inverse_depth_candidates(coarse, lo, hi, 4, 128, 1)
    step0 = (2.0 - 0.01) / 127 / 2
    assert torch.allclose(local[0, :, 0, 0], 0.5 + step0 * torch.tensor([-2.0, -1.0, 0.0, 1.0]), atol=1e-6)


def _cameras(batch: int, views: int, size: int):
    intrinsics = torch.tensor([[1.0, 0, 0.5], [0, 1.0, 0.5], [0, 0, 1]]).expand(batch, views, 3, 3).clone()
    extrinsics = torch.eye(4).expand(batch, views, 4, 4).clone()
    for i in range(views):
        extrinsics[:, i, 0, 3] = 0.3 * i
        extrinsics[:, i, 1, 3] = 0.02 * i * i
    near = torch.full((batch, views), 0.5)
    far = torch.full((batch, views), 100.0)
    return intrinsics, extrinsics, near, far


def _tiny_predictor(**overrides) -> MultiViewUniMatch:
    settings = dict(
        feature_channels=32, num_transformer_layers=2, num_depth_candidates=16, unet_channels=32, use_monodepth=False
    )
    settings.update(overrides)
    return MultiViewUniMatch(**settings).eval()


@pytest.mark.parametrize("views", [2, 4])
def test_predictor_forward_shapes_and_range(views):
    predictor = _tiny_predictor()
    images = torch.rand(1, views, 3, 64, 64)
    intrinsics, extrinsics, near, far = _cameras(1, views, 64)
    neighbours = None
    if views > 3:
        centres = extrinsics[:, :, :3, 3]
        neighbours = torch.argsort(torch.cdist(centres, centres))[:, :, :3]
    with torch.no_grad():
        out = predictor(images, intrinsics, extrinsics, near, far, neighbours)
    assert len(out.depth_preds) == 1
    depth = out.depth_preds[0]
    assert depth.shape == (1, views, 64, 64)
    assert torch.isfinite(depth).all()
    assert depth.min() >= 0.5 - 1e-5 and depth.max() <= 100.0 + 1e-3
    assert out.match_probs[0].shape == (views, 16, 16, 16)
    assert torch.allclose(out.match_probs[0].sum(1), torch.ones(views, 16, 16), atol=1e-5)


def test_predictor_two_scales_training_returns_intermediate_depth():
    predictor = _tiny_predictor(num_scales=2, upsample_factor=2, unet_channels=64).train()
    images = torch.rand(1, 2, 3, 32, 32)
    out = predictor(images, *_cameras(1, 2, 32))
    assert [d.shape for d in out.depth_preds] == [(1, 2, 32, 32)] * 2
    assert [p.shape[1] for p in out.match_probs] == [16, 4]
    out.depth_preds[-1].mean().backward()
    assert predictor.backbone.conv1.weight.grad is not None


def test_predictor_with_vit_small():
    predictor = MultiViewUniMatch(num_transformer_layers=1, num_depth_candidates=16, unet_channels=32).eval()
    with torch.no_grad():
        out = predictor(torch.rand(1, 2, 3, 64, 64), *_cameras(1, 2, 64))
    assert out.depth_preds[-1].shape == (1, 2, 64, 64)
    assert len(out.dpt_features) == 4 and out.dpt_features[0].shape == (2, 384, 8, 8)


def test_cost_volume_stays_float32_under_autocast():
    torch.manual_seed(2)
    h, w, c = 8, 12, 16
    intrinsics = torch.tensor([[[10.0, 0, w / 2], [0, 10.0, h / 2], [0, 0, 1]]])
    other_c2w = torch.eye(4)[None, None].clone()
    other_c2w[0, 0, :3, 3] = torch.tensor([0.31, -0.07, 0.05])
    ref, other = torch.randn(1, c, h, w), torch.randn(1, 1, c, h, w)
    candidates = uniform_inverse_depth_candidates(torch.tensor([0.05]), torch.tensor([1.0]), 6).expand(1, 6, h, w)
    arguments = (ref, other, intrinsics, torch.eye(4)[None], other_c2w, candidates)
    expected = correlation_cost_volume(*arguments)
    with torch.autocast("cpu", dtype=torch.bfloat16):
        cost = correlation_cost_volume(*arguments)
    assert cost.dtype == torch.float32
    assert torch.allclose(cost, expected, atol=1e-6)
