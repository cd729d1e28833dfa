"""Depth-only checkpoints (``checkpointing.pretrained_depth``, ``{"model": ...}``, strict) for the
small and base depth models, tested with weights generated from parameter names.

Small: the depth predictor's keys and shapes equal the reference table's ``encoder.depth_predictor.*``
subset. Base (``num_scales=2``, ``lowest_feature_resolution=8``, ``upsample_factor=4``, ViT-B, as
``scripts/inference_depth.sh``): the model zoo lists 36 M and 111 M parameters for the two files.
"""

from __future__ import annotations

import pytest
import torch

from splatbench.model.checkpoints import CheckpointMismatchError, load_pretrained_weights
from splatbench.model.encoder.config import depth_preset
from splatbench.model.encoder.depthsplat import EncoderDepthSplat
from splatbench.model.generated_weights import fill_weights_from_names, load_shape_table, write_fake_official_checkpoint

MODEL_ZOO_MILLIONS = {"small": 36, "base": 111}


def context(views: int = 2, size: int = 64) -> dict:
    generator = torch.Generator().manual_seed(0)
    extrinsics = torch.eye(4).repeat(1, views, 1, 1)
    extrinsics[0, :, 0, 3] = 0.2 * torch.arange(views)
    return {
        "image": torch.rand(1, views, 3, size, size, generator=generator),
        "extrinsics": extrinsics,
        "intrinsics": torch.tensor([[0.8, 0, 0.5], [0, 0.8, 0.5], [0, 0, 1]]).repeat(1, views, 1, 1),
        "near": torch.full((1, views), 0.5),
        "far": torch.full((1, views), 100.0),
    }


def test_small_depth_model_has_the_reference_depth_predictor_keys(shared_data):
    reference = {
        key: shape
        for key, shape in load_shape_table(shared_data.parent / "reference" / "depthsplat_state_dict_small.tsv").items()
        if key.startswith("encoder.depth_predictor.")
    }
    with torch.device("meta"):
        encoder = EncoderDepthSplat(depth_preset("small"))
    ours = {f"encoder.{k}": tuple(v.shape) for k, v in encoder.state_dict().items()}
    assert ours == reference


@pytest.mark.parametrize("preset", ["small", "base"])
def test_depth_checkpoint_loads_strictly_and_predicts(tmp_path, preset):
    torch.manual_seed(0)
    source = fill_weights_from_names(EncoderDepthSplat(depth_preset(preset)), prefix="encoder.")
    state = {f"encoder.{k}": v for k, v in source.state_dict().items()}
    assert round(sum(v.numel() for v in state.values()) / 1e6) == MODEL_ZOO_MILLIONS[preset]
    path = write_fake_official_checkpoint(tmp_path / f"depthsplat-depth-{preset}.pth", "depth_only", state)
    del source

    encoder = EncoderDepthSplat(depth_preset(preset)).eval()
    report = load_pretrained_weights(encoder, path, kind="depth")
    assert report.strict and report.loaded == len(state) and not report.missing and not report.unexpected
    torch.testing.assert_close(
        encoder.state_dict()["depth_predictor.backbone.conv1.weight"], state["encoder.depth_predictor.backbone.conv1.weight"]
    )
    with torch.no_grad():
        output = encoder(context(), 0)
    assert output["gaussians"] is None
    depth = output["depths"][-1:]
    assert depth.shape == (1, 2, 64, 64)
    # Depth lies in the cost volume's range [near, far].
    assert torch.isfinite(depth).all() and depth.min() >= 0.5 - 1e-4 and depth.max() <= 100.0 + 1e-2

    # Strict: the small file does not fit the base model and vice versa; the error names keys.
    other = "base" if preset == "small" else "small"
    with torch.device("meta"):
        wrong = EncoderDepthSplat(depth_preset(other))
    with pytest.raises(CheckpointMismatchError, match="strict.*(missing|unexpected|mis-shaped)"):
        load_pretrained_weights(wrong, path, kind="depth")
