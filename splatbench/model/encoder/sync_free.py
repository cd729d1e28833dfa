"""Helpers that keep the encoder's forward pass free of host synchronisation and host-to-device
copies, so that it can run ahead of the host and be captured as a CUDA graph.

Constant tensors of the forward pass (pixel grids, attention masks, view tables) are built once
per shape and device instead of on every call (:func:`cached_constant`): a constant first built
under ``torch.inference_mode`` is still a normal tensor that later training steps may save for
backward, and ``torch.compile`` calls the cache instead of tracing the builder (which would
rebuild the constant, host-to-device copies included, inside the compiled graph on every call).
"""

from __future__ import annotations

import functools
from typing import Callable, TypeVar

import torch
from jaxtyping import Float
from torch import Tensor

from splatbench.geometry.small_matmul import small_matmul

T = TypeVar("T")


def cached_constant(maxsize: int | None = 32) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Decorator: ``builder``'s results cached per arguments (``functools.lru_cache``), built
    outside inference mode and autograd, and opaque to ``torch.compile`` (Dynamo would trace
    through the cache). The decorated function keeps ``cache_clear``."""

    def wrap(builder: Callable[..., T]) -> Callable[..., T]:
        @functools.lru_cache(maxsize=maxsize)
        @functools.wraps(builder)
        def build(*args, **kwargs) -> T:
            with torch.inference_mode(False), torch.no_grad():
                return builder(*args, **kwargs)

        opaque = torch.compiler.disable(build)
        opaque.cache_clear = build.cache_clear
        return opaque

    return wrap


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
