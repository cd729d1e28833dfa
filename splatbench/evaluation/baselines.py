"""Trivial reference points for the metrics: render each target by copying the nearest context view.

A trained model that cannot beat this copy has learned nothing about geometry. "Nearest" is the
context camera whose centre is closest to the target camera's centre (ties: closest frame index).
Scores follow the evaluation protocol: metrics per target, mean per scene, mean over scenes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Callable, Iterable

import numpy as np
import torch
from jaxtyping import Float, Int64
from torch import Tensor
from tqdm.auto import tqdm

from splatbench.data.types import BatchedExample
from splatbench.evaluation.metrics import compute_lpips, compute_psnr, compute_ssim

logger = logging.getLogger(__name__)

METRICS: dict[str, Callable[[Tensor, Tensor], Tensor]] = {
    "psnr": compute_psnr,
    "ssim": compute_ssim,
    "lpips": compute_lpips,
}


def nearest_context_indices(batch: BatchedExample) -> Int64[Tensor, "batch target"]:
    """For each target view, the position (along the context axis) of the nearest context camera."""
    context_centres = batch["context"]["extrinsics"][..., :3, 3]  # [B, Vc, 3]
    target_centres = batch["target"]["extrinsics"][..., :3, 3]  # [B, Vt, 3]
    distance = torch.cdist(target_centres.double(), context_centres.double())  # [B, Vt, Vc]
    frame_gap = (batch["target"]["index"][..., :, None] - batch["context"]["index"][..., None, :]).abs()
    # Among the cameras at the minimum distance, the closest frame index wins.
    is_nearest = distance <= distance.min(dim=-1, keepdim=True).values + 1e-9
    return frame_gap.double().masked_fill(~is_nearest, float("inf")).argmin(dim=-1)


def nearest_context_copy(batch: BatchedExample) -> Float[Tensor, "batch target 3 height width"]:
    chosen = nearest_context_indices(batch)
    images = batch["context"]["image"]
    return torch.stack([images[b, chosen[b]] for b in range(images.shape[0])])


@dataclass
class BaselineScores:
    """Mean over scenes of per-scene means; ``per_scene`` keeps each scene's values."""

    averages: dict[str, float]
    per_scene: dict[str, dict[str, float]] = field(default_factory=dict)

    @property
    def scene_count(self) -> int:
        return len(self.per_scene)


def evaluate_nearest_context_baseline(
    batches: Iterable[BatchedExample],
    data_shim: Callable[[BatchedExample], BatchedExample] | None = None,
) -> BaselineScores:
    """Score the nearest-context copy on every batch (any batch size); ``data_shim`` must be the
    model's own shim so that both see the same crops."""
    per_scene: dict[str, dict[str, float]] = {}
    for batch in tqdm(batches, desc="baseline", unit="batch", leave=False):
        if data_shim is not None:
            batch = data_shim(batch)
        prediction = nearest_context_copy(batch)
        ground_truth = batch["target"]["image"]
        for b, scene in enumerate(batch["scene"]):
            per_scene[scene] = {
                name: float(metric(ground_truth[b], prediction[b]).mean()) for name, metric in METRICS.items()
            }
    averages = {
        name: float(np.mean([scores[name] for scores in per_scene.values()])) if per_scene else float("nan")
        for name in METRICS
    }
    return BaselineScores(averages=averages, per_scene=per_scene)
