"""``render_gaussians``: one entry point over the gsplat and PyTorch rasterisers."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

import torch
from jaxtyping import Float
from torch import Tensor

from splatbench.geometry.gaussians import Gaussians
from splatbench.render.gsplat_backend import gsplat_usable, rasterize_gsplat
from splatbench.render.inputs import CameraSpaceGaussians, background_tensor, to_camera_space, validate_inputs, validate_values
from splatbench.render.settings import REFERENCE_3DGS, RasterSettings
from splatbench.render.torch_backend import rasterize_torch
from splatbench.render.types import RenderInputError, RenderOutput

logger = logging.getLogger(__name__)

Rasterizer = Callable[[CameraSpaceGaussians, tuple[int, int], RasterSettings], tuple[Tensor, Tensor]]

BACKENDS: dict[str, Rasterizer] = {"torch": rasterize_torch, "gsplat": rasterize_gsplat}


def resolve_backend(backend: str, device: torch.device, dtype: torch.dtype = torch.float32) -> str:
    """"auto" means gsplat for float32 CUDA tensors when its extension loads, the PyTorch backend otherwise."""
    if backend == "auto":
        return "gsplat" if device.type == "cuda" and dtype == torch.float32 and gsplat_usable() else "torch"
    if backend not in BACKENDS:
        raise RenderInputError(f"render_gaussians: backend must be 'auto' or one of {sorted(BACKENDS)}, got {backend!r}")
    if backend == "gsplat" and (device.type != "cuda" or dtype != torch.float32):
        raise RenderInputError(f"render_gaussians: backend 'gsplat' needs float32 CUDA tensors, got {dtype} on {device}")
    return backend


def render_gaussians(
    gaussians: Gaussians,
    extrinsics: Float[Tensor, "batch view 4 4"],
    intrinsics: Float[Tensor, "batch view 3 3"],
    near: Float[Tensor, "batch view"],
    far: Float[Tensor, "batch view"],
    image_shape: tuple[int, int],
    background_color: Float[Tensor, "batch 3"] | Sequence[float] | None = None,
    backend: str = "auto",
    scale_invariant: bool = True,
    principal_point: str = "symmetric",
    *,
    depth_mode: str = "depth",
    depth_normalize: bool = False,
    settings: RasterSettings = REFERENCE_3DGS,
    gaussian_chunk: int = 256,
    conversion: str = "auto",
) -> RenderOutput:
    """Render batched 3D Gaussians into batched pinhole cameras, all views in one call.

    Args:
        gaussians: world-space Gaussians of each batch element (``splatbench.geometry.gaussians``):
            means [B, G, 3]; covariances [B, G, 3, 3] (or None, then scales [B, G, 3] standard
            deviations and rotations [B, G, 4] unit (x, y, z, w) quaternions); harmonics
            [B, G, 3, (d+1)**2] real SH coefficients of degree d <= 4 in the 3DGS basis (colour =
            max(SH(dir) + 0.5, 0), dir from the camera centre to the Gaussian); opacities [B, G]
            in [0, 1]. G may be 0. Half-precision inputs are rendered in float32.
        extrinsics: [B, V, 4, 4] OpenCV camera-to-world (+X right, +Y down, +Z forward), rigid.
        intrinsics: [B, V, 3, 3] normalised (fx, cx divided by width; fy, cy by height).
        near, far: [B, V] in the units of the camera translations. With ``scale_invariant``, near
            must be positive: the scene is divided by near before rasterising (covariances by
            near**2) as the reference does. Gaussians with camera z <= 0.2 in rasteriser units
            (0.2 * near when scale-invariant) are culled. far only clamps the "log" depth mode.
        image_shape: (H, W) in pixels, both > 0.
        background_color: [B, 3] or [3]; None is black (the reference default).
        backend: "gsplat" (float32 CUDA tensors, gsplat installed; its CUDA extension is
            JIT-compiled on first use, about 1.5 min), "torch" (any device and dtype,
            differentiable) or "auto" (gsplat when possible, else torch).
        scale_invariant: divide by near first (reference behaviour).
        principal_point: "symmetric" (reference): frustum symmetric about the optical axis with
            the field of view of ``get_fov``, cx and cy ignored; "exact": cx, cy honoured.
        depth_mode: what the depth image composites per Gaussian: "depth" (camera z in the input
            units), "disparity" (1/z), "log" (log z clamped to [near, far]).
        depth_normalize: False (reference): depth = sum_i w_i f_i, where w_i are the compositing
            weights, so it is pulled towards 0 where alpha < 1; True: divided by alpha (0 where
            alpha is 0), the expected value over the visible surface.
        settings: rasteriser constants (default: 3DGS's, as the reference decoder uses; torch
            backend only, gsplat applies its own clamp 0.999 and footprint rule).
        gaussian_chunk: torch backend: Gaussians composited per step in each tile.
        conversion: how the Gaussians are moved into each camera's frame
            (``splatbench.render.inputs``): "auto" (the fused Triton kernels on CUDA when they
            take the call, else "elementwise"), "triton", "elementwise", or "matrix" (the
            former path: 3x3 covariances, through ``gsplat.rasterization`` on the gsplat backend;
            kept to compare speed). All give the same images to float32 rounding.

    Returns:
        RenderOutput with color [B, V, 3, H, W] (unclamped, background added as
        ``(1 - alpha) * background``), depth [B, V, H, W] and alpha [B, V, H, W]. Pixel (i, j)
        is sampled at (j + 0.5, i + 0.5) in pixel units.

    Raises:
        RenderInputError (a ValueError) naming the field for non-finite values, wrong shapes, a
        zero-size image, non-positive near (scale-invariant) or focal lengths.
    """
    image_shape = (int(image_shape[0]), int(image_shape[1]))
    # Shapes now; values after the cast, by the conversion (one kernel checks them on CUDA).
    validate_inputs(gaussians, extrinsics, intrinsics, near, far, image_shape, scale_invariant, check_values=False)
    # Rasterise in float32 at least (half precision breaks the 1/255 and 1e-4 thresholds), with the
    # cameras in the Gaussians' precision, and outside any autocast region of the caller.
    dtype = torch.promote_types(gaussians.means.dtype, torch.float32)
    gaussians = Gaussians(
        **{
            name: None if getattr(gaussians, name) is None else getattr(gaussians, name).to(dtype)
            for name in ("means", "covariances", "harmonics", "opacities", "scales", "rotations")
        }
    )
    extrinsics, intrinsics, near, far = (tensor.to(dtype) for tensor in (extrinsics, intrinsics, near, far))
    with torch.autocast(gaussians.means.device.type, enabled=False):
        return _render(
            gaussians, extrinsics, intrinsics, near, far, image_shape, background_color, backend, scale_invariant,
            principal_point, depth_mode, depth_normalize, settings, gaussian_chunk, conversion,
        )  # fmt: skip


def _render(
    gaussians: Gaussians,
    extrinsics: Tensor,
    intrinsics: Tensor,
    near: Tensor,
    far: Tensor,
    image_shape: tuple[int, int],
    background_color: Tensor | Sequence[float] | None,
    backend: str,
    scale_invariant: bool,
    principal_point: str,
    depth_mode: str,
    depth_normalize: bool,
    settings: RasterSettings,
    gaussian_chunk: int,
    conversion: str,
) -> RenderOutput:
    batch, views = extrinsics.shape[:2]
    height, width = image_shape
    background = background_tensor(background_color, batch, gaussians.means)
    name = resolve_backend(backend, gaussians.means.device, gaussians.means.dtype)

    if gaussians.means.shape[1] == 0:
        validate_values(gaussians, extrinsics, intrinsics, near, far, scale_invariant)
        color = background[:, None, :, None, None].expand(batch, views, 3, height, width).clone()
        zeros = gaussians.means.new_zeros(batch, views, height, width)
        return RenderOutput(color=color, depth=zeros, alpha=zeros.clone())

    scene = to_camera_space(
        gaussians, extrinsics, intrinsics, near, far, image_shape, background, scale_invariant, principal_point, depth_mode,
        conversion,
    )
    if name == "torch":
        features, alpha = rasterize_torch(scene, image_shape, settings, gaussian_chunk=gaussian_chunk)
    else:
        features, alpha = BACKENDS[name](scene, image_shape, settings)
    features = features.reshape(batch, views, 4, height, width)
    alpha = alpha.reshape(batch, views, height, width)
    color = features[:, :, :3] + (1.0 - alpha[:, :, None]) * background[:, None, :, None, None]
    depth = features[:, :, 3]
    if depth_normalize:
        covered = alpha > 0
        depth = torch.where(covered, depth / torch.where(covered, alpha, torch.ones_like(alpha)), torch.zeros_like(depth))
    return RenderOutput(color=color, depth=depth, alpha=alpha)
