"""Metric groups: the registry ``evaluate()`` asks for the numbers of one scene.

A group turns one scene's prediction into named per-scene values (mean over its target views).
``image`` (PSNR, SSIM, LPIPS) is the reference's; other groups (depth, ...) register here and
their values appear in every per-scene row, CSV and average without touching the evaluation loop.
Names must be unique across groups; a protocol lists the groups it scores.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from jaxtyping import Float
from torch import Tensor

if TYPE_CHECKING:
    from splatbench.evaluation.protocols import MetricSettings


@dataclass
class ScenePrediction:
    """One scene as the metric groups see it (batch axis removed).

    batch:      the scene's batch after the model's data shim (batch size 1): context, target, scene
    color:      Float[V_target, 3, H, W] rendered target views (None when nothing is rendered)
    ground_truth: Float[V_target, 3, H, W] target images
    encoded:    what the model's ``encode`` returned (``gaussians``, ``depths`` [1, V_context, H, W], ...)
    rendered_depth: Float[V_target, H, W] | None  depth rendered at the targets, when the model gives it
    """

    batch: dict
    color: Float[Tensor, "view 3 height width"] | None
    ground_truth: Float[Tensor, "view 3 height width"]
    encoded: dict[str, Any]
    rendered_depth: Float[Tensor, "view height width"] | None = None


@dataclass(frozen=True)
class MetricGroup:
    """``compute`` may return a subset of ``metrics`` (e.g. nothing without ground truth);
    ``needs_render=False`` groups are also scored when nothing is rendered (depth-only runs)."""

    name: str
    metrics: tuple[str, ...]
    compute: Callable[[ScenePrediction, "MetricSettings"], dict[str, float]]
    needs_render: bool = True


METRIC_GROUPS: dict[str, MetricGroup] = {}


def register_metric_group(group: MetricGroup) -> MetricGroup:
    taken = {name: other.name for other in METRIC_GROUPS.values() if other.name != group.name for name in other.metrics}
    clash = [name for name in group.metrics if name in taken]
    if clash:
        raise ValueError(f"metric group {group.name!r}: {clash} already belong to group {taken[clash[0]]!r}")
    METRIC_GROUPS[group.name] = group
    return group


def get_metric_group(name: str) -> MetricGroup:
    if name not in METRIC_GROUPS:
        raise ValueError(f"metric group {name!r} is not one of {', '.join(METRIC_GROUPS)}")
    return METRIC_GROUPS[name]


def ordered_metric_names(names: set[str] | list[str]) -> list[str]:
    """``names`` in registry order (groups in registration order), unknown names last, sorted."""
    wanted = set(names)
    known = [m for group in METRIC_GROUPS.values() for m in group.metrics if m in wanted]
    return known + sorted(wanted - set(known))


def _image_metrics(scene: ScenePrediction, settings: "MetricSettings") -> dict[str, float]:
    from splatbench.evaluation.metrics import compute_lpips, compute_psnr, compute_ssim

    ground_truth, color = scene.ground_truth, scene.color
    return {
        "psnr": float(compute_psnr(ground_truth, color).mean()),
        "ssim": float(
            compute_ssim(
                ground_truth,
                color,
                gaussian_weights=settings.ssim_gaussian_weights,
                win_size=settings.ssim_window,
                sample_covariance=settings.ssim_sample_covariance,
            ).mean()
        ),
        "lpips": float(compute_lpips(ground_truth, color, normalize=settings.lpips_normalize, net=settings.lpips_net).mean()),
    }


register_metric_group(MetricGroup("image", ("psnr", "ssim", "lpips"), _image_metrics))


def _depth_metrics(scene: ScenePrediction, settings: "MetricSettings") -> dict[str, float]:
    """AbsRel ... delta < 1.25^3 (and median-scaled) of the encoder's context-view depth against
    the context views' ground truth, when the data carries it (``dataset.load_depth_maps``)."""
    from splatbench.evaluation.depth_metrics import scene_depth_metrics

    ground_truth = scene.batch["context"].get("depth")
    predicted = scene.encoded.get("depths")
    if ground_truth is None or predicted is None:
        return {}
    return scene_depth_metrics(predicted[0], ground_truth[0])


def _register_depth_group() -> None:
    from splatbench.evaluation.depth_metrics import DEPTH_METRIC_NAMES

    register_metric_group(MetricGroup("depth", DEPTH_METRIC_NAMES, _depth_metrics, needs_render=False))


_register_depth_group()
