"""The multi-view transformer's grouped window attention (mask-free, one segment per window region,
keys projected once per view) against an independent float64 oracle of the reference's shifted
window attention, and the grouped transformer / tiny encoder against the reference schedule.

The oracle works pixel by pixel on the un-shifted map: a query and a key may meet when the cyclic
shift puts them in one window and the reference's mask allows it. That mask is tiled over the
key axis as [mask, mask, ...] while the reference orders keys (position, view), so key (position
p, view slot s) of a window is masked by the region of window position (p * key_views + s) mod
tokens; the regions are the 3x3 bands of the shifted map, written out here from the slices of the
reference's mask builder."""

from __future__ import annotations

import math

import pytest
import torch

from splatbench.evaluation.speed import build_encoder, synthetic_views
from splatbench.model.encoder.unimatch.mv_transformer import (
    MultiViewFeatureTransformer,
    fused_layer_norm,
    gather_views,
    grouped_window_attention,
    resolve_window_backend,
    window_attention,
)
from splatbench.model.encoder.unimatch.windows import window_groups

CPU = torch.device("cpu")


def _bands(size: int, window: int, shift: int) -> list[int]:
    """Band (0, 1, 2) of each shifted row or column, as the reference's slices assign them."""
    band = [0] * size
    for label, part in enumerate((slice(0, -window), slice(-window, -shift), slice(-shift, None))):
        for index in range(size)[part]:
            band[index] = label
    return band


