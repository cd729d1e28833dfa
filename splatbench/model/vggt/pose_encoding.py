"""VGGT's 9-value pose encoding -> OpenCV world-to-camera extrinsics and pixel intrinsics.

Encoding ``[t (3), q = (x, y, z, w) (4), fov_h, fov_w]``: ``[R(q) | t]`` maps world points (the
first camera's frame) into the camera frame (x right, y down, z forward). ``q`` is not normalised
by the network; the rotation uses ``2 / |q|^2`` so any non-zero ``q`` gives a proper rotation.
Intrinsics refer to the network input size ``(height, width)``: ``f_y = (H/2) / tan(fov_h/2)``,
``f_x = (W/2) / tan(fov_w/2)``, principal point exactly ``(W/2, H/2)``.
"""

from __future__ import annotations

import torch
from jaxtyping import Float
from torch import Tensor

from splatbench.geometry.rotation import quaternion_to_matrix


def pose_encoding_to_cameras(encoding: Float[Tensor, "... 9"], height: int, width: int
                             ) -> tuple[Float[Tensor, "... 3 4"], Float[Tensor, "... 3 3"]]:
    """(world-to-camera extrinsics ``[R | t]``, pixel intrinsics) at image size ``height x width``."""
    rotation = quaternion_to_matrix(encoding[..., 3:7], order="xyzw", eps=0.0)
    extrinsics = torch.cat([rotation, encoding[..., :3, None]], dim=-1)
    intrinsics = torch.zeros(*encoding.shape[:-1], 3, 3, dtype=encoding.dtype, device=encoding.device)
    intrinsics[..., 0, 0] = (width / 2.0) / torch.tan(encoding[..., 8] / 2.0)
    intrinsics[..., 1, 1] = (height / 2.0) / torch.tan(encoding[..., 7] / 2.0)
    intrinsics[..., 0, 2] = width / 2.0
    intrinsics[..., 1, 2] = height / 2.0
    intrinsics[..., 2, 2] = 1.0
    return extrinsics, intrinsics
