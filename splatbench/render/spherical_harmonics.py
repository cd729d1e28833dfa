"""Real spherical harmonics up to degree 4 in the 3D Gaussian Splatting basis order and signs.

Coefficient k of a colour channel multiplies basis function k below; index 0 is the constant (DC)
term, indices 1-3 degree 1, 4-8 degree 2, 9-15 degree 3, 16-24 degree 4. Signs follow the 3DGS
rasteriser (degree 1 is ``C1 * (-y, z, -x)``), so SH coefficients of checkpoints trained with it
keep their meaning. The basis is orthonormal on the unit sphere.
"""

from __future__ import annotations

import torch
from jaxtyping import Float
from torch import Tensor

MAX_SH_DEGREE = 4

_C0 = 0.28209479177387814
_C1 = 0.4886025119029199
_C2 = (1.0925484305920792, -1.0925484305920792, 0.31539156525252005, -1.0925484305920792, 0.5462742152960396)
_C3 = (
    -0.5900435899266435,
    2.890611442640554,
    -0.4570457994644658,
    0.3731763325901154,
    -0.4570457994644658,
    1.445305721320277,
    -0.5900435899266435,
)
_C4 = (
    2.5033429417967046,
    -1.7701307697799304,
    0.9461746957575601,
    -0.6690465435572892,
    0.10578554691520431,
    -0.6690465435572892,
    0.47308734787878004,
    -1.7701307697799304,
    0.6258357354491761,
)


def sh_basis(degree: int, directions: Float[Tensor, "*batch 3"]) -> Float[Tensor, "*batch d_sh"]:
    """Basis functions of degrees 0..``degree`` at unit ``directions``; ``d_sh = (degree + 1)**2``."""
    if not 0 <= degree <= MAX_SH_DEGREE:
        raise ValueError(f"SH degree must be in [0, {MAX_SH_DEGREE}], got {degree}")
    x, y, z = directions.unbind(dim=-1)
    terms = [torch.full_like(x, _C0)]
    if degree >= 1:
        terms += [-_C1 * y, _C1 * z, -_C1 * x]
    if degree >= 2:
        xx, yy, zz = x * x, y * y, z * z
        xy, yz, xz = x * y, y * z, x * z
        terms += [
            _C2[0] * xy,
            _C2[1] * yz,
            _C2[2] * (2 * zz - xx - yy),
            _C2[3] * xz,
            _C2[4] * (xx - yy),
        ]
    if degree >= 3:
        terms += [
            _C3[0] * y * (3 * xx - yy),
            _C3[1] * xy * z,
            _C3[2] * y * (4 * zz - xx - yy),
            _C3[3] * z * (2 * zz - 3 * xx - 3 * yy),
            _C3[4] * x * (4 * zz - xx - yy),
            _C3[5] * z * (xx - yy),
            _C3[6] * x * (xx - 3 * yy),
        ]
    if degree >= 4:
        terms += [
            _C4[0] * xy * (xx - yy),
            _C4[1] * yz * (3 * xx - yy),
            _C4[2] * xy * (7 * zz - 1),
            _C4[3] * yz * (7 * zz - 3),
            _C4[4] * (zz * (35 * zz - 30) + 3),
            _C4[5] * xz * (7 * zz - 3),
            _C4[6] * (xx - yy) * (7 * zz - 1),
            _C4[7] * xz * (xx - 3 * yy),
            _C4[8] * (xx * (xx - 3 * yy) - yy * (3 * xx - yy)),
        ]
    return torch.stack(terms, dim=-1)


def sh_to_rgb(
    harmonics: Float[Tensor, "*batch 3 d_sh"], directions: Float[Tensor, "*batch 3"]
) -> Float[Tensor, "*batch 3"]:
    """View-dependent colour as the 3DGS rasteriser computes it: ``max(SH(dir) + 0.5, 0)``.

    ``directions`` need not be normalised (camera centre to Gaussian centre is typical); a zero
    direction gives the DC colour instead of NaN.
    """
    d_sh = harmonics.shape[-1]
    degree = int(round(d_sh**0.5)) - 1
    if (degree + 1) ** 2 != d_sh:
        raise ValueError(f"harmonics has {d_sh} coefficients per channel, not a square number")
    norm = directions.norm(dim=-1, keepdim=True)
    unit = directions / norm.clamp_min(torch.finfo(directions.dtype).tiny)
    basis = sh_basis(degree, unit)
    return ((harmonics * basis.unsqueeze(-2)).sum(dim=-1) + 0.5).clamp_min(0.0)
