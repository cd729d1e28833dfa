"""The PyTorch backend against analytic footprints, a loop-based 3DGS oracle and invariances."""

from __future__ import annotations

import math

import pytest
import torch
from render_oracle import C0, render_naive

from splatbench.geometry.gaussians import Gaussians
from splatbench.render import render_gaussians
from splatbench.geometry.rotation import random_rotation_matrices as random_rotations
from splatbench.render.synthetic import random_scene

DOUBLE = torch.float64


def _cameras(c2w: torch.Tensor, focal: float, views: int = 1, aspect: float = 1.0):
    extrinsics = c2w.to(DOUBLE).expand(1, views, 4, 4).clone()
    intrinsics = torch.tensor([[focal, 0, 0.5], [0, focal * aspect, 0.5], [0, 0, 1]], dtype=DOUBLE).expand(1, views, 3, 3)
    near = torch.ones(1, views, dtype=DOUBLE)
    far = torch.full((1, views), 100.0, dtype=DOUBLE)
    return extrinsics, intrinsics.clone(), near, far


def _pose(angle: float, axis: int, translation: tuple[float, float, float]) -> torch.Tensor:
    c, s = math.cos(angle), math.sin(angle)
    rotation = torch.eye(3, dtype=DOUBLE)
    i, j = [k for k in range(3) if k != axis]
    rotation[i, i], rotation[i, j], rotation[j, i], rotation[j, j] = c, -s, s, c
    pose = torch.eye(4, dtype=DOUBLE)
    pose[:3, :3] = rotation
    pose[:3, 3] = torch.tensor(translation, dtype=DOUBLE)
    return pose