def oracle_window_attention(query, key, value, view_index, height, width, splits, shifted, heads):
    """float64 softmax attention with an explicit boolean mask per (query pixel, key pixel, view slot)."""
    scenes, views, tokens, c = key.shape
    key_views = view_index.shape[-1]
    wh, ww = height // splits, width // splits
    shift = shifted and splits > 1
    sh, sw = (wh // 2, ww // 2) if shift else (0, 0)
    row_band, col_band = _bands(height, wh, sh), _bands(width, ww, sw)

    pixel = torch.arange(tokens)
    y, x = (pixel // width - sh) % height, (pixel % width - sw) % width  # where the shift puts each pixel
    window, position = (y // wh) * splits + x // ww, (y % wh) * ww + x % ww
    # region[window, position]: the band labels of the shifted map, window by window
    band_y = torch.tensor(row_band).view(splits, wh)
    band_x = torch.tensor(col_band).view(splits, ww)
    region = (band_y[:, None, :, None] * 3 + band_x[None, :, None, :]).reshape(splits * splits, wh * ww)
    if not shift:
        region = torch.zeros_like(region)
    allowed = torch.zeros(tokens, key_views * tokens, dtype=torch.bool)
    for slot in range(key_views):
        column = (position * key_views + slot) % (wh * ww)  # the reference's mask column of key (pixel, slot)
        same_window = window[None, :] == window[:, None]
        same_region = region[window[:, None], column[None, :]] == region[window, position][:, None]
        allowed[:, slot * tokens:(slot + 1) * tokens] = same_window & same_region
    d = c // heads
    keys = gather_views(key, view_index).flatten(0, 1).flatten(1, 2)  # [batch, slot * tokens, c]
    values = gather_views(value, view_index).flatten(0, 1).flatten(1, 2)
    q = query.view(-1, tokens, heads, d).transpose(1, 2)
    k = keys.view(-1, key_views * tokens, heads, d).transpose(1, 2)
    v = values.view(-1, key_views * tokens, heads, d).transpose(1, 2)
    scores = (q @ k.transpose(-1, -2) / math.sqrt(d)).masked_fill(~allowed, float("-inf"))
    return (torch.softmax(scores, -1) @ v).transpose(1, 2).reshape(query.shape)


def _inputs(height, width, key_views, channels=16, scenes=2, views=3, seed=0, dtype=torch.float64):
    generator = torch.Generator().manual_seed(seed)
    query = torch.randn(scenes * views, height * width, channels, generator=generator, dtype=dtype)
    key = torch.randn(scenes, views, height * width, channels, generator=generator, dtype=dtype)
    value = torch.randn(scenes, views, height * width, channels, generator=generator, dtype=dtype)
    view_index = torch.stack([torch.stack([torch.randperm(views, generator=generator)[:key_views]
                                           for _ in range(views)]) for _ in range(scenes)])
    return query, key, value, view_index


CASES = [  # (height, width, splits): windows 4x6, 2x3 (odd shifts), 2x4, 1x2 (no row shift), one window
    (8, 12, 2), (4, 6, 2), (6, 12, 3), (4, 8, 4), (8, 12, 1),
]


@pytest.mark.parametrize("height,width,splits", CASES)
@pytest.mark.parametrize("key_views", [1, 2])
@pytest.mark.parametrize("shifted", [False, True])
def test_grouped_and_reference_match_the_float64_oracle(height, width, splits, key_views, shifted):
    query, key, value, view_index = _inputs(height, width, key_views)
    heads = 2 if key_views == 2 else 1
    expected = oracle_window_attention(query, key, value, view_index, height, width, splits, shifted, heads)
    grouped = grouped_window_attention(query, key, value, view_index, height, width, splits, shifted, heads)
    assert (grouped - expected).abs().max() < 1e-12
    # The oracle's reading of the reference's mask tiling is the reference's: its own path agrees.
    reference = window_attention(query, gather_views(key, view_index).flatten(0, 1),
                                 gather_views(value, view_index).flatten(0, 1), height, width, splits, shifted, heads)
    assert (reference - expected).abs().max() < 1e-12


def test_grouped_gradients_match_the_reference():
    query, key, value, view_index = _inputs(8, 12, 2, channels=8)
    gradients = {}
    for name in ("reference", "grouped"):
        inputs = [t.clone().requires_grad_() for t in (query, key, value)]
        q, k, v = inputs
        if name == "grouped":
            out = grouped_window_attention(q, k, v, view_index, 8, 12, 2, True, 2)
        else:
            out = window_attention(q, gather_views(k, view_index).flatten(0, 1), gather_views(v, view_index).flatten(0, 1),
                                   8, 12, 2, True, 2)
        (out * torch.linspace(-1, 1, out.numel(), dtype=out.dtype).view(out.shape)).sum().backward()
        gradients[name] = [t.grad for t in inputs]
    for reference, grouped in zip(gradients["reference"], gradients["grouped"]):
        assert (grouped - reference).abs().max() < 1e-12


@pytest.mark.parametrize("shifted", [False, True])
def test_float16_grouped_attention_is_within_float16_rounding_of_the_oracle(shifted):
    query, key, value, view_index = _inputs(8, 12, 2, channels=32, dtype=torch.float32)
    expected = oracle_window_attention(query.double(), key.double(), value.double(), view_index, 8, 12, 2, shifted, 1)
    half = grouped_window_attention(query, key, value, view_index, 8, 12, 2, shifted, 1, compute_dtype=torch.float16)
    assert half.dtype == torch.float32
    # q, k, v rounded to float16 (2^-11 relative): scores of |q||k|/sqrt(d) ~ 6 move by ~0.006.
    assert (half.double() - expected).abs().max() < 1e-2


def test_groups_cover_every_pixel_once_and_batch_equal_segments():
    plan = window_groups(8, 12, 2, True, 2, CPU)
    assert torch.equal(plan.query_pixels.sort().values, torch.arange(96))
    # each key view's pixels appear once each
    for slot in range(2):
        assert torch.equal(plan.key_pixels[plan.key_view_slots == slot].sort().values, torch.arange(96))
    # windows of 4x6 shifted by 2x3: one whole window, 2 + 2 halves, 4 quarters
    assert plan.groups == ((0, 1, 24), (24, 4, 12), (72, 4, 6))
    assert window_groups(8, 12, 2, False, 1, CPU).groups == ((0, 4, 24),)


def test_transformer_schedules_agree():
    torch.manual_seed(1)
    transformer = MultiViewFeatureTransformer(num_layers=2, d_model=32, num_heads=2).eval()
    features = torch.randn(1, 4, 32, 8, 12)
    neighbours = torch.tensor([[[0, 2, 1], [1, 3, 0], [2, 0, 3], [3, 1, 2]]])  # 2 key views each
    outputs = {}
    with torch.no_grad():
        for backend in ("reference", "grouped"):
            transformer.window_backend = backend
            outputs[backend] = transformer(features, 2, neighbours, return_all_layers=True)
    exact = outputs["reference"][-1]
    assert len(outputs["grouped"]) == 2
    for reference, grouped in zip(outputs["reference"], outputs["grouped"]):
        assert torch.allclose(grouped, reference, atol=2e-5), (grouped - reference).abs().max()
    # bf16 autocast with float16 attention (the bf16-all plan): the grouped path casts the token
    # stream once per layer where autocast casts per product; same values, so the outputs agree
    # but for a few bf16 rounding flips, far inside what bf16 itself moves them from float32.
    with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16):
        for backend in ("reference", "grouped"):
            transformer.window_backend = backend
            outputs[backend] = transformer(features, 2, neighbours, attention_dtype=torch.float16)[0].float()
    difference = (outputs["grouped"] - outputs["reference"]).abs()
    bf16_drift = (outputs["reference"] - exact).abs()
    assert difference.median() < 1e-3 < bf16_drift.median()
    assert difference.max() < bf16_drift.max() / 2


def test_fused_layer_norm_gives_pytorchs_dtype_and_float64_values():
    norm = torch.nn.LayerNorm(32)
    with torch.no_grad():
        norm.weight.uniform_(0.5, 1.5)
        norm.bias.uniform_(-0.5, 0.5)
    x = torch.randn(2, 24, 32) * 3 + 1
    expected = torch.nn.functional.layer_norm(x.double(), (32,), norm.weight.double(), norm.bias.double(), norm.eps)
    with torch.no_grad():
        plain = fused_layer_norm(norm, x)
        with torch.autocast("cpu", dtype=torch.bfloat16):
            under_autocast = fused_layer_norm(norm, x.bfloat16())
            eager = norm(x.bfloat16())
    assert plain.dtype == torch.float32 and (plain.double() - expected).abs().max() < 1e-5
    assert fused_layer_norm(norm, x, torch.bfloat16).dtype == torch.bfloat16
    assert under_autocast.dtype == eager.dtype  # bf16 on the CPU (CUDA autocast gives float32)
    assert (under_autocast.double() - eager.double()).abs().max() <= 2 ** -8 * eager.abs().max()


def test_backend_choice():
    assert resolve_window_backend("auto", CPU, torch.float16) == "reference"
    assert resolve_window_backend("auto", torch.device("cuda"), None) == "reference"  # the float32 path
    assert resolve_window_backend("auto", torch.device("cuda"), torch.float16) == "grouped"
    # training under bf16-all: the attention runs in autocast's dtype (CUDA autocast stood in: the
    # CPU build of torch switches it off)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(torch, "is_autocast_enabled", lambda device_type=None: device_type == "cuda")
        patch.setattr(torch, "get_autocast_dtype", lambda device_type: torch.bfloat16)
        assert resolve_window_backend("auto", torch.device("cuda"), None) == "grouped"
        assert resolve_window_backend("auto", CPU, None) == "reference"
    assert resolve_window_backend("grouped", CPU, None) == "grouped"
    with pytest.raises(ValueError, match="window attention backend 'flash'"):
        MultiViewFeatureTransformer(num_layers=1, d_model=32, window_backend="flash")


def test_tiny_encoder_grouped_gives_the_reference_depths():
    torch.manual_seed(0)
    encoder = build_encoder("tiny", CPU)
    context = synthetic_views(3, 32, 48, CPU)
    transformer = encoder.depth_predictor.transformer
    outputs = {}
    with torch.no_grad():
        for backend in ("reference", "grouped"):
            transformer.window_backend = backend
            outputs[backend] = encoder(context)
    depths = outputs["reference"]["depths"]
    assert torch.allclose(outputs["grouped"]["depths"], depths, rtol=1e-4, atol=1e-5 * depths.abs().max())
