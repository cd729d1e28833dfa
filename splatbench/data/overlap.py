"""How much two views see of the same scene, and evaluation indices split by that overlap.

Overlap of a pair (a, b) = min(fraction of a's pixels seen by b, fraction of b's pixels seen by a),
as NoPoSplat's index generator defines it (the minimum of the two directions). "Seen" depends on
what is known about the scene; ``overlap_method`` records which rule gave each number:

* ``depth``: each pixel is lifted with its depth (dense ``depth_maps``, z-depth) and projected into
  the other view; seen = in front of it, inside its image and not hidden (its depth there is at
  most 5 % beyond the other view's own depth at that pixel, when that view has depth);
* ``plane``: no depth known (real COLMAP scenes): every pixel is put at the depth where the two
  optical axes pass closest to each other (the point both cameras look at), then as ``depth``;
  falls back to ``frustum`` when the axes are within 2 degrees of parallel or meet behind a camera;
* ``frustum``: NoPoSplat's released generator (from pixelSplat): a pixel is seen when any point of
  its ray (depth 0 to infinity) projects inside the other image. It needs no depth but saturates
  for cameras that look the same way (distant points are always seen).

NoPoSplat's released index stores an ``overlap`` per scene; its code computes the ``frustum`` rule
(the ``overlap`` values themselves were made by a step that is not in the repository). The bins
are the ones the DepthSplat study uses for NoPoSplat's split: small [0.05, 0.30), medium
[0.30, 0.55), high [0.55, 0.80].
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from pathlib import Path

import torch
import torch.nn.functional as F
from jaxtyping import Float
from torch import Tensor

OVERLAP_BINS: dict[str, tuple[float, float]] = {"small": (0.05, 0.30), "medium": (0.30, 0.55), "high": (0.55, 0.80)}
METHODS = ("auto", "depth", "plane", "frustum")
GRID = 48  # pixels per side at which overlaps are measured
OCCLUSION_TOLERANCE = 1.05
PARALLEL_AXES_DEG = 2.0


def bin_of(overlap: float) -> str | None:
    for name, (low, high) in OVERLAP_BINS.items():
        if low <= overlap < high or (name == "high" and overlap == high):
            return name
    return None


def _pixel_grid(height: int, width: int, dtype=torch.float64) -> Float[Tensor, "pixel 3"]:
    """Homogeneous normalised image coordinates of pixel centres (x, y in [0, 1])."""
    ys = (torch.arange(height, dtype=dtype) + 0.5) / height
    xs = (torch.arange(width, dtype=dtype) + 0.5) / width
    grid_y, grid_x = torch.meshgrid(ys, xs, indexing="ij")
    return torch.stack([grid_x.flatten(), grid_y.flatten(), torch.ones(height * width, dtype=dtype)], dim=-1)


def _fraction_seen(
    world: Float[Tensor, "pair point 3"],
    valid: Float[Tensor, "pair point"],
    c2w_other: Float[Tensor, "pair 4 4"],
    k_other: Float[Tensor, "pair 3 3"],
    depth_other: Float[Tensor, "pair height width"] | None,
) -> Float[Tensor, " pair"]:
    """Per pair: the fraction of valid world points that land visibly in the other view."""
    w2c = torch.linalg.inv(c2w_other)
    points = world @ w2c[:, :3, :3].transpose(1, 2) + w2c[:, None, :3, 3]
    z = points[..., 2]
    uv = (points @ k_other.transpose(1, 2))[..., :2] / z.clamp(min=1e-12)[..., None]
    inside = valid & (z > 1e-9) & (uv >= 0).all(-1) & (uv <= 1).all(-1)
    if depth_other is not None:
        height, width = depth_other.shape[-2:]
        col = (uv[..., 0] * width).long().clamp(0, width - 1)
        row = (uv[..., 1] * height).long().clamp(0, height - 1)
        there = depth_other.flatten(1).gather(1, row * width + col)
        known = torch.isfinite(there) & (there > 0)
        inside &= ~known | (z <= there * OCCLUSION_TOLERANCE)
    return inside.sum(1).double() / valid.sum(1).clamp(min=1).double()


def _lift(depth: Float[Tensor, "pair height width"], c2w: Tensor, k: Tensor) -> tuple[Tensor, Tensor]:
    """World points of every pixel centre at its z-depth, and which depths are valid."""
    height, width = depth.shape[-2:]
    rays = _pixel_grid(height, width) @ torch.linalg.inv(k).transpose(1, 2)  # [pair, point, 3], z = 1
    flat = depth.flatten(1)
    valid = torch.isfinite(flat) & (flat > 0)
    camera_points = rays * torch.where(valid, flat, torch.zeros_like(flat))[..., None]
    return camera_points @ c2w[:, :3, :3].transpose(1, 2) + c2w[:, None, :3, 3], valid


def _fraction_seen_frustum(c2w_a: Tensor, k_a: Tensor, c2w_b: Tensor, k_b: Tensor, size: int = GRID) -> Tensor:
    """Per pair: the fraction of a's pixel rays (t in (0, inf)) that pass through b's image, solved
    exactly: in b's camera frame every image-bound condition is linear in the ray parameter t."""
    rays = _pixel_grid(size, size) @ torch.linalg.inv(k_a).transpose(1, 2)  # [pair, point, 3]
    directions = rays @ c2w_a[:, :3, :3].transpose(1, 2)
    w2c_b = torch.linalg.inv(c2w_b)
    origin_b = (w2c_b[:, :3, :3] @ c2w_a[:, :3, 3:4])[..., 0] + w2c_b[:, :3, 3]  # a's centre in b's frame
    direction_b = directions @ w2c_b[:, :3, :3].transpose(1, 2)
    # P(t) = K (o + t d): z > 0, Px >= 0, z - Px >= 0, Py >= 0, z - Py >= 0, each of the form a + b t >= 0.
    p_origin = (k_b @ origin_b[..., None])[..., 0][:, None, :]  # [pair, 1, 3]
    p_direction = direction_b @ k_b.transpose(1, 2)

    def conditions(p: Tensor) -> Tensor:
        return torch.stack([p[..., 2], p[..., 0], p[..., 2] - p[..., 0], p[..., 1], p[..., 2] - p[..., 1]], -1)

    a = conditions(p_origin).expand(-1, p_direction.shape[1], -1)
    b = conditions(p_direction)
    bound = -a / torch.where(b == 0, torch.ones_like(b), b)
    low = torch.where(b > 0, bound, torch.zeros_like(bound)).amax(-1).clamp(min=0)
    high = torch.where(b < 0, bound, torch.full_like(bound, math.inf)).amin(-1)
    impossible = ((b == 0) & (a < 0)).any(-1)
    return ((low < high) & ~impossible).double().mean(-1)


