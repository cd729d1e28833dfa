"""Pinhole projection helpers: field of view from normalised intrinsics, pixel intrinsics, world-to-camera.

Conventions: OpenCV camera-to-world extrinsics (+X right, +Y down, +Z forward) and normalised
intrinsics (row 0 divided by the image width, row 1 by the height). Pixel coordinates put the
image's top-left corner at (0, 0), so pixel (row i, column j) has its centre at (j + 0.5, i + 0.5).
"""

from __future__ import annotations

from typing import Literal

import torch
from jaxtyping import Float
from torch import Tensor

from splatbench.geometry.small_matmul import small_matmul

PrincipalPoint = Literal["symmetric", "exact"]


def get_fov(intrinsics: Float[Tensor, "*batch 3 3"]) -> Float[Tensor, "*batch 2"]:
    """Horizontal and vertical field of view (radians) of normalised intrinsics.

    As the reference does, the angle is measured between the rays through the middles of the
    left and right image edges (and of the top and bottom edges), so an off-centre principal point
    changes the field of view but not its symmetry. ``atan2(|a x b|, a . b)`` is used instead of
    ``acos(a . b)``: the same angle, without acos's loss of precision near 0.
    """
    inverse = torch.linalg.inv(intrinsics)
    edge_points = torch.tensor(
        [[0.0, 0.5, 1.0], [1.0, 0.5, 1.0], [0.5, 0.0, 1.0], [0.5, 1.0, 1.0]],
        dtype=intrinsics.dtype,
        device=intrinsics.device,
    )
    rays = torch.einsum("...ij,pj->...pi", inverse, edge_points)
    rays = rays / rays.norm(dim=-1, keepdim=True)
    left, right, top, bottom = rays.unbind(dim=-2)

    def angle(a: Tensor, b: Tensor) -> Tensor:
        return torch.atan2(torch.linalg.cross(a, b).norm(dim=-1), (a * b).sum(dim=-1))

    return torch.stack((angle(left, right), angle(top, bottom)), dim=-1)


def pixel_intrinsics(
    intrinsics: Float[Tensor, "*batch 3 3"],
    image_shape: tuple[int, int],
    principal_point: PrincipalPoint = "symmetric",
) -> Float[Tensor, "*batch 3 3"]:
    """Intrinsics in pixels for an image of ``image_shape = (height, width)``.

    "symmetric" reproduces the reference rasteriser: a frustum symmetric about the optical axis
    with the field of view of :func:`get_fov`, i.e. ``fx = W / (2 tan(fov_x / 2))`` and the
    principal point at the image centre (cx, cy of the input are ignored). "exact" scales the
    normalised matrix to pixels unchanged.
    """
    height, width = image_shape
    if principal_point == "exact":
        scale = torch.tensor([width, height, 1.0], dtype=intrinsics.dtype, device=intrinsics.device)
        return intrinsics * scale[:, None]
    if principal_point != "symmetric":
        raise ValueError(f"principal_point must be 'symmetric' or 'exact', got {principal_point!r}")
    tan_half_fov = (0.5 * get_fov(intrinsics)).tan()
    result = torch.zeros_like(intrinsics)
    result[..., 0, 0] = width / (2 * tan_half_fov[..., 0])
    result[..., 1, 1] = height / (2 * tan_half_fov[..., 1])
    result[..., 0, 2] = width / 2
    result[..., 1, 2] = height / 2
    result[..., 2, 2] = 1.0
    return result


def world_to_camera(extrinsics: Float[Tensor, "*batch 4 4"]) -> Float[Tensor, "*batch 4 4"]:
    """Invert rigid camera-to-world matrices (rotation transposed, translation rotated back)."""
    rotation = extrinsics[..., :3, :3]
    translation = extrinsics[..., :3, 3:]
    rotation_t = rotation.transpose(-1, -2)
    top = torch.cat((rotation_t, -small_matmul(rotation_t, translation)), dim=-1)  # float32 under TF32 too
    bottom = torch.zeros_like(extrinsics[..., 3:, :])
    bottom[..., 3] = 1.0
    return torch.cat((top, bottom), dim=-2)
