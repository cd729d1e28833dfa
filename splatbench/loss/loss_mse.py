"""Photometric loss: mean squared (or absolute) colour error on the target views."""

from __future__ import annotations

import logging

from jaxtyping import Float
from torch import Tensor

from splatbench.data.types import BatchedExample
from splatbench.loss.base import Loss, ScalePrediction, check_same_shape, zero_loss
from splatbench.loss.config import LossMseCfg

logger = logging.getLogger(__name__)


class LossMse(Loss):
    """``weight * mean(delta ** 2)`` over batch, views, channels and pixels (``|delta|`` with
    ``l1_loss``). With ``train_ignore_large_loss > 0`` every colour value whose squared error is
    at or above the threshold is left out of the mean, as in the reference."""

    name = "mse"
    cfg_type = LossMseCfg

    def compute(self, prediction: ScalePrediction, batch: BatchedExample) -> Float[Tensor, ""]:
        prediction_color = prediction.color
        target = batch["target"]["image"]
        check_same_shape(prediction_color, target, self.name, "target.image", batch)
        delta = prediction_color - target
        threshold = self.options.train_ignore_large_loss
        if threshold > 0:
            delta = delta[delta.detach() ** 2 < threshold]
            if delta.numel() == 0:
                # The reference would return NaN (mean of nothing); nothing to learn from here instead.
                logger.warning("loss.mse: every pixel exceeds train_ignore_large_loss=%g; loss set to 0", threshold)
                return zero_loss(prediction_color)
        error = delta.abs() if self.options.l1_loss else delta**2
        return self.cfg.weight * error.mean()
