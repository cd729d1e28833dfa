"""ReSplat's point transformer in plain PyTorch: kNN, kNN attention and low-resolution multi-view attention.

The reference runs kNN search and neighbour gathering through the compiled ``pointops`` CUDA
extension. Here both are written with PyTorch ops: the exact block-pruned search of
:mod:`splatbench.geometry.knn`, and gathering in chunks of query points (``chunk x k x C`` gathered
features), so memory stays bounded and the same code runs on CPU and GPU. Softmax attention over a
neighbour set does not depend on the order of the neighbours, so only the *set* of the k nearest
points has to match the reference.

Points are handled per batch element (``[B, N, 3]``), which is what the reference's offsets
(``o = [N, 2N, ...]``) express: neighbours never cross batch elements.

Module and parameter names follow the reference so that official checkpoints load key for key:
``blocks.{i}.{norm1,attn.qkv,attn.proj,norm2,mlp.fc1,mlp.fc2}`` and
``mv_blocks.{i}.{proj1,norm1,attn,proj2,norm2,conv}``.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from einops import rearrange
from jaxtyping import Float, Int64
from torch import Tensor, nn

from splatbench.geometry.knn import knn_indices

from ..vit.dinov2 import Block


class KNNAttention(nn.Module):
    """Single-head attention of every point over its k nearest neighbours (``pointops`` semantics)."""

    def __init__(self, channels: int, proj_channels: int | None = None, chunk_size: int = 4096) -> None:
        super().__init__()
        inner = proj_channels or channels
        self.inner_channels = inner
        self.chunk_size = chunk_size
        self.qkv = nn.Linear(channels, inner * 3, bias=False)
        self.proj = nn.Linear(inner, channels)

    def forward(
        self, features: Float[Tensor, "batch point channel"], knn: Int64[Tensor, "batch point k"]
    ) -> Float[Tensor, "batch point channel"]:
        query, key, value = self.qkv(features).chunk(3, dim=-1)
        scale = self.inner_channels**-0.5
        batch, count, _ = features.shape
        rows = torch.arange(batch, device=features.device)[:, None, None]
        outputs = []
        for start in range(0, count, self.chunk_size):
            index = knn[:, start : start + self.chunk_size]  # [B, n, k]
            keys, values = key[rows, index], value[rows, index]  # [B, n, k, C]
            scores = torch.einsum("bnc,bnkc->bnk", query[:, start : start + self.chunk_size], keys) * scale
            outputs.append(torch.einsum("bnk,bnkc->bnc", scores.softmax(dim=-1), values))
        return self.proj(torch.cat(outputs, dim=1))


class PointMlp(nn.Module):
    def __init__(self, channels: int, expansion: int = 4) -> None:
        super().__init__()
        self.fc1 = nn.Linear(channels, channels * expansion)
        self.act = nn.GELU()
        self.fc2 = nn.Linear(channels * expansion, channels)

    def forward(self, x: Tensor) -> Tensor:
        return self.fc2(self.act(self.fc1(x)))


class KNNTransformerBlock(nn.Module):
    """Pre-norm block: kNN attention, then an MLP, each with a residual."""

    def __init__(self, channels: int, proj_channels: int | None = None, chunk_size: int = 4096) -> None:
        super().__init__()
        self.norm1 = nn.LayerNorm(channels)
        self.attn = KNNAttention(channels, proj_channels, chunk_size)
        self.norm2 = nn.LayerNorm(channels)
        self.mlp = PointMlp(channels)

    def forward(self, features: Tensor, knn: Tensor) -> Tensor:
        features = features + self.attn(self.norm1(features), knn)
        return features + self.mlp(self.norm2(features))


def multiview_attention_heads(channels: int) -> int:
    """The reference's head count for the low-resolution multi-view attention."""
    if channels in (3, 48):
        return 1
    if channels % 32 != 0 and channels % 16 == 0:
        return 2
    return 4


