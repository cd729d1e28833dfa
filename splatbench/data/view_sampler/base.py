"""The view-sampler interface: pick context and target frame indices for one scene."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Generic, TypeVar

import torch
from jaxtyping import Float, Int64
from torch import Tensor

from splatbench.data.step_tracker import StepTracker
from splatbench.data.types import Stage

ConfigT = TypeVar("ConfigT")


class ViewSampler(ABC, Generic[ConfigT]):
    """Raises ValueError from :meth:`sample` when a scene cannot be sampled (it is then skipped)."""

    def __init__(
        self,
        cfg: ConfigT,
        stage: Stage,
        is_overfitting: bool,
        cameras_are_circular: bool,
        step_tracker: StepTracker | None,
    ) -> None:
        self.cfg = cfg
        self.stage = stage
        self.is_overfitting = is_overfitting
        self.cameras_are_circular = cameras_are_circular
        self.step_tracker = step_tracker

    @abstractmethod
    def sample(
        self,
        scene: str,
        extrinsics: Float[Tensor, "view 4 4"],
        intrinsics: Float[Tensor, "view 3 3"],
        device: torch.device = torch.device("cpu"),
        **kwargs,
    ) -> tuple[Int64[Tensor, " context_view"], Int64[Tensor, " target_view"]]: ...

    @property
    def global_step(self) -> int:
        return 0 if self.step_tracker is None else self.step_tracker.get_step()

    @property
    def num_context_views(self) -> int:
        return getattr(self.cfg, "num_context_views", 0)

    @property
    def num_target_views(self) -> int:
        return getattr(self.cfg, "num_target_views", 0)


def linear_schedule(step: int, initial: int, final: int, steps: int) -> int:
    """The reference curriculum: ``min(initial + int((final - initial) * step / steps), final)``."""
    return min(initial + int((final - initial) * (step / steps)), final)
