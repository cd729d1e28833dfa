"""DPT head and ViT feature pyramid: official names/shapes, output shapes, zero-initialised residual."""

from __future__ import annotations


import pytest
import torch

from splatbench.model.encoder.heads.dpt import DPT_VIT_CONFIGS, DPTHead
from splatbench.model.encoder.heads.vit_fpn import ViTFeaturePyramid
from splatbench.model.generated_weights import load_shape_table
from tests.conftest import shared_reference_path


# preset -> (vit type, num_scales, upsample_factor); lowest_feature_resolution is 4 for both
PRESETS = {"small": ("vits", 1, 4), "base": ("vitb", 2, 2)}


def reference_shapes(preset: str, prefix: str) -> list[tuple[str, tuple[int, ...]]]:
    path = shared_reference_path(f"depthsplat_state_dict_{preset}.tsv")
    return [(key[len(prefix):], shape) for key, shape in load_shape_table(path).items() if key.startswith(prefix)]


def build_head(preset: str, return_feature: bool) -> DPTHead:
    vit, num_scales, upsample = PRESETS[preset]
    config = DPT_VIT_CONFIGS[vit]
    return DPTHead(
        config["in_channels"],
        config["feature_features" if return_feature else "depth_features"],
        config["out_channels"],
        downsample_factor=upsample,
        return_feature=return_feature,
        num_scales=num_scales,
    )


@pytest.mark.parametrize("preset", sorted(PRESETS))
@pytest.mark.parametrize(
    ("return_feature", "prefix"),
    [(False, "encoder.depth_predictor.upsampler."), (True, "encoder.feature_upsampler.")],
)
def test_names_and_shapes_match_official(preset, return_feature, prefix):
    ours = [(k, tuple(v.shape)) for k, v in build_head(preset, return_feature).state_dict().items()]
    assert ours == reference_shapes(preset, prefix)


@pytest.mark.parametrize("preset", ["base"])
def test_pyramids_match_official(preset):
    assert [(k, tuple(v.shape)) for k, v in ViTFeaturePyramid(128, [1, 2]).state_dict().items()] == reference_shapes(
        preset, "encoder.depth_predictor.mv_pyramid."
    )
    assert [(k, tuple(v.shape)) for k, v in ViTFeaturePyramid(768, [1, 2]).state_dict().items()] == reference_shapes(
        preset, "encoder.depth_predictor.mono_pyramid."
    )


def _inputs(preset: str, size: int = 64, batch: int = 2):
    """Feature maps as DepthSplat feeds them for a size x size image (lowest resolution 1/4)."""
    vit, num_scales, _ = PRESETS[preset]
    channels = DPT_VIT_CONFIGS[vit]["in_channels"]
    vit_maps = [torch.randn(batch, channels, size // 8, size // 8) for _ in range(4)]
    cnn = [torch.randn(batch, c, size // s, size // s) for c, s in ((64, 2), (96, 2), (128, 4))]
    if num_scales == 1:
        mv = torch.randn(batch, 128, size // 4, size // 4)
        depth = torch.rand(batch, 1, size // 4, size // 4)
    else:
        mv = [torch.randn(batch, 64, size // 2, size // 2), torch.randn(batch, 128, size // 4, size // 4)]
        depth = torch.rand(batch, 1, size // 2, size // 2)
    return vit_maps, cnn, mv, depth


@pytest.mark.parametrize(("preset", "feature_channels"), [("small", 64), ("base", 96)])
def test_output_shapes_and_zero_initial_residual(preset, feature_channels):
    torch.manual_seed(0)
    vit_maps, cnn, mv, depth = _inputs(preset)
    depth_head = build_head(preset, return_feature=False).eval()
    feature_head = build_head(preset, return_feature=True).eval()
    with torch.no_grad():
        residual = depth_head(vit_maps, cnn_features=cnn, mv_features=mv, depth=depth)
        features = feature_head(vit_maps, cnn_features=cnn, mv_features=mv)
    assert residual.shape == (2, 1, 64, 64)
    assert features.shape == (2, feature_channels, 64, 64)
    assert torch.count_nonzero(residual) == 0  # zero-initialised last conv: residual starts at 0
    assert features.abs().max() > 0 and torch.isfinite(features).all()


def test_depth_is_required_for_the_depth_head():
    vit_maps, cnn, mv, _ = _inputs("small")
    with pytest.raises(ValueError, match="depth is required"):
        build_head("small", return_feature=False)(vit_maps, cnn_features=cnn, mv_features=mv)


def test_depth_channel_reaches_the_output():
    torch.manual_seed(0)
    head = build_head("small", return_feature=False).eval()
    torch.nn.init.normal_(head.scratch.output_conv[-1].weight, std=0.1)
    vit_maps, cnn, mv, depth = _inputs("small", batch=1)
    with torch.no_grad():
        first = head(vit_maps, cnn_features=cnn, mv_features=mv, depth=depth)
        second = head(vit_maps, cnn_features=cnn, mv_features=mv, depth=depth + 1.0)
    assert (first - second).abs().max() > 1e-6


def test_pyramid_scales():
    pyramid = ViTFeaturePyramid(32, [0.5, 1, 2, 4])
    outputs = pyramid(torch.randn(1, 32, 8, 8))
    assert [tuple(o.shape) for o in outputs] == [(1, 32, 4, 4), (1, 32, 8, 8), (1, 16, 16, 16), (1, 8, 32, 32)]
    with pytest.raises(ValueError):
        ViTFeaturePyramid(32, [3])
