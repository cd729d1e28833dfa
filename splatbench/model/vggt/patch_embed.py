"""VGGT's patch embedder: a DINOv2 ViT with register tokens (``dinov2_vitl14_reg`` for VGGT-1B).

It is the DINOv2 backbone of :mod:`splatbench.model.encoder.vit.dinov2` plus what the "reg"
variant adds: ``register_tokens`` inserted right after the class token *after* the position
embedding is added (registers carry no position), and the unused ``mask_token`` (present in the
checkpoint). VGGT builds it with ``interpolate_offset=0`` and ``interpolate_antialias=True``: the
37 x 37 position grid is resized to the patch grid by explicit size, bicubic with antialiasing.
Only the final-normed patch tokens leave the module.

:meth:`DinoWithRegisters.patch_tokens` runs the blocks with their residual additions in place (one
pass over the fp32 token stream per branch instead of three), an optional attention callable
(the aggregator's :class:`~splatbench.model.vggt.attention.AttentionKernel`) and the aggregator's
element-wise ops (:mod:`splatbench.model.vggt.elementwise`); the arithmetic is the blocks' own.
"""

from __future__ import annotations

from collections.abc import Callable

import torch
import torch.nn.functional as F
from jaxtyping import Float
from torch import Tensor, nn

from splatbench.model.encoder.vit.dinov2 import Block, DinoVisionTransformer
from splatbench.model.vggt.elementwise import EAGER, ElementwiseOps

# attention(query, key, value) on [batch, head, token, head_dim], softmax(q k^T / sqrt(d)) v.
AttentionFn = Callable[[Tensor, Tensor, Tensor], Tensor]


class DinoWithRegisters(DinoVisionTransformer):
    def __init__(self, img_size: int, patch_size: int, embed_dim: int, depth: int, num_heads: int,
                 num_register_tokens: int) -> None:
        super().__init__(
            img_size=img_size, patch_size=patch_size, embed_dim=embed_dim, depth=depth, num_heads=num_heads,
            init_values=1.0, interpolate_offset=0.0, interpolate_antialias=True,
        )
        self.num_register_tokens = num_register_tokens
        self.register_tokens = nn.Parameter(torch.zeros(1, num_register_tokens, embed_dim))
        self.mask_token = nn.Parameter(torch.zeros(1, embed_dim), requires_grad=False)

    def prepare_tokens(self, images: Float[Tensor, "batch 3 height width"]) -> Float[Tensor, "batch token dim"]:
        tokens = super().prepare_tokens(images)
        registers = self.register_tokens.expand(tokens.shape[0], -1, -1)
        return torch.cat([tokens[:, :1], registers, tokens[:, 1:]], dim=1)

    def patch_tokens(self, images: Float[Tensor, "batch 3 height width"], attention: AttentionFn | None = None,
                     ops: ElementwiseOps = EAGER) -> Float[Tensor, "batch patch dim"]:
        """Normalised patch tokens (class and register outputs dropped), row-major over the grid."""
        tokens = self.prepare_tokens(images)  # a fresh tensor: the blocks may update it in place
        for block in self.blocks:
            block_in_place(block, tokens, attention or F.scaled_dot_product_attention, ops)
        return self.norm(tokens[:, 1 + self.num_register_tokens:])


def block_in_place(block: Block, tokens: Float[Tensor, "batch token dim"], attention: AttentionFn,
                   ops: ElementwiseOps = EAGER) -> None:
    """``tokens = block(tokens)`` for a DINOv2 block with LayerScale, written into ``tokens``."""
    attn, norm1, norm2 = block.attn, block.norm1, block.norm2
    dtype = ops.output_dtype(tokens)
    normed = ops.layer_norm_to(tokens, norm1.weight, norm1.bias, norm1.eps, dtype)
    qkv = attn.qkv(normed).unflatten(-1, (3, attn.num_heads, -1))
    query, key, value = (t.transpose(1, 2) for t in qkv.unbind(2))  # [batch, head, token, head_dim]
    attended = attention(query, key, value).transpose(1, 2).flatten(-2)
    normed = ops.residual_layer_norm(tokens, attn.proj(attended), block.ls1.gamma, norm2.weight, norm2.bias,
                                     norm2.eps, dtype)
    tokens.addcmul_(block.mlp(normed), block.ls2.gamma)
