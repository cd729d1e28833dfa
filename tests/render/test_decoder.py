"""DecoderSplatting: registry, config defaults, background buffer, depth modes."""

from __future__ import annotations

import pytest
import torch

from splatbench.model.decoder import DECODERS, DecoderSplatting, DecoderSplattingCfg, get_decoder
from splatbench.render import render_gaussians
from splatbench.render.synthetic import random_scene


def test_config_defaults_reproduce_the_reference():
    cfg = DecoderSplattingCfg()
    assert (cfg.name, cfg.backend, cfg.principal_point, cfg.scale_invariant, cfg.depth_normalize) == (
        "splatting_cuda", "auto", "symmetric", True, False,
    )  # fmt: skip
    assert DECODERS == {"splatting_cuda": DecoderSplatting}
    with pytest.raises(ValueError, match="unknown decoder"):
        get_decoder(DecoderSplattingCfg(name="splatting_opengl"))


def test_decoder_renders_like_render_gaussians_with_its_background():
    scene = random_scene(batch=2, views=2, count=15, image_shape=(20, 28), seed=2)
    decoder = get_decoder(DecoderSplattingCfg(), background_color=(0.0, 1.0, 0.0))
    assert "background_color" not in decoder.state_dict()
    out = decoder(scene.gaussians, scene.extrinsics, scene.intrinsics, scene.near, scene.far, scene.image_shape)
    direct = render_gaussians(
        scene.gaussians, scene.extrinsics, scene.intrinsics, scene.near, scene.far, scene.image_shape, background_color=(0.0, 1.0, 0.0)
    )
    assert out.color.shape == (2, 2, 3, 20, 28) and out.depth.shape == out.alpha.shape == (2, 2, 20, 28)
    assert torch.equal(out.color, direct.color) and torch.equal(out.depth, direct.depth)
    empty = out.alpha < 1e-6
    assert empty.any() and torch.allclose(out.color[:, :, 1][empty], torch.ones(int(empty.sum())))


def test_depth_modes():
    scene = random_scene(batch=1, views=1, count=400, image_shape=(16, 16), seed=3, dtype=torch.float64)
    decoder = DecoderSplatting(DecoderSplattingCfg(depth_normalize=True))
    args = (scene.gaussians, scene.extrinsics, scene.intrinsics, scene.near, scene.far, scene.image_shape)
    depth = decoder(*args).depth
    disparity = decoder(*args, depth_mode="disparity").depth
    log_depth = decoder(*args, depth_mode="log").depth
    covered = decoder(*args).alpha > 0.5
    # Normalised expectations: E[1/z] >= 1/E[z] (Jensen), E[log z] <= log E[z].
    assert (disparity[covered] >= 1 / depth[covered] - 1e-12).all()
    assert (log_depth[covered] <= depth[covered].log() + 1e-12).all()
    assert ((depth[covered] > 1.5) & (depth[covered] < 10)).all()



def test_tile_size_reaches_the_renderer():
    decoder = DecoderSplatting(DecoderSplattingCfg(tile_size=8))
    assert decoder.raster_settings.tile_size == 8 and decoder.raster_settings.alpha_max == 0.99
    scene = random_scene(batch=1, views=1, count=200, image_shape=(20, 20), seed=4, dtype=torch.float64)
    args = (scene.gaussians, scene.extrinsics, scene.intrinsics, scene.near, scene.far, scene.image_shape)
    assert torch.isfinite(decoder(*args).color).all()
