"""The three-line Python API: an official-format checkpoint reproduces the reference's Gaussians."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from splatbench import api
from splatbench.model.encoder import EncoderDepthSplat, encoder_preset
from splatbench.model.generated_weights import fill_weights_from_names, write_fake_official_checkpoint

GOLDEN = Path(__file__).resolve().parents[1] / "encoder" / "golden" / "depthsplat_small_v2_64.npz"


@pytest.fixture(scope="module")
def small_checkpoint(tmp_path_factory) -> Path:
    encoder = EncoderDepthSplat(encoder_preset("small"))
    fill_weights_from_names(encoder, prefix="encoder.")
    state = {f"encoder.{k}": v for k, v in encoder.state_dict().items()}
    path = tmp_path_factory.mktemp("ckpt") / "depthsplat-gs-small.pth"
    return write_fake_official_checkpoint(path, "full_wrapped", state)


def test_from_checkpoint_reconstructs_reference_gaussians_and_renders(small_checkpoint):
    golden = dict(np.load(GOLDEN))
    model = api.from_checkpoint(small_checkpoint, preset="small")
    images = torch.from_numpy(golden["image_u8"]).float().div(255)[0]  # unbatched [V,3,H,W]
    extrinsics = torch.from_numpy(golden["extrinsics"])[0]
    intrinsics = torch.from_numpy(golden["intrinsics"])[0]
    near, far = float(golden["near"][0, 0]), float(golden["far"][0, 0])

    gaussians = model.reconstruct(images, extrinsics, intrinsics, near=near, far=far)

    index = torch.from_numpy(golden["gaussian_index"])
    for name in ("means", "covariances", "harmonics"):
        ours = getattr(gaussians, name)[:, index]
        assert (ours - torch.from_numpy(golden[name]).float()).abs().max() < 1e-4, name
    assert (gaussians.opacities - torch.from_numpy(golden["opacities"]).float()).abs().max() < 1e-4

    rendered = model.render(gaussians, extrinsics, intrinsics, image_shape=(64, 64), near=near, far=far)
    assert rendered.color.shape == (1, 2, 3, 64, 64) and rendered.depth.shape == (1, 2, 64, 64)
    assert torch.isfinite(rendered.color).all() and torch.isfinite(rendered.depth).all()
    assert rendered.alpha.mean() > 0.5  # the context views are covered by their own Gaussians


def test_from_checkpoint_reports_mismatched_preset(small_checkpoint):
    with pytest.raises(ValueError, match="EncoderMVSplat .*looks like a checkpoint of the 'small' preset"):
        api.from_checkpoint(small_checkpoint, method="mvsplat")
