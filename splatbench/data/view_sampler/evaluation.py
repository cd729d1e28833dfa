"""Evaluation sampler: fixed context and target frames per scene from a JSON index.

The index maps ``scene -> {"context": [...], "target": [...]}`` or ``null``; null or missing
scenes raise ValueError, so the dataset skips (and counts) them.
"""

from __future__ import annotations

import torch

from splatbench.data.config import ViewSamplerEvaluationCfg
from splatbench.data.evaluation_index import load_evaluation_index
from splatbench.data.view_sampler.base import ViewSampler


class ViewSamplerEvaluation(ViewSampler[ViewSamplerEvaluationCfg]):
    def __init__(self, cfg, stage, is_overfitting, cameras_are_circular, step_tracker) -> None:
        super().__init__(cfg, stage, is_overfitting, cameras_are_circular, step_tracker)
        self.index = load_evaluation_index(cfg.index_path)

    def sample(self, scene, extrinsics, intrinsics, device=torch.device("cpu"), **kwargs):
        entry = self.index.get(scene)
        if entry is None:
            raise ValueError(f"no evaluation indices for scene {scene}")
        return (
            torch.tensor(entry.context, dtype=torch.int64, device=device),
            torch.tensor(entry.target, dtype=torch.int64, device=device),
        )

    @property
    def num_context_views(self) -> int:
        return 0

    @property
    def num_target_views(self) -> int:
        return 0
