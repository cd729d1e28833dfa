"""Camera conventions: the 18-number chunk camera vector, normalised intrinsics, OpenGL/OpenCV.

The chunk format stores per frame ``[fx, fy, cx, cy, 0, 0, w2c 3x4 row-major]`` with fx, cx
divided by the image width and fy, cy by the height, and an OpenCV world-to-camera matrix.
The rest of splatbench uses OpenCV camera-to-world 4x4 ``extrinsics`` and normalised 3x3 K.
Inversions run in float64 so that a w2c -> c2w -> w2c round trip reproduces the stored numbers.
"""

from __future__ import annotations

import math

import numpy as np
import torch
from jaxtyping import Float
from torch import Tensor

from splatbench.geometry.projection import get_fov

CAMERA_VECTOR_LENGTH = 18


def camera_vectors_to_matrices(
    cameras: Float[Tensor, "view 18"],
    dtype: torch.dtype = torch.float32,
) -> tuple[Float[Tensor, "view 4 4"], Float[Tensor, "view 3 3"]]:
    """Split chunk camera vectors into (OpenCV c2w, normalised K), float32 unless ``dtype`` says.

    With ``dtype=torch.float64`` the round trip back through :func:`matrices_to_camera_vectors`
    reproduces the stored float32 vectors bit for bit.
    """
    cameras = np.asarray(torch.as_tensor(cameras).detach().cpu().numpy())
    if cameras.ndim != 2 or cameras.shape[1] != CAMERA_VECTOR_LENGTH:
        raise ValueError(f"camera vectors must have shape [N, 18], got {list(cameras.shape)}")
    # numpy, not torch: per-scene 4x4 work is dominated by torch's per-op overhead on CPU.
    num_views = cameras.shape[0]
    intrinsics = np.tile(np.eye(3, dtype=np.float32), (num_views, 1, 1))
    intrinsics[:, 0, 0] = cameras[:, 0]
    intrinsics[:, 1, 1] = cameras[:, 1]
    intrinsics[:, 0, 2] = cameras[:, 2]
    intrinsics[:, 1, 2] = cameras[:, 3]
    w2c = np.tile(np.eye(4), (num_views, 1, 1))
    w2c[:, :3] = cameras[:, 6:].astype(np.float64).reshape(num_views, 3, 4)
    c2w = torch.from_numpy(np.linalg.inv(w2c)).to(dtype)
    return c2w, torch.from_numpy(intrinsics).to(dtype)


def matrices_to_camera_vectors(
    extrinsics: Float[Tensor, "view 4 4"],
    intrinsics: Float[Tensor, "view 3 3"],
) -> Float[Tensor, "view 18"]:
    """Inverse of :func:`camera_vectors_to_matrices` (entries 4-5 are written as zeros)."""
    extrinsics = torch.as_tensor(extrinsics)
    intrinsics = torch.as_tensor(intrinsics)
    num_views = extrinsics.shape[0]
    w2c = torch.linalg.inv(extrinsics.to(torch.float64))
    cameras = torch.zeros(num_views, CAMERA_VECTOR_LENGTH, dtype=torch.float64)
    cameras[:, 0] = intrinsics[:, 0, 0].to(torch.float64)
    cameras[:, 1] = intrinsics[:, 1, 1].to(torch.float64)
    cameras[:, 2] = intrinsics[:, 0, 2].to(torch.float64)
    cameras[:, 3] = intrinsics[:, 1, 2].to(torch.float64)
    cameras[:, 6:] = w2c[:, :3].reshape(num_views, 12)
    return cameras.to(torch.float32)


