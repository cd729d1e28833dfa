"""Fused LayerNorm kernels in Triton for VGGT's blocks: the memory-bound work around the matmuls.

A VGGT block keeps its residual stream in fp32 and feeds its matmuls in bf16 (under autocast).
Eagerly, every LayerNorm writes fp32 and a separate cast writes bf16, every LayerScale residual
is its own pass, and QK-norm + RoPE + the casts of q and k take several more. These kernels do
each of those in one pass over the tokens, with the same arithmetic:

* :func:`layer_norm_cast`: ``y = LayerNorm(x) * weight + bias`` over the last dimension, in fp32,
  written once in ``dtype``. Reads x (4 B per fp32 element), writes y (2 B in bf16); eagerly LN
  plus autocast's cast read 8 and write 6.
* :func:`residual_layer_norm`: the LayerScale residual ``x += update * gamma`` written back into
  ``x`` (in place), then :func:`layer_norm_cast` of the new x. Reads x and update, writes x and y
  (4 + 2 + 4 + 2 = 12 B per element against 24 eagerly: addcmul, LN, cast).
* :func:`qk_norm_rope`: from the qkv matmul output ``[..., token, 3, head, head_dim]``, q and k
  each normalised over ``head_dim`` without affine part, then RoPE with the norms' affine part
  folded into the tables (:meth:`splatbench.model.vggt.layers.RopeTable.folded_affine`):
  ``out = fma(swap_halves(n), swapped_scale, fma(n, scale, shift))``, rounded once to the output
  dtype; v is copied (cast) alongside when an output for it is given. Outputs can be any strided
  ``[..., token, head, head_dim]`` views, e.g. the global attention's ``[batch, head, frame,
  token, head_dim]`` buffers permuted, so q, k and v land where the attention kernel reads them.
  Reads 2 B and writes 2 B per q/k/v element in bf16 (plus the tables, ``[token, 2, head_dim]``
  fp32, which stay in cache); eagerly about 40 B per q/k element in six passes and a copy.

Shapes and conventions:

* ``x`` / ``update`` / outputs of the row kernels: ``[..., channels]``, the last dimension
  contiguous, the leading dimensions any strides that collapse into two levels ``[outer, inner]``
  (a slice of frames out of ``[batch, frame, token, channels]`` does). :func:`rows_view` says
  whether a tensor does; callers fall back to PyTorch when not.
* ``weight``, ``bias``, ``gamma``: ``[channels]`` of any float dtype, read as fp32.
* Statistics: mean and biased variance in fp32 from the row held in registers (two passes over
  registers, not Welford), ``rstd = 1 / sqrt(var + eps)`` with IEEE-rounded square root and
  divisions; the normalised value ``(x - mean) * rstd``, the affine part an fma, as PyTorch's
  CUDA kernel computes it. Only the summation order inside a norm differs from PyTorch.
* LayerScale: ``x + update * gamma`` as one fma in fp32 (what nvcc makes of PyTorch's addcmul).

Inference only (no autograd). Each kernel runs on CUDA, or anywhere through Triton's interpreter
(``TRITON_INTERPRET=1`` set before triton is imported), which is how the tests check them against
float64 oracles; :func:`usable` says whether a tensor can go to them.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import Tensor

from splatbench.utils.triton_runtime import interpreted, opaque_to_compile

try:
    import triton
    import triton.language as tl
except ImportError:  # the CPU suite installs it (pyproject extra "kernels"); callers check usable()
    triton = None


@dataclass(frozen=True)
class RowLaunch:
    """Launch configuration of the row kernels: elements per program (rows x padded channels) and warps."""

    elements: int = 4096
    warps: int = 8

    def rows(self, block_c: int) -> int:
        return max(1, min(64, self.elements // block_c))


ROW_LAUNCH = RowLaunch()
# q/k/v kernel: (token, head) pairs x head_dim per program.
HEADS_LAUNCH = RowLaunch(elements=4096, warps=8)


def usable(x: Tensor) -> bool:
    """Whether the kernels can run on ``x``'s device: CUDA, or any device when interpreted."""
    return triton is not None and (x.device.type == "cuda" or interpreted())


