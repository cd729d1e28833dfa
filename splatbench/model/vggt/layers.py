"""Transformer pieces of VGGT: 2D rotary embedding, QK-normed attention, the pre-norm block.

One :class:`Block` class serves the aggregator's frame and global blocks (QK-norm, 2D RoPE) and
the camera head's trunk (neither). Its two halves are exposed separately so the aggregator can
run everything except the attention itself on a few frames at a time:

* :meth:`Block.qkv`: ``norm1`` -> ``qkv`` -> per-head ``q_norm`` / ``k_norm`` -> RoPE on q and k;
* :meth:`Block.finish`: ``x + ls1 * proj(attended)``, then ``x + ls2 * mlp(norm2(x))``.

Parameter names equal the official checkpoint (``norm1``, ``attn.qkv``, ``attn.q_norm``,
``attn.k_norm``, ``attn.proj``, ``ls1.gamma``, ``norm2``, ``mlp.fc1``, ``mlp.fc2``, ``ls2.gamma``).
LayerNorms use PyTorch's default eps (1e-5), unlike the DINOv2 patch embedder (1e-6).
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from jaxtyping import Float, Int
from torch import Tensor, nn

from splatbench.model.encoder.vit.dinov2 import LayerScale


class Mlp(nn.Module):
    """Linear -> exact GELU -> Linear."""

    def __init__(self, dim: int, hidden_dim: int, out_dim: int | None = None) -> None:
        super().__init__()
        self.fc1 = nn.Linear(dim, hidden_dim)
        self.act = nn.GELU()
        self.fc2 = nn.Linear(hidden_dim, out_dim or dim)

    def forward(self, x: Tensor) -> Tensor:
        return self.fc2(self.act(self.fc1(x)))


def patch_positions(rows: int, cols: int, num_special: int, device: torch.device | None = None) -> Int[Tensor, "token 2"]:
    """(y, x) RoPE position of every token of one frame.

    Special tokens (camera, registers) sit at (0, 0); the patch at grid row r, column c at
    (r + 1, c + 1). All frames share these positions: VGGT has no frame index embedding.
    """
    grid = torch.cartesian_prod(torch.arange(rows, device=device), torch.arange(cols, device=device)) + 1
    special = torch.zeros(num_special, 2, dtype=grid.dtype, device=device)
    return torch.cat([special, grid], dim=0)


class RopeTable:
    """cos / sin of 2D RoPE for one frame layout, shaped ``[token, 1, head_dim]`` (broadcasts over heads).

    The first half of each head vector rotates with the row (y) position, the second half with
    the column (x) position; inside each half the rotation pairs channel i with i + half/2
    ("rotate half"), with inverse frequencies ``base^(-2k / half)``. Angles are computed in fp32.
    """

    def __init__(self, positions: Int[Tensor, "token 2"], head_dim: int, base: float) -> None:
        half = head_dim // 2
        exponents = torch.arange(0, half, 2, device=positions.device).float() / half
        inverse_frequency = 1.0 / (base**exponents)
        angles = positions.float()[..., None] * inverse_frequency  # [token, 2, half/2]
        angles = torch.cat([angles, angles], dim=-1).flatten(-2)  # [token, head_dim]: y half, x half
        self.cos = angles.cos()[:, None, :]
        self.sin = angles.sin()[:, None, :]

    def apply(self, x: Float[Tensor, "... token head head_dim"]) -> Float[Tensor, "... token head head_dim"]:
        half = x.shape[-1] // 2
        quarter = half // 2
        y_first, y_second, x_first, x_second = x.split([quarter, quarter, quarter, quarter], dim=-1)
        rotated = torch.cat([-y_second, y_first, -x_second, x_first], dim=-1)
        cos, sin = self.cos.to(x.dtype), self.sin.to(x.dtype)
        return x * cos + rotated * sin


class Attention(nn.Module):
    """Parameters of multi-head self-attention (the computation lives in :class:`Block`)."""

    def __init__(self, dim: int, num_heads: int, qk_norm: bool) -> None:
        super().__init__()
        self.num_heads = num_heads
        self.qkv = nn.Linear(dim, 3 * dim)
        head_dim = dim // num_heads
        self.q_norm = nn.LayerNorm(head_dim) if qk_norm else None
        self.k_norm = nn.LayerNorm(head_dim) if qk_norm else None
        self.proj = nn.Linear(dim, dim)


class Block(nn.Module):
    """Pre-norm transformer block with LayerScale; optional QK-norm and 2D RoPE."""

    def __init__(self, dim: int, num_heads: int, mlp_ratio: float = 4.0, qk_norm: bool = False,
                 init_values: float = 0.01) -> None:
        super().__init__()
        self.norm1 = nn.LayerNorm(dim)
        self.attn = Attention(dim, num_heads, qk_norm)
        self.ls1 = LayerScale(dim, init_values)
        self.norm2 = nn.LayerNorm(dim)
        self.mlp = Mlp(dim, int(dim * mlp_ratio))
        self.ls2 = LayerScale(dim, init_values)

    def qkv(self, x: Float[Tensor, "... token dim"], rope: RopeTable | None = None
            ) -> tuple[Tensor, Tensor, Tensor]:
        """Queries, keys and values, each ``[..., token, head, head_dim]``."""
        attn = self.attn
        qkv = attn.qkv(self.norm1(x))
        qkv = qkv.unflatten(-1, (3, attn.num_heads, -1))
        query, key, value = qkv.unbind(-3)
        if attn.q_norm is not None:
            query, key = attn.q_norm(query), attn.k_norm(key)
        if rope is not None:
            query, key = rope.apply(query), rope.apply(key)
        return query, key, value

    def finish(self, x: Float[Tensor, "... token dim"], attended: Float[Tensor, "... token dim"]
               ) -> Float[Tensor, "... token dim"]:
        """The residual updates after attention (``attended``: heads merged, before ``proj``)."""
        x = x + self.ls1(self.attn.proj(attended))
        return x + self.ls2(self.mlp(self.norm2(x)))

    def forward(self, x: Float[Tensor, "batch token dim"], rope: RopeTable | None = None
                ) -> Float[Tensor, "batch token dim"]:
        """Every token attends to every token of its batch entry."""
        query, key, value = (t.transpose(1, 2) for t in self.qkv(x, rope))
        attended = F.scaled_dot_product_attention(query, key, value)
        return self.finish(x, attended.transpose(1, 2).flatten(-2))
