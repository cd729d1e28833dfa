"""The one rotation module: quaternions, rotation matrices, axis-angle, angle errors, Umeyama.

Conventions (every function takes and returns torch tensors with arbitrary leading batch axes):

* quaternions are Hamilton quaternions; ``order="xyzw"`` (scalar last: the encoder's raw output,
  scipy, 3DGS exports read through :func:`wxyz_to_xyzw`) or ``order="wxyz"`` (scalar first: COLMAP
  ``qvec``, the 3DGS ``.ply`` ``rot_0..3``). Unit quaternions returned by this module have ``w >= 0``.
* rotation matrices act on column vectors: ``x' = R x``; ``quaternion_to_matrix`` agrees with
  ``scipy.spatial.transform.Rotation.from_quat(q).as_matrix()`` for xyzw input.
* axis-angle vectors are ``angle * unit_axis`` (radians), right-handed.
* angle errors are in **degrees** (the pose-evaluation literature's unit).
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from jaxtyping import Float
from torch import Tensor

QUATERNION_ORDERS = ("xyzw", "wxyz")


def _check_order(order: str) -> None:
    if order not in QUATERNION_ORDERS:
        raise ValueError(f"quaternion order must be one of {QUATERNION_ORDERS}, got {order!r}")


def wxyz_to_xyzw(quaternions: Float[Tensor, "*batch 4"]) -> Float[Tensor, "*batch 4"]:
    return quaternions.roll(-1, dims=-1)


def xyzw_to_wxyz(quaternions: Float[Tensor, "*batch 4"]) -> Float[Tensor, "*batch 4"]:
    return quaternions.roll(1, dims=-1)


def quaternion_to_matrix(
    quaternions: Float[Tensor, "*batch 4"], order: str = "xyzw", eps: float = 1e-8
) -> Float[Tensor, "*batch 3 3"]:
    """Rotation matrices from quaternions, which need not be exactly unit (``2 / (|q|^2 + eps)`` scaling)."""
    _check_order(order)
    if order == "wxyz":
        quaternions = wxyz_to_xyzw(quaternions)
    x, y, z, w = quaternions.unbind(-1)
    two_s = 2 / ((quaternions * quaternions).sum(-1) + eps)
    matrix = torch.stack(
        (
            1 - two_s * (y * y + z * z), two_s * (x * y - z * w), two_s * (x * z + y * w),
            two_s * (x * y + z * w), 1 - two_s * (x * x + z * z), two_s * (y * z - x * w),
            two_s * (x * z - y * w), two_s * (y * z + x * w), 1 - two_s * (x * x + y * y),
        ),
        dim=-1,
    )  # fmt: skip
    return matrix.unflatten(-1, (3, 3))


def matrix_to_quaternion(matrices: Float[Tensor, "*batch 3 3"], order: str = "xyzw") -> Float[Tensor, "*batch 4"]:
    """Unit quaternions with ``w >= 0`` from proper rotation matrices (Shepperd's method)."""
    _check_order(order)
    m = matrices
    trace = m[..., 0, 0] + m[..., 1, 1] + m[..., 2, 2]
    # Four candidate solutions (each 4|q_i| q); per matrix take the one with the largest pivot 4 q_i^2.
    candidates = torch.stack(
        (
            torch.stack((m[..., 2, 1] - m[..., 1, 2], m[..., 0, 2] - m[..., 2, 0], m[..., 1, 0] - m[..., 0, 1], 1 + trace), -1),
            torch.stack((1 + m[..., 0, 0] - m[..., 1, 1] - m[..., 2, 2], m[..., 0, 1] + m[..., 1, 0], m[..., 0, 2] + m[..., 2, 0], m[..., 2, 1] - m[..., 1, 2]), -1),
            torch.stack((m[..., 0, 1] + m[..., 1, 0], 1 - m[..., 0, 0] + m[..., 1, 1] - m[..., 2, 2], m[..., 1, 2] + m[..., 2, 1], m[..., 0, 2] - m[..., 2, 0]), -1),
            torch.stack((m[..., 0, 2] + m[..., 2, 0], m[..., 1, 2] + m[..., 2, 1], 1 - m[..., 0, 0] - m[..., 1, 1] + m[..., 2, 2], m[..., 1, 0] - m[..., 0, 1]), -1),
        ),
        dim=-2,
    )  # fmt: skip
    pivots = torch.stack(
        (1 + trace, 1 + m[..., 0, 0] - m[..., 1, 1] - m[..., 2, 2],
         1 - m[..., 0, 0] + m[..., 1, 1] - m[..., 2, 2], 1 - m[..., 0, 0] - m[..., 1, 1] + m[..., 2, 2]),
        -1,
    )  # fmt: skip
    best = pivots.argmax(-1, keepdim=True)
    quaternion = torch.gather(candidates, -2, best[..., None].expand(*best.shape, 4)).squeeze(-2)
    quaternion = F.normalize(quaternion, dim=-1)
    quaternion = torch.where(quaternion[..., 3:] < 0, -quaternion, quaternion)
    return xyzw_to_wxyz(quaternion) if order == "wxyz" else quaternion


def quaternion_multiply(
    a: Float[Tensor, "*batch 4"], b: Float[Tensor, "*batch 4"], order: str = "xyzw"
) -> Float[Tensor, "*batch 4"]:
    """Hamilton product ``a * b``: the rotation ``a`` applied after ``b``."""
    _check_order(order)
    if order == "wxyz":
        return xyzw_to_wxyz(quaternion_multiply(wxyz_to_xyzw(a), wxyz_to_xyzw(b)))
    ax, ay, az, aw = a.unbind(-1)
    bx, by, bz, bw = b.unbind(-1)
    return torch.stack(
        (
            aw * bx + ax * bw + ay * bz - az * by,
            aw * by - ax * bz + ay * bw + az * bx,
            aw * bz + ax * by - ay * bx + az * bw,
            aw * bw - ax * bx - ay * by - az * bz,
        ),
        dim=-1,
    )


def axis_rotation(axis: str, angle: Float[Tensor, " *batch"]) -> Float[Tensor, "*batch 3 3"]:
    """Rotation by ``angle`` (radians, right-handed) about the coordinate axis ``"x"``, ``"y"`` or ``"z"``."""
    angle = torch.as_tensor(angle)
    cos, sin = angle.cos(), angle.sin()
    zero, one = torch.zeros_like(angle), torch.ones_like(angle)
    rows = {
        "x": (one, zero, zero, zero, cos, -sin, zero, sin, cos),
        "y": (cos, zero, sin, zero, one, zero, -sin, zero, cos),
        "z": (cos, -sin, zero, sin, cos, zero, zero, zero, one),
    }
    if axis not in rows:
        raise ValueError(f"axis must be 'x', 'y' or 'z', got {axis!r}")
    return torch.stack(rows[axis], dim=-1).reshape(*angle.shape, 3, 3)


def _skew(vectors: Tensor) -> Tensor:
    x, y, z = vectors.unbind(-1)
    zero = torch.zeros_like(x)
    return torch.stack((zero, -z, y, z, zero, -x, -y, x, zero), dim=-1).unflatten(-1, (3, 3))


def axis_angle_to_matrix(axis_angles: Float[Tensor, "*batch 3"]) -> Float[Tensor, "*batch 3 3"]:
    """Rodrigues' formula, with Taylor expansions of sin(t)/t and (1-cos t)/t^2 near t = 0."""
    theta_sq = (axis_angles * axis_angles).sum(-1)
    theta = theta_sq.sqrt()
    small = theta < 1e-4
    safe_theta = torch.where(small, torch.ones_like(theta), theta)
    a = torch.where(small, 1 - theta_sq / 6, safe_theta.sin() / safe_theta)
    b = torch.where(small, 0.5 - theta_sq / 24, (1 - safe_theta.cos()) / (safe_theta * safe_theta))
    k = _skew(axis_angles)
    eye = torch.eye(3, dtype=axis_angles.dtype, device=axis_angles.device).expand_as(k)
    return eye + a[..., None, None] * k + b[..., None, None] * (k @ k)


def matrix_to_axis_angle(matrices: Float[Tensor, "*batch 3 3"]) -> Float[Tensor, "*batch 3"]:
    """Axis-angle vectors (angle in [0, pi]) via the quaternion, accurate at 0 and near pi."""
    quaternion = matrix_to_quaternion(matrices)  # xyzw, w >= 0
    vector, w = quaternion[..., :3], quaternion[..., 3]
    sin_half = vector.norm(dim=-1)
    angle = 2 * torch.atan2(sin_half, w)
    # angle / sin(angle / 2) -> 2 as the angle -> 0
    factor = torch.where(sin_half > 1e-8, angle / sin_half.clamp(min=1e-12), 2 / w.clamp(min=1e-12))
    return vector * factor[..., None]


def rotation_angle(matrices: Float[Tensor, "*batch 3 3"]) -> Float[Tensor, " *batch"]:
    """Geodesic angle of rotations in **degrees**, ``atan2(|axis part|, trace part)`` (no acos precision loss)."""
    m = matrices
    skew = torch.stack((m[..., 2, 1] - m[..., 1, 2], m[..., 0, 2] - m[..., 2, 0], m[..., 1, 0] - m[..., 0, 1]), -1)
    trace = m[..., 0, 0] + m[..., 1, 1] + m[..., 2, 2]
    return torch.rad2deg(torch.atan2(0.5 * skew.norm(dim=-1), 0.5 * (trace - 1)))


def relative_rotation_error(
    rotations_a: Float[Tensor, "*batch 3 3"], rotations_b: Float[Tensor, "*batch 3 3"]
) -> Float[Tensor, " *batch"]:
    """Angle (degrees) of ``R_a^T R_b``: how far apart two rotations are."""
    return rotation_angle(rotations_a.transpose(-1, -2) @ rotations_b)


def vector_angle(
    vectors_a: Float[Tensor, "*batch 3"], vectors_b: Float[Tensor, "*batch 3"], eps: float = 1e-15
) -> Float[Tensor, " *batch"]:
    """Angle (degrees) between two vectors, ``atan2(|a x b|, a . b)``; 0 if either vector is (near) zero."""
    cross = torch.linalg.cross(vectors_a, vectors_b, dim=-1).norm(dim=-1)
    dot = (vectors_a * vectors_b).sum(-1)
    degenerate = (vectors_a.norm(dim=-1) < eps) | (vectors_b.norm(dim=-1) < eps)
    return torch.where(degenerate, torch.zeros_like(dot), torch.rad2deg(torch.atan2(cross, dot)))


def umeyama(
    source: Float[Tensor, "point 3"], target: Float[Tensor, "point 3"], with_scale: bool = True
) -> tuple[float, Float[Tensor, "3 3"], Float[Tensor, " 3"]]:
    """Least-squares similarity ``target ~ scale * R @ source + t`` (Umeyama 1991), in float64.

    Returns ``(scale, R, t)``; ``R`` is a proper rotation (the reflection case is corrected as in the paper).
    Needs at least 3 non-collinear points for a unique rotation (2 points fix it up to a roll about their line,
    which still gives the exact fit; 1 point gives only the translation).
    """
    src = torch.as_tensor(source, dtype=torch.float64)
    dst = torch.as_tensor(target, dtype=torch.float64)
    if src.shape != dst.shape or src.ndim != 2 or src.shape[1] != 3 or src.shape[0] == 0:
        raise ValueError(f"umeyama needs two [P, 3] point sets of equal shape, got {list(src.shape)} and {list(dst.shape)}")
    mean_src, mean_dst = src.mean(0), dst.mean(0)
    centred_src, centred_dst = src - mean_src, dst - mean_dst
    covariance = centred_dst.T @ centred_src / src.shape[0]
    u, singular, vh = torch.linalg.svd(covariance)
    sign = torch.ones(3, dtype=torch.float64)
    if torch.linalg.det(u) * torch.linalg.det(vh) < 0:
        sign[2] = -1.0
    rotation = u @ torch.diag(sign) @ vh
    variance_src = (centred_src * centred_src).sum() / src.shape[0]
    if with_scale and variance_src > 0:
        scale = float((singular * sign).sum() / variance_src)
    else:
        scale = 1.0
    translation = mean_dst - scale * rotation @ mean_src
    return scale, rotation, translation


def similarity_transform_poses(
    c2w: Float[Tensor, "*batch 4 4"], scale: float, rotation: Float[Tensor, "3 3"], translation: Float[Tensor, " 3"]
) -> Float[Tensor, "*batch 4 4"]:
    """Camera-to-world poses moved by the world similarity ``x -> scale R x + t`` (camera axes rotate with R)."""
    dtype = c2w.dtype
    c2w = c2w.to(torch.float64)
    rotation = torch.as_tensor(rotation, dtype=torch.float64)
    translation = torch.as_tensor(translation, dtype=torch.float64)
    moved = c2w.clone()
    moved[..., :3, :3] = rotation @ c2w[..., :3, :3]
    moved[..., :3, 3] = scale * (c2w[..., :3, 3] @ rotation.T) + translation
    return moved.to(dtype)


def random_rotation_matrices(shape: tuple[int, ...], generator: torch.Generator, dtype: torch.dtype = torch.float32) -> Tensor:
    """Uniformly distributed rotations (normalised Gaussian quaternions)."""
    quaternions = F.normalize(torch.randn(*shape, 4, generator=generator, dtype=dtype), dim=-1)
    return quaternion_to_matrix(quaternions)


def rotations_of_angle(
    angles_deg: Float[Tensor, " *batch"], generator: torch.Generator, dtype: torch.dtype = torch.float64
) -> Float[Tensor, "*batch 3 3"]:
    """Rotations by exactly ``angles_deg`` degrees about uniformly random axes."""
    angles = torch.as_tensor(angles_deg, dtype=dtype)
    axes = F.normalize(torch.randn(*angles.shape, 3, generator=generator, dtype=dtype), dim=-1)
    return axis_angle_to_matrix(axes * torch.deg2rad(angles)[..., None])

