"""Rotate real spherical-harmonic coefficients (degrees 0..4 and beyond) without e3nn.

The reference (DepthSplat ``rotate_sh``) rotates SH coefficients with e3nn's Wigner-D matrices,
i.e. in *e3nn's* real SH basis: orthonormal real harmonics whose polar axis is +Y, ordered
m = -l..l, equal to the usual real harmonics (no Condon-Shortley phase, polar axis +Z) evaluated
at the permuted direction ``(z, x, y)``. We reproduce those matrices exactly: for a rotation R,
the block D_l(R) is the unique matrix with ``Y_l(R d) = D_l(R) Y_l(d)`` for every direction d, and
we solve for it by least squares from a fixed set of sample directions. Only one block per
rotation is needed (DepthSplat has one rotation per camera), so this costs microseconds.

Note: the 3DGS renderer uses a different real SH basis (polar axis +Z, with sign flips); the
reference nevertheless applies e3nn's matrices to its coefficients. Matching the reference
(and therefore its trained checkpoints) takes priority, so we do the same; ``evaluate_sh``
evaluates a function in the e3nn basis, in which ``rotate_sh`` is an exact rotation.
"""

from __future__ import annotations

import logging
import math
from functools import lru_cache

import torch
from jaxtyping import Float
from torch import Tensor

logger = logging.getLogger(__name__)


def _associated_legendre_reduced(degree: int, order: int, z: Tensor) -> Tensor:
    """P_l^m(z) / (1 - z^2)^(m/2) without Condon-Shortley phase (a polynomial in z)."""
    value_mm = torch.full_like(z, float(math.prod(range(2 * order - 1, 0, -2)) if order > 0 else 1.0))
    if degree == order:
        return value_mm
    previous, current = value_mm, z * (2 * order + 1) * value_mm
    for level in range(order + 2, degree + 1):
        previous, current = current, ((2 * level - 1) * z * current - (level + order - 1) * previous) / (level - order)
    return current


def _standard_real_sh(degree: int, x: Tensor, y: Tensor, z: Tensor) -> Tensor:
    """Orthonormal real SH of one degree, polar axis +Z, no Condon-Shortley phase, m = -l..l."""
    horizontal = torch.complex(x, y)
    columns = []
    for order in range(-degree, degree + 1):
        m = abs(order)
        norm = math.sqrt((2 * degree + 1) / (4 * math.pi) * math.factorial(degree - m) / math.factorial(degree + m))
        legendre = _associated_legendre_reduced(degree, m, z)
        if order == 0:
            columns.append(norm * legendre)
            continue
        power = horizontal**m
        azimuthal = power.real if order > 0 else power.imag
        columns.append(math.sqrt(2.0) * norm * legendre * azimuthal)
    return torch.stack(columns, dim=-1)


def real_spherical_harmonics(degree: int, directions: Float[Tensor, "*batch 3"]) -> Float[Tensor, "*batch n"]:
    """Real SH of ``degree`` in e3nn's basis (orthonormal, polar axis +Y) at unit ``directions``."""
    x, y, z = directions.unbind(-1)
    return _standard_real_sh(degree, z, x, y)


def evaluate_sh(
    coefficients: Float[Tensor, "*batch n"], directions: Float[Tensor, "*batch 3"]
) -> Float[Tensor, " *batch"]:
    """Value of the SH expansion (degrees 0..sqrt(n)-1, e3nn basis) at unit ``directions``."""
    n = coefficients.shape[-1]
    max_degree = math.isqrt(n) - 1
    basis = torch.cat([real_spherical_harmonics(l, directions) for l in range(max_degree + 1)], dim=-1)
    return (basis.to(coefficients.dtype) * coefficients).sum(-1)


@lru_cache(maxsize=None)
def _sample_directions_and_pinv(degree: int) -> tuple[Tensor, Tensor]:
    """Fixed well-spread unit directions (Fibonacci sphere) and pinv(Y(d)) in float64."""
    count = max(4 * (2 * degree + 1), 16)
    index = torch.arange(count, dtype=torch.float64) + 0.5
    polar = torch.acos(1 - 2 * index / count)
    azimuth = math.pi * (1 + math.sqrt(5.0)) * index
    directions = torch.stack(
        (torch.sin(polar) * torch.cos(azimuth), torch.sin(polar) * torch.sin(azimuth), torch.cos(polar)), dim=-1
    )
    return directions, torch.linalg.pinv(real_spherical_harmonics(degree, directions))


@torch.compiler.disable  # torch.compile would trace through the cache: a host-to-device copy per call
@lru_cache(maxsize=None)
def _directions_and_pinv_on(degree: int, device: torch.device) -> tuple[Tensor, Tensor]:
    """:func:`_sample_directions_and_pinv` copied to ``device`` once (not on every rotation)."""
    with torch.inference_mode(False), torch.no_grad():
        return tuple(t.to(device) for t in _sample_directions_and_pinv(degree))


def wigner_d_block(degree: int, rotations: Float[Tensor, "*batch 3 3"]) -> Float[Tensor, "*batch n n"]:
    """D_l(R) in e3nn's basis (float64): ``Y_l(R d) = D_l(R) Y_l(d)``; equals e3nn's ``wigner_D``."""
    rotations = rotations.to(torch.float64)
    directions, pinv = _directions_and_pinv_on(degree, rotations.device)
    rotated = torch.einsum("...ij,nj->...ni", rotations, directions)
    # Y(R d_n) = D Y(d_n) for all n  <=>  Yr = Y D^T  <=>  D^T = pinv(Y) Yr
    return (pinv @ real_spherical_harmonics(degree, rotated)).transpose(-1, -2)


def rotate_sh(
    sh_coefficients: Float[Tensor, "*#batch n"], rotations: Float[Tensor, "*#batch 3 3"]
) -> Float[Tensor, "*batch n"]:
    """Rotate SH coefficients (last axis: degrees 0..sqrt(n)-1, e3nn basis) by rotation matrices.

    ``rotations`` broadcasts against ``sh_coefficients[..., None, None]``; only its own (usually
    tiny) batch of matrices is turned into Wigner-D blocks.
    """
    n = sh_coefficients.shape[-1]
    max_degree = math.isqrt(n) - 1
    if (max_degree + 1) ** 2 != n:
        raise ValueError(f"rotate_sh: {n} coefficients is not a square number")
    batch_shape = torch.broadcast_shapes(sh_coefficients.shape[:-1], rotations.shape[:-2])
    sh_coefficients = sh_coefficients.expand(*batch_shape, n)
    rotations = rotations.reshape((1,) * (len(batch_shape) + 2 - rotations.dim()) + rotations.shape)
    # Trailing batch axes along which the rotation is constant become rows of one matrix product
    # (x @ D^T), so D is never expanded to the (large) coefficient batch.
    folded = 0
    while folded < len(batch_shape) and rotations.shape[-3 - folded] == 1:
        folded += 1
    lead = batch_shape[: len(batch_shape) - folded]
    rotations = rotations.reshape(*rotations.shape[: len(lead)], 3, 3)
    rotated = []
    for degree in range(max_degree + 1):
        block = wigner_d_block(degree, rotations).to(sh_coefficients.dtype)
        part = sh_coefficients[..., degree**2 : (degree + 1) ** 2].reshape(*lead, -1, 2 * degree + 1)
        rotated.append((part @ block.transpose(-1, -2)).reshape(*batch_shape, 2 * degree + 1))
    return torch.cat(rotated, dim=-1)
