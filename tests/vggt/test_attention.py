"""The aggregator's attention pieces: the fused QK-norm + RoPE equals the textbook computation
(float64 oracle written here), and the attention-kernel choice is explicit, counted and exact."""

from __future__ import annotations

import dataclasses
import math

import pytest
import torch
import torch.nn.functional as F

from splatbench.model.vggt.attention import AttentionKernel, usable_backend
from splatbench.model.vggt.layers import Block, RopeTable, patch_positions


def rope_oracle(x: torch.Tensor, positions: torch.Tensor, base: float) -> torch.Tensor:
    """2D RoPE by its definition, in float64: the first half of each head vector rotates with y,
    the second with x; in each half, channel i pairs with i + half/2 at frequency base^(-2i/half)."""
    out = x.double().clone()
    head_dim = x.shape[-1]
    half, quarter = head_dim // 2, head_dim // 4
    for axis in range(2):
        for i in range(quarter):
            angle = positions[:, axis].double()[:, None] * base ** (-2 * i / half)  # [token, 1] over heads
            first, second = axis * half + i, axis * half + quarter + i
            a, b = x[..., first].double(), x[..., second].double()
            out[..., first] = a * torch.cos(angle) - b * torch.sin(angle)
            out[..., second] = b * torch.cos(angle) + a * torch.sin(angle)
    return out


@pytest.mark.parametrize("mode", ["eager", "triton"])
def test_fused_qk_norm_rope_equals_definition(mode):
    """Also through the Triton kernels (``elementwise="triton"``, interpreted on a CPU), which
    must serve the call rather than fall back."""
    from splatbench.model.kernels import norms
    from splatbench.model.vggt.elementwise import elementwise_ops

    if mode == "triton" and not norms.usable(torch.empty(0)):
        pytest.skip("triton is not installed or not interpreted here")
    ops = elementwise_ops(mode)
    served = ops.used["triton"]
    torch.manual_seed(0)
    dim, heads = 32, 2
    block = Block(dim, heads, qk_norm=True).eval()
    with torch.no_grad():
        for parameter in block.parameters():
            parameter.normal_()
    positions = patch_positions(2, 3, num_special=2)
    rope = RopeTable(positions, dim // heads, 100.0)
    x = torch.randn(3, positions.shape[0], dim)
    with torch.no_grad():
        query, key, value = block.qkv(x, rope, ops)
        qkv = F.linear(F.layer_norm(x.double(), (dim,), block.norm1.weight.double(), block.norm1.bias.double()),
                       block.attn.qkv.weight.double(), block.attn.qkv.bias.double()).unflatten(-1, (3, heads, -1))
        for ours, part, norm in ((query, 0, block.attn.q_norm), (key, 1, block.attn.k_norm)):
            normed = F.layer_norm(qkv[..., part, :, :], (dim // heads,), norm.weight.double(), norm.bias.double(),
                                  eps=norm.eps)
            expected = rope_oracle(normed, positions, 100.0)
            assert (ours.double() - expected).abs().max() < 1e-4
        assert (value.double() - qkv[..., 2, :, :]).abs().max() < 1e-4
    assert ops.used["triton"] == served + 2 * (mode == "triton")  # norm1, then q/k/v


def test_finish_in_place_equals_out_of_place():
    torch.manual_seed(1)
    block = Block(16, 2).eval()
    x = torch.randn(2, 5, 16)
    attended = torch.randn(2, 5, 16)
    with torch.no_grad():
        expected = block.finish(x, attended)
        copy = x.clone()
        result = block.finish(copy, attended, in_place=True)
    assert result.data_ptr() == copy.data_ptr()
    assert torch.equal(result, expected)
    assert not torch.equal(x, expected)  # out of place left x alone


def test_attention_kernel_is_exact_and_counted():
    generator = torch.Generator().manual_seed(2)
    query, key, value = (torch.randn(2, 3, 7, 8, generator=generator) for _ in range(3))
    weights = torch.softmax(query.double() @ key.double().transpose(-1, -2) / math.sqrt(8), dim=-1)
    expected = weights @ value.double()
    kernel = AttentionKernel()  # auto: PyTorch's own choice on a CPU
    assert usable_backend(query, key, value) == "default"
    assert (kernel(query, key, value).double() - expected).abs().max() < 1e-5
    kernel.backend = "math"
    assert (kernel(query, key, value).double() - expected).abs().max() < 1e-5
    assert dict(kernel.used) == {"default": 1, "math": 1}


def test_unknown_attention_backend():
    with pytest.raises(ValueError, match="unknown attention backend 'fa3'.*cudnn"):
        AttentionKernel("fa3")


def test_fused_cast_path_equals_autocast_path(monkeypatch):
    """What ``elementwise="compile"`` runs, here uncompiled: norms hand their output over already
    cast to bf16 instead of leaving the cast to autocast. Same roundings, so the same numbers."""
    from splatbench.model.vggt import VGGT, vggt_preset
    from splatbench.model.vggt import elementwise
    from splatbench.model.vggt.weights import fill_generated_weights

    fused = dataclasses.replace(elementwise.EAGER, name="fused", fuse_cast=True)
    monkeypatch.setitem(elementwise.ELEMENTWISE_OPS, "fused", lambda: fused)
    model = fill_generated_weights(VGGT(vggt_preset("tiny")).eval())
    images = torch.rand(1, 3, 3, 28, 42, generator=torch.Generator().manual_seed(4))
    outputs = {}
    for mode in ("eager", "fused"):
        model.aggregator.elementwise = mode
        with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16):
            outputs[mode] = model.aggregator.layer_outputs(images, chunk_frames=2)
    for layer, tokens in outputs["eager"].items():
        assert torch.equal(tokens, outputs["fused"][layer]), layer
    with pytest.raises(ValueError, match="unknown elementwise mode 'jit'"):
        elementwise.elementwise_ops("jit")
