"""The element-wise work around the aggregator's matmuls: eager, fused by ``torch.compile``, or Triton kernels.

Between its matmuls and attention calls a VGGT block does only memory-bound work: LayerNorms,
LayerScale residual additions, QK-norm and RoPE, casts to the matmul dtype. Eagerly each is one
pass over the token stream; at 100-200 frames the stream is 0.4-0.9 GB in fp32 per block, so
the passes add up. :data:`ELEMENTWISE_OPS` holds the same three functions two ways:

* ``eager``: PyTorch ops; norms return fp32 and autocast casts them at the next matmul.
* ``compile``: the same functions through ``torch.compile(dynamic=True)`` (Inductor / Triton on
  CUDA), each fused into a kernel or two that also writes the matmul dtype directly. The
  arithmetic (fp32 norms, RoPE in fp32, one rounding to the compute dtype) is the same;
  only the summation order inside a fused kernel differs.
* ``triton``: hand-written kernels (:mod:`splatbench.model.kernels.norms`), one pass each:
  LayerNorm written straight in the matmul dtype, the LayerScale residual fused with the next
  LayerNorm, QK-norm + RoPE + cast of q and k (and the copy of v) straight from the qkv matmul
  output into the buffers the attention reads. Same arithmetic again. A call the kernels cannot
  take (a CPU tensor without Triton's interpreter, autograd, an odd layout) runs the eager
  function; ``ElementwiseOps.used`` counts which path served each call.

The aggregator starts in ``auto``: :data:`CUDA_DEFAULT` on CUDA, ``eager`` elsewhere.

The matmuls, GELU and attention stay outside: cuBLAS and the attention kernels do them best.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

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
    # qkv_heads(qkv, scale, swapped_scale, shift, eps, dtype, out) -> (q, k, v): q and k as
    # qk_norm_rope, v too, written into ``out`` when given; None: qk_norm_rope, then copies.
    qkv_heads: Callable[..., tuple[Tensor, Tensor, Tensor]] | None = None
    used: Counter = field(default_factory=Counter, compare=False)  # calls per path ("triton", "eager")

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


def _norm_kernels():
    """:mod:`splatbench.model.kernels.norms`, imported on first use (importing triton costs ~0.15 s)."""
    from splatbench.model.kernels import norms

    return norms


def _kernels_take(*tensors: Tensor) -> bool:
    """Whether the Triton kernels can serve a call on these tensors (inference on a usable device)."""
    norms = _norm_kernels()
    return norms.usable(tensors[0]) and not (torch.is_grad_enabled() and any(t.requires_grad for t in tensors))


def _triton_layer_norm_to(x: Tensor, weight: Tensor, bias: Tensor, eps: float, dtype: torch.dtype | None) -> Tensor:
    norms = _norm_kernels()
    if _kernels_take(x, weight, bias) and norms.rows_view([x]) is not None:
        TRITON.used["triton"] += 1
        return norms.layer_norm_cast(x, weight, bias, eps, dtype or torch.promote_types(x.dtype, torch.float32))
    TRITON.used["eager"] += 1
    return layer_norm_to(x, weight, bias, eps, dtype)


def _triton_residual_layer_norm(x: Tensor, update: Tensor, gamma: Tensor, weight: Tensor, bias: Tensor, eps: float,
                                dtype: torch.dtype | None) -> Tensor:
    norms = _norm_kernels()
    if (_kernels_take(x, update, gamma, weight, bias) and update.shape == x.shape
            and norms.rows_view([x, update]) is not None):
        TRITON.used["triton"] += 1
        return norms.residual_layer_norm(x, update, gamma, weight, bias, eps,
                                         dtype or torch.promote_types(x.dtype, torch.float32))
    TRITON.used["eager"] += 1
    return residual_layer_norm(x, update, gamma, weight, bias, eps, dtype)


def _triton_qkv_heads(qkv: Tensor, scale: Tensor, swapped_scale: Tensor, shift: Tensor, eps: float,
                      dtype: torch.dtype | None, out: tuple[Tensor, Tensor, Tensor] | None
                      ) -> tuple[Tensor, Tensor, Tensor]:
    norms = _norm_kernels()
    layouts = [qkv] if out is None else [qkv, out[0]]
    if (_kernels_take(qkv, scale, swapped_scale, shift) and qkv.shape[-1] in (16, 32, 64, 128)
            and norms.rows_view(layouts, [3, 2][:len(layouts)]) is not None
            and (out is None or all(t.stride() == out[0].stride() and t.dtype == out[0].dtype for t in out))):
        TRITON.used["triton"] += 1
        return norms.qk_norm_rope(qkv, scale, swapped_scale, shift, eps,
                                  dtype or torch.promote_types(qkv.dtype, torch.float32), out)
    TRITON.used["eager"] += 1
    return copy_heads(*qk_norm_rope(qkv, scale, swapped_scale, shift, eps, dtype), qkv[..., 2, :, :], out)


def copy_heads(query: Tensor, key: Tensor, value: Tensor, out: tuple[Tensor, Tensor, Tensor] | None
               ) -> tuple[Tensor, Tensor, Tensor]:
    """(query, key, value), copied into ``out`` (and ``out`` returned) when given."""
    if out is None:
        return query, key, value
    for target, part in zip(out, (query, key, value)):
        target.copy_(part)
    return out


TRITON = ElementwiseOps("triton", _triton_layer_norm_to, _triton_residual_layer_norm, qk_norm_rope, fuse_cast=True,
                        qkv_heads=_triton_qkv_heads)
# The mode "auto" runs on CUDA: the Triton kernels (H200, 336 x 518, 200 frames: aggregator 7.93 s
# against 8.61 s eager in the same call; docs/benchmarks.md).
CUDA_DEFAULT = "triton"
ELEMENTWISE_OPS: dict[str, Callable[[], ElementwiseOps]] = {"eager": lambda: EAGER, "compile": _compiled,
                                                             "triton": lambda: TRITON}
ELEMENTWISE_MODES = ("auto", *ELEMENTWISE_OPS)


def resolve_mode(name: str, device: torch.device) -> str:
    """The mode ``name`` means on ``device``: ``auto`` is :data:`CUDA_DEFAULT` on CUDA, else eager."""
    if name == "auto":
        return CUDA_DEFAULT if device.type == "cuda" else "eager"
    return name


def elementwise_ops(name: str, device: torch.device | None = None) -> ElementwiseOps:
    """The functions of mode ``name`` (one of :data:`ELEMENTWISE_MODES`; ``auto`` resolved for ``device``)."""
    try:
        return ELEMENTWISE_OPS[resolve_mode(name, device or torch.device("cpu"))]()
    except KeyError:
        raise ValueError(f"unknown elementwise mode {name!r}; choose from {', '.join(ELEMENTWISE_MODES)}") from None
