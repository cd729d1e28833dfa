"""The interface every training loss implements, and helpers shared by the losses."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, ClassVar

from jaxtyping import Float
from torch import Tensor, nn

from splatbench.data.types import BatchedExample
from splatbench.loss.config import LossOptions


class LossInputError(ValueError):
    """A loss received tensors that do not fit the batch (wrong shape, missing prediction)."""


class Loss(nn.Module, ABC):
    """A weighted scalar loss on the rendered target views of a batch.

    Subclasses set ``name`` (the key in the ``loss`` config) and ``cfg_type`` (its dataclass).
    """

    name: ClassVar[str]
    cfg_type: ClassVar[type]

    def __init__(self, cfg: Any, options: LossOptions) -> None:
        super().__init__()
        if not isinstance(cfg, self.cfg_type):
            raise TypeError(
                f"loss.{self.name}: expected {self.cfg_type.__name__} settings, got {type(cfg).__name__}"
            )
        self.cfg = cfg
        self.options = options

    def forward(
        self,
        prediction_color: Float[Tensor, "batch view 3 height width"],
        batch: BatchedExample,
        global_step: int,
        prediction_depth: Float[Tensor, "batch view height width"] | None = None,
    ) -> Float[Tensor, ""]:
        """The weighted loss; zero (not None) before the loss's ``apply_after_step``, if it has one."""
        if global_step < getattr(self.cfg, "apply_after_step", 0):
            return zero_loss(prediction_color)
        return self.compute(prediction_color, batch, prediction_depth)

    @abstractmethod
    def compute(self, prediction_color: Tensor, batch: BatchedExample, prediction_depth: Tensor | None) -> Tensor:
        """The weighted loss for a step where it applies (shapes as in :meth:`forward`)."""

    def extra_repr(self) -> str:
        return f"name={self.name}, cfg={self.cfg}"


def zero_loss(like: Tensor) -> Float[Tensor, ""]:
    return like.new_zeros(())


def check_same_shape(prediction: Tensor, target: Tensor, loss: str, field: str, batch: BatchedExample) -> None:
    if prediction.shape != target.shape:
        raise LossInputError(
            f"loss.{loss}: prediction shape {tuple(prediction.shape)} does not match "
            f"target.{field} shape {tuple(target.shape)} (scenes {batch.get('scene')})"
        )