def convergence_depths(c2w_a: Tensor, c2w_b: Tensor) -> tuple[float, float] | None:
    """z-depths in a and b of the closest approach of the two optical axes; None when the axes are
    nearly parallel or meet behind a camera."""
    centre_a, axis_a = c2w_a[:3, 3], c2w_a[:3, 2]
    centre_b, axis_b = c2w_b[:3, 3], c2w_b[:3, 2]
    cosine = float(torch.dot(axis_a, axis_b).clamp(-1, 1))
    if math.degrees(math.acos(abs(cosine))) < PARALLEL_AXES_DEG:
        return None
    offset = centre_a - centre_b
    # minimise |centre_a + s axis_a - centre_b - t axis_b| over s, t (unit axes)
    d, e = float(torch.dot(axis_a, offset)), float(torch.dot(axis_b, offset))
    denominator = 1 - cosine**2
    s = (cosine * e - d) / denominator
    t = (e - cosine * d) / denominator
    if s <= 0 or t <= 0:
        return None
    return s, t


def pairs_overlap(
    c2w: Tensor, intrinsics: Tensor, pairs: list[tuple[int, int]], depth_maps: Tensor | None = None, method: str = "auto"
) -> list[tuple[float, str]]:
    """(overlap, rule used) of each frame pair. ``c2w`` [N, 4, 4], ``intrinsics`` [N, 3, 3]
    normalised, ``depth_maps`` [N, H, W] z-depth (0 or non-finite = unknown)."""
    if method not in METHODS:
        raise ValueError(f"overlap method {method!r} is not one of {', '.join(METHODS)}")
    if method == "depth" and depth_maps is None:
        raise ValueError("overlap method 'depth' needs depth_maps in the scene")
    c2w = c2w.to(torch.float64)
    intrinsics = intrinsics.to(torch.float64)
    results: list[tuple[float, str] | None] = [None] * len(pairs)
    if not pairs:
        return []
    first = torch.tensor([a for a, _ in pairs])
    second = torch.tensor([b for _, b in pairs])
    if method in ("auto", "depth") and depth_maps is not None:
        small = _small(depth_maps)
        world, valid = _lift(small, c2w, intrinsics)
        enough = valid.double().mean(1) >= 0.1
        forward = _fraction_seen(world[first], valid[first], c2w[second], intrinsics[second], small[second])
        backward = _fraction_seen(world[second], valid[second], c2w[first], intrinsics[first], small[first])
        for i, ok in enumerate((enough[first] & enough[second]).tolist()):
            if ok:
                results[i] = (float(min(forward[i], backward[i])), "depth")
            elif method == "depth":
                raise ValueError(f"frames {pairs[i]}: too little valid depth for the depth method")
    if method in ("auto", "plane"):
        todo = [i for i, r in enumerate(results) if r is None]
        planes = {i: convergence_depths(c2w[pairs[i][0]], c2w[pairs[i][1]]) for i in todo}
        todo = [i for i in todo if planes[i] is not None]
        if todo:
            a, b = first[todo], second[todo]
            depth_a = torch.tensor([planes[i][0] for i in todo], dtype=torch.float64)[:, None, None].expand(-1, GRID, GRID)
            depth_b = torch.tensor([planes[i][1] for i in todo], dtype=torch.float64)[:, None, None].expand(-1, GRID, GRID)
            world_a, valid_a = _lift(depth_a, c2w[a], intrinsics[a])
            world_b, valid_b = _lift(depth_b, c2w[b], intrinsics[b])
            forward = _fraction_seen(world_a, valid_a, c2w[b], intrinsics[b], None)
            backward = _fraction_seen(world_b, valid_b, c2w[a], intrinsics[a], None)
            for j, i in enumerate(todo):
                results[i] = (float(min(forward[j], backward[j])), "plane")
    todo = [i for i, r in enumerate(results) if r is None]
    if todo:
        a, b = first[todo], second[todo]
        forward = _fraction_seen_frustum(c2w[a], intrinsics[a], c2w[b], intrinsics[b])
        backward = _fraction_seen_frustum(c2w[b], intrinsics[b], c2w[a], intrinsics[a])
        for j, i in enumerate(todo):
            results[i] = (float(min(forward[j], backward[j])), "frustum")
    return results  # type: ignore[return-value]


