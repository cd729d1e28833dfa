"""Depth metrics on the real Middlebury motorcycle pair (skimage) against hand-computed values.

The ground truth is the left view's metric depth from its disparity (see data/example.py). Each
prediction below is built so that every metric has a closed form in terms of counts and means of
the ground truth, written out here independently of the code under test; a float64 loop over
pixels checks a mixed case.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from splatbench.data.example import make_middlebury_scene
from splatbench.evaluation.depth_metrics import (
    DEPTH_METRIC_NAMES,
    image_depth_metrics,
    scene_depth_metrics,
)


@pytest.fixture(scope="module")
def middlebury_depth() -> np.ndarray:
    scene = make_middlebury_scene()
    depth = scene["depth_maps"][0].double().numpy()
    assert depth.shape == (500, 741)
    return depth


def metrics_of(predicted: np.ndarray, ground_truth: np.ndarray) -> dict[str, float]:
    return image_depth_metrics(torch.from_numpy(predicted), torch.from_numpy(ground_truth))


def test_uniform_scale_error_has_closed_form(middlebury_depth):
    g_all = middlebury_depth
    valid = g_all > 0
    g = g_all[valid]
    c = 1.1
    result = metrics_of(c * g_all, g_all)
    # p = c g: |p-g|/g = c-1; (p-g)^2/g = (c-1)^2 g; (p-g)^2 = (c-1)^2 g^2; log ratio = ln c.
    assert result["depth_abs_rel"] == pytest.approx(0.1, rel=1e-9)
    assert result["depth_sq_rel"] == pytest.approx(0.01 * g.mean(), rel=1e-9)
    assert result["depth_rmse"] == pytest.approx(0.1 * math.sqrt((g**2).mean()), rel=1e-9)
    assert result["depth_rmse_log"] == pytest.approx(math.log(1.1), rel=1e-9)
    assert result["depth_delta1"] == result["depth_delta2"] == result["depth_delta3"] == 1.0
    # Median scaling undoes a uniform scale exactly.
    for name in ("abs_rel", "sq_rel", "rmse", "rmse_log"):
        assert result[f"depth_{name}_scaled"] == pytest.approx(0.0, abs=1e-12)
    assert result["depth_delta1_scaled"] == 1.0
    # Invalid pixels (0 where the disparity was unknown) are ignored whatever is predicted there.
    noisy = c * g_all
    noisy[~valid] = 1e6
    assert metrics_of(noisy, g_all) == result


def test_two_level_error_on_alternate_columns(middlebury_depth):
    g_all = middlebury_depth
    valid = g_all > 0
    predicted = g_all.copy()
    predicted[:, ::2] *= 1.3  # even columns 30% too far, odd columns exact
    scaled_mask = np.zeros_like(valid)
    scaled_mask[:, ::2] = True
    n = valid.sum()
    n_scaled = (valid & scaled_mask).sum()
    g_scaled = g_all[valid & scaled_mask]
    fraction = n_scaled / n
    result = metrics_of(predicted, g_all)
    assert result["depth_abs_rel"] == pytest.approx(0.3 * fraction, rel=1e-9)
    assert result["depth_sq_rel"] == pytest.approx(0.09 * g_scaled.sum() / n, rel=1e-9)
    assert result["depth_rmse"] == pytest.approx(math.sqrt(0.09 * (g_scaled**2).sum() / n), rel=1e-9)
    assert result["depth_rmse_log"] == pytest.approx(math.sqrt(math.log(1.3) ** 2 * fraction), rel=1e-9)
    # 1.3 >= 1.25 fails delta1 but passes 1.25^2 = 1.5625.
    assert result["depth_delta1"] == pytest.approx(1 - fraction, rel=1e-12)
    assert result["depth_delta2"] == 1.0 and result["depth_delta3"] == 1.0


def test_median_scaling_and_float64_loop_oracle(middlebury_depth):
    # A crop keeps the pure-Python loop quick; it holds valid and invalid pixels.
    g = middlebury_depth[100:160, 200:260]
    assert 0 < (g > 0).sum() < g.size
    rows, cols = np.mgrid[0 : g.shape[0], 0 : g.shape[1]]
    predicted = 0.5 * g * (1.0 + 0.4 * np.sin(rows / 7.0) * np.cos(cols / 5.0)) + 0.05
    values_p, values_g = [], []
    for i in range(g.shape[0]):
        for j in range(g.shape[1]):
            if g[i, j] > 0:
                values_p.append(float(predicted[i, j]))
                values_g.append(float(g[i, j]))
    count = len(values_g)

    def oracle(ps: list[float]) -> dict[str, float]:
        out = {
            "abs_rel": sum(abs(p - q) / q for p, q in zip(ps, values_g)) / count,
            "sq_rel": sum((p - q) ** 2 / q for p, q in zip(ps, values_g)) / count,
            "rmse": math.sqrt(sum((p - q) ** 2 for p, q in zip(ps, values_g)) / count),
            "rmse_log": math.sqrt(sum((math.log(p) - math.log(q)) ** 2 for p, q in zip(ps, values_g)) / count),
        }
        for k in (1, 2, 3):
            out[f"delta{k}"] = sum(max(p / q, q / p) < 1.25**k for p, q in zip(ps, values_g)) / count
        return out

    def median(values: list[float]) -> float:
        ordered = sorted(values)
        middle = len(ordered) // 2
        return ordered[middle] if len(ordered) % 2 else 0.5 * (ordered[middle - 1] + ordered[middle])

    factor = median(values_g) / median(values_p)
    expected = {f"depth_{k}": v for k, v in oracle(values_p).items()}
    expected.update({f"depth_{k}_scaled": v for k, v in oracle([p * factor for p in values_p]).items()})
    result = metrics_of(predicted, g)
    assert set(result) == set(DEPTH_METRIC_NAMES)
    for name, value in expected.items():
        assert result[name] == pytest.approx(value, rel=1e-9, abs=1e-12), name


def test_scene_mean_skips_views_without_ground_truth(middlebury_depth):
    g = torch.from_numpy(middlebury_depth)
    # The right view of the pair has no ground truth (all zeros): it must not count.
    ground_truth = torch.stack([g, torch.zeros_like(g)])
    predicted = torch.stack([1.1 * g.clamp_min(1e-3), torch.ones_like(g)])
    scene = scene_depth_metrics(predicted, ground_truth)
    assert scene["depth_abs_rel"] == pytest.approx(0.1, rel=1e-9)
    assert scene_depth_metrics(predicted, torch.zeros_like(ground_truth)) == {}
    with pytest.raises(ValueError, match="equal shape"):
        scene_depth_metrics(predicted[:, :10], ground_truth)


def test_benchmark_report_shows_depth_only_when_present():
    from splatbench.evaluation.benchmark.report import depth_markdown

    def unit(run: str, averages: dict) -> dict:
        return {"unit": {"track": "t", "run": run, "pose_label": "gt", "split": "standard"},
                "counts": {"evaluated": 3}, "averages": averages, "intervals": {}}

    assert depth_markdown([unit("a", {"psnr": 20.0})]) == []
    lines = depth_markdown([unit("a", {"psnr": 20.0}), unit("b", {"depth_abs_rel": 0.125, "depth_delta1": 0.5,
                                                                  "depth_abs_rel_scaled": 0.1, "depth_delta1_scaled": 0.75})])
    table = "\n".join(lines)
    assert "| t | b | gt | standard | 3 | 0.1250 | 0.5000 | 0.1000 | 0.7500 |" in table
    assert "| t | a |" not in table
