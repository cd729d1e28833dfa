"""Window layout and the similarity merge of windows, against known per-window transforms."""

from __future__ import annotations

import pytest
import torch
from scipy.spatial.transform import Rotation

from splatbench.evaluation.pose_metrics import absolute_trajectory_error, relative_pose_errors
from splatbench.geometry.camera import camera_vectors_to_matrices
from splatbench.geometry.rotation import similarity_transform_poses
from splatbench.preprocess.backends import PoseBackendFailure, PoseEstimate
from splatbench.preprocess.windows import merge_windows, plan_windows
from tests.preprocess.conftest import re10k_cameras


@pytest.mark.parametrize(
    "count, size, overlap, expected",
    [
        (10, None, 2, [(0, 10)]),
        (10, 10, 2, [(0, 10)]),
        (10, 6, 2, [(0, 6), (4, 10)]),
        (20, 8, 3, [(0, 8), (5, 13), (10, 18), (12, 20)]),
    ],
)
def test_plan_windows_cover_every_frame_with_overlap(count, size, overlap, expected):
    windows = plan_windows(count, size, overlap)
    assert [(w.start, w.stop) for w in windows] == expected
    for previous, current in zip(windows, windows[1:]):
        assert previous.stop - current.start >= overlap


def test_plan_windows_rejects_an_impossible_overlap():
    with pytest.raises(ValueError, match="window overlap"):
        plan_windows(20, 8, 8)


def _window_estimate(c2w: torch.Tensor, depth_range: torch.Tensor, seed: int) -> tuple[PoseEstimate, float]:
    """The window's poses in a random similarity frame of its own (as an estimator returns them)."""
    generator = torch.Generator().manual_seed(seed)
    scale = float(torch.rand(1, generator=generator)) * 4 + 0.25
    rotation = torch.from_numpy(Rotation.random(random_state=seed).as_matrix())
    translation = torch.randn(3, generator=generator, dtype=torch.float64)
    moved = similarity_transform_poses(c2w.to(torch.float64), scale, rotation, translation)
    estimate = PoseEstimate(
        extrinsics=moved.float(),
        intrinsics=torch.eye(3).repeat(len(c2w), 1, 1),
        depth_range=(depth_range * scale).float(),
        valid=torch.ones(len(c2w), dtype=torch.bool),
        depth=torch.full((len(c2w), 2, 3), 2.0) * scale,
    )
    return estimate, scale


def test_merged_windows_equal_the_truth_up_to_the_first_windows_similarity():
    cameras = next(iter(re10k_cameras().values()))
    c2w, _ = camera_vectors_to_matrices(cameras, dtype=torch.float64)
    count = len(c2w)
    depth_range = torch.tensor([[3.0, 1.0]], dtype=torch.float64).repeat(count, 1)
    windows = plan_windows(count, 6, 3)
    estimates, scales = zip(*(_window_estimate(c2w[list(w)], depth_range[list(w)], seed) for seed, w in enumerate(windows)))
    merged, residuals = merge_windows(windows, list(estimates), count)
    assert len(residuals) == len(windows) - 1 and max(residuals) < 1e-5
    # the merged trajectory is the truth moved by window 0's similarity: no relative error, no ATE
    rotation_errors, translation_errors = relative_pose_errors(merged.extrinsics, c2w)
    assert float(rotation_errors.max()) < 1e-3 and float(translation_errors.max()) < 1e-2
    trajectory = absolute_trajectory_error(merged.extrinsics, c2w)
    assert trajectory["ate_over_baseline"] < 1e-4 and trajectory["alignment_scale"] == pytest.approx(1 / scales[0], rel=1e-5)
    scale0 = scales[0]
    torch.testing.assert_close(merged.depth_range.double(), depth_range * scale0, rtol=1e-5, atol=0)
    torch.testing.assert_close(merged.depth.double(), torch.full((count, 2, 3), 2.0 * scale0, dtype=torch.float64), rtol=1e-5, atol=0)
    assert merged.valid.all()


def test_windows_without_enough_shared_estimated_frames_fail_the_scene():
    c2w = torch.eye(4).repeat(8, 1, 1)
    c2w[:, 0, 3] = torch.arange(8.0)
    windows = plan_windows(8, 5, 2)
    estimates = [_window_estimate(c2w[list(w)], torch.tensor([[3.0, 1.0]]).repeat(len(w), 1), i)[0] for i, w in enumerate(windows)]
    estimates[1].valid[0] = False  # frame 3: only frame 4 is shared and estimated by both
    with pytest.raises(PoseBackendFailure, match="share 1 estimated frame"):
        merge_windows(windows, estimates, 8)
