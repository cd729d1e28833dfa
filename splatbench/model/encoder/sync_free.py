"""Helpers that keep the encoder's forward pass free of host synchronisation and host-to-device
copies, so that it can run ahead of the host and be captured as a CUDA graph.

Constant tensors of the forward pass (pixel grids, attention masks, view tables) are built once
per shape and device instead of on every call; their builders are wrapped with
:func:`constant_tensor` so that a constant first built under ``torch.inference_mode`` is still a
normal tensor that later training steps may save for backward.
"""

from __future__ import annotations

import functools
from typing import Callable, TypeVar

import torch
from jaxtyping import Float
from torch import Tensor

from splatbench.geometry.small_matmul import small_matmul

T = TypeVar("T")


def constant_tensor(builder: Callable[..., T]) -> Callable[..., T]:
    @functools.wraps(builder)
    def build(*args, **kwargs) -> T:
        with torch.inference_mode(False), torch.no_grad():
            return builder(*args, **kwargs)

    return build


def _invert_3x3(m: Float[Tensor, "*batch 3 3"]) -> Float[Tensor, "*batch 3 3"]:
    """Adjugate over determinant: the columns of the inverse are cross products of the rows."""
    r0, r1, r2 = m.unbind(-2)
    adjugate = torch.stack((torch.linalg.cross(r1, r2), torch.linalg.cross(r2, r0), torch.linalg.cross(r0, r1)), -1)
    determinant = (r0 * adjugate[..., :, 0]).sum(-1)
    return adjugate / determinant[..., None, None]


def _invert_affine_4x4(m: Float[Tensor, "*batch 4 4"]) -> Float[Tensor, "*batch 4 4"]:
    """[A t; 0 1]^-1 = [A^-1  -A^-1 t; 0 1] (camera poses: the last row is 0 0 0 1)."""
    linear = _invert_3x3(m[..., :3, :3])
    translation = -small_matmul(linear, m[..., :3, 3:])  # full float32 under TF32 too
    top = torch.cat((linear, translation), dim=-1)
    return torch.cat((top, m[..., 3:, :]), dim=-2)


def invert(matrices: Tensor) -> Tensor:
    """Batched inverse of 3x3 matrices (intrinsics) and of 4x4 camera poses (affine: last row
    0 0 0 1), in closed form; other sizes through ``torch.linalg.inv_ex``.

    ``torch.linalg.inv`` reads its error status back to the host (a device synchronisation on
    every call) and runs a solver library that cannot always be captured in a CUDA graph; the
    closed forms are a handful of element-wise kernels."""
    if matrices.shape[-2:] == (3, 3):
        return _invert_3x3(matrices)
    if matrices.shape[-2:] == (4, 4):
        return _invert_affine_4x4(matrices)
    return torch.linalg.inv_ex(matrices).inverse
