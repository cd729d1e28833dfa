"""Exact softmax attention forward in Triton (FlashAttention's online softmax), for long sequences.

``flash_attention(q, k, v)`` computes ``softmax(q k^T / sqrt(d)) v`` without a mask, like
``F.scaled_dot_product_attention`` with its defaults, for inference (no backward):

* ``q, k, v``: ``[batch, head, token, head_dim]``, bf16 or fp16 (fp32 too through the interpreter,
  for tests; refused on CUDA, where the products would run in TF32), the head
  dimension contiguous (any other strides; VGGT's ``[batch, token, head, dim]`` buffers viewed as
  ``[batch, head, token, dim]`` need no copy); ``head_dim`` a power of two from 16 to 128.
* returns ``[batch, head, token, head_dim]`` in the input dtype, laid out ``[batch, token, head,
  head_dim]`` in memory (so merging the heads afterwards is a view).

One program takes ``block_m`` queries of one (batch, head) and streams over all keys in tiles of
``block_n``: scores in fp32, running max and sum in fp32, the probabilities rounded to the input
dtype for the ``P V`` product, as FlashAttention 2/3 and cuDNN do. So it differs from the other exact
kernels by summation order and that one rounding only (measured on an H200 against fp32 math at
8192 tokens: the same error as cuDNN's kernel; see docs/benchmarks.md).

Why it exists: VGGT's global attention over 100-200 frames (100k-200k tokens, 16 heads of 64) is
three quarters of the aggregator's time, and on Hopper this kernel runs it faster than PyTorch's
cuDNN and FlashAttention-2 backends at head dim 64 (docs/benchmarks.md, issue 11). Two loop
schedules (``AttentionTiles.pipelined``):

* plain: load a key tile, ``S = Q K^T``, softmax update, ``O += P V``;
* pipelined: the next tile's ``Q K^T`` is issued before the current tile's softmax, so on Hopper
  the asynchronous matrix product of one tile can overlap the exponentials of the other (at head
  dim 64 the exponentials cost as much time as the matrix products).

Loads are plain pointer loads or, with ``tma`` (compute capability 9.0+), Hopper's tensor memory
accelerator through tensor descriptors. Runs on the CPU through Triton's interpreter
(``TRITON_INTERPRET=1`` set before triton is imported), which is how the tests check it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
from torch import Tensor

from splatbench.utils.triton_runtime import interpreted, opaque_to_compile

try:
    import triton
    import triton.language as tl
except ImportError:  # the CPU suite installs it (pyproject extra "kernels"); callers check available()
    triton = None

LOG2E = 1.4426950408889634
HEAD_DIMS = (16, 32, 64, 128)


@dataclass(frozen=True)
class AttentionTiles:
    """Launch configuration: query and key tile lengths, warps, software-pipeline stages, TMA loads,
    and the pipelined loop schedule (module docstring)."""

    block_m: int = 128
    block_n: int = 64
    warps: int = 4
    stages: int = 3
    tma: bool = True
    pipelined: bool = False


# Chosen per head dim by the sweep in scripts/gpu/attention_triton.py on an H200 (docs/benchmarks.md).
DEFAULT_TILES = {64: AttentionTiles()}
# Small tiles for every other head dim and for the interpreter (where tile size only costs time).
FALLBACK_TILES = AttentionTiles(block_m=64, block_n=64, warps=4, stages=2, tma=False)


def available() -> bool:
    """Whether triton is importable (the kernel then runs on CUDA, or anywhere interpreted)."""
    return triton is not None


def problem(query: Tensor, key: Tensor, value: Tensor, tiles: AttentionTiles | None = None) -> str | None:
    """Why :func:`flash_attention` cannot take these tensors; None when it can."""
    if triton is None:
        return "the triton package is not installed"
    if query.device.type != "cuda" and not interpreted():
        return f"tensors on {query.device.type} (needs CUDA, or TRITON_INTERPRET=1)"
    if torch.is_grad_enabled() and any(t.requires_grad for t in (query, key, value)):
        return "gradients are needed and the kernel has no backward"  # its output would silently drop them
    if not (query.shape == key.shape == value.shape) or query.dim() != 4:
        return f"q, k, v must share one [batch, head, token, head_dim] shape (got {tuple(query.shape)}, " \
               f"{tuple(key.shape)}, {tuple(value.shape)})"
    if query.shape[-1] not in HEAD_DIMS:
        return f"head_dim {query.shape[-1]} (supported: {', '.join(map(str, HEAD_DIMS))})"
    if not (query.dtype == key.dtype == value.dtype) or query.dtype not in (torch.bfloat16, torch.float16,
                                                                            torch.float32):
        return f"dtypes {query.dtype}, {key.dtype}, {value.dtype} (one of bf16, fp16, fp32 for all three)"
    if query.dtype == torch.float32 and query.device.type == "cuda":
        # tl.dot takes fp32 operands as TF32 on the GPU: not the fp32 attention a caller asked for.
        return "float32 on CUDA (the kernel's products would round q, k and p to TF32; bf16 or fp16 there)"
    if any(t.stride(-1) != 1 for t in (query, key, value)):
        return "the head dimension must be contiguous"
    tiles = tiles or tiles_for(query)
    if tiles.tma:
        if query.device.type == "cuda" and torch.cuda.get_device_capability(query.device)[0] < 9:
            return "TMA loads need compute capability 9.0 or newer"
        element = query.element_size()
        if any(s * element % 16 for t in (query, key, value) for s in t.stride()[:-1]):
            return "TMA loads need every stride to be a multiple of 16 bytes"
    return None


def tiles_for(query: Tensor) -> AttentionTiles:
    if interpreted() or query.device.type != "cuda":
        return FALLBACK_TILES
    tiles = DEFAULT_TILES.get(query.shape[-1], FALLBACK_TILES)
    if tiles.tma and torch.cuda.get_device_capability(query.device)[0] < 9:
        tiles = AttentionTiles(tiles.block_m, tiles.block_n, tiles.warps, tiles.stages, False, tiles.pipelined)
    return tiles


if triton is not None:

    @triton.jit
    def _load_tile(X, b, h, start, stride_n, tokens, TILE: tl.constexpr, HEAD_DIM: tl.constexpr,
                   MASKED: tl.constexpr, TMA: tl.constexpr):
        """Rows ``start .. start + TILE`` of one (batch, head); rows past ``tokens`` read as zeros.
        With TMA, X is a 4D descriptor; else a pointer already offset to this (batch, head)."""
        if TMA:
            tile = X.load([b, h, start, 0]).reshape([TILE, HEAD_DIM])
        else:
            rows = start + tl.arange(0, TILE)
            pointers = X + rows[:, None] * stride_n + tl.arange(0, HEAD_DIM)[None, :]
            if MASKED:
                tile = tl.load(pointers, mask=(rows < tokens)[:, None], other=0.0)
            else:
                tile = tl.load(pointers)
        return tile

    @triton.jit
    def _softmax_update(scores, v, start, tokens, m_i, l_i, acc, qk_scale, TILE: tl.constexpr,
                        MASKED: tl.constexpr):
        """Fold one tile's scores (fp32, unscaled) and values into the running max, sum and output."""
        if MASKED:
            keys = start + tl.arange(0, TILE)
            scores = tl.where((keys < tokens)[None, :], scores, float("-inf"))
        m_new = tl.maximum(m_i, tl.max(scores, 1) * qk_scale)
        p = tl.math.exp2(scores * qk_scale - m_new[:, None])
        alpha = tl.math.exp2(m_i - m_new)
        l_i = l_i * alpha + tl.sum(p, 1)
        acc = acc * alpha[:, None]
        acc = tl.dot(p.to(v.dtype), v, acc)
        return m_new, l_i, acc

    @triton.jit
    def _attention_kernel(Q, K, V, O, stride_qb, stride_qh, stride_qn, stride_kb, stride_kh, stride_kn,
                          stride_vb, stride_vh, stride_vn, stride_ob, stride_oh, stride_on, heads, tokens,
                          qk_scale, HEAD_DIM: tl.constexpr, BLOCK_M: tl.constexpr, BLOCK_N: tl.constexpr,
                          TMA: tl.constexpr, PIPELINED: tl.constexpr):
        block = tl.program_id(0)
        batch_head = tl.program_id(1)
        b = batch_head // heads
        h = batch_head % heads
        rows = block * BLOCK_M + tl.arange(0, BLOCK_M)
        dims = tl.arange(0, HEAD_DIM)
        if TMA:
            q = Q.load([b, h, block * BLOCK_M, 0]).reshape([BLOCK_M, HEAD_DIM])
        else:
            b64, h64 = b.to(tl.int64), h.to(tl.int64)  # offsets past 2^31 elements stay right
            q = tl.load(Q + b64 * stride_qb + h64 * stride_qh + rows[:, None] * stride_qn + dims[None, :],
                        mask=(rows < tokens)[:, None], other=0.0)
            K = K + b64 * stride_kb + h64 * stride_kh
            V = V + b64 * stride_vb + h64 * stride_vh
        m_i = tl.full([BLOCK_M], float("-inf"), tl.float32)
        l_i = tl.zeros([BLOCK_M], tl.float32)
        acc = tl.zeros([BLOCK_M, HEAD_DIM], tl.float32)
        full = tokens // BLOCK_N * BLOCK_N
        if PIPELINED:  # the launcher guarantees full >= BLOCK_N
            k = _load_tile(K, b, h, 0, stride_kn, tokens, BLOCK_N, HEAD_DIM, False, TMA)
            scores = tl.dot(q, tl.trans(k))
            for start in range(BLOCK_N, full, BLOCK_N):
                k = _load_tile(K, b, h, start, stride_kn, tokens, BLOCK_N, HEAD_DIM, False, TMA)
                v = _load_tile(V, b, h, start - BLOCK_N, stride_vn, tokens, BLOCK_N, HEAD_DIM, False, TMA)
                next_scores = tl.dot(q, tl.trans(k))
                m_i, l_i, acc = _softmax_update(scores, v, start - BLOCK_N, tokens, m_i, l_i, acc, qk_scale,
                                                BLOCK_N, False)
                scores = next_scores
            v = _load_tile(V, b, h, full - BLOCK_N, stride_vn, tokens, BLOCK_N, HEAD_DIM, False, TMA)
            m_i, l_i, acc = _softmax_update(scores, v, full - BLOCK_N, tokens, m_i, l_i, acc, qk_scale, BLOCK_N,
                                            False)
        else:
            for start in range(0, full, BLOCK_N):
                k = _load_tile(K, b, h, start, stride_kn, tokens, BLOCK_N, HEAD_DIM, False, TMA)
                v = _load_tile(V, b, h, start, stride_vn, tokens, BLOCK_N, HEAD_DIM, False, TMA)
                m_i, l_i, acc = _softmax_update(tl.dot(q, tl.trans(k)), v, start, tokens, m_i, l_i, acc,
                                                qk_scale, BLOCK_N, False)
        if full < tokens:
            k = _load_tile(K, b, h, full, stride_kn, tokens, BLOCK_N, HEAD_DIM, True, TMA)
            v = _load_tile(V, b, h, full, stride_vn, tokens, BLOCK_N, HEAD_DIM, True, TMA)
            m_i, l_i, acc = _softmax_update(tl.dot(q, tl.trans(k)), v, full, tokens, m_i, l_i, acc, qk_scale,
                                            BLOCK_N, True)
        out = acc / l_i[:, None]
        if TMA:
            O.store([b, h, block * BLOCK_M, 0], out.to(O.dtype).reshape([1, 1, BLOCK_M, HEAD_DIM]))
        else:
            tl.store(O + b64 * stride_ob + h64 * stride_oh + rows[:, None] * stride_on + dims[None, :],
                     out.to(O.dtype.element_ty), mask=(rows < tokens)[:, None])