class MultiViewLowresAttention(nn.Module):
    """Global attention over all views at 1/``down_factor`` of the point grid, added back as a residual.

    Per view, ``down_factor x down_factor`` patches of the point features are folded into channels
    (pixel unshuffle), projected and normalised, attended jointly across views with a transformer
    block, projected back, unfolded (pixel shuffle) and smoothed by a 3x3 convolution.
    """

    def __init__(self, channels: int, down_factor: int = 4) -> None:
        super().__init__()
        if down_factor == 8:
            raise NotImplementedError("down_factor 8 is not used by any ReSplat model")
        self.down_factor = down_factor
        folded = channels * down_factor**2
        self.proj1 = nn.Linear(folded, channels)
        self.norm1 = nn.LayerNorm(channels)
        self.proj2 = nn.Linear(channels, folded)
        self.norm2 = nn.LayerNorm(folded)
        self.conv = nn.Conv2d(channels, channels, 3, 1, 1)
        self.attn = Block(channels, multiview_attention_heads(channels), qkv_bias=False, norm_eps=1e-5)

    def forward(self, x: Float[Tensor, "batch vhw channel"], views: int, height: int, width: int) -> Tensor:
        f = self.down_factor
        grid = rearrange(x, "b (v h w) c -> (b v) c h w", v=views, h=height, w=width)
        tokens = rearrange(F.pixel_unshuffle(grid, f), "(b v) c h w -> b (v h w) c", v=views)
        tokens = self.norm1(self.proj1(tokens))
        tokens = self.norm2(self.proj2(self.attn(tokens)))
        grid = rearrange(tokens, "b (v h w) c -> (b v) c h w", v=views, h=height // f, w=width // f)
        grid = self.conv(F.pixel_shuffle(grid, f))
        return rearrange(grid, "(b v) c h w -> b (v h w) c", v=views) + x


class PointTransformer(nn.Module):
    """``num_blocks`` kNN transformer blocks over one point cloud (neighbours found once and
    reused: the points do not move inside the transformer), optionally each followed by a
    low-resolution multi-view attention block (the initial stage's ``pt``)."""

    def __init__(
        self,
        channels: int,
        knn_samples: int,
        num_blocks: int,
        attn_proj_channels: int | None = None,
        with_mv_attn: bool = False,
        mv_down_factor: int = 4,
        chunk_size: int = 4096,
        checkpointing: bool = False,
    ) -> None:
        super().__init__()
        self.knn_samples = knn_samples
        self.checkpointing = checkpointing
        self.blocks = nn.ModuleList(
            KNNTransformerBlock(channels, attn_proj_channels, chunk_size) for _ in range(num_blocks)
        )
        if with_mv_attn:
            self.mv_blocks = nn.ModuleList(MultiViewLowresAttention(channels, mv_down_factor) for _ in range(num_blocks))
        else:
            self.mv_blocks = None

    def forward(
        self,
        points: Float[Tensor, "batch point 3"],
        features: Float[Tensor, "batch point channel"],
        grid: tuple[int, int, int] | None = None,
        knn: Int64[Tensor, "batch point k"] | None = None,
    ) -> Float[Tensor, "batch point channel"]:
        """``grid`` = (views, height, width) of the point layout, needed with multi-view attention."""
        if knn is None:
            knn = knn_indices(points, self.knn_samples)
        for index, block in enumerate(self.blocks):
            features = self._run(block, features, knn)
            if self.mv_blocks is not None:
                views, height, width = grid
                features = self._run(self.mv_blocks[index], features, views, height, width)
        return features

    def _run(self, module: nn.Module, *args) -> Tensor:
        if self.checkpointing and self.training:
            return torch.utils.checkpoint.checkpoint(module, *args, use_reentrant=False)
        return module(*args)


class PointLinear(nn.Module):
    """The reference's ``PointLinearWrapper``: one linear layer on the point features."""

    def __init__(self, in_channels: int, out_channels: int) -> None:
        super().__init__()
        self.linear = nn.Linear(in_channels, out_channels)

    def forward(self, x: Tensor) -> Tensor:
        return self.linear(x)
