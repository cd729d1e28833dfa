"""Speed of ReSplat's exact kNN (:func:`splatbench.geometry.knn.knn_indices`) against the previous
all-pairs search (``torch.cdist`` without the matrix-product path, then ``topk``), with the
neighbour distances of sampled queries checked against a float64 search on the CPU.

Two point clouds per size: ``uniform`` (random in the unit cube) and ``depth`` (two 256x256-style
views of a synthetic scene unprojected with their depth maps: a slanted floor, a wall and a box in
front, with depth steps, the layout ReSplat's refinement searches). Prints a table and one JSON
object, written to --out. Medians of --repeats calls after one warm-up.

    python scripts/gpu/knn_bench.py --device cpu --points 32768 --old-points 32768 --out /tmp/knn.json
    python scripts/gpu/knn_bench.py --device cuda --points 131072 --old-points 32768 --out $OUT/knn.json
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import time
from pathlib import Path

import torch

from splatbench.geometry.knn import knn_indices
from splatbench.utils.io import atomic_write_text


def all_pairs_knn(points: torch.Tensor, k: int, chunk: int = 2048) -> torch.Tensor:
    """The search ReSplat used before: exact per-pair differences over all points, chunks of queries."""
    result = points.new_empty(*points.shape[:2], k, dtype=torch.long)
    for b in range(points.shape[0]):
        for start in range(0, points.shape[1], chunk):
            distances = torch.cdist(points[b, start : start + chunk], points[b], compute_mode="donot_use_mm_for_euclid_dist")
            result[b, start : start + chunk] = distances.topk(k, dim=-1, largest=False).indices
    return result


def depth_scene_points(count: int, views: int = 2, generator: torch.Generator | None = None) -> torch.Tensor:
    """``[1, count, 3]`` points of ``views`` unprojected square depth maps (count = views * side^2)."""
    side = round(math.sqrt(count / views))
    v, u = torch.meshgrid(torch.linspace(-0.5, 0.5, side), torch.linspace(-0.5, 0.5, side), indexing="ij")
    clouds = []
    for view in range(views):
        depth = 4.0 + 3.0 * (v + 0.5)  # a floor receding upwards
        depth = torch.where(u > 0.3, torch.full_like(depth, 3.0), depth)  # a wall on the right
        box = (u.abs() < 0.15) & ((v - 0.1).abs() < 0.15)
        depth = torch.where(box, 1.5 + 0.2 * u, depth)  # a box in front: depth steps around it
        depth = depth + 0.01 * torch.rand(depth.shape, generator=generator)  # depth-estimation noise
        rays = torch.stack([u * 1.2, v * 1.2, torch.ones_like(u)], dim=-1)
        clouds.append((rays * depth[..., None]).reshape(-1, 3) + torch.tensor([0.3 * view, 0.0, 0.0]))
    return torch.cat(clouds)[None, :count]


def median_seconds(function, device: torch.device, repeats: int) -> float:
    function()  # warm-up
    times = []
    for _ in range(repeats):
        if device.type == "cuda":
            torch.cuda.synchronize(device)
        start = time.perf_counter()
        function()
        if device.type == "cuda":
            torch.cuda.synchronize(device)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def distances_match_float64(points: torch.Tensor, neighbours: torch.Tensor, k: int, samples: int = 512) -> bool:
    """Sorted neighbour distances of sampled queries equal the float64 brute-force k smallest (CPU)."""
    points, neighbours = points[0].double().cpu(), neighbours[0].cpu()
    queries = torch.linspace(0, points.shape[0] - 1, samples).long()
    all_distances = ((points[queries, None] - points[None]) ** 2).sum(-1)
    expected = all_distances.topk(k, largest=False).values.sort(-1).values
    got = all_distances.gather(1, neighbours[queries]).sort(-1).values
    return bool(torch.equal(got, expected))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--points", type=int, default=131072, help="points for the new search (RE10K: 2 x 256 x 256)")
    parser.add_argument("--old-points", type=int, default=32768, help="points for the old search, and the new one beside it (0: skip)")
    parser.add_argument("-k", type=int, default=8)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    device = torch.device(args.device)
    generator = torch.Generator().manual_seed(0)
    clouds = {
        "uniform": lambda n: torch.rand(1, n, 3, generator=generator),
        "depth": lambda n: depth_scene_points(n, generator=generator),
    }
    rows = []
    for name, make in clouds.items():
        # the new search at full size and, beside the old one, at the old one's size
        runs = [("new", args.points)] + ([("new", args.old_points), ("old", args.old_points)] if args.old_points > 0 else [])
        for method, count in dict.fromkeys(runs):
            points = make(count).to(device)
            search = knn_indices if method == "new" else all_pairs_knn
            seconds = median_seconds(lambda: search(points, args.k), device, args.repeats if method == "new" else 1)
            exact = distances_match_float64(points, search(points, args.k), args.k)
            rows.append({"cloud": name, "method": method, "points": points.shape[1], "k": args.k,
                         "median_ms": seconds * 1e3, "sampled_queries_exact": exact})
            print(f"{name:8s} {method:4s} {points.shape[1]:8d} points k={args.k}: {seconds * 1e3:10.1f} ms"
                  f"  sampled queries exact: {exact}", flush=True)
    report = {"device": torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu",
              "threads": torch.get_num_threads(), "torch": torch.__version__, "rows": rows}
    atomic_write_text(args.out, json.dumps(report, indent=2) + "\n")
    print(json.dumps(report))


if __name__ == "__main__":
    main()
