"""SH rotation without e3nn: exact rotation in e3nn's basis, identity, composition, l=1 block = R."""

from __future__ import annotations

import math

import pytest
import torch

from splatbench.geometry.sh_rotation import evaluate_sh, real_spherical_harmonics, rotate_sh, wigner_d_block


def random_rotations(count: int, seed: int = 0, dtype=torch.float64) -> torch.Tensor:
    generator = torch.Generator().manual_seed(seed)
    q, r = torch.linalg.qr(torch.randn(count, 3, 3, generator=generator, dtype=torch.float64))
    q = q * torch.sign(torch.diagonal(r, dim1=-2, dim2=-1)).unsqueeze(-2)
    q[torch.det(q) < 0, :, 0] *= -1  # proper rotations only
    return q.to(dtype)


def unit_directions(count: int, seed: int = 1) -> torch.Tensor:
    generator = torch.Generator().manual_seed(seed)
    return torch.nn.functional.normalize(torch.randn(count, 3, generator=generator, dtype=torch.float64), dim=-1)


@pytest.mark.parametrize("max_degree", [0, 1, 2, 3, 4])
def test_rotated_function_at_rotated_direction_equals_original(max_degree):
    n = (max_degree + 1) ** 2
    rotations = random_rotations(5)
    coefficients = torch.randn(5, 3, n, dtype=torch.float64, generator=torch.Generator().manual_seed(2))
    directions = unit_directions(40)
    rotated = rotate_sh(coefficients, rotations[:, None])  # one rotation per leading item
    for item in range(5):
        moved = directions @ rotations[item].T  # R d
        for channel in range(3):
            before = evaluate_sh(coefficients[item, channel].expand(40, n), directions)
            after = evaluate_sh(rotated[item, channel].expand(40, n), moved)
            torch.testing.assert_close(after, before, rtol=0, atol=1e-10)


def test_identity_and_composition():
    coefficients = torch.randn(4, 25, dtype=torch.float64, generator=torch.Generator().manual_seed(3))
    torch.testing.assert_close(rotate_sh(coefficients, torch.eye(3, dtype=torch.float64)), coefficients, rtol=0, atol=1e-12)
    first, second = random_rotations(2, seed=4)
    composed = rotate_sh(rotate_sh(coefficients, second), first)
    torch.testing.assert_close(composed, rotate_sh(coefficients, first @ second), rtol=0, atol=1e-12)
    # inverse rotation undoes the rotation (blocks are orthogonal)
    torch.testing.assert_close(rotate_sh(rotate_sh(coefficients, first), first.T), coefficients, rtol=0, atol=1e-12)


def test_blocks_in_e3nn_basis():
    rotations = random_rotations(3, seed=5)
    # e3nn's degree-1 basis is (x, y, z), so its Wigner block is the rotation matrix itself.
    torch.testing.assert_close(wigner_d_block(1, rotations), rotations, rtol=0, atol=1e-12)
    torch.testing.assert_close(wigner_d_block(0, rotations), torch.ones(3, 1, 1, dtype=torch.float64))
    # e3nn's degree-2 harmonics (polar axis +Y), integral normalisation: sqrt(15/4pi) * (xz, xy, ...)
    x, y, z = unit_directions(10).unbind(-1)
    expected = torch.stack(
        (
            math.sqrt(15) * x * z,
            math.sqrt(15) * x * y,
            math.sqrt(5) * (y**2 - 0.5 * (x**2 + z**2)),
            math.sqrt(15) * y * z,
            0.5 * math.sqrt(15) * (z**2 - x**2),
        ),
        dim=-1,
    ) / math.sqrt(4 * math.pi)
    torch.testing.assert_close(real_spherical_harmonics(2, torch.stack((x, y, z), -1)), expected, rtol=0, atol=1e-12)


def test_float32_broadcasting_and_bad_size():
    rotations = random_rotations(2, seed=6, dtype=torch.float32)
    coefficients = torch.randn(2, 7, 3, 9)
    rotated = rotate_sh(coefficients, rotations[:, None, None])
    assert rotated.shape == coefficients.shape and rotated.dtype == torch.float32
    torch.testing.assert_close(rotated[1, 4], rotate_sh(coefficients[1, 4].double(), rotations[1].double()).float(), rtol=0, atol=1e-5)
    # DC terms are rotation invariant
    torch.testing.assert_close(rotated[..., 0], coefficients[..., 0], rtol=0, atol=1e-6)
    with pytest.raises(ValueError):
        rotate_sh(torch.zeros(3, 8), torch.eye(3))


def test_broadcasting_matches_per_item_rotation():
    rotations = random_rotations(3, seed=7)  # [3, 3, 3]
    coefficients = torch.randn(4, 1, 16, dtype=torch.float64, generator=torch.Generator().manual_seed(8))
    rotated = rotate_sh(coefficients, rotations)  # -> [4, 3, 16]
    assert rotated.shape == (4, 3, 16)
    for i in range(4):
        for j in range(3):
            torch.testing.assert_close(rotated[i, j], rotate_sh(coefficients[i, 0], rotations[j]), rtol=0, atol=1e-12)
    # a rotation that is constant over trailing axes (one per camera) is folded, not expanded
    per_camera = random_rotations(2, seed=9)[:, None, None]  # [2, 1, 1, 3, 3]
    many = torch.randn(2, 50, 3, 9, dtype=torch.float64, generator=torch.Generator().manual_seed(10))
    folded = rotate_sh(many, per_camera)
    torch.testing.assert_close(folded[1, 17, 2], rotate_sh(many[1, 17, 2], per_camera[1, 0, 0]), rtol=0, atol=1e-12)