def pair_overlap(
    c2w: Tensor, intrinsics: Tensor, a: int, b: int, depth_maps: Tensor | None = None, method: str = "auto"
) -> tuple[float, str]:
    """(overlap of frames a and b, the rule that gave it); see ``pairs_overlap``."""
    return pairs_overlap(c2w, intrinsics, [(a, b)], depth_maps, method)[0]


def _small(depth: Tensor) -> Tensor:
    """Depth maps [N, H, W] at most GRID pixels on the long side (nearest: no mixing across edges)."""
    depth = torch.as_tensor(depth).to(torch.float64)
    height, width = depth.shape[-2:]
    scale = GRID / max(height, width)
    if scale >= 1:
        return depth
    size = (max(1, round(height * scale)), max(1, round(width * scale)))
    return F.interpolate(depth[:, None], size=size, mode="nearest")[:, 0]


@dataclass
class PairOverlap:
    scene: str
    first: int
    second: int
    overlap: float
    method: str


def scene_pair_overlaps(
    scene: dict, min_gap: int = 2, max_gap: int | None = None, max_pairs: int = 200, method: str = "auto", seed: int = 0
) -> list[PairOverlap]:
    """Overlap of candidate context pairs (i < j, min_gap <= j - i <= max_gap) of one chunk scene;
    at most ``max_pairs`` of them, drawn with a generator seeded by ``seed`` and the scene key."""
    from splatbench.geometry.camera import camera_vectors_to_matrices

    key = str(scene["key"])
    c2w, intrinsics = camera_vectors_to_matrices(torch.as_tensor(scene["cameras"]), dtype=torch.float64)
    count = len(c2w)
    max_gap = count - 1 if max_gap is None else max_gap
    pairs = [(i, j) for i in range(count) for j in range(i + min_gap, min(count, i + max_gap + 1))]
    if len(pairs) > max_pairs:
        pairs = sorted(random.Random(f"{seed}:{key}").sample(pairs, max_pairs))
    depth_maps = scene.get("depth_maps")
    depth_maps = None if depth_maps is None else torch.as_tensor(depth_maps).to(torch.float32)
    return [PairOverlap(key, i, j, overlap, used) for (i, j), (overlap, used) in zip(pairs, pairs_overlap(c2w, intrinsics, pairs, depth_maps, method))]


