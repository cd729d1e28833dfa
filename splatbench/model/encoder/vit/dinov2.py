"""DINOv2 vision transformer (ViT-S/14, B/14, L/14) built locally, without torch.hub.

Parameter names equal the official DINOv2 checkpoints (``cls_token``, ``pos_embed``,
``patch_embed.proj``, ``blocks.N.{norm1, attn.qkv, attn.proj, ls1.gamma, norm2, mlp.fc1, mlp.fc2,
ls2.gamma}``, ``norm``), so Depth Anything V2 and DepthSplat weights load without a key map.
The unused ``mask_token`` is not created (DepthSplat deletes it, so its checkpoints lack it).

Numerics follow the hub model: LayerNorm eps 1e-6, LayerScale, exact GELU, bicubic
position-embedding interpolation by scale factor ``(n + 0.1) / 37`` with antialias off, and
attention through ``torch.nn.functional.scaled_dot_product_attention``.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from functools import partial

import torch
import torch.nn.functional as F
from jaxtyping import Float
from torch import Tensor, nn

logger = logging.getLogger(__name__)


class PatchEmbed(nn.Module):
    """Non-overlapping patches -> tokens via a strided convolution."""

    def __init__(self, img_size: int, patch_size: int, in_chans: int, embed_dim: int) -> None:
        super().__init__()
        self.patch_size = patch_size
        self.num_patches = (img_size // patch_size) ** 2
        self.proj = nn.Conv2d(in_chans, embed_dim, kernel_size=patch_size, stride=patch_size)

    def forward(self, images: Float[Tensor, "batch 3 height width"]) -> Float[Tensor, "batch token dim"]:
        height, width = images.shape[-2:]
        if height % self.patch_size or width % self.patch_size:
            raise ValueError(
                f"image size {height}x{width} is not a multiple of the patch size {self.patch_size}"
            )
        return self.proj(images).flatten(2).transpose(1, 2)


class Attention(nn.Module):
    """Multi-head self-attention with a fused qkv projection."""

    def __init__(self, dim: int, num_heads: int, qkv_bias: bool = True, proj_bias: bool = True) -> None:
        super().__init__()
        self.num_heads = num_heads
        self.qkv = nn.Linear(dim, dim * 3, bias=qkv_bias)
        self.proj = nn.Linear(dim, dim, bias=proj_bias)

    def forward(self, tokens: Float[Tensor, "batch token dim"]) -> Float[Tensor, "batch token dim"]:
        batch, count, dim = tokens.shape
        qkv = self.qkv(tokens).reshape(batch, count, 3, self.num_heads, dim // self.num_heads)
        query, key, value = qkv.permute(2, 0, 3, 1, 4).unbind(0)
        attended = F.scaled_dot_product_attention(query, key, value)
        return self.proj(attended.transpose(1, 2).reshape(batch, count, dim))


class Mlp(nn.Module):
    def __init__(self, dim: int, hidden_dim: int) -> None:
        super().__init__()
        self.fc1 = nn.Linear(dim, hidden_dim)
        self.act = nn.GELU()
        self.fc2 = nn.Linear(hidden_dim, dim)

    def forward(self, tokens: Tensor) -> Tensor:
        return self.fc2(self.act(self.fc1(tokens)))


class LayerScale(nn.Module):
    def __init__(self, dim: int, init_value: float) -> None:
        super().__init__()
        self.gamma = nn.Parameter(torch.full((dim,), float(init_value)))

    def forward(self, tokens: Tensor) -> Tensor:
        return tokens * self.gamma


class Block(nn.Module):
    """Pre-norm transformer block, with LayerScale on both residual branches unless
    ``init_values`` is None (ReSplat's multi-view blocks: no LayerScale, no qkv bias, eps 1e-5)."""

    def __init__(
        self,
        dim: int,
        num_heads: int,
        mlp_ratio: float = 4.0,
        init_values: float | None = None,
        qkv_bias: bool = True,
        norm_eps: float = 1e-6,
    ) -> None:
        super().__init__()
        norm = partial(nn.LayerNorm, eps=norm_eps)
        self.norm1 = norm(dim)
        self.attn = Attention(dim, num_heads, qkv_bias=qkv_bias)
        self.ls1 = nn.Identity() if init_values is None else LayerScale(dim, init_values)
        self.norm2 = norm(dim)
        self.mlp = Mlp(dim, int(dim * mlp_ratio))
        self.ls2 = nn.Identity() if init_values is None else LayerScale(dim, init_values)

    def forward(self, tokens: Float[Tensor, "batch token dim"]) -> Float[Tensor, "batch token dim"]:
        tokens = tokens + self.ls1(self.attn(self.norm1(tokens)))
        return tokens + self.ls2(self.mlp(self.norm2(tokens)))


class DinoVisionTransformer(nn.Module):
    """DINOv2 ViT backbone; ``get_intermediate_layers`` is the entry point DepthSplat uses."""

    def __init__(
        self,
        img_size: int = 518,
        patch_size: int = 14,
        in_chans: int = 3,
        embed_dim: int = 384,
        depth: int = 12,
        num_heads: int = 6,
        mlp_ratio: float = 4.0,
        init_values: float = 1.0,
        interpolate_offset: float = 0.1,
        interpolate_antialias: bool = False,
    ) -> None:
        super().__init__()
        self.embed_dim = self.num_features = embed_dim
        self.patch_size = patch_size
        self.n_blocks = depth
        self.interpolate_offset = interpolate_offset
        self.interpolate_antialias = interpolate_antialias

        self.patch_embed = PatchEmbed(img_size, patch_size, in_chans, embed_dim)
        self.cls_token = nn.Parameter(torch.zeros(1, 1, embed_dim))
        self.pos_embed = nn.Parameter(torch.zeros(1, self.patch_embed.num_patches + 1, embed_dim))
        self.blocks = nn.ModuleList(
            Block(embed_dim, num_heads, mlp_ratio, init_values) for _ in range(depth)
        )
        self.norm = nn.LayerNorm(embed_dim, eps=1e-6)
        # Resized position embeddings without autograd (see interpolate_pos_encoding); not state.
        self._pos_cache: dict[tuple, Tensor] = {}
        self._init_weights()

    def _init_weights(self) -> None:
        nn.init.trunc_normal_(self.pos_embed, std=0.02)
        nn.init.normal_(self.cls_token, std=1e-6)
        for module in self.modules():
            if isinstance(module, nn.Linear):
                nn.init.trunc_normal_(module.weight, std=0.02)
                if module.bias is not None:
                    nn.init.zeros_(module.bias)

    def interpolate_pos_encoding(
        self, tokens: Float[Tensor, "batch token dim"], height: int, width: int
    ) -> Float[Tensor, "1 token dim"]:
        """Position embeddings for a ``height`` x ``width`` image (pixels).

        Without autograd the resized grid is cached per (size, dtype, device): the bicubic resize
        is a slow kernel (about 1 ms on an H200 at 256x256, a tenth of the small encoder's
        forward pass). The cache is keyed on the parameter's storage and version counter as well,
        so loading weights or an optimiser step (both in-place writes) invalidates it; it is
        built by the eager warm-up calls before a CUDA-graph capture, which then only reads it."""
        num_patches = tokens.shape[1] - 1
        num_stored = self.pos_embed.shape[1] - 1
        if num_patches == num_stored and height == width:
            return self.pos_embed
        if torch.is_grad_enabled() and self.pos_embed.requires_grad:
            return self._resize_pos_encoding(tokens.dtype, height, width)
        key = (height, width, tokens.dtype, self.pos_embed.device, self.pos_embed.data_ptr(), self.pos_embed._version)
        cached = self._pos_cache.get(key)
        if cached is None:
            with torch.inference_mode(False), torch.no_grad():
                cached = self._resize_pos_encoding(tokens.dtype, height, width)
            self._pos_cache = {k: v for k, v in self._pos_cache.items() if k[4:] == key[4:]}
            self._pos_cache[key] = cached
        return cached

    def _resize_pos_encoding(self, dtype: torch.dtype, height: int, width: int) -> Float[Tensor, "1 token dim"]:
        num_stored = self.pos_embed.shape[1] - 1
        pos_embed = self.pos_embed.float()
        dim = pos_embed.shape[-1]
        rows, cols = height // self.patch_size, width // self.patch_size
        side = int(math.sqrt(num_stored))
        if side * side != num_stored:
            raise ValueError(f"pos_embed holds {num_stored} patches, not a square grid")
        grid = pos_embed[:, 1:].reshape(1, side, side, dim).permute(0, 3, 1, 2)
        if self.interpolate_offset:
            # The official model resizes by scale factor with a +0.1 offset (not by size); the
            # sampling positions differ slightly, so exact reproduction needs the same call.
            scale = (
                (rows + self.interpolate_offset) / side,
                (cols + self.interpolate_offset) / side,
            )
            grid = F.interpolate(grid, scale_factor=scale, mode="bicubic", antialias=self.interpolate_antialias)
        else:
            grid = F.interpolate(grid, size=(rows, cols), mode="bicubic", antialias=self.interpolate_antialias)
        if tuple(grid.shape[-2:]) != (rows, cols):
            raise RuntimeError(f"interpolated position grid {tuple(grid.shape[-2:])} != {(rows, cols)}")
        grid = grid.permute(0, 2, 3, 1).reshape(1, rows * cols, dim)
        return torch.cat((pos_embed[:, :1], grid), dim=1).to(dtype)

    def prepare_tokens(self, images: Float[Tensor, "batch 3 height width"]) -> Float[Tensor, "batch token dim"]:
        height, width = images.shape[-2:]
        tokens = self.patch_embed(images)
        tokens = torch.cat((self.cls_token.expand(tokens.shape[0], -1, -1), tokens), dim=1)
        return tokens + self.interpolate_pos_encoding(tokens, height, width)

    def get_intermediate_layers(
        self,
        images: Float[Tensor, "batch 3 height width"],
        n: int | Sequence[int] = 1,
        reshape: bool = False,
        return_class_token: bool = False,
        norm: bool = True,
    ) -> tuple:
        """Outputs of selected blocks (patch tokens only; DINOv2 semantics).

        ``n`` is either the number of last blocks to take or a list of block indices.
        With ``reshape`` each output is ``[batch, dim, rows, cols]`` instead of ``[batch, rows*cols, dim]``;
        with ``return_class_token`` each entry is a pair ``(patch_tokens, class_token)``.
        """
        wanted = range(self.n_blocks - n, self.n_blocks) if isinstance(n, int) else list(n)
        tokens = self.prepare_tokens(images)
        if norm and self._fused_norms(tokens):
            outputs = self._normed_outputs_fused(tokens, wanted)
        else:
            outputs = []
            for index, block in enumerate(self.blocks):
                tokens = block(tokens)
                if index in wanted:
                    outputs.append(tokens)
            if norm:
                outputs = [self.norm(out) for out in outputs]
        if len(outputs) != len(wanted):
            raise ValueError(f"requested blocks {list(wanted)} but the model has {self.n_blocks}")
        class_tokens = [out[:, 0] for out in outputs]
        outputs = [out[:, 1:] for out in outputs]
        if reshape:
            batch, _, height, width = images.shape
            rows, cols = height // self.patch_size, width // self.patch_size
            outputs = [
                out.reshape(batch, rows, cols, -1).permute(0, 3, 1, 2).contiguous() for out in outputs
            ]
        if return_class_token:
            return tuple(zip(outputs, class_tokens))
        return tuple(outputs)

    def _fused_norms(self, tokens: Tensor) -> bool:
        """Whether the blocks' LayerNorms, LayerScale residuals and casts can run as the Triton row
        kernels (:mod:`splatbench.model.kernels.norms`): half-precision autocast inference (the
        bf16 plans: float32 residual stream, bf16 matrix products) with ``fast_convs.fused_vit_norms``
        on, where Triton runs, every block with LayerScale; float32 keeps PyTorch's modules."""
        from splatbench.model.encoder import fast_convs
        from splatbench.model.kernels import norms

        device = tokens.device.type
        return (
            fast_convs.SWITCHES.fused_vit_norms
            and not torch.is_grad_enabled()
            and not torch.compiler.is_compiling()  # Inductor fuses these itself
            and tokens.dtype == torch.float32
            and torch.is_autocast_enabled(device)
            and torch.get_autocast_dtype(device) in (torch.bfloat16, torch.float16)
            and norms.usable(tokens)
            and tokens.is_contiguous()
            and all(isinstance(b.ls1, LayerScale) and isinstance(b.ls2, LayerScale) for b in self.blocks)
        )

    def _normed_outputs_fused(self, tokens: Tensor, wanted: Sequence[int]) -> list[Tensor]:
        """``[self.norm(output of block i) for i in wanted]`` with each residual update
        ``tokens += update * gamma`` and the LayerNorm after it (the next block's ``norm1``, its
        own ``norm2``, or the final ``norm`` after the last block) as one pass that also rounds the
        normalised tokens to bf16 for the next matrix product (eagerly: a product, a sum, the norm
        and a cast). ``tokens`` (float32, a fresh tensor of the caller's) is updated in place; the outputs are float32, as CUDA
        autocast's LayerNorm gives them. Same arithmetic but one rounding fewer per update (an fma)."""
        from splatbench.model.kernels import norms

        half = torch.get_autocast_dtype(tokens.device.type)
        first = self.blocks[0].norm1
        normed = norms.layer_norm_cast(tokens, first.weight, first.bias, first.eps, half)
        outputs = []
        last = len(self.blocks) - 1
        for index, block in enumerate(self.blocks):
            update = block.attn(normed)
            normed = norms.residual_layer_norm(tokens, update, block.ls1.gamma, block.norm2.weight, block.norm2.bias,
                                               block.norm2.eps, half)  # fmt: skip
            update = block.mlp(normed)
            if index == last:
                if index in wanted:
                    outputs.append(norms.residual_layer_norm(tokens, update, block.ls2.gamma, self.norm.weight,
                                                             self.norm.bias, self.norm.eps, torch.float32))  # fmt: skip
                break
            following = self.blocks[index + 1].norm1
            normed = norms.residual_layer_norm(tokens, update, block.ls2.gamma, following.weight, following.bias,
                                               following.eps, half)  # fmt: skip
            if index in wanted:
                outputs.append(norms.layer_norm_cast(tokens, self.norm.weight, self.norm.bias, self.norm.eps, torch.float32))
        return outputs

    def forward(self, images: Float[Tensor, "batch 3 height width"]) -> Float[Tensor, "batch dim"]:
        """Normalised class token (the hub model's default output)."""
        tokens = self.prepare_tokens(images)
        for block in self.blocks:
            tokens = block(tokens)
        return self.norm(tokens)[:, 0]


def vit_small(patch_size: int = 14, **kwargs) -> DinoVisionTransformer:
    return DinoVisionTransformer(patch_size=patch_size, embed_dim=384, depth=12, num_heads=6, **kwargs)


def vit_base(patch_size: int = 14, **kwargs) -> DinoVisionTransformer:
    return DinoVisionTransformer(patch_size=patch_size, embed_dim=768, depth=12, num_heads=12, **kwargs)


def vit_large(patch_size: int = 14, **kwargs) -> DinoVisionTransformer:
    return DinoVisionTransformer(patch_size=patch_size, embed_dim=1024, depth=24, num_heads=16, **kwargs)


VIT_BUILDERS = {"vits": vit_small, "vitb": vit_base, "vitl": vit_large}
