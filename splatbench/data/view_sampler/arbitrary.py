"""Arbitrary sampler: random context and target frames, or fixed lists from the config."""

from __future__ import annotations

import torch

from splatbench.data.config import ViewSamplerArbitraryCfg
from splatbench.data.view_sampler.base import ViewSampler


class ViewSamplerArbitrary(ViewSampler[ViewSamplerArbitraryCfg]):
    def _pick(self, fixed: list[int] | None, count: int, num_views: int, what: str, device) -> torch.Tensor:
        if fixed is None:
            return torch.randint(0, num_views, size=(count,), device=device)
        if len(fixed) != count:
            raise ValueError(f"dataset.view_sampler.{what}_views has {len(fixed)} entries, expected {count}")
        return torch.tensor(fixed, dtype=torch.int64, device=device)

    def sample(self, scene, extrinsics, intrinsics, device=torch.device("cpu"), **kwargs):
        num_views = extrinsics.shape[0]
        context = self._pick(self.cfg.context_views, self.cfg.num_context_views, num_views, "context", device)
        target = self._pick(self.cfg.target_views, self.cfg.num_target_views, num_views, "target", device)
        return context, target
