"""Depth losses against ground-truth depth where it exists.

* ``depth``: rendered target depth vs ``batch["target"]["depth"]`` (L1 on depth, optional
  gradient L1), for Gaussian-splatting training on data with depth.
* ``context_depth``: the encoder's own depth of each context view vs ``batch["context"]["depth"]``
  (L1 on inverse depth plus a multi-scale gradient-matching term on inverse depth), the
  supervision of DepthSplat's depth-only models (``model.encoder.train_depth_only=true``).

Pixels count where the ground truth is finite and > 0 (0 marks "unknown" in chunks).
"""

from __future__ import annotations

import logging

import torch
from jaxtyping import Bool, Float
from torch import Tensor

from splatbench.data.types import BatchedExample
from splatbench.loss.base import Loss, LossInputError, ScalePrediction, check_same_shape, zero_loss
from splatbench.loss.config import LossContextDepthCfg, LossDepthCfg

logger = logging.getLogger(__name__)


def valid_depth_mask(depth: Float[Tensor, "*shape"]) -> Bool[Tensor, "*shape"]:
    """Where a ground-truth depth is usable: finite and positive."""
    return torch.isfinite(depth) & (depth > 0)


def gradient_l1(
    prediction: Float[Tensor, "*batch height width"],
    target: Float[Tensor, "*batch height width"],
    valid: Bool[Tensor, "*batch height width"],
) -> Float[Tensor, ""] | None:
    """Mean |d prediction - d target| over horizontal and vertical neighbour pairs both valid
    (None if there is no such pair)."""
    errors = []
    for axis in (-1, -2):
        pairs = prediction.shape[axis] - 1
        if pairs <= 0:
            continue
        pair_valid = valid.narrow(axis, 1, pairs) & valid.narrow(axis, 0, pairs)
        d_prediction = prediction.diff(dim=axis)[pair_valid]
        d_target = target.diff(dim=axis)[pair_valid]
        errors.append((d_prediction - d_target).abs())
    errors = torch.cat(errors) if errors else prediction.new_zeros(0)
    return errors.mean() if errors.numel() > 0 else None


def multiscale_gradient_l1(
    prediction: Float[Tensor, "*batch height width"],
    target: Float[Tensor, "*batch height width"],
    valid: Bool[Tensor, "*batch height width"],
    num_scales: int,
) -> Float[Tensor, ""] | None:
    """Gradient matching: :func:`gradient_l1` on every ``2**s``-th pixel for s < ``num_scales``,
    averaged over the scales that have a valid pair."""
    terms = []
    for scale in range(num_scales):
        step = 2**scale
        term = gradient_l1(
            prediction[..., ::step, ::step], target[..., ::step, ::step], valid[..., ::step, ::step]
        )
        if term is not None:
            terms.append(term)
    return torch.stack(terms).mean() if terms else None


class _GroundTruthDepthLoss(Loss):
    """Shared handling of a missing ground truth: 0 (logged once), so data with and without
    depth can be mixed; a missing prediction is an error (the loss was configured)."""

    views: str  # "context" or "target"
    _warned_missing_ground_truth = False

    def _ground_truth(self, batch: BatchedExample) -> Tensor | None:
        target = batch[self.views].get("depth")
        if target is None and not self._warned_missing_ground_truth:
            logger.warning(
                "loss.%s: batch has no %s depth (scenes %s; dataset.load_depth_maps=true?); loss is 0",
                self.name, self.views, batch.get("scene"),
            )
            self._warned_missing_ground_truth = True
        return target


class LossDepth(_GroundTruthDepthLoss):
    """``weight * L1 + gradient_weight * gradient L1`` on rendered target depth."""

    name = "depth"
    cfg_type = LossDepthCfg
    views = "target"

    def compute(self, prediction: ScalePrediction, batch: BatchedExample) -> Float[Tensor, ""]:
        target = self._ground_truth(batch)
        if target is None:
            return zero_loss(prediction.color)
        if prediction.depth is None:
            raise LossInputError(
                f"loss.depth: configured, but no predicted target depth was passed (scenes {batch.get('scene')})"
            )
        predicted = prediction.depth
        check_same_shape(predicted, target, self.name, "target.depth", batch)
        valid = valid_depth_mask(target)
        if not valid.any():
            return zero_loss(predicted)
        loss = self.cfg.weight * (predicted[valid] - target[valid]).abs().mean()
        if self.cfg.gradient_weight > 0:
            gradient = gradient_l1(predicted, target, valid)
            if gradient is not None:
                loss = loss + self.cfg.gradient_weight * gradient
        return loss


class LossContextDepth(_GroundTruthDepthLoss):
    """``weight * L1(1/d) + gradient_weight * gradient matching(1/d)`` on the encoder's
    context-view depth; works with or without rendering (depth-only models)."""

    name = "context_depth"
    cfg_type = LossContextDepthCfg
    needs_render = False
    views = "context"

    def compute(self, prediction: ScalePrediction, batch: BatchedExample) -> Float[Tensor, ""]:
        predicted = prediction.context_depth
        if predicted is None:
            raise LossInputError(
                f"loss.context_depth: configured, but the encoder returned no depth (model.encoder.return_depth?) "
                f"(scenes {batch.get('scene')})"
            )
        target = self._ground_truth(batch)
        if target is None:
            return zero_loss(predicted)
        check_same_shape(predicted, target, self.name, "context.depth", batch)
        valid = valid_depth_mask(target) & torch.isfinite(predicted.detach()) & (predicted.detach() > 0)
        if not valid.any():
            return zero_loss(predicted)
        predicted_inverse = 1.0 / predicted.clamp_min(1e-6)
        target_inverse = torch.where(valid, 1.0 / torch.where(valid, target, torch.ones_like(target)), 0.0)
        loss = self.cfg.weight * (predicted_inverse[valid] - target_inverse[valid]).abs().mean()
        if self.cfg.gradient_weight > 0:
            gradient = multiscale_gradient_l1(predicted_inverse, target_inverse, valid, self.cfg.gradient_scales)
            if gradient is not None:
                loss = loss + self.cfg.gradient_weight * gradient
        return loss
