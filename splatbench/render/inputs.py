"""Check rendering inputs and turn them into per-image camera-space Gaussians both backends consume.

Every backend receives the same :class:`CameraSpaceGaussians`: one "image" per (batch, view) pair,
Gaussians already transformed into that camera's frame (optionally divided by ``near``, as the
reference does), view-dependent colours already evaluated from the SH coefficients, and pixel
intrinsics already chosen (symmetric frustum or exact principal point). The backends only
project, sort and composite, so they cannot disagree about conventions.

Camera-space covariances travel as their six upper-triangular values (xx, xy, xz, yy, yz, zz: the
layout gsplat's projection reads), computed directly from the world covariances. Three
conversions produce the same values: "triton" (``splatbench/render/camera_space_kernel.py``: one
kernel for the per-image constants and the value checks, one fused kernel forward and one
backward for the Gaussians) and the PyTorch ones of :data:`CONVERSIONS`, "elementwise" (a few
broadcast kernels) and "matrix" (the fifth session's formulation: full 3x3 camera covariances,
kept so that the gsplat backend's former path through ``gsplat.rasterization`` can be timed
against the new one).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import torch
from jaxtyping import Float
from torch import Tensor

from splatbench.geometry.projection import PrincipalPoint, pixel_intrinsics, world_to_camera
from splatbench.geometry.rotation import quaternion_to_matrix
from splatbench.geometry.gaussians import Gaussians
from splatbench.geometry.small_matmul import sandwich, small_matvec
from splatbench.render.spherical_harmonics import MAX_SH_DEGREE, sh_to_rgb
from splatbench.render.types import RenderInputError

# Per-Gaussian scalar rendered into the depth image, from camera-space z (original units).
DEPTH_FEATURES: dict[str, Callable[[Tensor, Tensor, Tensor], Tensor]] = {
    "depth": lambda z, near, far: z,
    "disparity": lambda z, near, far: 1.0 / z,
    # The reference clamps with minimum(near).maximum(far), which always yields far; we clamp to
    # [near, far] as intended.
    "log": lambda z, near, far: torch.minimum(torch.maximum(z, near), far).log(),
    # Accepted by the reference's type but rendered there as plain depth.
    "relative_disparity": lambda z, near, far: z,
}


@dataclass
class CameraSpaceGaussians:
    """Gaussians of every (batch, view) image in that image's camera frame; ``image = b * V + v``.

    means:        Float[I, G, 3]     camera-space centres (rasteriser units)
    covariances:  Float[I, G, 6]     camera-space covariances (rasteriser units squared), upper
                                     triangle xx, xy, xz, yy, yz, zz; [I, G, 3, 3] from the
                                     "matrix" conversion only
    opacities:    Float[I, G]
    features:     Float[I, G, 4]     RGB from SH (3DGS activation) and the depth feature
    intrinsics:   Float[I, 3, 3]     pixel intrinsics, pixel centres at integer + 0.5
    background:   Float[I, 4]        background of the features (depth background is 0)
    """

    means: Float[Tensor, "image gaussian 3"]
    covariances: Float[Tensor, "image gaussian 6"] | Float[Tensor, "image gaussian 3 3"]
    opacities: Float[Tensor, "image gaussian"]
    features: Float[Tensor, "image gaussian 4"]
    intrinsics: Float[Tensor, "image 3 3"]
    background: Float[Tensor, "image 4"]
    batch: int
    views: int


def _first_bad(tensor: Tensor) -> tuple[int, ...]:
    bad = (~torch.isfinite(tensor)).nonzero()
    return tuple(int(i) for i in bad[0].tolist())


def _require_finite(name: str, tensor: Tensor) -> None:
    if not bool(torch.isfinite(tensor).all()):
        raise RenderInputError(f"render_gaussians: {name} has non-finite values (first at index {_first_bad(tensor)})")


def _require_shape(name: str, tensor: Tensor, shape: tuple[int, ...]) -> None:
    if tuple(tensor.shape) != shape:
        raise RenderInputError(f"render_gaussians: {name} has shape {tuple(tensor.shape)}, expected {shape}")


def world_covariances(gaussians: Gaussians) -> Float[Tensor, "batch gaussian 3 3"]:
    """The Gaussians' covariances, built as ``R diag(s^2) R^T`` from scales and (x, y, z, w)
    rotations when ``covariances`` is None."""
    if gaussians.covariances is not None:
        return gaussians.covariances
    if gaussians.scales is None or gaussians.rotations is None:
        raise RenderInputError("render_gaussians: gaussians need covariances, or scales and rotations")
    rotation = quaternion_to_matrix(gaussians.rotations)
    return sandwich(rotation, torch.diag_embed(gaussians.scales * gaussians.scales))


def background_tensor(
    background_color: Tensor | Sequence[float] | None, batch: int, like: Tensor
) -> Float[Tensor, "batch 3"]:
    """Background colour as a [B, 3] tensor; None means black, as in the reference."""
    if background_color is None:
        return like.new_zeros(batch, 3)
    if not isinstance(background_color, Tensor):  # a Python value or config entry: checked on the host
        _require_finite("background_color", torch.as_tensor(background_color, dtype=torch.float64))
    background = torch.as_tensor(background_color, dtype=like.dtype, device=like.device)
    if background.shape == (3,):
        background = background.expand(batch, 3)
    _require_shape("background_color", background, (batch, 3))
    if background.device.type == "cpu":
        _require_finite("background_color", background)
    else:  # the decoder passes a device tensor every step: no host synchronisation for the check
        torch._assert_async(torch.isfinite(background).all(), "render_gaussians: background_color has non-finite values")
    return background


def validate_inputs(
    gaussians: Gaussians,
    extrinsics: Tensor,
    intrinsics: Tensor,
    near: Tensor,
    far: Tensor,
    image_shape: tuple[int, int],
    scale_invariant: bool,
    check_values: bool = True,
) -> None:
    """Raise :class:`RenderInputError` naming the field for any input that has no defined image;
    ``check_values=False``: shapes only (:func:`check_values` runs later, or the kernels check)."""
    height, width = (int(v) for v in image_shape)
    if height <= 0 or width <= 0:
        raise RenderInputError(f"render_gaussians: image_shape must be positive (height, width), got {image_shape}")
    if extrinsics.ndim != 4:
        raise RenderInputError(f"render_gaussians: extrinsics must be [batch, view, 4, 4], got {tuple(extrinsics.shape)}")
    batch, views = extrinsics.shape[:2]
    count = gaussians.means.shape[1] if gaussians.means.ndim == 3 else -1
    _require_shape("extrinsics", extrinsics, (batch, views, 4, 4))
    _require_shape("intrinsics", intrinsics, (batch, views, 3, 3))
    _require_shape("near", near, (batch, views))
    _require_shape("far", far, (batch, views))
    _require_shape("gaussians.means", gaussians.means, (batch, count, 3))
    if gaussians.covariances is not None:
        _require_shape("gaussians.covariances", gaussians.covariances, (batch, count, 3, 3))
    else:
        for name, tensor, size in (("scales", gaussians.scales, 3), ("rotations", gaussians.rotations, 4)):
            if tensor is None:
                raise RenderInputError("render_gaussians: gaussians need covariances, or scales and rotations")
            _require_shape(f"gaussians.{name}", tensor, (batch, count, size))
    _require_shape("gaussians.opacities", gaussians.opacities, (batch, count))
    d_sh = gaussians.harmonics.shape[-1]
    _require_shape("gaussians.harmonics", gaussians.harmonics, (batch, count, 3, d_sh))
    degree = int(round(d_sh**0.5)) - 1
    if (degree + 1) ** 2 != d_sh or degree > MAX_SH_DEGREE:
        raise RenderInputError(
            f"render_gaussians: gaussians.harmonics has {d_sh} coefficients per channel; "
            f"expected (degree + 1)**2 with degree <= {MAX_SH_DEGREE}"
        )
    if check_values:
        validate_values(gaussians, extrinsics, intrinsics, near, far, scale_invariant)


def validate_values(
    gaussians: Gaussians, extrinsics: Tensor, intrinsics: Tensor, near: Tensor, far: Tensor, scale_invariant: bool
) -> None:
    """Finite inputs, positive focal lengths, positive near when scale-invariant: raised naming the
    field on the CPU, asserted asynchronously (no host synchronisation) on an accelerator."""
    named = (
        ("extrinsics", extrinsics),
        ("intrinsics", intrinsics),
        ("near", near),
        ("far", far),
        ("gaussians.means", gaussians.means),
        ("gaussians.harmonics", gaussians.harmonics),
        ("gaussians.opacities", gaussians.opacities),
    ) + tuple(
        (f"gaussians.{name}", getattr(gaussians, name))
        for name in ("covariances", "scales", "rotations")
        if getattr(gaussians, name) is not None and (name == "covariances" or gaussians.covariances is None)
    )
    finite_flags = torch.stack([torch.isfinite(tensor).all() for _, tensor in named])
    positive_focal = (intrinsics[..., 0, 0] > 0).all() & (intrinsics[..., 1, 1] > 0).all()
    if extrinsics.device.type != "cpu":
        # On an accelerator, reading the verdicts back would stall the host on every render:
        # the checks run asynchronously and a violation stops the process at the next sync.
        names = ", ".join(name for name, _ in named)
        torch._assert_async(finite_flags.all(), f"render_gaussians: non-finite values in one of {names}")
        torch._assert_async(positive_focal, "render_gaussians: intrinsics must have positive focal lengths fx, fy")
        if scale_invariant:
            torch._assert_async((near > 0).all(), "render_gaussians: near must be > 0 when scale_invariant=True")
        return
    # One pass over the flags for all checks; details are computed only on failure.
    finite = finite_flags.tolist()
    for (name, tensor), ok in zip(named, finite):
        if not ok:
            _require_finite(name, tensor)
    if scale_invariant and bool((near <= 0).any()):
        raise RenderInputError("render_gaussians: near must be > 0 when scale_invariant=True (the scene is divided by near)")
    if not bool(positive_focal):
        raise RenderInputError("render_gaussians: intrinsics must have positive focal lengths fx, fy")


# Upper-triangular entries (row, column) of a symmetric 3x3 matrix, in gsplat's covariance order.
TRIU_ROWS = (0, 0, 0, 1, 1, 2)
TRIU_COLUMNS = (0, 1, 2, 1, 2, 2)
# Where each of the nine entries of the symmetric matrix sits among the six values.
_SYMMETRIC_FROM_TRIU = (0, 1, 2, 1, 3, 4, 2, 4, 5)


def symmetric_from_triu(triu: Float[Tensor, "*batch 6"]) -> Float[Tensor, "*batch 3 3"]:
    """The symmetric 3x3 matrices of six upper-triangular values (xx, xy, xz, yy, yz, zz)."""
    index = torch.tensor(_SYMMETRIC_FROM_TRIU, device=triu.device)
    return triu.index_select(-1, index).unflatten(-1, (3, 3))


@dataclass
class CameraFrames:
    """Per-image constants of the conversion, ``[B, V, ...]``.

    rotation:     Float[B, V, 3, 3]  world-to-camera rotation (original units)
    translation:  Float[B, V, 3]     world-to-camera translation (original units)
    centres:      Float[B, V, 3]     camera centres in the world frame (SH view directions)
    scale:        Float[B, V]        1 / near when scale-invariant, else 1 (rasteriser units per unit)
    near, far:    Float[B, V]        depth-feature clamps of the "log" mode
    """

    rotation: Tensor
    translation: Tensor
    centres: Tensor
    scale: Tensor
    near: Tensor
    far: Tensor


# A conversion returns camera-space means [B, V, G, 3] (rasteriser units), covariances [B, V, G, 6]
# (or [B, V, G, 3, 3] for "matrix"), features [B, V, G, 4] and opacities [B, V, G].
Conversion = Callable[[Gaussians, CameraFrames, str], tuple[Tensor, Tensor, Tensor, Tensor]]


def _colours_and_depth(
    gaussians: Gaussians, frames: CameraFrames, z: Tensor, depth_mode: str
) -> Float[Tensor, "batch view gaussian 4"]:
    """RGB from SH (3DGS activation) and the depth feature of camera-space z (original units)."""
    batch, views = frames.rotation.shape[:2]
    count = gaussians.means.shape[1]
    directions = gaussians.means[:, None] - frames.centres[:, :, None, :]  # world frame, as 3DGS
    harmonics = gaussians.harmonics[:, None].expand(batch, views, count, 3, gaussians.harmonics.shape[-1])
    rgb = sh_to_rgb(harmonics, directions)
    # Culled Gaussians (z <= 0) must not put inf or NaN into features or their gradients.
    z_safe = torch.where(z > 0, z, torch.ones_like(z))
    depth_feature = DEPTH_FEATURES[depth_mode](z_safe, frames.near[..., None], frames.far[..., None])
    depth_feature = torch.where(z > 0, depth_feature, torch.zeros_like(depth_feature))
    return torch.cat((rgb, depth_feature[..., None]), dim=-1)


def _broadcast_opacities(gaussians: Gaussians, frames: CameraFrames) -> Tensor:
    batch, views = frames.rotation.shape[:2]
    return gaussians.opacities[:, None].expand(batch, views, gaussians.opacities.shape[1])


def convert_matrix(gaussians: Gaussians, frames: CameraFrames, depth_mode: str) -> tuple[Tensor, Tensor, Tensor, Tensor]:
    """Full 3x3 camera-space covariances ``R Sigma R^T``, as before the six-value path (timing baseline)."""
    rotation = frames.rotation[:, :, None]
    # Element-wise products (splatbench.geometry.small_matmul): float32 whatever the TF32 setting,
    # and no batched GEMM of B x V x G 3x3 matrices.
    means = small_matvec(rotation, gaussians.means[:, None]) + frames.translation[:, :, None, :]
    covariances = sandwich(rotation, world_covariances(gaussians)[:, None])
    features = _colours_and_depth(gaussians, frames, means[..., 2], depth_mode)
    means = means * frames.scale[..., None, None]
    covariances = covariances * (frames.scale**2)[..., None, None, None]
    return means, covariances, features, _broadcast_opacities(gaussians, frames)


def triu_sandwich_weights(rotation: Float[Tensor, "*batch 3 3"]) -> Float[Tensor, "*batch 6 9"]:
    """``W`` with ``(R S R^T)[a, b] = sum_kl W[p, 3k + l] S[k, l]`` for the six upper-triangular
    pairs ``p = (a, b)``: ``W[p, 3k + l] = R[a, k] R[b, l]``."""
    rows = rotation[..., list(TRIU_ROWS), :]  # [..., 6, 3]
    columns = rotation[..., list(TRIU_COLUMNS), :]
    return (rows[..., :, None] * columns[..., None, :]).flatten(-2)


def convert_elementwise(
    gaussians: Gaussians, frames: CameraFrames, depth_mode: str
) -> tuple[Tensor, Tensor, Tensor, Tensor]:
    """Six covariance values as one product of the world covariance's nine entries with a per-view
    6 x 9 table (scale folded in), no 3x3 camera-space matrix built."""
    means = small_matvec(frames.rotation[:, :, None], gaussians.means[:, None]) + frames.translation[:, :, None, :]
    weights = triu_sandwich_weights(frames.rotation) * (frames.scale**2)[..., None, None]  # [B, V, 6, 9]
    covariances = small_matvec(weights[:, :, None], world_covariances(gaussians).flatten(-2)[:, None])
    features = _colours_and_depth(gaussians, frames, means[..., 2], depth_mode)
    means = means * frames.scale[..., None, None]
    return means, covariances, features, _broadcast_opacities(gaussians, frames)


CONVERSIONS: dict[str, Conversion] = {"elementwise": convert_elementwise, "matrix": convert_matrix}
CONVERSION_NAMES = ("triton", *CONVERSIONS)


def resolve_conversion(conversion: str, gaussians: Gaussians, cameras: tuple[Tensor, ...]) -> str:
    """"auto": the Triton kernels on CUDA when they take the call, else "elementwise";
    ``cameras``: extrinsics, intrinsics, near, far."""
    if conversion != "auto" and conversion not in CONVERSION_NAMES:
        raise RenderInputError(f"render_gaussians: conversion must be 'auto' or one of {list(CONVERSION_NAMES)}, got {conversion!r}")
    if conversion != "auto":
        return conversion
    from splatbench.render import camera_space_kernel

    takes = gaussians.means.device.type == "cuda" and camera_space_kernel.problem(gaussians, cameras) is None
    return "triton" if takes else "elementwise"


def _fused(
    gaussians: Gaussians,
    extrinsics: Tensor,
    intrinsics: Tensor,
    near: Tensor,
    far: Tensor,
    image_shape: tuple[int, int],
    background: Tensor,
    scale_invariant: bool,
    principal_point: PrincipalPoint,
    depth_mode: str,
) -> CameraSpaceGaussians:
    """The "triton" conversion: per-image constants and value checks in one launch, the Gaussians
    in one fused kernel (one more for the backward pass)."""
    from splatbench.render import camera_space_kernel

    batch, views = extrinsics.shape[:2]
    table, pixel, full_background, problems = camera_space_kernel.view_constants(
        extrinsics, intrinsics, near, far, background, image_shape, scale_invariant, principal_point
    )
    means, covariances, features, opacities = camera_space_kernel.convert(
        gaussians.means, world_covariances(gaussians), gaussians.harmonics, gaussians.opacities, table, problems,
        views, depth_mode,
    )  # fmt: skip
    if extrinsics.device.type == "cpu":
        validate_values(gaussians, extrinsics, intrinsics, near, far, scale_invariant)  # raised naming the field
    else:
        torch._assert_async(problems == 0, camera_space_kernel.PROBLEMS_MESSAGE)
    return CameraSpaceGaussians(means, covariances, opacities, features, pixel, full_background, batch, views)


def camera_frames(
    extrinsics: Tensor, near: Tensor, far: Tensor, scale_invariant: bool
) -> CameraFrames:
    """The per-image constants of :class:`CameraFrames` from camera-to-world extrinsics."""
    view_matrices = world_to_camera(extrinsics)
    scale = 1.0 / near if scale_invariant else torch.ones_like(near)
    return CameraFrames(
        rotation=view_matrices[..., :3, :3],
        translation=view_matrices[..., :3, 3],
        centres=extrinsics[..., :3, 3],
        scale=scale,
        near=near,
        far=far,
    )


def to_camera_space(
    gaussians: Gaussians,
    extrinsics: Float[Tensor, "batch view 4 4"],
    intrinsics: Float[Tensor, "batch view 3 3"],
    near: Float[Tensor, "batch view"],
    far: Float[Tensor, "batch view"],
    image_shape: tuple[int, int],
    background: Float[Tensor, "batch 3"],
    scale_invariant: bool,
    principal_point: PrincipalPoint,
    depth_mode: str,
    conversion: str = "auto",
) -> CameraSpaceGaussians:
    """Per-image camera-space Gaussians, colours and pixel intrinsics (see module docstring);
    ``conversion``: "triton", a name of :data:`CONVERSIONS` or "auto". Also checks the input values
    (:func:`validate_values`, or the kernels' own checks)."""
    if depth_mode not in DEPTH_FEATURES:
        raise RenderInputError(f"render_gaussians: depth_mode must be one of {sorted(DEPTH_FEATURES)}, got {depth_mode!r}")
    cameras = (extrinsics, intrinsics, near, far)
    name = resolve_conversion(conversion, gaussians, cameras)
    if name == "triton":
        from splatbench.utils.triton_runtime import BUILD_ERRORS
        from splatbench.render import camera_space_kernel

        try:
            return _fused(gaussians, *cameras, image_shape, background, scale_invariant, principal_point, depth_mode)
        except BUILD_ERRORS as error:  # a kernel that does not build here: only an automatic choice falls back
            if conversion != "auto":
                raise
            camera_space_kernel.mark_broken(error)
            name = "elementwise"
    validate_values(gaussians, *cameras, scale_invariant)
    batch, views = extrinsics.shape[:2]
    count = gaussians.means.shape[1]
    frames = camera_frames(extrinsics, near, far, scale_invariant)
    means, covariances, features, opacities = CONVERSIONS[name](gaussians, frames, depth_mode)
    images = batch * views
    full_background = torch.cat((background, background.new_zeros(batch, 1)), dim=-1)
    return CameraSpaceGaussians(
        means=means.reshape(images, count, 3),
        covariances=covariances.reshape(images, count, *covariances.shape[3:]),
        opacities=opacities.reshape(images, count),
        features=features.reshape(images, count, 4),
        intrinsics=pixel_intrinsics(intrinsics, image_shape, principal_point).reshape(images, 3, 3),
        background=full_background[:, None].expand(batch, views, 4).reshape(images, 4),
        batch=batch,
        views=views,
    )