def overlap_indices(
    overlaps: dict[str, list[PairOverlap]], num_targets: int = 3, seed: int = 0
) -> dict[str, dict[str, dict | None]]:
    """One index per bin: every scene key in each, with a pair from that bin (drawn with the seed)
    and ``num_targets`` targets strictly between the contexts, or null when it has none."""
    indices: dict[str, dict[str, dict | None]] = {name: {} for name in OVERLAP_BINS}
    for key in sorted(overlaps):
        rng = random.Random(f"{seed}:{key}")
        for name in OVERLAP_BINS:
            candidates = [p for p in overlaps[key] if bin_of(p.overlap) == name and p.second - p.first >= 2]
            if not candidates:
                indices[name][key] = None
                continue
            pair = candidates[rng.randrange(len(candidates))]
            between = list(range(pair.first + 1, pair.second))
            targets = sorted(rng.sample(between, min(num_targets, len(between))))
            indices[name][key] = {
                "context": [pair.first, pair.second],
                "target": targets,
                "overlap": round(pair.overlap, 5),
                "overlap_method": pair.method,
            }
    return indices


def index_split_by_overlap(
    split_dir: str | Path,
    out_dir: str | Path,
    name: str = "overlap",
    num_targets: int = 3,
    min_gap: int = 2,
    max_gap: int | None = None,
    max_pairs: int = 200,
    method: str = "auto",
    seed: int = 0,
    progress: bool = False,
) -> dict[str, Path]:
    """Write ``evaluation_index_<name>_{small,medium,high}.json`` and ``overlap_pairs_<name>.csv``
    (every candidate pair's overlap) for the chunks of ``split_dir``; returns {bin: index path}."""
    from tqdm.auto import tqdm

    from splatbench.data.chunks import list_chunks, read_chunk
    from splatbench.data.errors import DataError
    from splatbench.utils.io import atomic_write_json, atomic_write_text

    chunks = list_chunks(split_dir)
    if not chunks:
        raise DataError(str(split_dir), None, None, "no chunk files (*.torch)")
    overlaps: dict[str, list[PairOverlap]] = {}
    for chunk_path in tqdm(chunks, desc="overlap", unit="chunk", disable=not progress):
        for scene in read_chunk(chunk_path):
            overlaps[str(scene["key"])] = scene_pair_overlaps(scene, min_gap, max_gap, max_pairs, method, seed)
    out_dir = Path(out_dir)
    lines = ["scene,first,second,overlap,method,bin"]
    for key in sorted(overlaps):
        lines += [f"{p.scene},{p.first},{p.second},{p.overlap:.5f},{p.method},{bin_of(p.overlap) or ''}" for p in overlaps[key]]
    atomic_write_text(out_dir / f"overlap_pairs_{name}.csv", "\n".join(lines) + "\n")
    paths = {}
    for bin_name, index in overlap_indices(overlaps, num_targets, seed).items():
        paths[bin_name] = atomic_write_json(out_dir / f"evaluation_index_{name}_{bin_name}.json", index)
    return paths
