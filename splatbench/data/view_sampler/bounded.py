"""Bounded sampler (RealEstate10K training): two context views, frame-gap curriculum.

Training: the gap range ramps linearly from the initial to the final bounds over
``warm_up_steps`` (global step from the StepTracker); gap ~ U{min..max}, left ~ U{0..N-gap-1},
targets ``num_target_views`` uniform ints in [left + m, right - m] with replacement.
Test: the gap is always the maximum, left is 0 and every frame between the contexts is a target.
"""

from __future__ import annotations

import torch

from splatbench.data.config import ViewSamplerBoundedCfg
from splatbench.data.view_sampler.base import ViewSampler, linear_schedule


class ViewSamplerBounded(ViewSampler[ViewSamplerBoundedCfg]):
    def gap_bounds(self) -> tuple[int, int]:
        cfg = self.cfg
        if self.stage == "test":
            return cfg.max_distance_between_context_views, cfg.max_distance_between_context_views
        if cfg.warm_up_steps > 0:
            step = self.global_step
            min_gap = linear_schedule(
                step, cfg.initial_min_distance_between_context_views, cfg.min_distance_between_context_views, cfg.warm_up_steps
            )
            max_gap = linear_schedule(
                step, cfg.initial_max_distance_between_context_views, cfg.max_distance_between_context_views, cfg.warm_up_steps
            )
            return min_gap, max_gap
        return cfg.min_distance_between_context_views, cfg.max_distance_between_context_views

    def sample(self, scene, extrinsics, intrinsics, device=torch.device("cpu"), min_view_dist=None, max_view_dist=None, **kwargs):
        num_views = extrinsics.shape[0]
        min_gap, max_gap = self.gap_bounds()
        if not self.cameras_are_circular:
            max_gap = min(num_views - 1, max_gap)
        min_gap = max(2 * self.cfg.min_distance_to_context_views, min_gap)
        if min_view_dist is not None:
            min_gap = min_view_dist
        if max_view_dist is not None:
            max_gap = max_view_dist
        if max_gap < min_gap:
            raise ValueError(f"scene {scene} has {num_views} frames, too few for a context gap of {min_gap}")

        gap = int(torch.randint(min_gap, max_gap + 1, size=(), device=device).item())
        left = int(torch.randint(num_views if self.cameras_are_circular else num_views - gap, size=(), device=device).item())
        if self.stage == "test":
            left = 0
        right = left + gap
        if self.is_overfitting:
            left, right = 0, max_gap

        if self.stage == "test":
            targets = torch.arange(left, right + 1, device=device)
        else:
            margin = self.cfg.min_distance_to_context_views
            targets = torch.randint(left + margin, right + 1 - margin, size=(self.cfg.num_target_views,), device=device)
        if self.cameras_are_circular:
            targets %= num_views
            right %= num_views
        return torch.tensor((left, right), dtype=torch.int64), targets

    @property
    def num_context_views(self) -> int:
        return 2
