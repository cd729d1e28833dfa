"""gsplat backend against the PyTorch backend on the GPU (skipped without CUDA or gsplat)."""

from __future__ import annotations

import pytest
import torch

from splatbench.geometry.gaussians import Gaussians
from splatbench.render import GSPLAT_1_5, render_gaussians, resolve_backend
from splatbench.render.gsplat_backend import gsplat_available
from splatbench.render.synthetic import random_scene

pytestmark = pytest.mark.skipif(
    not (torch.cuda.is_available() and gsplat_available()), reason="needs a CUDA device and gsplat"
)


def _cuda_scene(count: int = 20000):
    scene = random_scene(batch=2, views=2, count=count, image_shape=(64, 96), sh_degree=3, seed=11)
    gaussians = Gaussians(*(getattr(scene.gaussians, k).cuda().requires_grad_(True) for k in ("means", "covariances", "harmonics", "opacities")))
    cameras = (scene.extrinsics.cuda(), scene.intrinsics.cuda(), scene.near.cuda(), scene.far.cuda())
    return gaussians, cameras, scene.image_shape


def _render_with_grads(gaussians, cameras, image_shape, **kwargs):
    out = render_gaussians(gaussians, *cameras, image_shape, background_color=(0.2, 0.3, 0.4), **kwargs)
    ((out.color**2).mean() + 0.01 * out.depth.mean()).backward()
    grads = [getattr(gaussians, k).grad.clone() for k in ("means", "covariances", "harmonics", "opacities")]
    grads[1] = 0.5 * (grads[1] + grads[1].transpose(-1, -2))  # gsplat differentiates the upper triangle only
    for k in ("means", "covariances", "harmonics", "opacities"):
        getattr(gaussians, k).grad = None
    return out, grads


def test_auto_picks_gsplat_on_cuda():
    assert resolve_backend("auto", torch.device("cuda")) == "gsplat"


def test_gsplat_matches_torch_backend_with_gsplat_rules():
    gaussians, cameras, image_shape = _cuda_scene()
    fast, fast_grads = _render_with_grads(gaussians, cameras, image_shape, backend="gsplat")
    slow, slow_grads = _render_with_grads(gaussians, cameras, image_shape, backend="torch", settings=GSPLAT_1_5)
    for field in ("color", "depth", "alpha"):
        delta = (getattr(fast, field) - getattr(slow, field)).abs()
        assert delta.mean() < 1e-5 and delta.max() < 1e-2, (field, float(delta.mean()), float(delta.max()))
    for fast_grad, slow_grad in zip(fast_grads, slow_grads):
        assert (fast_grad - slow_grad).norm() / slow_grad.norm() < 1e-3


def test_gsplat_agrees_with_reference_rules_to_1e3_mean():
    gaussians, cameras, image_shape = _cuda_scene()
    fast, _ = _render_with_grads(gaussians, cameras, image_shape, backend="gsplat")
    reference, _ = _render_with_grads(gaussians, cameras, image_shape, backend="torch")
    assert (fast.color - reference.color).abs().mean() < 1e-3
    assert (fast.depth - reference.depth).abs().mean() < 1e-3


def test_torch_backend_is_device_independent():
    gaussians, cameras, image_shape = _cuda_scene(3000)
    on_gpu = render_gaussians(gaussians, *cameras, image_shape, backend="torch")
    cpu = Gaussians(*(getattr(gaussians, k).detach().cpu() for k in ("means", "covariances", "harmonics", "opacities")))
    on_cpu = render_gaussians(cpu, *(c.cpu() for c in cameras), image_shape, backend="torch")
    assert torch.allclose(on_gpu.color.cpu(), on_cpu.color, atol=1e-4)
