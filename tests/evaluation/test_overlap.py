"""Overlap of two views: hand-computed sideways shift, a float64 per-pixel loop, NoPoSplat's ray
rule, and the per-bin indices."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from splatbench.data.overlap import (
    GRID,
    bin_of,
    convergence_depths,
    overlap_indices,
    pair_overlap,
    scene_pair_overlaps,
    PairOverlap,
)

FOCAL = 0.8


def cameras(centres, yaws_deg=None):
    count = len(centres)
    c2w = torch.eye(4, dtype=torch.float64).repeat(count, 1, 1)
    for i, centre in enumerate(centres):
        yaw = math.radians((yaws_deg or [0] * count)[i])
        c2w[i, :3, :3] = torch.tensor([[math.cos(yaw), 0, math.sin(yaw)], [0, 1, 0], [-math.sin(yaw), 0, math.cos(yaw)]])
        c2w[i, :3, 3] = torch.tensor(centre, dtype=torch.float64)
    k = torch.tensor([[FOCAL, 0, 0.5], [0, FOCAL, 0.5], [0, 0, 1]], dtype=torch.float64).repeat(count, 1, 1)
    return c2w, k


def test_sideways_shift_over_a_wall_matches_the_hand_count():
    # Wall at depth 4, cameras 1 apart along x: a pixel moves by f * B / d = 0.2 of the image width.
    c2w, k = cameras([(0, 0, 0), (1, 0, 0)])
    depth = torch.full((2, GRID, GRID), 4.0)
    overlap, method = pair_overlap(c2w, k, 0, 1, depth)
    centres = (np.arange(GRID) + 0.5) / GRID
    expected = np.mean((centres - 0.2 >= 0) & (centres - 0.2 <= 1))
    assert method == "depth" and overlap == pytest.approx(expected, abs=1e-12)
    # NoPoSplat's ray rule: every ray of a parallel camera reaches the other image at infinity.
    assert pair_overlap(c2w, k, 0, 1, None, method="frustum") == (1.0, "frustum")
    assert bin_of(0.2) == "small" and bin_of(0.5) == "medium" and bin_of(0.8) == "high" and bin_of(0.9) is None


def _loop_oracle(depth_a, c2w_a, k_a, c2w_b, k_b):
    """Independent float64 per-pixel loop (no occlusion test: b has no depth)."""
    height, width = depth_a.shape
    inverse_k = np.linalg.inv(k_a.numpy())
    w2c_b = np.linalg.inv(c2w_b.numpy())
    seen = 0
    for row in range(height):
        for col in range(width):
            ray = inverse_k @ np.array([(col + 0.5) / width, (row + 0.5) / height, 1.0])
            point = c2w_a.numpy() @ np.append(ray * float(depth_a[row, col]), 1.0)
            in_b = w2c_b @ point
            if in_b[2] <= 0:
                continue
            u, v, _ = (k_b.numpy() @ in_b[:3]) / in_b[2]
            seen += 0 <= u <= 1 and 0 <= v <= 1
    return seen / (height * width)


def test_rotated_cameras_over_a_slanted_surface_match_a_float64_loop():
    c2w, k = cameras([(0, 0, 0), (0.7, 0.2, 0.3)], yaws_deg=[0, -15])
    rows = torch.linspace(3, 6, GRID, dtype=torch.float64)[:, None].expand(GRID, GRID)
    depth = torch.stack([rows, torch.zeros(GRID, GRID, dtype=torch.float64)])  # b: depth unknown
    forward = _loop_oracle(rows, c2w[0], k[0], c2w[1], k[1])
    from splatbench.data.overlap import _fraction_seen, _lift

    world, valid = _lift(rows[None], c2w[:1], k[:1])
    ours = _fraction_seen(world, valid, c2w[1:], k[1:], None)
    assert float(ours) == pytest.approx(forward, abs=1e-12)
    # b has no valid depth, so "auto" falls back to the plane rule (the axes converge)
    assert pair_overlap(c2w, k, 0, 1, depth)[1] == "plane"


def test_converging_axes_give_the_distance_to_the_common_point():
    # both cameras look at (0, 0, 5) from (-2, 0, 0) and (2, 0, 0)
    yaw = math.degrees(math.atan2(2, 5))
    c2w, _ = cameras([(-2, 0, 0), (2, 0, 0)], yaws_deg=[yaw, -yaw])
    s, t = convergence_depths(c2w[0], c2w[1])
    assert s == pytest.approx(math.hypot(2, 5)) and t == pytest.approx(math.hypot(2, 5))
    parallel, _ = cameras([(0, 0, 0), (1, 0, 0)])
    assert convergence_depths(parallel[0], parallel[1]) is None


def test_frustum_rule_matches_dense_sampling_along_the_rays():
    c2w, k = cameras([(0, 0, 0), (3, 0, 1)], yaws_deg=[0, -70])
    exact, _ = pair_overlap(c2w, k, 0, 1, method="frustum")
    # oracle: sample every ray at many distances (geometric spacing) and look for a hit
    from splatbench.data.overlap import _pixel_grid

    distances = np.geomspace(1e-3, 1e5, 4000)
    hits = []
    for direction in (_pixel_grid(GRID, GRID) @ torch.linalg.inv(k[0]).T).numpy():
        points = distances[:, None] * direction[None]
        in_b = (np.linalg.inv(c2w[1].numpy()) @ np.c_[points, np.ones(len(points))].T).T[:, :3]
        front = in_b[:, 2] > 0
        uv = (k[1].numpy() @ in_b[front].T).T
        uv = uv[:, :2] / uv[:, 2:]
        hits.append(bool(((uv >= 0) & (uv <= 1)).all(-1).any()))
    forward = np.mean(hits)
    from splatbench.data.overlap import _fraction_seen_frustum

    assert float(_fraction_seen_frustum(c2w[:1], k[:1], c2w[1:], k[1:])) == pytest.approx(forward, abs=2 / GRID**2)
    assert 0 < exact < 1


def test_indices_per_bin_keep_every_scene_and_put_targets_between_contexts():
    overlaps = {
        "a": [PairOverlap("a", 0, 10, 0.7, "depth"), PairOverlap("a", 0, 20, 0.4, "depth")],
        "b": [PairOverlap("b", 3, 9, 0.1, "plane")],
    }
    indices = overlap_indices(overlaps, num_targets=3, seed=1)
    assert indices["high"]["a"]["context"] == [0, 10] and indices["high"]["b"] is None
    assert indices["medium"]["a"]["context"] == [0, 20] and indices["small"]["b"]["context"] == [3, 9]
    for index in indices.values():
        assert set(index) == {"a", "b"}
        for entry in filter(None, index.values()):
            left, right = entry["context"]
            assert len(entry["target"]) == 3 and all(left < t < right for t in entry["target"])


def test_real_colmap_scenes_without_depth_use_the_convergence_plane(shared_data, tmp_path):
    """The shared real scenes (no depth, no sparse points): the CLI writes all three bin indices and
    records the rule; castle-P19's neighbouring views overlap more than views 6 frames apart."""
    import json

    from splatbench.cli.main import main

    source = tmp_path / "src"
    source.mkdir()
    for name in ("castle-P19", "fountain-P11"):
        (source / name).symlink_to(shared_data / "real_scenes" / name)
    assert main(["data", "convert", "colmap", str(source), str(tmp_path / "real"), "--image-shape", "32", "48"]) == 0
    assert main(["data", "index", str(tmp_path / "real" / "test"), "--by-overlap", "--out", str(tmp_path), "--name", "real"]) == 0
    rows = (tmp_path / "overlap_pairs_real.csv").read_text().splitlines()[1:]
    overlaps = {(r.split(",")[0], int(r.split(",")[1]), int(r.split(",")[2])): (float(r.split(",")[3]), r.split(",")[4]) for r in rows}
    assert {method for _, method in overlaps.values()} <= {"plane", "frustum"}
    assert overlaps[("castle-P19", 0, 2)][0] > overlaps[("castle-P19", 0, 8)][0]
    for split in ("small", "medium", "high"):
        index = json.loads((tmp_path / f"evaluation_index_real_{split}.json").read_text())
        assert set(index) == {"castle-P19", "fountain-P11"}
    with pytest.raises(SystemExit) as exit_info:
        main(["data", "index", str(tmp_path / "real" / "test"), "--by-overlap", "--min-gap", "1"])
    assert exit_info.value.code == 2
