"""Bad or degenerate rendering inputs give a clear error or a defined, finite image."""

from __future__ import annotations

import pytest
import torch

from splatbench.geometry.gaussians import Gaussians
from splatbench.render import RenderInputError, render_gaussians
from splatbench.render.synthetic import random_scene


def _scene(count: int = 50):
    return random_scene(batch=1, views=2, count=count, image_shape=(24, 24), seed=5)


def _render(scene, gaussians=None, **overrides):
    args = dict(
        gaussians=gaussians or scene.gaussians,
        extrinsics=scene.extrinsics,
        intrinsics=scene.intrinsics,
        near=scene.near,
        far=scene.far,
        image_shape=scene.image_shape,
        backend="torch",
    )
    args.update(overrides)
    return render_gaussians(**args)


@pytest.mark.parametrize("field", ["means", "covariances", "harmonics", "opacities"])
def test_non_finite_gaussians_raise_naming_the_field(field):
    scene = _scene()
    broken = getattr(scene.gaussians, field).clone()
    broken.view(-1)[7] = float("nan")
    gaussians = Gaussians(**{k: getattr(scene.gaussians, k) for k in ("means", "covariances", "harmonics", "opacities")} | {field: broken})
    with pytest.raises(RenderInputError, match=f"gaussians.{field} has non-finite"):
        _render(scene, gaussians)


@pytest.mark.parametrize("field", ["extrinsics", "intrinsics", "near", "far"])
def test_non_finite_cameras_raise_naming_the_field(field):
    scene = _scene()
    broken = getattr(scene, field).clone()
    broken.view(-1)[1] = float("inf")
    with pytest.raises(RenderInputError, match=f"{field} has non-finite"):
        _render(scene, **{field: broken})


@pytest.mark.parametrize("shape", [(0, 24), (24, 0), (-1, 5)])
def test_zero_size_image_raises(shape):
    with pytest.raises(RenderInputError, match="image_shape"):
        _render(_scene(), image_shape=shape)


def test_non_positive_near_raises_when_scale_invariant():
    scene = _scene()
    with pytest.raises(RenderInputError, match="near must be > 0"):
        _render(scene, near=torch.zeros_like(scene.near))


def test_wrong_shapes_and_unknown_backend_raise():
    scene = _scene()
    with pytest.raises(RenderInputError, match="intrinsics has shape"):
        _render(scene, intrinsics=scene.intrinsics[:, :1])
    with pytest.raises(RenderInputError, match="backend"):
        _render(scene, backend="opengl")
    with pytest.raises(RenderInputError, match="needs float32 CUDA"):
        _render(scene, backend="gsplat")


def test_gaussians_behind_or_at_the_camera_are_culled():
    scene = _scene()
    means = scene.gaussians.means.clone()
    means[..., 2] = -means[..., 2]  # all behind the camera
    means[0, :5, 2] = 0.0  # some exactly in the camera plane
    means[0, 5:10, 2] = 0.1  # some in front of the camera but closer than 0.2 * near
    behind = Gaussians(means, scene.gaussians.covariances, scene.gaussians.harmonics, scene.gaussians.opacities)
    out = _render(scene, behind, background_color=(0.1, 0.2, 0.3), extrinsics=torch.eye(4).expand(1, 2, 4, 4))
    assert torch.equal(out.alpha, torch.zeros_like(out.alpha))
    assert torch.equal(out.depth, torch.zeros_like(out.depth))
    assert torch.allclose(out.color, torch.tensor([0.1, 0.2, 0.3])[:, None, None].expand_as(out.color))


def test_empty_scene_renders_the_background():
    scene = _scene()
    empty = Gaussians(*(getattr(scene.gaussians, k)[:, :0] for k in ("means", "covariances", "harmonics", "opacities")))
    out = _render(scene, empty, background_color=torch.tensor([[1.0, 0.5, 0.0]]))
    assert out.color.shape == (1, 2, 3, 24, 24)
    assert torch.equal(out.color[0, 1, :, 3, 4], torch.tensor([1.0, 0.5, 0.0]))
    assert torch.equal(out.alpha, torch.zeros_like(out.alpha))


def test_degenerate_and_huge_gaussians_stay_finite():
    scene = _scene(40)
    covariances = scene.gaussians.covariances.clone()
    covariances[0, :10] = 0.0  # points: the 0.3 px dilation still gives a footprint
    covariances[0, 10:12] = 1e4 * torch.eye(3)  # covers every pixel
    covariances[0, 12:14] = -torch.eye(3)  # not a covariance: no valid 2D footprint, culled
    gaussians = Gaussians(scene.gaussians.means, covariances, scene.gaussians.harmonics, scene.gaussians.opacities)
    out = _render(scene, gaussians, depth_normalize=True)
    for tensor in (out.color, out.depth, out.alpha):
        assert torch.isfinite(tensor).all()
    assert out.alpha.min() > 0  # the huge Gaussians reach every pixel


def test_half_precision_inputs_and_autocast_render_in_float32():
    scene = _scene()
    reference = _render(scene)
    half = Gaussians(*(getattr(scene.gaussians, k).bfloat16() for k in ("means", "covariances", "harmonics", "opacities")))
    with torch.autocast("cpu", dtype=torch.bfloat16):
        out = _render(scene, half, extrinsics=scene.extrinsics.double())
    assert out.color.dtype == torch.float32
    assert torch.isfinite(out.color).all()
    assert (out.color - reference.color).abs().mean() < 0.05  # only the bfloat16 rounding of the inputs


def test_identity_view_matrices_made_under_inference_mode_serve_autograd_later():
    # Lightning validates under inference mode; the cached identities gsplat saves for backward
    # must still be normal tensors when a training render reuses them.
    from splatbench.render.gsplat_backend import _identity_view_matrices

    _identity_view_matrices.cache_clear()
    with torch.inference_mode():
        made = _identity_view_matrices(3, torch.device("cpu"), torch.float32)
    assert not made.is_inference()
    assert torch.equal(made, torch.eye(4).expand(3, 1, 4, 4))
    means = torch.ones(3, 1, 4, requires_grad=True)
    (means * made[:, :, 0]).sum().backward()  # saving it for backward works
    _identity_view_matrices.cache_clear()