def w2c_to_camera_vectors(
    w2c: Float[Tensor, "view 4 4"] | Float[Tensor, "view 3 4"],
    intrinsics: Float[Tensor, "view 3 3"],
) -> Float[Tensor, "view 18"]:
    """Build camera vectors from world-to-camera matrices directly (no inversion, exact)."""
    w2c = torch.as_tensor(w2c, dtype=torch.float64)
    intrinsics = torch.as_tensor(intrinsics, dtype=torch.float64)
    num_views = w2c.shape[0]
    cameras = torch.zeros(num_views, CAMERA_VECTOR_LENGTH, dtype=torch.float64)
    cameras[:, 0] = intrinsics[:, 0, 0]
    cameras[:, 1] = intrinsics[:, 1, 1]
    cameras[:, 2] = intrinsics[:, 0, 2]
    cameras[:, 3] = intrinsics[:, 1, 2]
    cameras[:, 6:] = w2c[:, :3, :4].reshape(num_views, 12)
    return cameras.to(torch.float32)


def normalize_intrinsics(
    intrinsics: Float[Tensor, "*batch 3 3"], image_shape: tuple[int, int]
) -> Float[Tensor, "*batch 3 3"]:
    """Pixel K -> normalised K (row 0 divided by the width, row 1 by the height)."""
    height, width = image_shape
    normalized = torch.as_tensor(intrinsics).clone()
    normalized[..., 0, :] = normalized[..., 0, :] / width
    normalized[..., 1, :] = normalized[..., 1, :] / height
    return normalized


def denormalize_intrinsics(
    intrinsics: Float[Tensor, "*batch 3 3"], image_shape: tuple[int, int]
) -> Float[Tensor, "*batch 3 3"]:
    """Normalised K -> pixel K (row 0 times the width, row 1 times the height)."""
    height, width = image_shape
    pixels = torch.as_tensor(intrinsics).clone()
    pixels[..., 0, :] = pixels[..., 0, :] * width
    pixels[..., 1, :] = pixels[..., 1, :] * height
    return pixels


def opengl_to_opencv(c2w: Float[Tensor, "*batch 4 4"]) -> Float[Tensor, "*batch 4 4"]:
    """Camera-to-world in OpenGL/Blender axes (+Y up, +Z backward) -> OpenCV (+Y down, +Z forward).

    The world frame is left unchanged; only the camera's local Y and Z axes flip. The map is
    its own inverse, so it also converts OpenCV to OpenGL.
    """
    c2w = torch.as_tensor(c2w)
    flip = torch.diag(torch.tensor([1.0, -1.0, -1.0, 1.0], dtype=c2w.dtype))
    return c2w @ flip


opencv_to_opengl = opengl_to_opencv


def fov_from_intrinsics(intrinsics: Float[Tensor, "*batch 3 3"]) -> Float[Tensor, "*batch 2"]:
    """Horizontal and vertical field of view (radians) of normalised intrinsics, as the
    reference measures it (see :func:`splatbench.geometry.projection.get_fov`)."""
    return get_fov(torch.as_tensor(intrinsics, dtype=torch.float32))


def rebase_extrinsics(
    extrinsics: Float[Tensor, "view 4 4"], reference_index: int
) -> Float[Tensor, "view 4 4"]:
    """Express every camera relative to camera ``reference_index`` (which becomes identity)."""
    matrices = extrinsics.detach().cpu().numpy().astype(np.float64)
    rebased = np.linalg.inv(matrices[reference_index]) @ matrices
    return torch.from_numpy(rebased).to(extrinsics.dtype)


def rotation_is_valid(rotation: Float[Tensor, "*batch 3 3"], tolerance: float = 1e-3) -> Tensor:
    """True where ``rotation`` is finite, orthonormal and right-handed (within ``tolerance``)."""
    rotation = torch.as_tensor(rotation).detach().cpu().numpy().astype(np.float64)
    finite = np.isfinite(rotation).all(axis=(-1, -2))
    safe = np.where(finite[..., None, None], rotation, np.eye(3))
    orthonormal = np.abs(safe @ np.swapaxes(safe, -1, -2) - np.eye(3)).max(axis=(-1, -2)) < tolerance
    right_handed = np.abs(np.linalg.det(safe) - 1.0) < tolerance
    return torch.from_numpy(finite & orthonormal & right_handed)


def focal_from_fov(fov_radians: float) -> float:
    """Normalised focal length of a pinhole camera with the given field of view."""
    return 0.5 / math.tan(0.5 * fov_radians)
