"""Camera conversions: exact round trips, normalisation, OpenGL/OpenCV, field of view."""

from __future__ import annotations

import math

import torch

from splatbench.geometry.camera import (
    camera_vectors_to_matrices,
    denormalize_intrinsics,
    fov_from_intrinsics,
    matrices_to_camera_vectors,
    normalize_intrinsics,
    opengl_to_opencv,
    rebase_extrinsics,
)


def _random_cameras(count: int) -> torch.Tensor:
    generator = torch.Generator().manual_seed(3)
    q, _ = torch.linalg.qr(torch.randn(count, 3, 3, dtype=torch.float64, generator=generator))
    q = q * torch.linalg.det(q)[:, None, None].sign()
    w2c = torch.cat([q, torch.randn(count, 3, 1, dtype=torch.float64, generator=generator)], dim=2)
    cameras = torch.zeros(count, 18)
    cameras[:, :4] = torch.tensor([0.47, 0.84, 0.5, 0.5])
    cameras[:, 6:] = w2c.reshape(count, 12).float()
    return cameras


def test_camera_vector_round_trip_is_exact():
    cameras = _random_cameras(32)
    c2w, k = camera_vectors_to_matrices(cameras, dtype=torch.float64)
    assert torch.equal(matrices_to_camera_vectors(c2w, k), cameras)
    c2w, k = camera_vectors_to_matrices(cameras)
    assert torch.allclose(matrices_to_camera_vectors(c2w, k), cameras, atol=1e-5, rtol=0)
    assert torch.allclose(c2w[:, :3, :3] @ cameras[:, 6:].reshape(-1, 3, 4)[:, :, :3], torch.eye(3).expand(32, 3, 3), atol=1e-6)
    assert k[0].tolist() == [[0.4699999988079071, 0, 0.5], [0, 0.8399999737739563, 0.5], [0, 0, 1]]


def test_normalise_denormalise_and_opengl():
    pixel_k = torch.tensor([[500.0, 0, 320], [0, 400, 180], [0, 0, 1]])
    normalised = normalize_intrinsics(pixel_k, (360, 640))
    assert torch.allclose(normalised, torch.tensor([[500 / 640, 0, 0.5], [0, 400 / 360, 0.5], [0, 0, 1]]))
    assert torch.allclose(denormalize_intrinsics(normalised, (360, 640)), pixel_k)
    c2w_gl = torch.eye(4)
    c2w_gl[:3, 3] = torch.tensor([1.0, 2.0, 3.0])
    c2w_cv = opengl_to_opencv(c2w_gl)
    # An OpenGL camera looks along -Z: its OpenCV forward axis (third column) is world -Z.
    assert c2w_cv[:3, 2].tolist() == [0.0, 0.0, -1.0] and c2w_cv[:3, 1].tolist() == [0.0, -1.0, 0.0]
    assert torch.equal(opengl_to_opencv(c2w_cv), c2w_gl)


def test_fov_and_rebase():
    k = torch.tensor([[0.5, 0, 0.5], [0, 0.5, 0.5], [0, 0, 1.0]])
    assert torch.allclose(fov_from_intrinsics(k), torch.tensor([math.pi / 2, math.pi / 2]), atol=1e-6)
    c2w, _ = camera_vectors_to_matrices(_random_cameras(4))
    rebased = rebase_extrinsics(c2w, 2)
    assert torch.allclose(rebased[2], torch.eye(4), atol=1e-6)
    # Relative poses are preserved.
    assert torch.allclose(torch.linalg.inv(rebased[0]) @ rebased[1], torch.linalg.inv(c2w[0]) @ c2w[1], atol=1e-5)
