"""Trivial reference points for the metrics: render each target by copying the nearest context view.

A trained model that cannot beat this copy has learned nothing about geometry. "Nearest" is the
context camera whose centre is closest to the target camera's centre (ties: closest frame index).
Scores follow the evaluation protocol: metrics per target, mean per scene, mean over scenes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Callable, Iterable

import torch
from jaxtyping import Float, Int64
from torch import Tensor

from splatbench.data.types import BatchedExample

logger = logging.getLogger(__name__)


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


class NearestContextModel:
    """The copy baseline as an evaluation model: ``encode`` keeps the context, ``render`` copies the
    nearest context image to each target. ``data_shim`` must be the compared model's own shim so
    that both see the same crops."""

    def __init__(self, data_shim: Callable[[BatchedExample], BatchedExample] | None = None, device: torch.device | None = None) -> None:
        self.data_shim = data_shim or (lambda batch: batch)
        self.device = device

    def prepare(self, batch: BatchedExample) -> BatchedExample:
        return self.data_shim(batch)

    def encode(self, context: dict) -> dict:
        return {"context": context}

    def render(self, encoded: dict, target: dict, image_shape: tuple[int, int]) -> Tensor:
        return nearest_context_copy({"context": encoded["context"], "target": target})


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
    """Score the nearest-context copy on every batch (any batch size) with ``evaluate()``."""
    from splatbench.evaluation.evaluate import evaluate

    report = evaluate(NearestContextModel(data_shim), batches)
    averages = report.averages() or {name: float("nan") for name in ("psnr", "ssim", "lpips")}
    return BaselineScores(averages=averages, per_scene={row.scene: dict(row.metrics) for row in report.scenes})