def rows_view(tensors: list[Tensor], trailing: list[int] | None = None) -> tuple[int, int, list[tuple[int, ...]]] | None:
    """``tensors`` (one leading shape: all but their last ``trailing`` dimensions, default 1 each)
    each seen as ``[outer, inner, *trailing dims]``, with one ``outer`` for all: (outer, inner,
    per tensor its two row strides followed by the trailing strides). None when the leading
    dimensions of one of them do not collapse into two levels or a last dimension is not contiguous."""
    trailing = trailing or [1] * len(tensors)
    if any(t.stride(-1) != 1 and t.shape[-1] != 1 for t in tensors):
        return None
    lead = tensors[0].shape[:tensors[0].dim() - trailing[0]]
    for outer in dict.fromkeys((1, lead[0] if lead else 1)):
        try:
            views = [t.view(outer, -1, *t.shape[t.dim() - count:]) for t, count in zip(tensors, trailing)]
        except RuntimeError:
            continue
        return outer, views[0].shape[1], [tuple(view.stride()) for view in views]
    return None


if triton is not None:

    @triton.jit
    def _rounded(x, dtype: tl.constexpr, INTERPRETED: tl.constexpr):
        """``x`` (fp32) rounded to ``dtype`` to nearest, ties to even. The interpreter truncates
        fp32 -> bf16 casts (triton 3.7), so there the rounding is done on the bits; on a GPU the
        cast itself rounds to nearest even (``cvt.rn``)."""
        if INTERPRETED:
            if dtype == tl.bfloat16:
                bits = x.to(tl.uint32, bitcast=True)
                bits = bits + 0x7FFF + ((bits >> 16) & 1)
                y = (bits >> 16).to(tl.uint16).to(tl.bfloat16, bitcast=True)
            else:
                y = x.to(dtype)
        else:
            y = x.to(dtype)
        return y

    @triton.jit
    def _normalise(x, valid, count, eps, WIDTH: tl.constexpr):
        """(x - mean) * rstd of each row of ``x`` (fp32 ``[rows, WIDTH]``, zeros where not ``valid``),
        statistics over the first ``count`` columns; returns (normalised, mean, rstd)."""
        mean = tl.math.div_rn(tl.sum(x, 1), count)
        centred = tl.where(valid, x - mean[:, None], 0.0)
        variance = tl.math.div_rn(tl.sum(centred * centred, 1), count)
        rstd = tl.math.div_rn(tl.full(variance.shape, 1.0, tl.float32), tl.sqrt_rn(variance + eps))
        return centred * rstd[:, None], mean, rstd

    @triton.jit
    def _layer_norm_rows_kernel(X, U, G, W, B, Y, rows, inner, channels, stride_xo, stride_xi, stride_uo, stride_ui,
                                stride_yo, stride_yi, eps, RESIDUAL: tl.constexpr, ROWS: tl.constexpr,
                                BLOCK_C: tl.constexpr, EVEN_C: tl.constexpr, INTERPRETED: tl.constexpr):
        row = tl.program_id(0) * ROWS + tl.arange(0, ROWS)  # int32 index arithmetic, int64 offsets
        outer, within = (row // inner).to(tl.int64), (row % inner).to(tl.int64)
        cols = tl.arange(0, BLOCK_C)
        if EVEN_C:
            col_ok = cols < BLOCK_C  # all true, constant: keeps the loads vectorised
        else:
            col_ok = cols < channels
        valid = (row < rows)[:, None] & col_ok[None, :]
        x_at = X + (outer * stride_xo + within * stride_xi)[:, None] + cols[None, :]
        x = tl.load(x_at, mask=valid, other=0.0).to(tl.float32)
        if RESIDUAL:
            update = tl.load(U + (outer * stride_uo + within * stride_ui)[:, None] + cols[None, :], mask=valid,
                             other=0.0).to(tl.float32)
            gamma = tl.load(G + cols, mask=col_ok, other=0.0).to(tl.float32)
            x = tl.fma(update, gamma[None, :], x)
            x = _rounded(x, X.dtype.element_ty, INTERPRETED)
            tl.store(x_at, x, mask=valid)
            x = tl.where(valid, x.to(tl.float32), 0.0)  # the stored value, as the eager norm reads it back
        normed, _, _ = _normalise(x, valid, channels.to(tl.float32), eps, BLOCK_C)
        weight = tl.load(W + cols, mask=col_ok, other=0.0).to(tl.float32)
        bias = tl.load(B + cols, mask=col_ok, other=0.0).to(tl.float32)
        y = tl.fma(normed, weight[None, :], bias[None, :])
        tl.store(Y + (outer * stride_yo + within * stride_yi)[:, None] + cols[None, :], _rounded(y, Y.dtype.element_ty, INTERPRETED),
                 mask=valid)

    @triton.jit
    def _qk_norm_rope_kernel(QKV, SCALE, SWAPPED, SHIFT, Q, K, V, rows, inner, heads, table_tokens,
                             stride_io, stride_ii, stride_ip, stride_ih, stride_oo, stride_oi, stride_oh, eps,
                             HEAD_DIM: tl.constexpr, HEADS: tl.constexpr, ROWS: tl.constexpr,
                             INTERPRETED: tl.constexpr):
        part = tl.program_id(1)  # 0: q, 1: k, 2: v
        pair = tl.program_id(0) * (ROWS * HEADS) + tl.arange(0, ROWS * HEADS)  # int32 indices, int64 offsets
        row, head = pair // HEADS, pair % HEADS
        outer, within = (row // inner).to(tl.int64), (row % inner).to(tl.int64)
        dims = tl.arange(0, HEAD_DIM)
        valid = ((row < rows) & (head < heads))[:, None] & (dims < HEAD_DIM)[None, :]
        head64 = head.to(tl.int64)
        source = QKV + (outer * stride_io + within * stride_ii + part * stride_ip + head64 * stride_ih)[:, None]
        target = (outer * stride_oo + within * stride_oi + head64 * stride_oh)[:, None] + dims[None, :]
        if part == 2:
            value = tl.load(source + dims[None, :], mask=valid, other=0.0)
            tl.store(V + target, _rounded(value.to(tl.float32), V.dtype.element_ty, INTERPRETED), mask=valid)
        else:
            # RoPE pairs: [y1, y2, x1, x2] quarters -> [y2, y1, x2, x1] (swap_halves of each half).
            swapped_dims = tl.where((dims // (HEAD_DIM // 4)) % 2 == 0, dims + HEAD_DIM // 4, dims - HEAD_DIM // 4)
            x = tl.load(source + dims[None, :], mask=valid, other=0.0).to(tl.float32)
            x_swapped = tl.load(source + swapped_dims[None, :], mask=valid, other=0.0).to(tl.float32)
            normed, mean, rstd = _normalise(x, valid, HEAD_DIM * 1.0, eps, HEAD_DIM)
            normed_swapped = (x_swapped - mean[:, None]) * rstd[:, None]
            table = ((row % table_tokens) * 2 + part)[:, None] * HEAD_DIM + dims[None, :]
            scale = tl.load(SCALE + table, mask=valid, other=0.0)
            swapped_scale = tl.load(SWAPPED + table, mask=valid, other=0.0)
            shift = tl.load(SHIFT + table, mask=valid, other=0.0)
            rotated = tl.fma(normed_swapped, swapped_scale, tl.fma(normed, scale, shift))
            if part == 0:
                tl.store(Q + target, _rounded(rotated, Q.dtype.element_ty, INTERPRETED), mask=valid)
            else:
                tl.store(K + target, _rounded(rotated, K.dtype.element_ty, INTERPRETED), mask=valid)


@opaque_to_compile
def _launch_rows(x: Tensor, update: Tensor | None, gamma: Tensor | None, weight: Tensor, bias: Tensor, eps: float,
                 dtype: torch.dtype | None, launch: RowLaunch) -> Tensor:
    channels = x.shape[-1]
    out = torch.empty(x.shape, device=x.device, dtype=dtype or x.dtype)
    if update is not None and update.shape != x.shape:
        raise ValueError(f"layer norm kernels: update {tuple(update.shape)} is not shaped like x {tuple(x.shape)}")
    views = rows_view([x, update if update is not None else x, out])
    if views is None:
        raise ValueError("layer norm kernels: x, update and output must collapse to [outer, inner, channels] "
                         "with contiguous channels")
    outer, inner, ((sxo, sxi, _), (suo, sui, _), (syo, syi, _)) = views
    rows = outer * inner
    if rows == 0:
        return out
    block_c = triton.next_power_of_2(channels)
    per_program = launch.rows(block_c)
    grid = (triton.cdiv(rows, per_program),)
    _layer_norm_rows_kernel[grid](
        x, update if update is not None else x, gamma if gamma is not None else weight, weight, bias, out,
        rows, inner, channels, sxo, sxi, suo, sui, syo, syi, float(eps), RESIDUAL=update is not None,
        ROWS=per_program, BLOCK_C=block_c, EVEN_C=block_c == channels, INTERPRETED=interpreted(), num_warps=launch.warps)
    return out


def layer_norm_cast(x: Tensor, weight: Tensor, bias: Tensor, eps: float, dtype: torch.dtype | None = None,
                    launch: RowLaunch = ROW_LAUNCH) -> Tensor:
    """LayerNorm of ``x`` ``[..., channels]`` over its last dimension in fp32, returned as a new
    contiguous tensor in ``dtype`` (default: x's dtype)."""
    return _launch_rows(x, None, None, weight, bias, eps, dtype, launch)


def residual_layer_norm(x: Tensor, update: Tensor, gamma: Tensor, weight: Tensor, bias: Tensor, eps: float,
                        dtype: torch.dtype | None = None, launch: RowLaunch = ROW_LAUNCH) -> Tensor:
    """``x += update * gamma`` in place (x keeps its dtype; update any float dtype, same shape),
    then :func:`layer_norm_cast` of the new x."""
    return _launch_rows(x, update, gamma, weight, bias, eps, dtype, launch)


def qk_norm_rope(qkv: Tensor, scale: Tensor, swapped_scale: Tensor, shift: Tensor, eps: float,
                 dtype: torch.dtype | None = None, out: tuple[Tensor, Tensor, Tensor] | None = None,
                 launch: RowLaunch = HEADS_LAUNCH) -> tuple[Tensor, Tensor, Tensor]:
    """Normalised, rotated q and k and the v of ``qkv`` ``[..., token, 3, head, head_dim]``.

    ``scale``, ``swapped_scale``, ``shift``: ``[token, 2, 1, head_dim]`` (fp32; q then k; the
    tokens of one frame, which every leading index repeats). Without ``out``: q and k are new
    ``[..., token, head, head_dim]`` tensors in ``dtype`` (default: qkv's) and v is the view
    ``qkv[..., 2, :, :]``. With ``out`` (three ``[..., token, head, head_dim]`` tensors sharing
    one shape and strides, e.g. views into attention buffers): q, k and v are written there
    (v cast to their dtype) and ``out`` is returned."""
    *lead, tokens, parts, heads, head_dim = qkv.shape
    if parts != 3 or head_dim % 4 or head_dim & (head_dim - 1):
        raise ValueError(f"qk_norm_rope: qkv must be [..., token, 3, head, head_dim] with head_dim a power of two "
                         f"from 4 (got {tuple(qkv.shape)})")
    if not (scale.shape == swapped_scale.shape == shift.shape == (tokens, 2, 1, head_dim)):
        raise ValueError(f"qk_norm_rope: tables must be [{tokens}, 2, 1, {head_dim}] (got {tuple(scale.shape)})")
    tables = [t.to(torch.float32).contiguous() for t in (scale, swapped_scale, shift)]
    if out is None:
        query, key = (torch.empty(*lead, tokens, heads, head_dim, device=qkv.device, dtype=dtype or qkv.dtype)
                      for _ in range(2))
        targets = (query, key, query)  # no v output: the v programs are not launched
        value = qkv[..., 2, :, :]
    else:
        targets = out
        if any(t.shape != (*lead, tokens, heads, head_dim) or t.stride() != out[0].stride()
               or t.dtype != out[0].dtype for t in out):
            raise ValueError("qk_norm_rope: out must be three [..., token, head, head_dim] tensors of qkv's leading "
                             "shape sharing strides and dtype")
    views = rows_view([qkv, targets[0]], [3, 2])
    if views is None:
        raise ValueError("qk_norm_rope: qkv and outputs must collapse to [outer, inner, ...] with contiguous head_dim")
    outer, inner, ((sio, sii, sip, sih, _), (soo, soi, soh, _)) = views
    rows = outer * inner
    if rows:
        heads_block = triton.next_power_of_2(heads)
        per_program = max(1, launch.elements // (heads_block * head_dim))
        grid = (triton.cdiv(rows, per_program), 2 if out is None else 3)
        _qk_norm_rope_kernel[grid](qkv, *tables, *targets, rows, inner, heads, tokens, sio, sii, sip, sih, soo, soi,
                                   soh, float(eps), HEAD_DIM=head_dim, HEADS=heads_block, ROWS=per_program,
                                   INTERPRETED=interpreted(), num_warps=launch.warps)
    return tuple(out) if out is not None else (query, key, value)
