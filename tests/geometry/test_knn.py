"""The exact kNN search against a float64 brute-force oracle in numpy, on inputs made to break
approximate searches: far from the origin with tiny spacing, duplicates, mixed densities."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from splatbench.geometry.knn import knn_indices, morton_order


def oracle_squared_distances(points: np.ndarray) -> np.ndarray:
    """All pairwise squared distances of float32 points, in float64 (a numpy broadcast, no shortcuts)."""
    p = points.astype(np.float64)
    difference = p[:, None, :] - p[None, :, :]
    return (difference**2).sum(-1)


def assert_exact_knn(points: torch.Tensor, neighbours: torch.Tensor, k: int) -> None:
    """Per query: k distinct indices whose float64 distances, nearest first, are the k smallest of all."""
    assert neighbours.shape == (*points.shape[:2], k) and neighbours.dtype == torch.long
    for b in range(points.shape[0]):
        distances = oracle_squared_distances(points[b].numpy())
        got = neighbours[b].numpy()
        assert ((got >= 0) & (got < points.shape[1])).all()
        assert all(len(set(row)) == k for row in got.tolist()), "a neighbour appears twice"
        got_distances = np.take_along_axis(distances, got, axis=1)
        expected = np.sort(distances, axis=1)[:, :k]
        assert (np.diff(got_distances, axis=1) >= 0).all(), "not nearest first"
        # equal distances may be picked in any order (ties aside), so the distances are what must agree
        np.testing.assert_allclose(got_distances, expected, rtol=1e-12, atol=0)


def matmul_float32_knn(points: torch.Tensor, k: int) -> torch.Tensor:
    """The shortcut the exact search avoids: |q|^2 + |p|^2 - 2 q.p in float32."""
    squared = (points**2).sum(-1)
    distances = squared[..., :, None] + squared[..., None, :] - 2 * points @ points.transpose(-1, -2)
    return distances.topk(k, dim=-1, largest=False).indices


@pytest.mark.parametrize("count,k,block_size", [(700, 1, 16), (700, 8, 16), (700, 17, 4), (300, 8, 1), (1000, 8, 64), (40, 40, 16)])
def test_uniform_points_batch_of_two(count, k, block_size):
    points = torch.rand(2, count, 3, generator=torch.Generator().manual_seed(count + k))
    neighbours = knn_indices(points, k, block_size=block_size)
    assert_exact_knn(points, neighbours, k)
    if k < count:  # no duplicates: every point is its own nearest
        assert torch.equal(neighbours[..., 0], torch.arange(count).expand(2, count))


def test_same_result_for_any_pair_budget():
    points = torch.rand(1, 900, 3, generator=torch.Generator().manual_seed(3))
    # sorted by distance and free of ties, so the whole array is determined
    assert torch.equal(knn_indices(points, 8, pair_budget=1), knn_indices(points, 8))


@pytest.mark.parametrize("offset,spacing", [(1e3, 1e-3), (1e4, 2e-2)])
def test_far_from_origin_with_tiny_spacing(offset, spacing):
    generator = torch.Generator().manual_seed(4)
    grid = torch.stack(torch.meshgrid(*[torch.arange(10.0)] * 3, indexing="ij"), -1).reshape(-1, 3)
    local = (grid + 0.3 * torch.rand(grid.shape, generator=generator)) * spacing
    points = (local + offset).float()[None]
    neighbours = knn_indices(points, 8)
    assert_exact_knn(points, neighbours, 8)
    # the float32 matrix-product shortcut gets these wrong: the test can tell the difference
    with pytest.raises(AssertionError):
        assert_exact_knn(points, matmul_float32_knn(points, 8), 8)


def test_duplicate_and_identical_points():
    generator = torch.Generator().manual_seed(5)
    base = torch.rand(150, 3, generator=generator)
    tripled = base.repeat(3, 1)[torch.randperm(450, generator=generator)]  # each point three times
    identical = torch.full((450, 3), 0.25)  # a zero-size bounding box
    points = torch.stack([tripled, identical])
    for k in (2, 3, 4, 10):
        assert_exact_knn(points, knn_indices(points, k), k)


def test_clusters_of_very_different_density_and_outliers():
    generator = torch.Generator().manual_seed(6)
    dense = 0.5 + 1e-4 * torch.rand(400, 3, generator=generator)
    sparse = 10.0 * torch.rand(400, 3, generator=generator)
    outliers = torch.tensor([[1e3, 0.0, 0.0], [-1e3, 5.0, 5.0], [0.0, 0.0, 2e3]])
    line = torch.linspace(0, 1, 97)[:, None] * torch.tensor([[3.0, 1e-3, 0.0]])  # a 1-D structure
    points = torch.cat([dense, sparse, outliers, line])[torch.randperm(900, generator=generator)][None]
    for k in (1, 8, 30):
        assert_exact_knn(points, knn_indices(points, k), k)


def test_depth_map_points_of_two_views():
    """Unprojected depth maps with depth steps: the layout ReSplat searches, Morton jumps included."""
    generator = torch.Generator().manual_seed(7)
    v, u = torch.meshgrid(torch.linspace(-0.5, 0.5, 24), torch.linspace(-0.5, 0.5, 24), indexing="ij")
    clouds = []
    for view in range(2):
        depth = torch.where((u.abs() < 0.2) & (v.abs() < 0.2), 1.5, 4.0 + 3.0 * v) + 0.01 * torch.rand(u.shape, generator=generator)
        clouds.append((torch.stack([u, v, torch.ones_like(u)], -1) * depth[..., None]).reshape(-1, 3) + 0.2 * view)
    points = torch.stack([torch.cat(clouds), torch.cat(clouds).flip(0) * 1e2])
    assert_exact_knn(points, knn_indices(points, 8, block_size=8), 8)


def test_morton_order_is_a_permutation_that_keeps_neighbours_close():
    points = torch.rand(4096, 3, generator=torch.Generator().manual_seed(8)).double()
    order = morton_order(points)
    assert torch.equal(order.sort().values, torch.arange(4096))
    consecutive = (points[order[1:]] - points[order[:-1]]).norm(dim=-1).median()
    shuffled = (points[1:] - points[:-1]).norm(dim=-1).median()
    assert consecutive < shuffled / 4


def test_bad_k():
    points = torch.rand(1, 10, 3)
    with pytest.raises(ValueError, match="k=11"):
        knn_indices(points, 11)
    with pytest.raises(ValueError, match="k=0"):
        knn_indices(points, 0)
    points[0, 3, 1] = float("nan")
    with pytest.raises(ValueError, match="NaN or infinite"):
        knn_indices(points, 2)
