"""SH basis: orthonormal on the sphere up to degree 4, 3DGS signs, colour activation."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from splatbench.render.spherical_harmonics import sh_basis, sh_to_rgb


def test_basis_is_orthonormal_up_to_degree_4():
    # Gauss-Legendre in cos(theta) x uniform phi integrates these polynomials exactly.
    nodes, weights = np.polynomial.legendre.leggauss(12)
    phi = torch.arange(24, dtype=torch.float64) * (2 * math.pi / 24)
    cos_theta = torch.from_numpy(nodes)
    sin_theta = (1 - cos_theta**2).sqrt()
    directions = torch.stack(
        (sin_theta[:, None] * phi.cos(), sin_theta[:, None] * phi.sin(), cos_theta[:, None].expand(-1, 24)), dim=-1
    ).reshape(-1, 3)
    quadrature = (torch.from_numpy(weights)[:, None] * (2 * math.pi / 24)).expand(-1, 24).reshape(-1)
    basis = sh_basis(4, directions)
    gram = torch.einsum("n,ni,nj->ij", quadrature, basis, basis)
    assert torch.allclose(gram, torch.eye(25, dtype=torch.float64), atol=1e-12)


def test_degree_one_signs_follow_3dgs():
    c1 = 0.4886025119029199
    basis = sh_basis(1, torch.eye(3, dtype=torch.float64))  # +x, +y, +z
    expected = torch.tensor([[0, 0, -c1], [-c1, 0, 0], [0, c1, 0]], dtype=torch.float64)
    assert torch.allclose(basis[:, 1:], expected)


def test_colour_is_sh_plus_half_clamped_at_zero_and_safe_for_zero_direction():
    harmonics = torch.zeros(2, 3, 9, dtype=torch.float64)
    harmonics[0, :, 0] = torch.tensor([1.0, -3.0, 0.0])
    harmonics[1, 0, 2] = 1.0  # degree-1 z term
    directions = torch.tensor([[0.0, 0.0, 0.0], [0.0, 0.0, 2.0]], dtype=torch.float64)
    rgb = sh_to_rgb(harmonics, directions)
    assert torch.allclose(rgb[0], torch.tensor([0.28209479177387814 + 0.5, 0.0, 0.5], dtype=torch.float64))
    assert rgb[1, 0] == pytest.approx(0.4886025119029199 + 0.5)


def test_non_square_coefficient_count_raises():
    with pytest.raises(ValueError, match="not a square"):
        sh_to_rgb(torch.zeros(1, 3, 5), torch.ones(1, 3))
