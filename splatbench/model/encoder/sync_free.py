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
from torch import Tensor

T = TypeVar("T")


def constant_tensor(builder: Callable[..., T]) -> Callable[..., T]:
    @functools.wraps(builder)
    def build(*args, **kwargs) -> T:
        with torch.inference_mode(False), torch.no_grad():
            return builder(*args, **kwargs)

    return build


def invert(matrices: Tensor) -> Tensor:
    """Batched matrix inverse without the error check of ``torch.linalg.inv``, which reads the
    status back to the host (a device synchronisation) on CUDA; camera matrices are invertible."""
    return torch.linalg.inv_ex(matrices).inverse
