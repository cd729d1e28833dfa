"""View samplers: curriculum numbers, across workers; evaluation nulls; boundedv2; all; arbitrary."""

from __future__ import annotations

import json

import pytest
import torch
from torch.utils.data import DataLoader, Dataset

from splatbench.data.config import (
    ViewSamplerAllCfg,
    ViewSamplerArbitraryCfg,
    ViewSamplerBoundedCfg,
    ViewSamplerBoundedV2Cfg,
    ViewSamplerEvaluationCfg,
)
from splatbench.data.step_tracker import StepTracker
from splatbench.data.view_sampler import get_view_sampler

RE10K_CURRICULUM = ViewSamplerBoundedCfg(
    num_target_views=4,
    min_distance_between_context_views=45,
    max_distance_between_context_views=135,
    warm_up_steps=30000,
    initial_min_distance_between_context_views=25,
    initial_max_distance_between_context_views=45,
)


def _gaps(sampler, num_views=300, draws=300):
    extrinsics = torch.eye(4).repeat(num_views, 1, 1)
    gaps, targets_ok = [], True
    for _ in range(draws):
        context, target = sampler.sample("s", extrinsics, None)
        gaps.append(int(context[1] - context[0]))
        targets_ok &= bool(((target >= context[0]) & (target <= context[1])).all())
    return min(gaps), max(gaps), targets_ok


def test_bounded_curriculum_follows_the_global_step():
    tracker = StepTracker()
    sampler = get_view_sampler(RE10K_CURRICULUM, "train", False, False, tracker)
    assert _gaps(sampler) == (25, 45, True)
    tracker.set_step(15000)  # halfway: min 25 + int(20 * 0.5) = 35, max 45 + int(90 * 0.5) = 90
    low, high, ok = _gaps(sampler, draws=600)
    assert low >= 35 and high <= 90 and low <= 37 and high >= 88 and ok
    tracker.set_step(10**6)
    low, high, _ = _gaps(sampler, draws=600)
    assert low >= 45 and high <= 135
    # Not enough frames for the minimum gap: ValueError (the dataset skips the scene).
    with pytest.raises(ValueError):
        sampler.sample("short", torch.eye(4).repeat(30, 1, 1), None)
    test_sampler = get_view_sampler(RE10K_CURRICULUM, "test", False, False, tracker)
    context, target = test_sampler.sample("s", torch.eye(4).repeat(200, 1, 1), None)
    assert context.tolist() == [0, 135] and target.tolist() == list(range(136))


class _GapDataset(Dataset):
    def __init__(self, sampler):
        self.sampler = sampler

    def __len__(self):
        return 64

    def __getitem__(self, index):
        return self.sampler.global_step


def test_step_tracker_is_visible_in_dataloader_workers():
    tracker = StepTracker()
    sampler = get_view_sampler(RE10K_CURRICULUM, "train", False, False, tracker)
    loader = DataLoader(_GapDataset(sampler), batch_size=8, num_workers=2, persistent_workers=True)
    assert set(torch.cat(list(loader)).tolist()) == {0}
    tracker.set_step(12345)
    assert set(torch.cat(list(loader)).tolist()) == {12345}


def test_evaluation_sampler_and_null_entries(tmp_path):
    path = tmp_path / "index.json"
    path.write_text(json.dumps({"a": {"context": [3, 9], "target": [4, 5, 6]}, "b": None}))
    sampler = get_view_sampler(ViewSamplerEvaluationCfg(index_path=str(path)), "test", False, False, None)
    context, target = sampler.sample("a", torch.eye(4).repeat(20, 1, 1), None)
    assert context.tolist() == [3, 9] and target.tolist() == [4, 5, 6]
    for scene in ("b", "missing"):
        with pytest.raises(ValueError):
            sampler.sample(scene, torch.eye(4).repeat(20, 1, 1), None)


def test_boundedv2_farthest_point_and_without_replacement():
    cfg = ViewSamplerBoundedV2Cfg(
        num_context_views=4, num_target_views=5, min_distance_between_context_views=20, max_distance_between_context_views=20,
        extra_views_sampling_strategy="farthest_point", target_views_replace_sample=False,
    )
    extrinsics = torch.eye(4).repeat(60, 1, 1)
    extrinsics[:, 0, 3] = torch.arange(60.0)  # cameras on a line: FPS picks the ends, then the middle
    sampler = get_view_sampler(cfg, "train", False, False, None)
    for _ in range(20):
        context, target = sampler.sample("s", extrinsics, None)
        left, right = int(context.min()), int(context.max())
        assert right - left == 20 and len(set(context.tolist())) == 4
        assert len(set(target.tolist())) == 5 and bool(((target >= left) & (target <= right)).all())
        middle = sorted(context.tolist())[1:3]
        assert middle[0] in range(left + 9, left + 12) or middle[1] in range(left + 9, left + 12)


def test_all_and_arbitrary():
    extrinsics = torch.eye(4).repeat(7, 1, 1)
    context, target = get_view_sampler(ViewSamplerAllCfg(), "test", False, False, None).sample("s", extrinsics, None)
    assert context.tolist() == target.tolist() == list(range(7))
    fixed = ViewSamplerArbitraryCfg(num_context_views=2, num_target_views=1, context_views=[1, 5], target_views=[3])
    context, target = get_view_sampler(fixed, "train", False, False, None).sample("s", extrinsics, None)
    assert context.tolist() == [1, 5] and target.tolist() == [3]
    context, target = get_view_sampler(ViewSamplerArbitraryCfg(), "train", False, False, None).sample("s", extrinsics, None)
    assert len(context) == 2 and len(target) == 1 and int(context.max()) < 7
