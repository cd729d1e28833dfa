"""Nearest-context-copy baseline: camera choice and per-scene averaging."""

from __future__ import annotations

import pytest
import torch

from splatbench.evaluation.baselines import evaluate_nearest_context_baseline, nearest_context_copy, nearest_context_indices
from splatbench.evaluation.metrics import compute_psnr
from tests.training.fakes import make_example


def test_nearest_context_by_camera_centre_then_frame_gap():
    batch = torch.utils.data.default_collate([make_example(0, views=2, targets=2)])
    # fakes: camera i sits at x = i; contexts at x = 0, 1, targets at x = 2, 3 -> both copy context 1
    assert nearest_context_indices(batch).tolist() == [[1, 1]]
    batch["target"]["extrinsics"][0, 0, 0, 3] = 0.5  # equidistant: frame gap 10-12 vs 11-12 -> context 1
    assert nearest_context_indices(batch).tolist() == [[1, 1]]
    batch["target"]["extrinsics"][0, 0, 0, 3] = -3.0
    assert nearest_context_indices(batch).tolist() == [[0, 1]]
    copy = nearest_context_copy(batch)
    assert torch.equal(copy[0, 0], batch["context"]["image"][0, 0])


def test_baseline_scores_are_mean_of_scene_means():
    examples = [make_example(i, views=2, targets=2) for i in range(3)]
    batches = [torch.utils.data.default_collate(examples[:2]), torch.utils.data.default_collate(examples[2:])]
    scores = evaluate_nearest_context_baseline(batches)
    assert scores.scene_count == 3
    expected = []
    for example in examples:
        batch = torch.utils.data.default_collate([example])
        expected.append(compute_psnr(batch["target"]["image"][0], nearest_context_copy(batch)[0]).mean().item())
    assert scores.averages["psnr"] == pytest.approx(sum(expected) / 3, rel=1e-6)
    assert set(scores.averages) == {"psnr", "ssim", "lpips"}
