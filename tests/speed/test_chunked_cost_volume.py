"""The chunked cost volume and the cached boolean window mask compute the same function as the
straightforward versions they replace (every plane of every view materialised at once; the
reference's additive -100 float mask)."""

from __future__ import annotations

import pytest
import torch

from splatbench.model.encoder.unimatch.cost_volume import correlation_cost_volume, warp_to_depth_planes
from splatbench.model.encoder.unimatch.mv_transformer import window_attention
from splatbench.model.encoder.sync_free import invert


def _scene(seed: int, others: int, planes: int, h: int = 10, w: int = 14, c: int = 16, batch: int = 2):
    generator = torch.Generator().manual_seed(seed)
    ref = torch.randn(batch, c, h, w, generator=generator)
    other = torch.randn(batch, others, c, h, w, generator=generator)
    intrinsics = torch.tensor([[9.0, 0.0, w / 2], [0.0, 9.0, h / 2], [0.0, 0.0, 1.0]]).expand(batch, 3, 3)
    ref_c2w = torch.eye(4).expand(batch, 4, 4).clone()
    ref_c2w[:, :3, 3] = torch.randn(batch, 3, generator=generator) * 0.1
    other_c2w = torch.eye(4).expand(batch, others, 4, 4).clone()
    other_c2w[..., :3, 3] = ref_c2w[:, None, :3, 3] + torch.randn(batch, others, 3, generator=generator) * 0.3
    inv_depth = torch.rand(batch, planes, h, w, generator=generator) * 0.9 + 0.1
    return ref, other, intrinsics, ref_c2w, other_c2w, inv_depth


def _materialised(ref, other, intrinsics, ref_c2w, other_c2w, inv_depth):
    """Every plane of every other view at once, then the mean of the scaled dot products."""
    b, m, c, h, w = other.shape
    costs = []
    for view in range(m):
        ref_to_other = torch.linalg.inv(other_c2w[:, view]) @ ref_c2w
        warped = warp_to_depth_planes(other[:, view], intrinsics, ref_to_other, 1.0 / inv_depth)
        costs.append((ref[:, :, None] * warped).sum(1) / c**0.5)
    return torch.stack(costs, 1).mean(1)


@pytest.mark.parametrize("others, planes, chunk_planes", [(1, 7, 1), (3, 7, 3), (2, 8, 8), (3, 5, 2)])
def test_chunked_equals_materialised(others, planes, chunk_planes):
    scene = _scene(others * 10 + planes, others, planes)
    ref, other = scene[0], scene[1]
    b, _, c, h, w = other.shape
    expected = _materialised(*scene)
    chunked = correlation_cost_volume(*scene, max_chunk_elements=b * c * h * w * chunk_planes)
    assert chunked.shape == (b, planes, h, w)
    assert torch.allclose(chunked, expected, atol=1e-5, rtol=1e-5)
    # Gradients flow through the chunks to both feature maps as through the materialised path.
    for tensor in (ref, other):
        tensor.requires_grad_(True)
    grads = torch.autograd.grad(correlation_cost_volume(*scene, max_chunk_elements=b * c * h * w).square().sum(),
                                (ref, other))
    expected_grads = torch.autograd.grad(_materialised(*scene).square().sum(), (ref, other))
    for got, want in zip(grads, expected_grads):
        assert torch.allclose(got, want, atol=1e-4, rtol=1e-4)


def test_chunk_memory_bound_is_respected_in_plane_count():
    """A chunk budget smaller than one plane still works (one plane per chunk)."""
    scene = _scene(3, 2, 4)
    assert torch.allclose(correlation_cost_volume(*scene, max_chunk_elements=1), _materialised(*scene), atol=1e-5)


def test_sync_free_inverse_matches_linalg_inv():
    generator = torch.Generator().manual_seed(0)
    general = torch.randn(6, 3, 3, dtype=torch.float64, generator=generator)
    assert torch.allclose(invert(general), torch.linalg.inv(general))
    poses = torch.eye(4, dtype=torch.float64).repeat(2, 3, 1, 1)
    poses[..., :3, :] = torch.randn(2, 3, 3, 4, dtype=torch.float64, generator=generator)
    assert torch.allclose(invert(poses), torch.linalg.inv(poses))
    assert torch.allclose(invert(poses[0, 0]) @ poses[0, 0], torch.eye(4, dtype=torch.float64))
    larger = torch.randn(2, 5, 5, dtype=torch.float64, generator=generator)
    assert torch.allclose(invert(larger), torch.linalg.inv(larger))


@pytest.mark.parametrize("key_views", [1, 2])
def test_sdpa_window_mask_matches_additive_reference_mask(key_views):
    """SDPA gets a cached 0 / -inf mask in the query dtype, the explicit path the reference's
    additive -100 mask:
    the outputs agree (the masked weights differ by about exp(-100))."""
    generator = torch.Generator().manual_seed(key_views)
    b, h, w, c = 2, 8, 12, 16
    q = torch.randn(b, h * w, c, generator=generator)
    k = torch.randn(b, key_views, h * w, c, generator=generator)
    v = torch.randn(b, key_views, h * w, c, generator=generator)
    fused = window_attention(q, k, v, h, w, num_splits=2, shifted=True, num_heads=2, backend="sdpa")
    explicit = window_attention(q, k, v, h, w, num_splits=2, shifted=True, num_heads=2, backend="math")
    assert torch.allclose(fused, explicit, atol=1e-5)
    unshifted = window_attention(q, k, v, h, w, num_splits=2, shifted=False, num_heads=2, backend="sdpa")
    assert not torch.allclose(fused, unshifted, atol=1e-3)
