"""Depth loss: L1 (plus optional gradient L1) against ground-truth target depth where it exists."""

from __future__ import annotations

import logging

import torch
from jaxtyping import Bool, Float
from torch import Tensor

from splatbench.data.types import BatchedExample
from splatbench.loss.base import Loss, LossInputError, check_same_shape, zero_loss
from splatbench.loss.config import LossDepthCfg

logger = logging.getLogger(__name__)


def _gradient_l1(
    prediction: Float[Tensor, "*batch height width"],
    target: Float[Tensor, "*batch height width"],
    valid: Bool[Tensor, "*batch height width"],
) -> Float[Tensor, ""] | None:
    """Mean |d prediction - d target| over horizontal and vertical neighbour pairs both valid."""
    errors = []
    for axis in (-1, -2):
        pairs = prediction.shape[axis] - 1
        pair_valid = valid.narrow(axis, 1, pairs) & valid.narrow(axis, 0, pairs)
        d_prediction = prediction.diff(dim=axis)[pair_valid]
        d_target = target.diff(dim=axis)[pair_valid]
        errors.append((d_prediction - d_target).abs())
    errors = torch.cat(errors)
    return errors.mean() if errors.numel() > 0 else None


class LossDepth(Loss):
    """``weight * L1 + gradient_weight * gradient L1`` on target depth, from ``apply_after_step``.

    Pixels count where the ground truth is finite and > 0. A batch without ``target.depth``
    contributes 0 (logged once), so datasets with and without depth can be mixed; a missing
    predicted depth is an error, because the loss was configured but the model gave no depth.
    """

    name = "depth"
    cfg_type = LossDepthCfg
    _warned_missing_ground_truth = False

    def compute(
        self,
        prediction_color: Float[Tensor, "batch view 3 height width"],
        batch: BatchedExample,
        prediction_depth: Float[Tensor, "batch view height width"] | None,
    ) -> Float[Tensor, ""]:
        target = batch["target"].get("depth")
        if target is None:
            if not self._warned_missing_ground_truth:
                logger.warning("loss.depth: batch has no target depth (scenes %s); loss is 0", batch.get("scene"))
                self._warned_missing_ground_truth = True
            return zero_loss(prediction_color)
        if prediction_depth is None:
            raise LossInputError(
                f"loss.depth: configured, but no predicted target depth was passed (scenes {batch.get('scene')})"
            )
        check_same_shape(prediction_depth, target, self.name, "depth", batch)
        valid = torch.isfinite(target) & (target > 0)
        if not valid.any():
            return zero_loss(prediction_depth)
        loss = self.cfg.weight * (prediction_depth[valid] - target[valid]).abs().mean()
        if self.cfg.gradient_weight > 0:
            gradient = _gradient_l1(prediction_depth, target, valid)
            if gradient is not None:
                loss = loss + self.cfg.gradient_weight * gradient
        return loss
