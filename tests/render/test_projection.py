"""Field of view, pixel intrinsics and camera inversion helpers."""

from __future__ import annotations

import math

import torch

from splatbench.geometry.projection import get_fov, pixel_intrinsics, world_to_camera
from splatbench.geometry.rotation import random_rotation_matrices as random_rotations


def test_fov_of_centred_intrinsics():
    intrinsics = torch.tensor([[0.8, 0, 0.5], [0, 1.2, 0.5], [0, 0, 1]], dtype=torch.float64)
    fov = get_fov(intrinsics)
    assert torch.allclose(fov, torch.tensor([2 * math.atan(0.5 / 0.8), 2 * math.atan(0.5 / 1.2)], dtype=torch.float64))


def test_symmetric_pixel_intrinsics_ignore_the_principal_point_exact_keep_it():
    intrinsics = torch.tensor([[1.0, 0, 0.3], [0, 1.0, 0.5], [0, 0, 1]], dtype=torch.float64)
    symmetric = pixel_intrinsics(intrinsics, (64, 128), "symmetric")
    exact = pixel_intrinsics(intrinsics, (64, 128), "exact")
    assert symmetric[0, 2] == 64 and symmetric[1, 2] == 32
    # Edge rays at 0.3 and 0.7 of the width give fov = atan(0.3) + atan(0.7).
    half = 0.5 * (math.atan(0.3) + math.atan(0.7))
    assert torch.isclose(symmetric[0, 0], torch.tensor(128 / (2 * math.tan(half)), dtype=torch.float64))
    assert torch.allclose(exact, torch.tensor([[128.0, 0, 38.4], [0, 64.0, 32.0], [0, 0, 1]], dtype=torch.float64))


def test_world_to_camera_inverts_rigid_poses():
    poses = torch.eye(4, dtype=torch.float64).repeat(5, 1, 1)
    poses[:, :3, :3] = random_rotations((5,), torch.Generator().manual_seed(0), torch.float64)
    poses[:, :3, 3] = torch.randn(5, 3, dtype=torch.float64)
    assert torch.allclose(world_to_camera(poses), torch.linalg.inv(poses), atol=1e-12)
