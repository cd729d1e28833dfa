"""The Triton attention forward (splatbench/model/kernels/attention.py) against softmax attention
computed here in float64, on every loop schedule and load path, through Triton's interpreter on a
CPU (tests/conftest.py sets TRITON_INTERPRET=1 there). The H200 run of scripts/gpu/attention_triton.py
re-checks it in bf16 at full length against PyTorch's fp32 math attention."""

from __future__ import annotations

import itertools
import math

import pytest
import torch

from splatbench.model.kernels import attention as kernel

pytestmark = pytest.mark.skipif(not kernel.available(), reason="triton is not installed (pyproject extra 'kernels')")


def oracle(query: torch.Tensor, key: torch.Tensor, value: torch.Tensor) -> torch.Tensor:
    q, k, v = (t.double() for t in (query, key, value))
    scores = q @ k.transpose(-1, -2) / math.sqrt(q.shape[-1])
    weights = torch.exp(scores - scores.amax(-1, keepdim=True))
    return (weights / weights.sum(-1, keepdim=True)) @ v


def random_qkv(batch: int, heads: int, tokens: int, head_dim: int, seed: int) -> list[torch.Tensor]:
    generator = torch.Generator().manual_seed(seed)
    # q and k scaled so the softmax is peaked, as after VGGT's QK-norm, not flat.
    return [torch.randn(batch, heads, tokens, head_dim, generator=generator) * scale for scale in (1.5, 1.5, 1.0)]


@pytest.mark.parametrize("tma, pipelined", list(itertools.product((False, True), (False, True))))
@pytest.mark.parametrize("tokens", [5, 32, 45])  # shorter than a tile; whole tiles; whole tiles and a ragged tail
def test_matches_float64_softmax_attention(tokens, tma, pipelined):
    tiles = kernel.AttentionTiles(block_m=16, block_n=16, warps=4, stages=2, tma=tma, pipelined=pipelined)
    query, key, value = random_qkv(2, 3, tokens, 16, seed=tokens)
    expected = oracle(query, key, value)
    out = kernel.flash_attention(query, key, value, tiles)
    assert out.shape == (2, 3, tokens, 16) and out.dtype == torch.float32
    assert (out.double() - expected).abs().max() < 1e-5
    # fp16 inputs: the probabilities are rounded to fp16 for the P V product, as in FlashAttention.
    half = kernel.flash_attention(*(t.half() for t in (query, key, value)), tiles)
    assert half.dtype == torch.float16
    assert (half.double() - expected).abs().max() < 5e-3


def test_strided_inputs_and_output_layout():
    """VGGT hands over [batch, token, head, dim] buffers viewed as [batch, head, token, dim]; the
    output comes back in that same memory layout."""
    generator = torch.Generator().manual_seed(7)
    packed = torch.randn(2, 40, 3, 3, 32, generator=generator)  # [batch, token, q/k/v, head, dim]
    query, key, value = (packed[:, :, i].transpose(1, 2) for i in range(3))
    assert not query.is_contiguous()
    out = kernel.flash_attention(query, key, value)  # the interpreter's default tiles
    assert (out.double() - oracle(query, key, value)).abs().max() < 1e-5
    assert out.transpose(1, 2).is_contiguous()


def test_refuses_what_it_cannot_take():
    query = torch.randn(1, 2, 8, 24)
    with pytest.raises(ValueError, match="head_dim 24"):
        kernel.flash_attention(query, query, query)
    query = torch.randn(1, 2, 8, 16).to(torch.float64)
    with pytest.raises(ValueError, match="dtypes"):
        kernel.flash_attention(query, query, query)
    query = torch.randn(1, 2, 16, 8).transpose(-1, -2)
    with pytest.raises(ValueError, match="contiguous"):
        kernel.flash_attention(query, query, query)
    query = torch.randn(1, 2, 8, 16, requires_grad=True)
    with pytest.raises(ValueError, match="gradients are needed"):
        kernel.flash_attention(query, query, query)


def test_vggt_attention_backend_runs_the_kernel():
    from splatbench.model.vggt.attention import AttentionKernel

    query, key, value = random_qkv(1, 2, 20, 16, seed=3)
    attention = AttentionKernel("triton")
    out = attention(query, key, value)
    assert (out.double() - oracle(query, key, value)).abs().max() < 1e-5
    assert dict(attention.used) == {"triton": 1}
