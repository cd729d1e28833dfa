"""Gaussian adapter: ray placement, covariance, SH initialisation, clamps, export rotations."""

from __future__ import annotations

import math

import pytest
import torch
from scipy.spatial.transform import Rotation

from splatbench.model.encoder.config import GaussianAdapterCfg
from splatbench.model.encoder.gaussian_adapter import (
    SH_C0,
    GaussianAdapter,
    build_covariance,
)

B, V, H, W = 1, 2, 4, 6


def cameras(seed: int = 0):
    generator = torch.Generator().manual_seed(seed)
    rotations = torch.tensor(Rotation.random(V, random_state=seed).as_matrix(), dtype=torch.float32)
    extrinsics = torch.eye(4).repeat(B, V, 1, 1)
    extrinsics[0, :, :3, :3] = rotations
    extrinsics[0, :, :3, 3] = torch.randn(V, 3, generator=generator)
    intrinsics = torch.tensor([[0.9, 0.0, 0.45], [0.0, 1.2, 0.55], [0.0, 0.0, 1.0]]).repeat(B, V, 1, 1)
    return extrinsics, intrinsics


def adapter(scale_max: float = 3.0) -> GaussianAdapter:
    return GaussianAdapter(GaussianAdapterCfg(gaussian_scale_min=1e-10, gaussian_scale_max=scale_max, sh_degree=2))


def test_zero_offset_lands_on_pixel_centre_ray_at_depth():
    extrinsics, intrinsics = cameras()
    raw = torch.randn(B, V, 37, H, W)
    raw[:, :, 1:3] = 0.0  # sigmoid(0) - 0.5 = 0: no sub-pixel offset
    depths = torch.rand(B, V, H, W) * 5 + 0.5
    gaussians = adapter()(raw, depths, extrinsics, intrinsics)
    means = gaussians.means.reshape(V, H * W, 3)
    for view in range(V):
        rotation, translation = extrinsics[0, view, :3, :3], extrinsics[0, view, :3, 3]
        camera_points = (means[view] - translation) @ rotation  # R^T (p - t)
        torch.testing.assert_close(camera_points[:, 2], depths[0, view].flatten(), rtol=1e-5, atol=1e-5)
        projected = (camera_points / camera_points[:, 2:]) @ intrinsics[0, view].T
        rows, cols = torch.meshgrid(torch.arange(H), torch.arange(W), indexing="ij")
        expected = torch.stack(((cols.flatten() + 0.5) / W, (rows.flatten() + 0.5) / H), dim=-1)
        torch.testing.assert_close(projected[:, :2], expected, rtol=0, atol=1e-5)


def test_offset_moves_by_at_most_half_a_pixel():
    extrinsics, intrinsics = torch.eye(4).repeat(B, V, 1, 1), torch.eye(3).repeat(B, V, 1, 1)
    raw = torch.zeros(B, V, 37, H, W)
    raw[:, :, 1] = 50.0  # x offset -> +0.5 pixel
    raw[:, :, 2] = -50.0  # y offset -> -0.5 pixel
    means = adapter()(raw, torch.ones(B, V, H, W), extrinsics, intrinsics).means.reshape(V, H, W, 3)
    torch.testing.assert_close(means[0, 1, 2, :2], torch.tensor([(2 + 1.0) / W, (1 + 0.0) / H]), rtol=0, atol=1e-6)


def test_covariance_symmetric_psd_and_rotated_to_world():
    extrinsics, intrinsics = cameras(1)
    raw = torch.randn(B, V, 37, H, W) * 2
    gaussians = adapter()(raw, torch.ones(B, V, H, W), extrinsics, intrinsics)
    covariances = gaussians.covariances.reshape(V, H * W, 3, 3).double()
    torch.testing.assert_close(covariances, covariances.transpose(-1, -2), rtol=0, atol=1e-6)
    assert torch.linalg.eigvalsh(covariances).min() > -1e-6

    raw_flat = raw.reshape(V, 37, H * W).transpose(1, 2).double()
    scales = torch.nn.functional.softplus(raw_flat[..., 3:6] - 4).clamp(1e-10, 3.0)
    for view in range(V):
        camera_rotation = torch.tensor(Rotation.from_quat(raw_flat[view, :, 6:10].numpy()).as_matrix())  # xyzw
        local = camera_rotation @ torch.diag_embed(scales[view] ** 2) @ camera_rotation.transpose(-1, -2)
        c2w = extrinsics[0, view, :3, :3].double()
        torch.testing.assert_close(covariances[view], c2w @ local @ c2w.T, rtol=1e-4, atol=1e-5)
    # Export scales / world rotations rebuild the same covariance.
    rebuilt = build_covariance(gaussians.scales, gaussians.rotations)
    torch.testing.assert_close(rebuilt, gaussians.covariances, rtol=1e-4, atol=1e-5)
    torch.testing.assert_close(gaussians.rotations.norm(dim=-1), torch.ones(B, V * H * W), rtol=0, atol=1e-6)


