"""View samplers: which frames of a scene become context and target views (registry by name)."""

from __future__ import annotations

from splatbench.data.config import ViewSamplerCfg
from splatbench.data.step_tracker import StepTracker
from splatbench.data.types import Stage
from splatbench.data.view_sampler.all import ViewSamplerAll
from splatbench.data.view_sampler.arbitrary import ViewSamplerArbitrary
from splatbench.data.view_sampler.base import ViewSampler
from splatbench.data.view_sampler.bounded import ViewSamplerBounded
from splatbench.data.view_sampler.bounded_v2 import ViewSamplerBoundedV2, farthest_point_sample
from splatbench.data.view_sampler.evaluation import ViewSamplerEvaluation

VIEW_SAMPLERS: dict[str, type[ViewSampler]] = {
    "all": ViewSamplerAll,
    "arbitrary": ViewSamplerArbitrary,
    "bounded": ViewSamplerBounded,
    "boundedv2": ViewSamplerBoundedV2,
    "evaluation": ViewSamplerEvaluation,
}


def get_view_sampler(
    cfg: ViewSamplerCfg,
    stage: Stage,
    overfit: bool,
    cameras_are_circular: bool,
    step_tracker: StepTracker | None,
) -> ViewSampler:
    return VIEW_SAMPLERS[cfg.name](cfg, stage, overfit, cameras_are_circular, step_tracker)


__all__ = [
    "VIEW_SAMPLERS",
    "ViewSampler",
    "ViewSamplerAll",
    "ViewSamplerArbitrary",
    "ViewSamplerBounded",
    "ViewSamplerBoundedV2",
    "ViewSamplerEvaluation",
    "farthest_point_sample",
    "get_view_sampler",
]