@opaque_to_compile
def flash_attention(query: Tensor, key: Tensor, value: Tensor, tiles: AttentionTiles | None = None) -> Tensor:
    """``softmax(query key^T / sqrt(head_dim)) value`` (module docstring for shapes and layout).
    ``tiles``: the launch configuration (default: :data:`DEFAULT_TILES` for the head dim on CUDA,
    :data:`FALLBACK_TILES` otherwise). Raises ValueError naming the reason for tensors it cannot take."""
    tiles = tiles or tiles_for(query)
    reason = problem(query, key, value, tiles)
    if reason is not None:
        raise ValueError(f"flash_attention: {reason}")
    batch, heads, tokens, head_dim = query.shape
    out = torch.empty(batch, tokens, heads, head_dim, device=query.device, dtype=query.dtype).transpose(1, 2)
    if tokens == 0 or batch * heads == 0:
        return out
    pipelined = tiles.pipelined and tokens >= tiles.block_n
    tensors = [query, key, value, out]
    strides = [s for t in tensors for s in t.stride()[:3]]
    if tiles.tma:
        from triton.tools.tensor_descriptor import TensorDescriptor

        blocks = (tiles.block_m, tiles.block_n, tiles.block_n, tiles.block_m)
        tensors = [TensorDescriptor(t, list(t.shape), list(t.stride()), [1, 1, rows, head_dim])
                   for t, rows in zip(tensors, blocks)]
    grid = (triton.cdiv(tokens, tiles.block_m), batch * heads)
    _attention_kernel[grid](*tensors, *strides, heads, tokens, LOG2E / math.sqrt(head_dim), HEAD_DIM=head_dim,
                            BLOCK_M=tiles.block_m, BLOCK_N=tiles.block_n, TMA=tiles.tma, PIPELINED=pipelined,
                            num_warps=tiles.warps, num_stages=tiles.stages)
    return out
