"""Depth metrics against ground truth: AbsRel, SqRel, RMSE, RMSE-log and delta < 1.25^k.

Per image, over its valid pixels only (ground truth finite and > 0, prediction finite and > 0),
with ``p`` the predicted and ``g`` the ground-truth z-depth:

========================  =============================================
``abs_rel``               mean(|p - g| / g)
``sq_rel``                mean((p - g)^2 / g)
``rmse``                  sqrt(mean((p - g)^2))
``rmse_log``              sqrt(mean((ln p - ln g)^2))
``delta1/2/3``            fraction with max(p / g, g / p) < 1.25, 1.25^2, 1.25^3
========================  =============================================

Each metric is reported twice: as predicted (metric scale, names ``depth_<metric>``) and after
per-image median scaling, ``p * median(g) / median(p)`` over the valid pixels (names
``depth_<metric>_scaled``), which removes the global scale of scale-ambiguous predictions. The
median is the mean of the two middle values for an even count (numpy's convention). An image
without valid pixels has no metrics; a scene's value is the mean over its images that have
them, and the final score the mean over scenes, as for the image metrics. Computed in float64.
"""

from __future__ import annotations

import math

import torch
from jaxtyping import Float
from torch import Tensor

DEPTH_METRICS = ("abs_rel", "sq_rel", "rmse", "rmse_log", "delta1", "delta2", "delta3")
DELTA_BASE = 1.25
# Every key a scene row can carry, metric scale first, then median-scaled.
DEPTH_METRIC_NAMES = tuple(f"depth_{m}" for m in DEPTH_METRICS) + tuple(f"depth_{m}_scaled" for m in DEPTH_METRICS)
# Lower is better for these; higher for the deltas.
LOWER_IS_BETTER = {f"depth_{m}{s}" for m in ("abs_rel", "sq_rel", "rmse", "rmse_log") for s in ("", "_scaled")}


def valid_pixels(
    predicted: Float[Tensor, "height width"], ground_truth: Float[Tensor, "height width"]
) -> Tensor:
    """Pixels where both depths are finite and positive."""
    return (
        torch.isfinite(ground_truth) & (ground_truth > 0) & torch.isfinite(predicted) & (predicted > 0)
    )


def _median(values: Float[Tensor, " n"]) -> Tensor:
    ordered = values.sort().values
    middle = (len(ordered) - 1) / 2
    return 0.5 * (ordered[math.floor(middle)] + ordered[math.ceil(middle)])


def _errors(p: Float[Tensor, " n"], g: Float[Tensor, " n"]) -> dict[str, float]:
    difference = p - g
    ratio = torch.maximum(p / g, g / p)
    values = {
        "abs_rel": (difference.abs() / g).mean(),
        "sq_rel": (difference**2 / g).mean(),
        "rmse": (difference**2).mean().sqrt(),
        "rmse_log": ((p.log() - g.log()) ** 2).mean().sqrt(),
    }
    for k in (1, 2, 3):
        values[f"delta{k}"] = (ratio < DELTA_BASE**k).double().mean()
    return {name: float(value) for name, value in values.items()}


@torch.no_grad()
def image_depth_metrics(
    predicted: Float[Tensor, "height width"], ground_truth: Float[Tensor, "height width"]
) -> dict[str, float] | None:
    """Every ``depth_*`` metric of one image, or None if it has no valid pixel."""
    if predicted.shape != ground_truth.shape or predicted.ndim != 2:
        raise ValueError(
            f"depth metrics: prediction {tuple(predicted.shape)} and ground truth {tuple(ground_truth.shape)} "
            "must both be [H, W] of equal shape"
        )
    valid = valid_pixels(predicted, ground_truth)
    if not valid.any():
        return None
    p = predicted[valid].double()
    g = ground_truth[valid].double()
    metrics = {f"depth_{name}": value for name, value in _errors(p, g).items()}
    scaled = p * (_median(g) / _median(p))
    metrics.update({f"depth_{name}_scaled": value for name, value in _errors(scaled, g).items()})
    return metrics


def scene_depth_metrics(
    predicted: Float[Tensor, "view height width"], ground_truth: Float[Tensor, "view height width"]
) -> dict[str, float]:
    """Mean over the views that have valid pixels (empty if none has)."""
    if predicted.shape != ground_truth.shape or predicted.ndim != 3:
        raise ValueError(
            f"depth metrics: prediction {tuple(predicted.shape)} and ground truth {tuple(ground_truth.shape)} "
            "must both be [V, H, W] of equal shape"
        )
    per_image = [m for m in (image_depth_metrics(p, g) for p, g in zip(predicted, ground_truth)) if m is not None]
    if not per_image:
        return {}
    return {name: sum(m[name] for m in per_image) / len(per_image) for name in DEPTH_METRIC_NAMES}


def batch_depth_metrics(
    predicted: Float[Tensor, "batch view height width"], ground_truth: Float[Tensor, "batch view height width"]
) -> dict[str, float]:
    """Mean over every image of a batch that has valid pixels (training logs)."""
    return scene_depth_metrics(predicted.flatten(0, 1), ground_truth.flatten(0, 1))
