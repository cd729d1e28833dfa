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
from splatbench.model.vggt.elementwise import EAGER, ElementwiseOps, copy_heads


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
        quarter = head_dim // 4
        # rotate_half(v) == sign * swap_halves(v) per RoPE half: [-y2, y1, -x2, x1] from [y1, y2, x1, x2].
        self.sign = torch.tensor([-1.0, 1.0, -1.0, 1.0], device=positions.device).repeat_interleave(quarter)
        self._folded: dict[int, tuple[Tensor, Tensor, Tensor]] = {}

    @staticmethod
    def swap_halves(x: Tensor) -> Tensor:
        """[y1, y2, x1, x2] -> [y2, y1, x2, x1] along the last dimension (one copy)."""
        return x.unflatten(-1, (2, 2, -1)).flip(-2).flatten(-3)

    def rotate_half(self, x: Tensor) -> Tensor:
        return self.swap_halves(x) * self.sign.to(x.dtype)

    def apply(self, x: Float[Tensor, "... token head head_dim"]) -> Float[Tensor, "... token head head_dim"]:
        cos, sin = self.cos.to(x.dtype), self.sin.to(x.dtype)
        return x * cos + self.rotate_half(x) * sin

    def folded_affine(self, norms: tuple[nn.LayerNorm, nn.LayerNorm]) -> tuple[Tensor, Tensor, Tensor]:
        """RoPE after the affine part of LayerNorms, as ``n * a + swap_halves(n) * b + c`` of the
        normalised ``n``: rope(n * w + beta) = n * (w cos) + swap(n) * (sign swap(w) sin)
        + (beta cos + rotate_half(beta) sin). Each ``[token, part, 1, head_dim]``, ``part``
        running over ``norms`` (the q and k norms); cached per norm pair for the life of this table."""
        key = tuple(id(norm) for norm in norms)
        if key not in self._folded:
            weight = torch.stack([norm.weight.float() for norm in norms])[:, None, :]  # [part, 1, head_dim]
            bias = torch.stack([norm.bias.float() for norm in norms])[:, None, :]
            cos, sin = self.cos[:, None], self.sin[:, None]  # [token, 1, 1, head_dim]
            self._folded[key] = (weight * cos, self.sign * self.swap_halves(weight) * sin,
                                 bias * cos + self.rotate_half(bias) * sin)
        return self._folded[key]


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

    def qkv(self, x: Float[Tensor, "... token dim"], rope: RopeTable | None = None, ops: ElementwiseOps = EAGER,
            out: tuple[Tensor, Tensor, Tensor] | None = None) -> tuple[Tensor, Tensor, Tensor]:
        """Queries, keys and values, each ``[..., token, head, head_dim]``; written into ``out``
        (three tensors of that shape, e.g. views into attention buffers) and ``out`` returned when given.

        With QK-norm and RoPE, q and k are normalised together without their affine parts, which
        are folded into the RoPE tables (:meth:`RopeTable.folded_affine`): three passes over q and
        k instead of about eight (one fused kernel with ``ops`` = compile), in the precision the
        norms compute in (fp32 under autocast)."""
        attn, dtype = self.attn, ops.output_dtype(x)
        normed = ops.layer_norm_to(x, self.norm1.weight, self.norm1.bias, self.norm1.eps, dtype)
        qkv = attn.qkv(normed).unflatten(-1, (3, attn.num_heads, -1))
        if attn.q_norm is None or rope is None:
            query, key, value = qkv.unbind(-3)
            if attn.q_norm is not None:
                query, key = attn.q_norm(query), attn.k_norm(key)
            if rope is not None:
                query, key = rope.apply(query), rope.apply(key)
            return copy_heads(query, key, value, out)
        if attn.q_norm.eps != attn.k_norm.eps:
            raise ValueError("q_norm and k_norm must share eps to be normalised together")
        scale, swapped_scale, shift = rope.folded_affine((attn.q_norm, attn.k_norm))
        if ops.qkv_heads is not None:
            return ops.qkv_heads(qkv, scale, swapped_scale, shift, attn.q_norm.eps, dtype, out)
        query, key = ops.qk_norm_rope(qkv, scale, swapped_scale, shift, attn.q_norm.eps, dtype)
        return copy_heads(query, key, qkv[..., 2, :, :], out)

    def finish(self, x: Float[Tensor, "... token dim"], attended: Float[Tensor, "... token dim"],
               in_place: bool = False, ops: ElementwiseOps = EAGER) -> Float[Tensor, "... token dim"]:
        """The residual updates after attention (``attended``: heads merged, before ``proj``),
        written into ``x`` itself when ``in_place``."""
        update, dtype, norm2 = self.attn.proj(attended), ops.output_dtype(x), self.norm2
        if in_place:
            normed = ops.residual_layer_norm(x, update, self.ls1.gamma, norm2.weight, norm2.bias, norm2.eps, dtype)
        else:
            x = torch.addcmul(x, update, self.ls1.gamma)
            normed = ops.layer_norm_to(x, norm2.weight, norm2.bias, norm2.eps, dtype)
        return x.addcmul_(self.mlp(normed), self.ls2.gamma)

    def forward(self, x: Float[Tensor, "batch token dim"], rope: RopeTable | None = None
                ) -> Float[Tensor, "batch token dim"]:
        """Every token attends to every token of its batch entry."""
        query, key, value = (t.transpose(1, 2) for t in self.qkv(x, rope))
        attended = F.scaled_dot_product_attention(query, key, value)
        return self.finish(x, attended.transpose(1, 2).flatten(-2))
