"""Exact k-nearest-neighbour search over point clouds in plain PyTorch (CPU and GPU alike).

The result is the same neighbour sets as a float64 brute-force search (ties aside), found without
comparing every query with every point:

1. Points are put in Morton (Z-curve) order and cut into blocks of ``block_size`` consecutive
   points, so that a block is spatially compact; each block gets its bounding box.
2. Every query gets an upper bound ``R`` on its squared k-th neighbour distance: the k-th smallest
   exact distance to the points of a few blocks around its own in that order.
3. A point block can hold a neighbour of a query block only if the squared gap between the two
   boxes is at most the query block's largest ``R``; every other block is skipped. This is a proof,
   not a heuristic: a point outside the kept blocks is farther than ``R``, and ``R`` is at least the
   true k-th distance.
4. The queries of a block are compared with all points of its kept blocks, the distances computed
   as sums of squared coordinate differences in float64 (the form and precision of the brute-force
   search, so no cancellation as in ``|q|^2 + |p|^2 - 2 q.p``), and ``topk`` picks the k nearest.

A query block whose box is large (an outlier, a Z-curve jump) keeps many blocks and costs more; in
the worst case it is a brute-force search over all points, still exact. Memory is bounded: query
blocks are processed in chunks whose (query, candidate) pair count stays within ``pair_budget``.
The search reads the host once per batch element (the kept-block counts), so it cannot be captured
in a CUDA graph.

    from splatbench.geometry.knn import knn_indices
    neighbours = knn_indices(points, k=8)   # [B, N, 3] -> [B, N, 8], nearest first
"""

from __future__ import annotations

import itertools
import math

import torch
from jaxtyping import Float, Int64
from torch import Tensor

# (query, candidate) float64 distances held at once: 64 MiB on CPU, 256 MiB on CUDA (about twice
# that at the peak, with one coordinate difference alongside).
KNN_PAIR_BUDGET = {"cpu": 2**23, "cuda": 2**25}
DEFAULT_BLOCK_SIZE = 16  # smaller blocks prune better; fewer blocks keep the box stage small
WINDOW_EXTRA = 2  # at least 2: the window then holds k real points (only the last block is padded)
MORTON_BITS = 16  # per axis: 48-bit codes
# Relative slack on the upper bounds: float64 rounding of a 3-term sum of squares is below 1e-15.
_BOUND_SLACK = 1e-12


def knn_indices(
    points: Float[Tensor, "batch point 3"],
    k: int,
    pair_budget: int | None = None,
    block_size: int = DEFAULT_BLOCK_SIZE,
) -> Int64[Tensor, "batch point k"]:
    """Indices of the ``k`` nearest points (itself included) of every point, within its batch element,
    nearest first (equal distances in no particular order).

    Exact: the same Euclidean distances as a float64 brute-force search decide, for any input.
    """
    batch, count, _ = points.shape
    if k < 1 or k > count:
        raise ValueError(f"kNN: k={k} neighbours requested but a batch element holds {count} points")
    if pair_budget is None:
        pair_budget = KNN_PAIR_BUDGET.get(points.device.type, KNN_PAIR_BUDGET["cpu"])
    points = points.detach().double()
    if not bool(torch.isfinite(points).all()):
        raise ValueError("kNN: the points hold NaN or infinite coordinates")
    result = points.new_empty(batch, count, k, dtype=torch.long)
    for b in range(batch):
        result[b] = _knn_single(points[b], k, pair_budget, block_size)
    return result


def squared_distances(queries: Float[Tensor, "*batch query 3"], points: Float[Tensor, "*batch point 3"]) -> Tensor:
    """``[*batch, query, point]`` squared distances, summed per axis from coordinate differences."""
    distances = (queries[..., :, None, 0] - points[..., None, :, 0]).square_()
    for axis in (1, 2):
        distances += (queries[..., :, None, axis] - points[..., None, :, axis]).square_()
    return distances