def test_single_gaussian_lands_on_the_projected_pixel_with_the_ewa_footprint():
    x, y, z, sigma, opacity = 0.3, -0.2, 2.0, 0.01, 0.8
    height = width = 64
    focal_pixels = 64.0  # normalised fx = 1
    dc = torch.tensor([0.4, -0.2, 1.0], dtype=DOUBLE)
    gaussians = Gaussians(
        means=torch.tensor([[[x, y, z]]], dtype=DOUBLE),
        covariances=(sigma**2 * torch.eye(3, dtype=DOUBLE))[None, None],
        harmonics=dc[None, None, :, None],
        opacities=torch.tensor([[opacity]], dtype=DOUBLE),
    )
    out = render_gaussians(gaussians, *_cameras(torch.eye(4), 1.0), (height, width), backend="torch")

    u, v = focal_pixels * x / z + width / 2, focal_pixels * y / z + height / 2  # 41.6, 25.6
    peak = out.alpha[0, 0].argmax()
    assert (int(peak // width), int(peak % width)) == (int(v), int(u)) == (25, 41)

    # Off-axis EWA covariance of an isotropic Gaussian, plus the 0.3 px^2 screen-space dilation.
    a, b = x / z, y / z
    scale = (focal_pixels * sigma / z) ** 2
    cov2d = scale * torch.tensor([[1 + a * a, a * b], [a * b, 1 + b * b]], dtype=DOUBLE) + 0.3 * torch.eye(2, dtype=DOUBLE)
    rows, cols = torch.meshgrid(torch.arange(height, dtype=DOUBLE), torch.arange(width, dtype=DOUBLE), indexing="ij")
    delta = torch.stack((cols + 0.5 - u, rows + 0.5 - v), dim=-1)
    mahalanobis = torch.einsum("hwi,ij,hwj->hw", delta, torch.linalg.inv(cov2d), delta)
    expected = opacity * torch.exp(-0.5 * mahalanobis)
    expected = torch.where(expected >= 1 / 255, expected, torch.zeros_like(expected))
    assert torch.allclose(out.alpha[0, 0], expected, atol=1e-12)
    assert (out.alpha[0, 0] > 0).sum() == (expected > 0).sum() > 4
    rgb = (C0 * dc + 0.5).clamp_min(0)
    assert torch.allclose(out.color[0, 0], rgb[:, None, None] * expected, atol=1e-12)
    assert torch.allclose(out.depth[0, 0], z * expected, atol=1e-12)


def test_fronto_parallel_plane_renders_its_depth():
    plane_depth = 3.0
    pose = _pose(0.4, 1, (0.5, -0.2, 1.0)) @ _pose(-0.2, 0, (0, 0, 0))
    side = torch.linspace(-1.2, 1.2, 40, dtype=DOUBLE) * plane_depth / 2
    gx, gy = torch.meshgrid(side, side, indexing="xy")
    points_camera = torch.stack((gx, gy, torch.full_like(gx, plane_depth)), dim=-1).reshape(-1, 3)
    means_world = points_camera @ pose[:3, :3].T + pose[:3, 3]
    spacing = float(side[1] - side[0])
    covariances = (spacing**2) * torch.eye(3, dtype=DOUBLE).expand(len(means_world), 3, 3)
    gaussians = Gaussians(
        means=means_world[None],
        covariances=covariances[None],
        harmonics=torch.zeros(1, len(means_world), 3, 1, dtype=DOUBLE),
        opacities=torch.full((1, len(means_world)), 0.9, dtype=DOUBLE),
    )
    cameras = _cameras(pose, 1.0)
    out = render_gaussians(gaussians, *cameras, (48, 48), backend="torch")
    normalised = render_gaussians(gaussians, *cameras, (48, 48), backend="torch", depth_normalize=True)

    assert out.alpha.min() > 0.999
    assert torch.allclose(normalised.depth, torch.full_like(normalised.depth, plane_depth), atol=1e-9)
    assert torch.allclose(out.depth, plane_depth * out.alpha, atol=1e-12)
    assert torch.allclose(out.color, 0.5 * out.alpha[:, :, None].expand_as(out.color), atol=1e-12)


def _oracle_scene(seed: int):
    generator = torch.Generator().manual_seed(seed)
    count = 36
    means = torch.rand(count, 3, generator=generator, dtype=DOUBLE) * torch.tensor([2.4, 1.6, 3.0], dtype=DOUBLE)
    means = means + torch.tensor([-1.2, -0.8, 1.5], dtype=DOUBLE)
    sigma = 0.02 + 0.15 * torch.rand(count, 3, generator=generator, dtype=DOUBLE)
    rotation = random_rotations((count,), generator, DOUBLE)
    covariances = rotation @ torch.diag_embed(sigma**2) @ rotation.transpose(-1, -2)
    opacities = torch.rand(count, generator=generator, dtype=DOUBLE)
    # A stack of nearly opaque Gaussians in front of the image centre: exercises the 0.99 alpha
    # clamp and the 1e-4 transmittance stop, across chunk boundaries when chunks are small.
    means[:8] = torch.tensor([0.1, 0.05, 0.0], dtype=DOUBLE) + torch.linspace(2.0, 2.7, 8, dtype=DOUBLE)[:, None] * torch.tensor([0, 0, 1.0], dtype=DOUBLE)
    covariances[:8] = 0.3**2 * torch.eye(3, dtype=DOUBLE)
    opacities[:8] = 0.999
    dc = torch.randn(count, 3, generator=generator, dtype=DOUBLE)
    return means, covariances, dc, opacities


@pytest.mark.parametrize("chunk, elementwise", [(3, False), (256, False), (256, True)])
def test_matches_loop_based_3dgs_oracle(chunk: int, elementwise: bool, monkeypatch):
    # elementwise: the camera-frame products as CUDA runs them (splatbench/geometry/small_matmul.py)
    from splatbench.geometry import small_matmul

    monkeypatch.setattr(small_matmul, "ELEMENTWISE_ON_CPU", elementwise)
    means, covariances, dc, opacities = _oracle_scene(seed=1)
    height, width = 24, 40  # 3 x 2 tiles, the last ones partial
    pose = _pose(0.1, 1, (0.1, 0.0, -0.2))
    gaussians = Gaussians(means[None], covariances[None], dc[None, :, :, None], opacities[None])
    extrinsics, intrinsics, near, far = _cameras(pose, 0.9, aspect=width / height)
    out = render_gaussians(gaussians, extrinsics, intrinsics, near, far, (height, width), backend="torch", gaussian_chunk=chunk)

    rgb = (C0 * dc + 0.5).clamp_min(0)
    color, alpha, depth = render_naive(means, covariances, rgb, opacities, pose, 0.9 * width, (height, width))
    assert torch.allclose(out.color[0, 0], color, atol=1e-10)
    assert torch.allclose(out.alpha[0, 0], alpha, atol=1e-10)
    assert torch.allclose(out.depth[0, 0], depth, atol=1e-10)
    assert 0.9998 < alpha.max() <= 1 - 1e-4  # the transmittance stop was reached


def test_batch_and_views_in_one_call_equal_separate_calls():
    scene = random_scene(batch=2, views=3, count=300, image_shape=(32, 48), sh_degree=3, seed=3, dtype=DOUBLE)
    joint = render_gaussians(scene.gaussians, scene.extrinsics, scene.intrinsics, scene.near, scene.far, scene.image_shape, backend="torch")
    for b in range(2):
        single = Gaussians(*(getattr(scene.gaussians, k)[b : b + 1] for k in ("means", "covariances", "harmonics", "opacities")))
        for v in range(3):
            cut = slice(v, v + 1)
            out = render_gaussians(
                single, scene.extrinsics[b : b + 1, cut], scene.intrinsics[b : b + 1, cut],
                scene.near[b : b + 1, cut], scene.far[b : b + 1, cut], scene.image_shape, backend="torch",
            )  # fmt: skip
            assert torch.allclose(out.color[0, 0], joint.color[b, v], atol=1e-12)
            assert torch.allclose(out.depth[0, 0], joint.depth[b, v], atol=1e-12)


def test_scale_invariance_of_colour_and_depth_units():
    scene = random_scene(batch=1, views=2, count=200, image_shape=(32, 32), seed=4, dtype=DOUBLE)
    factor = 2.5
    scaled = Gaussians(
        scene.gaussians.means * factor, scene.gaussians.covariances * factor**2, scene.gaussians.harmonics, scene.gaussians.opacities
    )
    extrinsics = scene.extrinsics.clone()
    extrinsics[..., :3, 3] *= factor
    base = render_gaussians(scene.gaussians, scene.extrinsics, scene.intrinsics, scene.near, scene.far, scene.image_shape, backend="torch")
    out = render_gaussians(scaled, extrinsics, scene.intrinsics, scene.near * factor, scene.far * factor, scene.image_shape, backend="torch")
    assert torch.allclose(out.color, base.color, atol=1e-10)
    assert torch.allclose(out.depth, base.depth * factor, atol=1e-10)


def test_principal_point_symmetric_ignores_cx_exact_honours_it():
    gaussians = Gaussians(
        means=torch.tensor([[[0.0, 0.0, 2.0]]], dtype=DOUBLE),
        covariances=(1e-6 * torch.eye(3, dtype=DOUBLE))[None, None],
        harmonics=torch.ones(1, 1, 3, 1, dtype=DOUBLE),
        opacities=torch.ones(1, 1, dtype=DOUBLE),
    )
    extrinsics, intrinsics, near, far = _cameras(torch.eye(4), 1.0)
    intrinsics[..., 0, 2] = 0.25  # optical axis at column 16 of 64
    for mode, column in (("symmetric", 32), ("exact", 16)):
        out = render_gaussians(gaussians, extrinsics, intrinsics, near, far, (64, 64), backend="torch", principal_point=mode)
        peak = out.alpha[0, 0].flatten().argmax()
        assert int(peak % 64) in (column - 1, column), mode
        assert int(peak // 64) in (31, 32)


def test_scales_and_rotations_replace_missing_covariances():
    scene = random_scene(batch=1, views=2, count=100, image_shape=(24, 24), seed=6, dtype=DOUBLE)
    generator = torch.Generator().manual_seed(0)
    rotations = torch.nn.functional.normalize(torch.randn(1, 100, 4, generator=generator, dtype=DOUBLE), dim=-1)
    scales = 0.01 + 0.05 * torch.rand(1, 100, 3, generator=generator, dtype=DOUBLE)
    x, y, z, w = rotations.unbind(-1)
    matrix = torch.stack((
        1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w),
        2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w),
        2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y),
    ), dim=-1).unflatten(-1, (3, 3))  # fmt: skip
    covariances = matrix @ torch.diag_embed(scales**2) @ matrix.transpose(-1, -2)
    g = scene.gaussians
    cameras = (scene.extrinsics, scene.intrinsics, scene.near, scene.far, scene.image_shape)
    from_covariances = render_gaussians(Gaussians(g.means, covariances, g.harmonics, g.opacities), *cameras, backend="torch")
    from_parts = render_gaussians(Gaussians(g.means, None, g.harmonics, g.opacities, scales, rotations), *cameras, backend="torch")
    assert torch.allclose(from_parts.color, from_covariances.color, atol=1e-9)
