"""The element-wise work around the aggregator's matmuls, eager or fused by ``torch.compile``.

Between its matmuls and attention calls a VGGT block does only memory-bound work: LayerNorms,
LayerScale residual additions, QK-norm and RoPE, casts to the matmul dtype. Eagerly each is one
pass over the token stream; at 100-200 frames the stream is 0.4-0.9 GB in fp32 per block, so
the passes add up. :data:`ELEMENTWISE_OPS` holds the same three functions two ways:

* ``eager``: PyTorch ops; norms return fp32 and autocast casts them at the next matmul.
* ``compile``: the same functions through ``torch.compile(dynamic=True)`` (Inductor / Triton on
  CUDA), each fused into a kernel or two that also writes the matmul dtype directly. The
  arithmetic (fp32 norms, RoPE in fp32, one rounding to the compute dtype) is the same;
  only the summation order inside a fused kernel differs.

The matmuls, GELU and attention stay outside: cuBLAS and the attention kernels do them best.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import Tensor


def layer_norm_to(x: Tensor, weight: Tensor, bias: Tensor, eps: float, dtype: torch.dtype | None) -> Tensor:
    """LayerNorm over the last dimension, in x's precision (at least fp32), then cast to ``dtype``."""
    x = x.to(torch.promote_types(x.dtype, torch.float32))
    out = F.layer_norm(x, x.shape[-1:], weight, bias, eps)
    return out if dtype is None else out.to(dtype)


def residual_layer_norm(x: Tensor, update: Tensor, gamma: Tensor, weight: Tensor, bias: Tensor, eps: float,
                        dtype: torch.dtype | None) -> Tensor:
    """``x += update * gamma`` in place (the LayerScale residual), then LayerNorm of the new x."""
    x.addcmul_(update, gamma)
    return layer_norm_to(x, weight, bias, eps, dtype)


def qk_norm_rope(qkv: Tensor, scale: Tensor, swapped_scale: Tensor, shift: Tensor, eps: float,
                 dtype: torch.dtype | None) -> tuple[Tensor, Tensor]:
    """Normalised and rotated queries and keys from ``qkv`` ``[..., token, 3, head, head_dim]``.

    The norms' affine parts are folded into ``scale``, ``swapped_scale`` and ``shift``
    (``[token, 2, 1, head_dim]``, see :meth:`RopeTable.folded_affine`):
    ``out = n * scale + swap_halves(n) * swapped_scale + shift`` of the affine-free norm ``n``."""
    qk = qkv[..., :2, :, :]
    normed = F.layer_norm(qk.to(torch.promote_types(qk.dtype, torch.float32)), qk.shape[-1:], eps=eps)
    rotated = torch.addcmul(shift, normed, scale)
    # += swap_halves(normed) * swapped_scale, per RoPE quarter pair: no swapped copy of normed.
    rotated_q, normed_q, swapped_q = (t.unflatten(-1, (2, 2, -1)) for t in (rotated, normed, swapped_scale))
    for target, source in ((0, 1), (1, 0)):
        rotated_q[..., target, :].addcmul_(normed_q[..., source, :], swapped_q[..., target, :])
    if dtype is not None:
        rotated = rotated.to(dtype)
    query, key = rotated.unbind(-3)
    return query, key


@dataclass(frozen=True)
class ElementwiseOps:
    name: str
    layer_norm_to: Callable[..., Tensor]
    residual_layer_norm: Callable[..., Tensor]
    qk_norm_rope: Callable[..., tuple[Tensor, Tensor]]
    fuse_cast: bool  # hand norm outputs over in the autocast dtype (one pass less than autocast's cast)

    def output_dtype(self, x: Tensor) -> torch.dtype | None:
        device = x.device.type
        if self.fuse_cast and torch.is_autocast_enabled(device):
            return torch.get_autocast_dtype(device)
        return None


EAGER = ElementwiseOps("eager", layer_norm_to, residual_layer_norm, qk_norm_rope, fuse_cast=False)
_COMPILED: dict[str, ElementwiseOps] = {}


def _compiled() -> ElementwiseOps:
    if "compile" not in _COMPILED:
        compile_ = torch.compile(dynamic=True)
        _COMPILED["compile"] = ElementwiseOps("compile", compile_(layer_norm_to), compile_(residual_layer_norm),
                                              compile_(qk_norm_rope), fuse_cast=True)
    return _COMPILED["compile"]


ELEMENTWISE_OPS: dict[str, Callable[[], ElementwiseOps]] = {"eager": lambda: EAGER, "compile": _compiled}


def elementwise_ops(name: str) -> ElementwiseOps:
    try:
        return ELEMENTWISE_OPS[name]()
    except KeyError:
        raise ValueError(f"unknown elementwise mode {name!r}; choose from {', '.join(ELEMENTWISE_OPS)}") from None
