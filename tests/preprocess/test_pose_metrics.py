"""Pose metrics against hand values and an independent float64 loop (scipy rotations, VGGT's formulas)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from scipy.spatial.transform import Rotation

from splatbench.evaluation.pose_metrics import (
    PooledAuc,
    absolute_trajectory_error,
    evaluate_scene_poses,
    pose_auc,
    relative_pose_errors,
)


def random_poses(count: int, seed: int) -> torch.Tensor:
    rng = np.random.default_rng(seed)
    c2w = np.tile(np.eye(4), (count, 1, 1))
    c2w[:, :3, :3] = Rotation.random(count, random_state=seed).as_matrix()
    c2w[:, :3, 3] = rng.normal(size=(count, 3))
    return torch.from_numpy(c2w)


def loop_oracle(estimate: np.ndarray, gt: np.ndarray) -> tuple[list[float], list[float]]:
    """VGGT's recipe, pair by pair: relative w2c poses, quaternion angle, sign-folded translation angle."""
    rotation_errors, translation_errors = [], []
    for i in range(len(gt)):
        for j in range(i + 1, len(gt)):
            rel_gt = np.linalg.inv(gt[i]) @ gt[j]
            rel_est = np.linalg.inv(estimate[i]) @ estimate[j]
            q_gt = Rotation.from_matrix(rel_gt[:3, :3]).as_quat()
            q_est = Rotation.from_matrix(rel_est[:3, :3]).as_quat()
            dot = min(1.0, abs(float(q_gt @ q_est)))
            rotation_errors.append(math.degrees(2 * math.acos(dot)))
            a, b = rel_gt[:3, 3], rel_est[:3, 3]
            cosine = abs(float(a @ b)) / (np.linalg.norm(a) * np.linalg.norm(b))
            translation_errors.append(math.degrees(math.acos(min(1.0, cosine))))
    return rotation_errors, translation_errors


def test_relative_errors_match_a_float64_loop():
    gt = random_poses(7, 0)
    estimate = random_poses(7, 1)
    rotation, translation = relative_pose_errors(estimate, gt)
    expected_rotation, expected_translation = loop_oracle(estimate.numpy(), gt.numpy())
    torch.testing.assert_close(rotation, torch.tensor(expected_rotation, dtype=torch.float64), atol=1e-6, rtol=0)
    torch.testing.assert_close(translation, torch.tensor(expected_translation, dtype=torch.float64), atol=1e-6, rtol=0)


def test_a_similarity_transformed_estimate_has_zero_error_and_zero_ate():
    gt = random_poses(6, 2)
    rotation = torch.from_numpy(Rotation.random(random_state=3).as_matrix())
    moved = gt.clone()
    moved[:, :3, :3] = rotation @ gt[:, :3, :3]
    moved[:, :3, 3] = 3.0 * gt[:, :3, 3] @ rotation.T + torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64)
    figures, rotation_errors, translation_errors = evaluate_scene_poses(moved, gt)
    assert float(rotation_errors.max()) < 1e-5 and float(translation_errors.max()) < 1e-5
    assert figures["auc@5"] == 1.0 and figures["auc@30"] == 1.0
    assert figures["ate"] < 1e-9 and figures["alignment_scale"] == pytest.approx(1 / 3)


def test_auc_hand_values_and_numpy_histogram_recipe():
    rotation = torch.tensor([0.5, 2.5, 7.0, 1.0])
    translation = torch.tensor([0.1, 0.1, 0.1, 40.0])  # pair errors (max): 0.5, 2.5, 7, 40
    # k = 1..5: fractions below k = 1/4, 1/4, 2/4, 2/4, 2/4 (last bin inclusive)
    assert pose_auc(rotation, translation, 5) == pytest.approx(0.4)
    errors = torch.maximum(rotation, translation).numpy()
    for threshold in (5, 10, 30):
        histogram, _ = np.histogram(errors, bins=np.arange(threshold + 1))
        expected = np.mean(np.cumsum(histogram / len(errors)))
        assert pose_auc(rotation, translation, threshold) == pytest.approx(expected)
    # an error exactly on the threshold counts in the last bin
    assert pose_auc(torch.tensor([5.0]), torch.tensor([0.0]), 5) == pytest.approx(0.2)
    # pooled over scenes from running counts = the AUC of all pairs together
    pooled = PooledAuc()
    pooled.add(rotation[:2], translation[:2])
    pooled.add(rotation[2:], translation[2:])
    pooled.add(torch.tensor([5.0, 10.0, 30.0]), torch.zeros(3))
    every_rotation = torch.cat([rotation, torch.tensor([5.0, 10.0, 30.0])])
    every_translation = torch.cat([translation, torch.zeros(3)])
    for threshold in (5, 10, 30):
        assert pooled.auc(threshold) == pytest.approx(pose_auc(every_rotation, every_translation, threshold))


def test_unestimated_frames_are_failed_pairs():
    gt = random_poses(4, 4)
    valid = torch.tensor([True, True, True, False])
    figures, rotation_errors, _ = evaluate_scene_poses(gt.clone(), gt, valid)
    assert figures["valid_pairs"] == 3 and figures["pairs"] == 6
    assert figures["auc@30"] == pytest.approx(0.5)  # 3 exact pairs, 3 failed
    assert figures["rotation_error_mean"] < 1e-6
    assert figures["ate"] < 1e-9


def test_ate_of_a_known_offset():
    gt = torch.eye(4, dtype=torch.float64).repeat(4, 1, 1)
    gt[:, :3, 3] = torch.tensor([[0.0, 0, 0], [1, 0, 0], [2, 0, 0], [3, 0, 0]], dtype=torch.float64)
    shifted = gt.clone()
    shifted[:, :3, 3] += torch.tensor([5.0, 0, 0], dtype=torch.float64)
    figures = absolute_trajectory_error(shifted, gt)
    assert figures["ate"] < 1e-9 and figures["aligned_rotation_error_deg"] < 1e-6
    # one centre off by 0.4 along y against a rigid fit: Umeyama's optimum is closed-form for this layout
    bent = gt.clone()
    bent[1, 1, 3] = 0.4
    rms = absolute_trajectory_error(bent, gt)["ate"]
    assert 0 < rms < 0.4 / 2  # never worse than leaving the outlier unfitted (0.4 / sqrt(4))
