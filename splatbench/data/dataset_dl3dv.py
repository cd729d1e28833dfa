"""DL3DV-style chunks: N context views (random count in training), optional sorted indices.

Differences from RE10K (as the reference): the stored size is ``ori_image_shape``; the sampler
gets ``min_views``/``max_views`` (and ``overfit_max_views`` when overfitting), drawn once per
batch instead of per example when a batch holds several examples; context and
target indices are sorted when configured; test scenes repeat ``test_times_per_scene`` times;
cameras translated by more than 1e3 are rejected.
"""

from __future__ import annotations

import torch

from splatbench.data.dataset_chunked import ChunkedDataset


class DatasetDL3DV(ChunkedDataset):
    max_translation = 1e3

    def expected_image_shape(self) -> tuple[int, int]:
        return tuple(self.cfg.ori_image_shape)

    def context_view_range(self) -> tuple[int, int] | None:
        """As configured; otherwise ``[min_views, max_views]`` when batches hold several examples
        (the reference draws a count per example, which cannot collate beyond batch size 1)."""
        bounds = super().context_view_range()
        if bounds is None and self.batch_size > 1 and self.cfg.min_views > 0 and self.cfg.max_views > 0:
            return self.cfg.min_views, self.cfg.max_views
        return bounds

    def sampler_kwargs(self) -> dict:
        kwargs = {"min_context_views": self.cfg.min_views, "max_context_views": self.cfg.max_views}
        if self.cfg.overfit_to_scene is not None and self.stage != "test":
            kwargs["max_num_views"] = 148 if self.cfg.overfit_max_views is None else self.cfg.overfit_max_views
        return kwargs

    def postprocess_indices(self, context: torch.Tensor, target: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        if self.cfg.sort_context_index:
            context = context.sort()[0]
        if self.cfg.sort_target_index:
            target = target.sort()[0]
        return context, target
