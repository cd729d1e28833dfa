"""geometry/rotation.py against scipy.spatial.transform.Rotation and hand-computed values."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from scipy.spatial.transform import Rotation

from splatbench.geometry.rotation import (
    axis_angle_to_matrix,
    axis_rotation,
    matrix_to_axis_angle,
    matrix_to_quaternion,
    quaternion_multiply,
    quaternion_to_matrix,
    relative_rotation_error,
    rotation_angle,
    rotations_of_angle,
    similarity_transform_poses,
    umeyama,
    vector_angle,
    wxyz_to_xyzw,
    xyzw_to_wxyz,
)

SCIPY = Rotation.random(200, random_state=3)


def canonical(quaternions: np.ndarray) -> np.ndarray:
    return np.where(quaternions[:, 3:] < 0, -quaternions, quaternions)


def test_quaternion_to_matrix_matches_scipy_in_both_orders():
    xyzw = torch.from_numpy(SCIPY.as_quat())
    expected = torch.from_numpy(SCIPY.as_matrix())
    torch.testing.assert_close(quaternion_to_matrix(xyzw, eps=0.0), expected)
    torch.testing.assert_close(quaternion_to_matrix(xyzw_to_wxyz(xyzw), order="wxyz", eps=0.0), expected)
    # a non-unit quaternion gives the same rotation
    torch.testing.assert_close(quaternion_to_matrix(3.0 * xyzw, eps=0.0), expected)


def test_matrix_to_quaternion_matches_scipy_canonical_sign():
    matrices = torch.from_numpy(SCIPY.as_matrix())
    expected = torch.from_numpy(canonical(SCIPY.as_quat()))
    torch.testing.assert_close(matrix_to_quaternion(matrices), expected)
    torch.testing.assert_close(matrix_to_quaternion(matrices, order="wxyz"), xyzw_to_wxyz(expected))
    torch.testing.assert_close(wxyz_to_xyzw(xyzw_to_wxyz(expected)), expected)


def test_hand_computed_quarter_turn_about_z():
    # 90 degrees about +z: x -> y. q = (0, 0, sin 45, cos 45) in xyzw.
    s = math.sqrt(0.5)
    matrix = quaternion_to_matrix(torch.tensor([0.0, 0.0, s, s], dtype=torch.float64), eps=0.0)
    expected = torch.tensor([[0.0, -1, 0], [1, 0, 0], [0, 0, 1]], dtype=torch.float64)
    torch.testing.assert_close(matrix, expected)
    torch.testing.assert_close(axis_rotation("z", torch.tensor(math.pi / 2, dtype=torch.float64)), expected)
    torch.testing.assert_close(matrix_to_quaternion(expected, order="wxyz"), torch.tensor([s, 0.0, 0.0, s], dtype=torch.float64))
    assert rotation_angle(expected).item() == pytest.approx(90.0)
    # 180 degrees about x: pivot on the x component, w = 0
    flip = torch.diag(torch.tensor([1.0, -1.0, -1.0], dtype=torch.float64))
    torch.testing.assert_close(matrix_to_quaternion(flip), torch.tensor([1.0, 0, 0, 0], dtype=torch.float64))
    assert rotation_angle(flip).item() == pytest.approx(180.0)


def test_axis_rotations_match_scipy():
    angles = torch.linspace(-3, 3, 7, dtype=torch.float64)
    for axis in "xyz":
        expected = Rotation.from_euler(axis, angles.numpy()[:, None]).as_matrix()
        torch.testing.assert_close(axis_rotation(axis, angles), torch.from_numpy(expected))
    with pytest.raises(ValueError, match="axis must be"):
        axis_rotation("w", angles)


def test_quaternion_multiply_composes_like_scipy():
    a, b = Rotation.random(50, random_state=1), Rotation.random(50, random_state=2)
    product = quaternion_multiply(torch.from_numpy(a.as_quat()), torch.from_numpy(b.as_quat()))
    torch.testing.assert_close(quaternion_to_matrix(product, eps=0.0), torch.from_numpy((a * b).as_matrix()))
    wxyz = quaternion_multiply(xyzw_to_wxyz(torch.from_numpy(a.as_quat())), xyzw_to_wxyz(torch.from_numpy(b.as_quat())), order="wxyz")
    torch.testing.assert_close(wxyz_to_xyzw(wxyz), product)


def test_axis_angle_round_trip_matches_scipy_including_tiny_angles():
    rotvecs = SCIPY.as_rotvec()
    rotvecs = np.concatenate([rotvecs, [[1e-9, 0, 0], [0, 2e-6, -1e-6], [0, 0, 0]]])
    expected = Rotation.from_rotvec(rotvecs).as_matrix()
    matrices = axis_angle_to_matrix(torch.from_numpy(rotvecs))
    torch.testing.assert_close(matrices, torch.from_numpy(expected))
    torch.testing.assert_close(matrix_to_axis_angle(matrices), torch.from_numpy(rotvecs), atol=1e-12, rtol=1e-9)


def test_angle_errors_match_scipy_magnitudes():
    a, b = Rotation.random(100, random_state=5), Rotation.random(100, random_state=6)
    expected = np.degrees((a.inv() * b).magnitude())
    got = relative_rotation_error(torch.from_numpy(a.as_matrix()), torch.from_numpy(b.as_matrix()))
    torch.testing.assert_close(got, torch.from_numpy(expected))
    # tiny angles keep their precision (acos would return 0 here)
    tiny = axis_rotation("y", torch.tensor(1e-7, dtype=torch.float64))
    assert rotation_angle(tiny).item() == pytest.approx(math.degrees(1e-7), rel=1e-9)
    generator = torch.Generator().manual_seed(0)
    exact = rotations_of_angle(torch.tensor([0.5, 5.0, 45.0]), generator)
    torch.testing.assert_close(rotation_angle(exact), torch.tensor([0.5, 5.0, 45.0], dtype=torch.float64))


def test_vector_angle_hand_values():
    a = torch.tensor([[1.0, 0, 0], [1, 0, 0], [1, 0, 0], [0, 0, 0]], dtype=torch.float64)
    b = torch.tensor([[0.0, 2, 0], [1, 1, 0], [-3, 0, 0], [1, 0, 0]], dtype=torch.float64)
    torch.testing.assert_close(vector_angle(a, b), torch.tensor([90.0, 45.0, 180.0, 0.0], dtype=torch.float64))


def test_umeyama_recovers_a_known_similarity_and_poses_follow():
    rng = np.random.default_rng(0)
    points = rng.normal(size=(20, 3))
    rotation = Rotation.random(random_state=7).as_matrix()
    scale, translation = 2.5, np.array([1.0, -2.0, 0.5])
    target = scale * points @ rotation.T + translation
    s, r, t = umeyama(torch.from_numpy(points), torch.from_numpy(target))
    assert s == pytest.approx(scale, rel=1e-12)
    torch.testing.assert_close(r, torch.from_numpy(rotation))
    torch.testing.assert_close(t, torch.from_numpy(translation))
    # without scale: the best rigid fit of a scaled copy keeps scale 1
    s1, r1, _ = umeyama(torch.from_numpy(points), torch.from_numpy(target), with_scale=False)
    assert s1 == 1.0
    torch.testing.assert_close(r1, torch.from_numpy(rotation))
    # a reflection in the data still gives a proper rotation
    mirrored = points * np.array([1.0, 1.0, -1.0])
    _, r_mirror, _ = umeyama(torch.from_numpy(points), torch.from_numpy(mirrored))
    assert torch.linalg.det(r_mirror).item() == pytest.approx(1.0)
    # camera poses moved by the similarity: centres map like points, camera axes rotate with R
    c2w = torch.eye(4, dtype=torch.float64).repeat(20, 1, 1)
    c2w[:, :3, :3] = torch.from_numpy(Rotation.random(20, random_state=8).as_matrix())
    c2w[:, :3, 3] = torch.from_numpy(points)
    moved = similarity_transform_poses(c2w, s, r, t)
    torch.testing.assert_close(moved[:, :3, 3], torch.from_numpy(target))
    torch.testing.assert_close(moved[:, :3, :3], torch.from_numpy(rotation) @ c2w[:, :3, :3])


def test_bad_order_and_shapes_are_reported():
    with pytest.raises(ValueError, match="quaternion order"):
        quaternion_to_matrix(torch.zeros(4), order="zyxw")
    with pytest.raises(ValueError, match="umeyama needs"):
        umeyama(torch.zeros(3, 3), torch.zeros(4, 3))
