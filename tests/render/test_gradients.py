"""Gradients of the PyTorch backend against central finite differences (float64)."""

from __future__ import annotations

import torch

from splatbench.geometry.gaussians import Gaussians
from splatbench.render import render_gaussians
from splatbench.geometry.rotation import random_rotation_matrices as random_rotations

DOUBLE = torch.float64


def _tiny_scene():
    generator = torch.Generator().manual_seed(7)
    count = 5
    means = torch.rand(count, 3, generator=generator, dtype=DOUBLE) * torch.tensor([1.0, 1.0, 1.0], dtype=DOUBLE)
    means = (means + torch.tensor([-0.5, -0.5, 2.0], dtype=DOUBLE))[None]
    sigma = 0.08 + 0.1 * torch.rand(count, 3, generator=generator, dtype=DOUBLE)
    rotation = random_rotations((count,), generator, DOUBLE)
    covariances = (rotation @ torch.diag_embed(sigma**2) @ rotation.transpose(-1, -2))[None]
    harmonics = 0.5 * torch.randn(1, count, 3, 4, generator=generator, dtype=DOUBLE)
    opacities = (0.3 + 0.5 * torch.rand(count, generator=generator, dtype=DOUBLE))[None]
    extrinsics = torch.eye(4, dtype=DOUBLE).repeat(1, 2, 1, 1)
    extrinsics[0, 1, :3, 3] = torch.tensor([0.2, -0.1, 0.05], dtype=DOUBLE)
    intrinsics = torch.tensor([[0.8, 0, 0.5], [0, 0.8, 0.5], [0, 0, 1]], dtype=DOUBLE).repeat(1, 2, 1, 1)
    near = torch.full((1, 2), 0.5, dtype=DOUBLE)
    far = torch.full((1, 2), 50.0, dtype=DOUBLE)
    return (means, covariances, harmonics, opacities), (extrinsics, intrinsics, near, far)


def test_torch_backend_gradients_match_finite_differences():
    # One 16 x 16 tile, so that no Gaussian's tile assignment (piecewise constant) can change.
    parameters, cameras = _tiny_scene()
    weights = torch.rand(1, 2, 4, 16, 16, generator=torch.Generator().manual_seed(0), dtype=DOUBLE)

    def objective(means, covariances, harmonics, opacities):
        out = render_gaussians(Gaussians(means, covariances, harmonics, opacities), *cameras, (16, 16), backend="torch", gaussian_chunk=2)
        stacked = torch.cat((out.color, out.depth[:, :, None]), dim=2)
        return (stacked * weights).sum()

    leaves = [p.clone().requires_grad_(True) for p in parameters]
    objective(*leaves).backward()
    step = 1e-6
    # Every entry of the small tensors, a random sample of 24 entries of the larger ones.
    sampler = torch.Generator().manual_seed(1)
    for index, leaf in enumerate(leaves):
        flat = parameters[index].flatten()
        entries = torch.randperm(flat.numel(), generator=sampler)[:24]
        numeric = torch.empty(len(entries), dtype=DOUBLE)
        for slot, k in enumerate(entries.tolist()):
            plus, minus = flat.clone(), flat.clone()
            plus[k] += step
            minus[k] -= step
            args_plus = [p if i != index else plus.view_as(p) for i, p in enumerate(parameters)]
            args_minus = [p if i != index else minus.view_as(p) for i, p in enumerate(parameters)]
            numeric[slot] = (objective(*args_plus) - objective(*args_minus)) / (2 * step)
        analytic = leaf.grad.flatten()[entries]
        assert numeric.abs().max() > 1e-3, f"parameter {index} has no influence; the test would be vacuous"
        assert torch.allclose(analytic, numeric, rtol=1e-5, atol=1e-6), (index, (analytic - numeric).abs().max())


def test_a_view_with_nothing_visible_gives_zero_gradients_not_a_detached_output():
    """Every Gaussian behind the camera: the render is the (black) background, backward works and
    every gradient is exactly zero (a training step on such a view used to fail in backward)."""
    (means, covariances, harmonics, opacities), cameras = _tiny_scene()
    means = means * torch.tensor([1.0, 1.0, -1.0], dtype=DOUBLE)  # now at z in [-3, -2]
    parameters = [p.clone().requires_grad_(True) for p in (means, covariances, harmonics, opacities)]
    out = render_gaussians(Gaussians(*parameters), *cameras, (16, 16), backend="torch")
    assert out.color.requires_grad and float(out.color.detach().abs().max()) == 0.0
    (out.color.sum() + out.depth.sum()).backward()
    assert all(p.grad is not None and float(p.grad.abs().max()) == 0.0 for p in parameters)
