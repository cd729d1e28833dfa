"""Bounded sampler v2 (DL3DV): N context views, the extra ones between the outer pair.

Like :mod:`bounded` but with separate context-gap and target-margin curricula, a random number of
context views in [min_views, max_views] during training (gaps divided by ``max_views // n``),
extra views by farthest-point sampling of camera centres (or at random), and targets drawn with
or without replacement. Test: left is 0 and every frame in the target window is a target.
"""

from __future__ import annotations

import random

import torch
from jaxtyping import Float, Int64
from torch import Tensor

from splatbench.data.config import ViewSamplerBoundedV2Cfg
from splatbench.data.view_sampler.base import ViewSampler, linear_schedule


def farthest_point_sample(points: Float[Tensor, "point 3"], count: int) -> Int64[Tensor, " count"]:
    """Indices of ``count`` points: start farthest from the centroid, then greedy max-min distance."""
    centroid = points.mean(dim=0, keepdim=True)
    farthest = int(((points - centroid) ** 2).sum(-1).argmax())
    distance = torch.full((points.shape[0],), 1e10, dtype=points.dtype)
    chosen = torch.zeros(count, dtype=torch.int64)
    for i in range(count):
        chosen[i] = farthest
        d = ((points - points[farthest]) ** 2).sum(-1)
        distance = torch.minimum(distance, d)
        farthest = int(distance.argmax())
    return chosen


class ViewSamplerBoundedV2(ViewSampler[ViewSamplerBoundedV2Cfg]):
    takes_context_view_count = True

    def _context_gap_bounds(self) -> tuple[int, int]:
        cfg = self.cfg
        if self.stage == "test":
            return cfg.max_distance_between_context_views, cfg.max_distance_between_context_views
        if cfg.context_gap_warm_up_steps > 0:
            step, steps = self.global_step, cfg.context_gap_warm_up_steps
            return (
                linear_schedule(step, cfg.initial_min_distance_between_context_views, cfg.min_distance_between_context_views, steps),
                linear_schedule(step, cfg.initial_max_distance_between_context_views, cfg.max_distance_between_context_views, steps),
            )
        return cfg.min_distance_between_context_views, cfg.max_distance_between_context_views

    def _target_margin(self) -> int:
        cfg = self.cfg
        if self.stage != "test" and cfg.target_gap_warm_up_steps > 0:
            return linear_schedule(
                self.global_step, cfg.initial_max_distance_to_context_views, cfg.max_distance_to_context_views, cfg.target_gap_warm_up_steps
            )
        return cfg.max_distance_to_context_views

    def sample(
        self,
        scene,
        extrinsics,
        intrinsics,
        device=torch.device("cpu"),
        max_num_views: int | None = None,
        min_context_views: int = 0,
        max_context_views: int = 0,
        min_view_dist: int | None = None,
        max_view_dist: int | None = None,
        context_views: int | None = None,
        **kwargs,
    ):
        """``context_views`` (training) fixes the number of context views, e.g. one count per
        batch drawn by the dataset; otherwise it is random in [min_context_views,
        max_context_views] per example (the reference) or ``num_context_views``."""
        cfg = self.cfg
        num_views = extrinsics.shape[0]
        if max_num_views is not None:
            num_views = min(num_views, max_num_views)
        random_count = None
        if context_views is not None and self.stage != "test":
            random_count = context_views
        elif min_context_views > 0 and max_context_views > 0 and self.stage != "test":
            random_count = random.randint(min_context_views, max_context_views)

        min_gap, max_gap = self._context_gap_bounds()
        if min_view_dist is not None and max_view_dist is not None:
            min_gap, max_gap = min_view_dist, max_view_dist
        if random_count is not None and max_context_views > 0:
            divisor = max(max_context_views // random_count, 1)
            min_gap, max_gap = min_gap // divisor, max_gap // divisor
        if not self.cameras_are_circular:
            max_gap = min(num_views - 1, max_gap)
        margin = self._target_margin()
        if max_gap < min_gap:
            raise ValueError(f"scene {scene} has {num_views} frames, too few for a context gap of {min_gap}")

        gap = int(torch.randint(min_gap, max_gap + 1, size=(), device=device).item())
        high = num_views if self.cameras_are_circular else num_views - gap
        left = int(torch.randint(low=0, high=high, size=(), device=device).item())
        if self.stage == "test":
            left = 0
        right = left + gap
        target_left, target_right = left - margin, right + margin
        if not self.cameras_are_circular:
            target_left, target_right = max(0, target_left), min(num_views - 1, target_right)

        if self.stage == "test":
            targets = torch.arange(target_left, target_right + 1, device=device)
        elif cfg.target_views_replace_sample:
            targets = torch.randint(target_left, target_right + 1, size=(cfg.num_target_views,), device=device)
        else:
            candidates = torch.arange(target_left, target_right + 1, device=device)
            order = torch.randperm(target_right + 1 - target_left, device=device)[: cfg.num_target_views]
            targets = candidates[order]
        if self.cameras_are_circular:
            targets %= num_views
            right %= num_views

        total = random_count if random_count is not None else cfg.num_context_views
        extra: list[int] = []
        if total > 2:
            if cfg.extra_views_sampling_strategy == "random":
                if right - left - 1 < total - 2:
                    raise ValueError(f"scene {scene}: gap {gap} too small for {total} distinct context views")
                while len(set(extra)) != total - 2:
                    extra = torch.randint(left + 1, right, (total - 2,)).tolist()
            elif cfg.extra_views_sampling_strategy == "farthest_point":
                if right - left + 1 < total:
                    raise ValueError(f"scene {scene}: gap {gap} too small for {total} distinct context views")
                window = torch.arange(left, right + 1)
                picked = window[farthest_point_sample(extrinsics[window, :3, 3], total)]
                left, right = int(picked[0]), int(picked[-1])
                extra = picked[1:-1].tolist()
            extra = sorted(extra)
        return torch.tensor((left, *extra, right), dtype=torch.int64), targets
