"""Element-wise products of tiny matrices (the CUDA path of ``small_matmul`` / ``small_matvec``)
against float64 ``torch.matmul`` (the oracle), with broadcast batch axes as the Gaussian adapter and
the render inputs use them, and their gradients; on the CPU the plain products, bit for bit."""

from __future__ import annotations

import pytest
import torch

from splatbench.geometry import small_matmul as small


@pytest.mark.parametrize(
    "shape_a, shape_b",
    [((3, 3), (3, 3)), ((2, 4, 1, 3, 3), (2, 1, 50, 3, 3)), ((5, 2, 3), (1, 3, 4)), ((7, 3, 1), (7, 1, 3))],
)
def test_small_matmul_matches_float64_matmul(shape_a, shape_b):
    generator = torch.Generator().manual_seed(0)
    a = torch.randn(shape_a, generator=generator, dtype=torch.float64) * 10
    b = torch.randn(shape_b, generator=generator, dtype=torch.float64) * 10
    expected = a @ b
    result = small.broadcast_matmul(a.float(), b.float())
    assert result.dtype == torch.float32 and result.shape == expected.shape
    # float32 rounding of a sum of k products of magnitude up to |a||b|
    scale = (a.abs().unsqueeze(-1) * b.abs().unsqueeze(-3)).sum(-2)
    assert ((result.double() - expected).abs() <= 4e-7 * scale + 1e-12).all()


def test_small_matvec_and_sandwich_match_float64():
    generator = torch.Generator().manual_seed(1)
    rotation = torch.linalg.qr(torch.randn(2, 3, 3, 3, generator=generator, dtype=torch.float64)).Q  # [b, v, 3, 3]
    points = torch.randn(2, 100, 3, generator=generator, dtype=torch.float64) * 50
    factor = torch.randn(2, 100, 3, 3, generator=generator, dtype=torch.float64)
    covariances = factor @ factor.transpose(-1, -2)
    moved = small.broadcast_matvec(rotation[:, :, None].float(), points[:, None].float())
    assert torch.allclose(moved.double(), torch.einsum("bvij,bgj->bvgi", rotation, points), rtol=0, atol=1e-4)
    turned = small.broadcast_matmul(
        small.broadcast_matmul(rotation[:, :, None].float(), covariances[:, None].float()), rotation.transpose(-1, -2)[:, :, None].float()
    )
    expected = rotation[:, :, None] @ covariances[:, None] @ rotation.transpose(-1, -2)[:, :, None]
    assert torch.allclose(turned.double(), expected, rtol=0, atol=2e-5 * covariances.abs().max().item())


def test_gradients_match_matmul():
    generator = torch.Generator().manual_seed(2)
    a = torch.randn(4, 1, 3, 3, generator=generator, dtype=torch.float64, requires_grad=True)
    b = torch.randn(1, 6, 3, 2, generator=generator, dtype=torch.float64, requires_grad=True)
    weights = torch.randn(4, 6, 3, 2, generator=generator, dtype=torch.float64)
    expected = torch.autograd.grad(((a @ b) * weights).sum(), (a, b))
    result = torch.autograd.grad((small.broadcast_matmul(a, b) * weights).sum(), (a, b))
    for got, want in zip(result, expected):
        assert torch.allclose(got, want, rtol=1e-12, atol=1e-12)


def test_shapes_that_do_not_chain_are_refused():
    with pytest.raises(ValueError, match="small_matmul"):
        small.broadcast_matmul(torch.zeros(3, 2), torch.zeros(3, 3))
    with pytest.raises(ValueError, match="small_matvec"):
        small.broadcast_matvec(torch.zeros(3, 2), torch.zeros(3))


def test_cpu_keeps_the_plain_products_bit_for_bit():
    generator = torch.Generator().manual_seed(3)
    rotation = torch.randn(2, 3, 3, 3, generator=generator)
    covariances = torch.randn(2, 64, 3, 3, generator=generator)
    points = torch.randn(2, 3, 64, 3, generator=generator)
    assert torch.equal(
        small.sandwich(rotation[:, :, None], covariances[:, None]),
        rotation[:, :, None] @ covariances[:, None] @ rotation.transpose(-1, -2)[:, :, None],
    )
    assert torch.equal(small.small_matvec(rotation.unsqueeze(2), points), torch.einsum("bvij,bvpj->bvpi", rotation, points))


def test_the_switch_selects_the_element_wise_path(monkeypatch):
    calls = []
    monkeypatch.setattr(small, "broadcast_matmul", lambda a, b: calls.append("matmul") or a @ b)
    monkeypatch.setattr(small, "broadcast_matvec", lambda m, v: calls.append("matvec") or (m @ v[..., None])[..., 0])
    a = torch.eye(3)
    small.small_matmul(a, a), small.small_matvec(a, a[0])
    assert calls == []
    monkeypatch.setattr(small, "ELEMENTWISE_ON_CPU", True)
    small.small_matmul(a, a), small.small_matvec(a, a[0])
    assert calls == ["matmul", "matvec"]