def test_sh_dc_initialisation_reproduces_input_colour_and_mask():
    extrinsics, intrinsics = cameras(2)
    images = torch.rand(B, V, 3, H, W)
    raw = torch.randn(B, V, 37, H, W)
    raw[:, :, 10:] = 0.0
    gaussians = adapter()(raw, torch.ones(B, V, H, W), extrinsics, intrinsics, images)
    colours = 0.5 + SH_C0 * gaussians.harmonics[..., 0]  # [B, G, 3]
    expected = images.permute(0, 1, 3, 4, 2).reshape(B, V * H * W, 3)
    torch.testing.assert_close(colours, expected, rtol=0, atol=1e-6)
    torch.testing.assert_close(gaussians.harmonics[..., 1:], torch.zeros_like(gaussians.harmonics[..., 1:]))

    # Identity camera: SH = raw * mask (1, 0.025 for l=1, 0.00625 for l=2), plus the colour on DC.
    raw = torch.randn(B, V, 37, H, W)
    identity = torch.eye(4).repeat(B, V, 1, 1)
    gaussians = adapter()(raw, torch.ones(B, V, H, W), identity, intrinsics, images)
    sh_raw = raw[0, 0, 10:, 0, 0].reshape(3, 9)
    mask = torch.tensor([1.0] + [0.025] * 3 + [0.00625] * 5)
    expected = sh_raw * mask
    expected[:, 0] += (images[0, 0, :, 0, 0] - 0.5) / SH_C0
    torch.testing.assert_close(gaussians.harmonics[0, 0], expected, rtol=0, atol=1e-6)


def test_opacity_and_scale_clamp():
    raw = torch.zeros(B, V, 37, H, W)
    raw[:, :, 0] = torch.linspace(-3, 3, H * W).reshape(H, W)
    raw[:, :, 3] = 100.0  # softplus(96) = 96 -> clamped
    raw[:, :, 4] = 4.0  # softplus(0) = log 2
    raw[:, :, 5] = -100.0  # ~0 -> clamped at the minimum
    gaussians = adapter(scale_max=0.9)(raw, torch.ones(B, V, H, W), *cameras(3))
    torch.testing.assert_close(gaussians.opacities[0, : H * W], torch.linspace(-3, 3, H * W).sigmoid())
    torch.testing.assert_close(gaussians.scales[0, 0], torch.tensor([0.9, math.log(2.0), 1e-10]))


def test_bad_channel_count_is_reported():
    with pytest.raises(ValueError, match="expected 37"):
        adapter()(torch.zeros(B, V, 36, H, W), torch.ones(B, V, H, W), *cameras())
    assert adapter().d_in == 34 and adapter().d_raw == 37


def test_half_precision_inputs_are_adapted_in_float32():
    extrinsics, intrinsics = cameras(4)
    extrinsics[..., :3, 3] *= 50  # far from the origin: bf16 would lose whole units here
    raw = torch.randn(B, V, 37, H, W).bfloat16()
    depths = torch.rand(B, V, H, W) * 90 + 10
    expected = adapter()(raw.float(), depths, extrinsics, intrinsics)
    with torch.autocast("cpu", dtype=torch.bfloat16):
        gaussians = adapter()(raw, depths, extrinsics, intrinsics)
    assert gaussians.means.dtype == gaussians.covariances.dtype == gaussians.harmonics.dtype == torch.float32
    torch.testing.assert_close(gaussians.means, expected.means, rtol=0, atol=1e-4)
    torch.testing.assert_close(gaussians.covariances, expected.covariances, rtol=0, atol=1e-5)