def brute_force_knn(
    points: Float[Tensor, "point 3"], k: int, pair_budget: int
) -> tuple[Float[Tensor, "point k"], Int64[Tensor, "point k"]]:
    """Squared distances and indices of the k nearest points of every point, all pairs compared."""
    count = points.shape[0]
    chunk = max(1, pair_budget // count)
    values, indices = [], []
    for start in range(0, count, chunk):
        top = squared_distances(points[start : start + chunk], points).topk(k, dim=-1, largest=False, sorted=True)
        values.append(top.values)
        indices.append(top.indices)
    return torch.cat(values), torch.cat(indices)


def squared_box_gaps(
    low_a: Float[Tensor, "a 3"], high_a: Float[Tensor, "a 3"], low_b: Float[Tensor, "b 3"], high_b: Float[Tensor, "b 3"]
) -> Float[Tensor, "a b"]:
    """Squared distance between every box of ``a`` and every box of ``b`` (0 where they overlap):
    a lower bound of the squared distance between any point of one and any point of the other,
    summed over the axes in the order :func:`squared_distances` sums them (so rounding keeps it one)."""
    low_a, high_a, low_b, high_b = (corner.T.contiguous() for corner in (low_a, high_a, low_b, high_b))
    total = None
    for axis in range(3):
        # at most one of the two gaps is positive (low <= high in each box)
        gap = (low_b[axis][None, :] - high_a[axis][:, None]).clamp_min_(0)
        gap += (low_a[axis][:, None] - high_b[axis][None, :]).clamp_min_(0)
        total = gap.square_() if total is None else total.add_(gap.square_())
    return total


def morton_order(points: Float[Tensor, "point 3"], bits: int = MORTON_BITS) -> Int64[Tensor, "point"]:
    """Permutation that sorts the points along a Z-order curve over their bounding box."""
    low, high = points.amin(0), points.amax(0)
    scale = (2**bits - 1) / (high - low).clamp_min(torch.finfo(points.dtype).tiny)
    cells = ((points - low) * scale).long().clamp_(0, 2**bits - 1).T.contiguous()
    code = torch.zeros_like(cells[0])
    for bit in range(bits):
        for axis in range(3):
            code |= ((cells[axis] >> bit) & 1) << (3 * bit + axis)
    return code.argsort()


def _knn_single(points: Float[Tensor, "point 3"], k: int, pair_budget: int, block_size: int) -> Int64[Tensor, "point k"]:
    count = points.shape[0]
    size = block_size
    window = WINDOW_EXTRA + math.ceil(k / size)  # blocks around a query's own one: at least k real points
    num_blocks = math.ceil(count / size)
    if num_blocks <= window:
        return brute_force_knn(points, k, pair_budget)[1]

    order = morton_order(points)
    # the last block is padded with copies of its last point, masked out as candidates
    padded = torch.cat([points[order], points[order[-1:]].expand(num_blocks * size - count, 3)])
    blocks = padded.view(num_blocks, size, 3)
    real = (torch.arange(num_blocks * size, device=points.device) < count).view(num_blocks, size)
    low, high = blocks.amin(1), blocks.amax(1)
    block_ids = torch.arange(num_blocks, device=points.device)

    # Upper bound R on each query's squared k-th distance: the k-th over a window of blocks.
    first = (block_ids - window // 2).clamp(0, num_blocks - window)
    window_blocks = first[:, None] + torch.arange(window, device=points.device)  # [nb, W]
    bound = torch.empty(num_blocks, size, dtype=points.dtype, device=points.device)
    step = max(1, pair_budget // (size * size * window))
    for start in range(0, num_blocks, step):
        ids = window_blocks[start : start + step]
        candidates = blocks[ids].flatten(1, 2)  # [c, W*S, 3]
        distances = squared_distances(blocks[start : start + step], candidates)
        distances.masked_fill_(~real[ids].flatten(1, 2)[:, None, :], math.inf)
        bound[start : start + step] = distances.kthvalue(k, dim=-1).values
    bound = bound.masked_fill(~real, -math.inf).amax(1) * (1 + _BOUND_SLACK)  # [nb]: per query block

    # Kept blocks, as (query block, point block) pairs: squared box gap within the query block's bound.
    pair_queries, pair_points = [], []
    step = max(1, pair_budget // num_blocks)
    for start in range(0, num_blocks, step):
        kept = squared_box_gaps(low[start : start + step], high[start : start + step], low, high)
        query, point = (kept <= bound[start : start + step, None]).nonzero(as_tuple=True)
        pair_queries.append(query + start)
        pair_points.append(point)
    pair_query, pair_point = torch.cat(pair_queries), torch.cat(pair_points)
    kept_counts = torch.bincount(pair_query, minlength=num_blocks)
    # Query blocks in order of kept-block count, so that a chunk pads little to its widest member;
    # the pairs reordered to match: each query block's run of pairs, runs in that order.
    by_count = kept_counts.argsort()
    rank = torch.empty_like(by_count)
    rank[by_count] = block_ids
    pair_rank = rank[pair_query]
    regroup = pair_rank.argsort(stable=True)
    pair_rank, pair_point = pair_rank[regroup], pair_point[regroup]
    sorted_counts = kept_counts[by_count]
    run_starts = torch.cumsum(sorted_counts, 0) - sorted_counts
    pair_slot = torch.arange(len(pair_rank), device=points.device) - run_starts[pair_rank]
    counts_host = sorted_counts.tolist()
    offsets_host = [0, *itertools.accumulate(counts_host)]

    neighbours = torch.empty(num_blocks, size, k, dtype=torch.long, device=points.device)
    start = 0
    while start < num_blocks:
        stop = start + 1
        # grow the chunk while the pairs of all its queries with the widest member's candidates fit
        # and the widest pads the narrowest by at most half (kept counts range over 100x)
        widest = max(counts_host[start] * 3 // 2, counts_host[start] + 4)
        while (
            stop < num_blocks
            and counts_host[stop] <= widest
            and (stop + 1 - start) * size * size * counts_host[stop] <= pair_budget
        ):
            stop += 1
        width = counts_host[stop - 1]
        ids = by_count[start:stop]
        # the kept point blocks of each query block in the first slots of `width`, the rest unused
        run = slice(offsets_host[start], offsets_host[stop])
        row, slot = pair_rank[run] - start, pair_slot[run]
        kept_blocks = torch.zeros(stop - start, width, dtype=torch.long, device=points.device)
        flags = torch.zeros(stop - start, width, dtype=torch.bool, device=points.device)
        kept_blocks[row, slot] = pair_point[run]
        flags[row, slot] = True
        candidates = blocks[kept_blocks].flatten(1, 2)  # [c, width*S, 3]
        usable = (real[kept_blocks] & flags[..., None]).flatten(1, 2)
        distances = squared_distances(blocks[ids], candidates).masked_fill_(~usable[:, None, :], math.inf)
        nearest = distances.topk(k, dim=-1, largest=False, sorted=True).indices  # [c, S, k]
        positions = (kept_blocks[..., None] * size + torch.arange(size, device=points.device)).flatten(1, 2)
        neighbours[ids] = torch.gather(positions[:, None, :].expand(-1, size, -1), 2, nearest)
        start = stop

    # back from Morton positions to the caller's point indices
    result = torch.empty(count, k, dtype=torch.long, device=points.device)
    result[order] = order[neighbours.view(-1, k)[:count]]
    return result
