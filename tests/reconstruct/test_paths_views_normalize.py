"""Context-view choice, scene normalisation and camera paths against hand-computed values."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from splatbench.geometry.gaussians import Gaussians
from splatbench.reconstruct.normalize import SceneNormalization
from splatbench.reconstruct.video import interpolate_path, wobble_path
from splatbench.reconstruct.views import select_context_views


def cameras_on_a_line(positions: list[float]) -> torch.Tensor:
    poses = torch.eye(4, dtype=torch.float64).repeat(len(positions), 1, 1)
    poses[:, 0, 3] = torch.tensor(positions, dtype=torch.float64)
    return poses


def test_select_context_views_spreads_along_the_path():
    extrinsics = cameras_on_a_line([0, 1, 2, 3, 4, 5, 6, 7, 8])
    assert select_context_views(extrinsics, None) == list(range(9))
    assert select_context_views(extrinsics, 20) == list(range(9))
    assert select_context_views(extrinsics, 2) == [0, 8]
    assert select_context_views(extrinsics, 3) == [0, 4, 8]
    # same centres, one camera turned round: direction counts too
    turned = cameras_on_a_line([0, 0.1, 0.2])
    turned[1, :3, :3] = torch.diag(torch.tensor([-1.0, 1.0, -1.0], dtype=torch.float64))
    assert select_context_views(turned, 2) in ([0, 1], [1, 2])
    with pytest.raises(ValueError):
        select_context_views(extrinsics, 1)


def test_normalization_maps_cameras_and_gaussians_back_exactly():
    extrinsics = cameras_on_a_line([10.0, 14.0])
    extrinsics[:, 1, 3] = 3.0
    normalization = SceneNormalization.from_cameras(extrinsics, baseline=2.0)
    assert normalization.centre == (12.0, 3.0, 0.0) and normalization.scale == pytest.approx(0.5)
    model = normalization.cameras_to_model(extrinsics)
    assert torch.allclose(model[:, :3, 3], torch.tensor([[-1.0, 0, 0], [1.0, 0, 0]], dtype=torch.float64))
    assert torch.allclose(normalization.cameras_to_user(model), extrinsics)
    means = torch.tensor([[[1.0, 2.0, 4.0]]])
    covariance = torch.diag(torch.tensor([1.0, 4.0, 9.0]))[None, None]
    user = normalization.gaussians_to_user(
        Gaussians(means, covariance, torch.ones(1, 1, 3, 4), torch.tensor([[0.3]]), torch.tensor([[[1.0, 2.0, 3.0]]]), torch.tensor([[[0.0, 0, 0, 1]]]))
    )
    assert torch.allclose(user.means, torch.tensor([[[14.0, 7.0, 8.0]]]))  # x / 0.5 + centre
    assert torch.allclose(user.covariances, covariance * 4) and torch.allclose(user.scales, torch.tensor([[[2.0, 4.0, 6.0]]]))
    with pytest.raises(ValueError, match="baseline"):
        SceneNormalization.from_cameras(cameras_on_a_line([1.0, 1.0]))


def test_interpolated_path_passes_through_every_view():
    extrinsics = cameras_on_a_line([0.0, 1.0, 3.0])
    angle = math.pi / 2
    extrinsics[2, :3, :3] = torch.tensor([[math.cos(angle), 0, math.sin(angle)], [0, 1, 0], [-math.sin(angle), 0, math.cos(angle)]], dtype=torch.float64)
    intrinsics = torch.eye(3, dtype=torch.float64).repeat(3, 1, 1)
    intrinsics[2, 0, 0] = 2.0
    path, ks = interpolate_path(extrinsics, intrinsics, 9)  # frames at t = 0, 0.25, ..., 2
    assert torch.allclose(path[[0, 4, 8]], extrinsics, atol=1e-12)
    assert path[6, 0, 3] == pytest.approx(2.0) and ks[6, 0, 0] == pytest.approx(1.5)
    # halfway between identity and a 90 degree turn about Y: 45 degrees
    assert path[6, 0, 0] == pytest.approx(math.cos(math.pi / 4))


def test_wobble_circles_the_middle_in_its_image_plane():
    extrinsics = cameras_on_a_line([0.0, 4.0])
    path, _ = wobble_path(extrinsics, torch.eye(3, dtype=torch.float64).repeat(2, 1, 1), 4)
    expected = np.array([[3.0, 0, 0], [2.0, 1.0, 0], [1.0, 0, 0], [2.0, -1.0, 0]])  # radius 4 / 4 about x = 2
    assert np.allclose(path[:, :3, 3].numpy(), expected, atol=1e-12)
    assert torch.allclose(path[:, :3, :3], torch.eye(3, dtype=torch.float64).expand(4, 3, 3))


def test_viewer_cap_holds_when_opacities_saturate():
    """A trained model puts many opacities at exactly 1.0: the cap must still keep exactly max_splats,
    the most opaque ones, inside the keep mask (the H200 run embedded 143616 splats for a cap of 60000)."""
    from splatbench.reconstruct.pipeline import viewer_mask

    opacities = torch.tensor([1.0, 1.0, 1.0, 1.0, 0.5, 0.9, 0.01, 1.0])
    keep = torch.tensor([True, True, True, False, True, True, True, True])
    mask = viewer_mask(opacities, keep, min_opacity=0.02, max_splats=3)
    assert int(mask.sum()) == 3 and bool(mask[keep].sum() == 3) and not bool(mask[3])
    assert set(torch.nonzero(mask).flatten().tolist()) <= {0, 1, 2, 7}
    mask = viewer_mask(opacities, keep, min_opacity=0.02, max_splats=6)
    assert torch.nonzero(mask).flatten().tolist() == [0, 1, 2, 4, 5, 7]
