"""Products of many tiny matrices (3x3 rotations and covariances, one per Gaussian) as broadcast
multiply-and-sum instead of ``@`` / ``einsum``.

Two reasons, both about the per-Gaussian geometry (camera frames, covariances, means):

* Speed on CUDA. ``a @ b`` with a batch of millions of 3x3 matrices becomes a cuBLAS batched GEMM
  that spends a whole 32x32 tile on each 3x3 product (and is split into many launches): in the
  training profile of DepthSplat-small (batch 8, 4 target views) such GEMMs took about 46 ms of a
  255 ms step. A broadcast product and a sum over the shared axis are two element-wise kernels.
* Precision. Under ``torch.set_float32_matmul_precision("high")`` (what ``splatbench train`` sets)
  float32 GEMMs run on TF32 tensor cores with 10-bit mantissas; element-wise kernels always run in
  full float32, so the geometry stays float32 whatever the matmul setting.

The sums run over at most a handful of terms, in float32 (the results differ from a float32 GEMM by
rounding only: no fused multiply-add, a different order of the three terms).

On the CPU neither reason holds (MKL's batched small GEMMs are about 3x faster than the broadcast
form there, and float32 matmuls stay float32), so CPU tensors keep ``@`` / ``einsum``: the CPU
results are bit for bit those of the plain products. Tests set ``ELEMENTWISE_ON_CPU`` to run the
CUDA formulas on the CPU.
"""

from __future__ import annotations

import torch
from jaxtyping import Float
from torch import Tensor

ELEMENTWISE_ON_CPU = False


def _elementwise(tensor: Tensor) -> bool:
    return tensor.device.type != "cpu" or ELEMENTWISE_ON_CPU


def broadcast_matmul(a: Float[Tensor, "*#batch m k"], b: Float[Tensor, "*#batch k n"]) -> Float[Tensor, "*batch m n"]:
    """``a @ b`` as one broadcast product and a sum over ``k`` (two element-wise kernels)."""
    if a.shape[-1] != b.shape[-2]:
        raise ValueError(f"small_matmul: shapes {tuple(a.shape)} and {tuple(b.shape)} do not chain")
    return (a.unsqueeze(-1) * b.unsqueeze(-3)).sum(dim=-2)


def broadcast_matvec(matrices: Float[Tensor, "*#batch m k"], vectors: Float[Tensor, "*#batch k"]) -> Float[Tensor, "*batch m"]:
    """``(matrices @ vectors[..., None])[..., 0]`` as one broadcast product and a sum over ``k``."""
    if matrices.shape[-1] != vectors.shape[-1]:
        raise ValueError(f"small_matvec: shapes {tuple(matrices.shape)} and {tuple(vectors.shape)} do not chain")
    return (matrices * vectors.unsqueeze(-2)).sum(dim=-1)


def small_matmul(a: Float[Tensor, "*#batch m k"], b: Float[Tensor, "*#batch k n"]) -> Float[Tensor, "*batch m n"]:
    """``a @ b`` for small ``m, k, n``, batch axes broadcast as in ``torch.matmul``: element-wise off
    the CPU (:func:`broadcast_matmul`), ``@`` on it."""
    if _elementwise(a):
        return broadcast_matmul(a, b)
    return a @ b


def small_matvec(matrices: Float[Tensor, "*#batch m k"], vectors: Float[Tensor, "*#batch k"]) -> Float[Tensor, "*batch m"]:
    """Matrix times vector for small ``m, k``, batch axes broadcast: element-wise off the CPU
    (:func:`broadcast_matvec`), ``einsum`` on it."""
    if _elementwise(matrices):
        return broadcast_matvec(matrices, vectors)
    return torch.einsum("...ij,...j->...i", matrices, vectors)


def sandwich(rotation: Float[Tensor, "*#batch 3 3"], matrix: Float[Tensor, "*#batch 3 3"]) -> Float[Tensor, "*batch 3 3"]:
    """``rotation @ matrix @ rotation^T`` (a covariance in another frame), left to right."""
    return small_matmul(small_matmul(rotation, matrix), rotation.transpose(-1, -2))
