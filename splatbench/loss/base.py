"""The interface every training loss implements, and helpers shared by the losses.

A loss receives :class:`Predictions` (everything the model predicted for a batch, per supervision
scale) and the batch. Scale ``i`` of ``n`` (coarse to fine, the last one final) is weighted
``intermediate_loss_weight ** (n - 1 - i)`` by the base class, so intermediate depths and the
Gaussians built from them are supervised by every loss alike, without special cases in the
training step.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, ClassVar

from jaxtyping import Float
from torch import Tensor, nn

from splatbench.data.types import BatchedExample
from splatbench.loss.config import LossOptions


class LossInputError(ValueError):
    """A loss received tensors that do not fit the batch (wrong shape, missing prediction)."""


@dataclass
class ScalePrediction:
    """The model's output at one supervision scale (all at full image resolution).

    context_depth  Float[B, V_context, H, W]  the encoder's z-depth of each context view (None if it gives none)
    color          Float[B, V_target, 3, H, W] rendered target views (None for depth-only models)
    depth          Float[B, V_target, H, W]   rendered target depth (None when not rendered)
    """

    context_depth: Float[Tensor, "batch context_view height width"] | None = None
    color: Float[Tensor, "batch target_view 3 height width"] | None = None
    depth: Float[Tensor, "batch target_view height width"] | None = None


@dataclass
class Predictions:
    """Per-scale predictions, coarse to fine (the last is the final output), with loss weights."""

    scales: list[ScalePrediction]
    weights: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.scales:
            raise LossInputError("predictions: at least one scale is needed")
        if not self.weights:
            self.weights = [1.0] * len(self.scales)
        if len(self.weights) != len(self.scales):
            raise LossInputError(f"predictions: {len(self.weights)} weights for {len(self.scales)} scales")

    @classmethod
    def with_intermediate_weight(cls, scales: list[ScalePrediction], intermediate_weight: float) -> "Predictions":
        """Scale ``i`` of ``n`` weighted ``intermediate_weight ** (n - 1 - i)`` (final: 1)."""
        count = len(scales)
        return cls(scales, [intermediate_weight ** (count - 1 - i) for i in range(count)])

    @property
    def final(self) -> ScalePrediction:
        return self.scales[-1]


class Loss(nn.Module, ABC):
    """A weighted scalar loss on a batch's predictions.

    Subclasses set ``name`` (the key in the ``loss`` config), ``cfg_type`` (its dataclass) and
    ``needs_render`` (True if the loss reads rendered target views, which depth-only models lack).
    """

    name: ClassVar[str]
    cfg_type: ClassVar[type]
    needs_render: ClassVar[bool] = True

    def __init__(self, cfg: Any, options: LossOptions) -> None:
        super().__init__()
        if not isinstance(cfg, self.cfg_type):
            raise TypeError(
                f"loss.{self.name}: expected {self.cfg_type.__name__} settings, got {type(cfg).__name__}"
            )
        self.cfg = cfg
        self.options = options

    def forward(self, predictions: Predictions, batch: BatchedExample, global_step: int) -> Float[Tensor, ""]:
        """Weighted sum over scales; zero (not None) before the loss's ``apply_after_step``, if it has one."""
        total = None
        for weight, scale in zip(predictions.weights, predictions.scales):
            if self.needs_render and scale.color is None:
                raise LossInputError(
                    f"loss.{self.name}: needs rendered target views, but the model rendered none "
                    f"(a depth-only model, model.encoder.train_depth_only=true?) (scenes {batch.get('scene')})"
                )
            if global_step < getattr(self.cfg, "apply_after_step", 0):
                return zero_loss(_any_tensor(predictions))
            value = weight * self.compute(scale, batch)
            total = value if total is None else total + value
        return total

    @abstractmethod
    def compute(self, prediction: ScalePrediction, batch: BatchedExample) -> Float[Tensor, ""]:
        """The unweighted loss of one scale for a step where it applies."""

    def extra_repr(self) -> str:
        return f"name={self.name}, cfg={self.cfg}"


def _any_tensor(predictions: Predictions) -> Tensor:
    for scale in predictions.scales:
        for value in (scale.color, scale.depth, scale.context_depth):
            if value is not None:
                return value
    raise LossInputError("predictions: no tensor at any scale")


def zero_loss(like: Tensor) -> Float[Tensor, ""]:
    return like.new_zeros(())


def check_same_shape(prediction: Tensor, target: Tensor, loss: str, field: str, batch: BatchedExample) -> None:
    if prediction.shape != target.shape:
        raise LossInputError(
            f"loss.{loss}: prediction shape {tuple(prediction.shape)} does not match "
            f"{field} shape {tuple(target.shape)} (scenes {batch.get('scene')})"
        )
