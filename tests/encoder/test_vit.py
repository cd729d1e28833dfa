"""DINOv2 ViT built locally: parameter names/shapes, intermediate layers, position-embedding resize."""

from __future__ import annotations

import math

import pytest
import torch

from splatbench.model.encoder.vit.dinov2 import DinoVisionTransformer, vit_base, vit_small
from splatbench.model.generated_weights import load_shape_table
from tests.conftest import shared_reference_path



def reference_shapes(preset: str, prefix: str) -> list[tuple[str, tuple[int, ...]]]:
    path = shared_reference_path(f"depthsplat_state_dict_{preset}.tsv")
    return [(key[len(prefix):], shape) for key, shape in load_shape_table(path).items() if key.startswith(prefix)]


@pytest.mark.parametrize(("preset", "builder"), [("small", vit_small), ("base", vit_base)])
def test_parameter_names_and_shapes_match_official(preset, builder):
    with torch.device("meta"):  # shapes only: skips initialising ~100M parameters
        model = builder()
    ours = [(k, tuple(v.shape)) for k, v in model.state_dict().items()]
    assert ours == reference_shapes(preset, "encoder.depth_predictor.pretrained.")
    assert "mask_token" not in dict(ours)


def _tiny_vit(**kwargs) -> DinoVisionTransformer:
    # 4x4 stored grid, small width: same code paths as the real model, fast.
    return DinoVisionTransformer(img_size=56, patch_size=14, embed_dim=32, depth=4, num_heads=2, **kwargs).eval()


def test_intermediate_layers_shapes_and_selection():
    vit = _tiny_vit()
    images = torch.randn(2, 3, 42, 70)
    with torch.no_grad():
        flat = vit.get_intermediate_layers(images, n=[0, 2, 3])
        grids = vit.get_intermediate_layers(images, n=[0, 2, 3], reshape=True)
        last_two = vit.get_intermediate_layers(images, n=2, return_class_token=True)
        raw = vit.get_intermediate_layers(images, n=[3], norm=False)
    assert [tuple(x.shape) for x in flat] == [(2, 15, 32)] * 3
    assert [tuple(x.shape) for x in grids] == [(2, 32, 3, 5)] * 3
    # reshape is a row-major (rows, cols) layout of the token sequence
    torch.testing.assert_close(grids[1][:, :, 1, 4], flat[1][:, 1 * 5 + 4], rtol=0, atol=0)
    # n=2 means the last two blocks
    torch.testing.assert_close(last_two[0][0], flat[1], rtol=0, atol=0)
    assert tuple(last_two[1][1].shape) == (2, 32)
    # norm=True applies the final LayerNorm to the block output
    torch.testing.assert_close(vit.norm(raw[0]), flat[2], rtol=0, atol=1e-6)
    with pytest.raises(ValueError):
        vit.get_intermediate_layers(images, n=[7])


def _bicubic_weights(t: float, a: float = -0.75) -> list[float]:
    def kernel(x: float) -> float:
        x = abs(x)
        if x <= 1:
            return (a + 2) * x**3 - (a + 3) * x**2 + 1
        if x < 2:
            return a * x**3 - 5 * a * x**2 + 8 * a * x - 4 * a
        return 0.0

    return [kernel(t + 1), kernel(t), kernel(1 - t), kernel(2 - t)]


def _resample_axis(grid: torch.Tensor, out_size: int, scale: float, axis: int) -> torch.Tensor:
    """Independent bicubic resampling along one axis: source = (i + 0.5) / scale - 0.5, clamped taps."""
    size = grid.shape[axis]
    rows = []
    for i in range(out_size):
        source = (i + 0.5) / scale - 0.5
        base = math.floor(source)
        weights = _bicubic_weights(source - base)
        taps = [min(max(base - 1 + k, 0), size - 1) for k in range(4)]
        rows.append(sum(w * grid.select(axis, tap) for w, tap in zip(weights, taps)))
    return torch.stack(rows, dim=axis)


def test_pos_embed_bicubic_resize_uses_offset_scale_factor():
    vit = _tiny_vit()
    with torch.no_grad():
        vit.pos_embed.copy_(torch.randn_like(vit.pos_embed))
    height, width = 3 * 14, 6 * 14  # 3x6 tokens from a 4x4 stored grid
    tokens = torch.zeros(1, 1 + 18, 32)
    resized = vit.interpolate_pos_encoding(tokens, height, width)
    stored = vit.pos_embed[0, 1:].reshape(4, 4, 32).double()
    expected = _resample_axis(stored, 3, (3 + 0.1) / 4, axis=0)
    expected = _resample_axis(expected, 6, (6 + 0.1) / 4, axis=1).reshape(18, 32)
    torch.testing.assert_close(resized[0, 1:].double(), expected, rtol=0, atol=1e-5)
    torch.testing.assert_close(resized[0, :1], vit.pos_embed[0, :1], rtol=0, atol=0)
    # Without the +0.1 offset the sampling positions differ measurably.
    plain = _resample_axis(_resample_axis(stored, 3, 3 / 4, axis=0), 6, 6 / 4, axis=1).reshape(18, 32)
    assert (plain - expected).abs().max() > 1e-2
    # The stored square size is used as is.
    assert vit.interpolate_pos_encoding(torch.zeros(1, 17, 32), 56, 56) is vit.pos_embed


def test_forward_on_non_square_image_is_finite():
    vit = _tiny_vit()
    with torch.no_grad():
        out = vit(torch.rand(1, 3, 28, 42))
    assert out.shape == (1, 32)
    assert torch.isfinite(out).all()
    with pytest.raises(ValueError):
        vit(torch.rand(1, 3, 30, 42))
