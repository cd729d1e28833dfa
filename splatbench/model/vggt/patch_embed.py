"""VGGT's patch embedder: a DINOv2 ViT with register tokens (``dinov2_vitl14_reg`` for VGGT-1B).

It is the DINOv2 backbone of :mod:`splatbench.model.encoder.vit.dinov2` plus what the "reg"
variant adds: ``register_tokens`` inserted right after the class token *after* the position
embedding is added (registers carry no position), and the unused ``mask_token`` (present in the
checkpoint). VGGT builds it with ``interpolate_offset=0`` and ``interpolate_antialias=True``: the
37 x 37 position grid is resized to the patch grid by explicit size, bicubic with antialiasing.
Only the final-normed patch tokens leave the module.
"""

from __future__ import annotations

import torch
from jaxtyping import Float
from torch import Tensor, nn

from splatbench.model.encoder.vit.dinov2 import DinoVisionTransformer


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

    def patch_tokens(self, images: Float[Tensor, "batch 3 height width"]) -> Float[Tensor, "batch patch dim"]:
        """Normalised patch tokens (class and register outputs dropped), row-major over the grid."""
        tokens = self.prepare_tokens(images)
        for block in self.blocks:
            tokens = block(tokens)
        return self.norm(tokens[:, 1 + self.num_register_tokens:])
