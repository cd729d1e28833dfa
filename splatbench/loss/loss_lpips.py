"""Perceptual loss: LPIPS-VGG between rendered and ground-truth target views."""

from __future__ import annotations

import torch
from jaxtyping import Float
from torch import Tensor

from splatbench.data.types import BatchedExample
from splatbench.evaluation.lpips_vgg import LpipsVgg
from splatbench.loss.base import Loss, ScalePrediction, check_same_shape
from splatbench.loss.config import LossLpipsCfg, LossOptions


class LossLpips(Loss):
    """``weight * mean LPIPS`` over all target views, from ``apply_after_step`` on (0 before).

    The VGG network is frozen and held as non-persistent buffers, so it never enters the model's
    checkpoint or optimiser, yet gradients reach the predicted colours.
    """

    name = "lpips"
    cfg_type = LossLpipsCfg

    def __init__(self, cfg: LossLpipsCfg, options: LossOptions) -> None:
        super().__init__(cfg, options)
        self.network = LpipsVgg()

    def compute(self, prediction: ScalePrediction, batch: BatchedExample) -> Float[Tensor, ""]:
        prediction_color = prediction.color
        target = batch["target"]["image"]
        check_same_shape(prediction_color, target, self.name, "target.image", batch)
        device_type = prediction_color.device.type
        with torch.autocast(device_type, dtype=torch.bfloat16, enabled=self.cfg.precision == "bf16" and device_type == "cuda"):
            distances = self.network(prediction_color.flatten(0, 1), target.flatten(0, 1), normalize=True)
        return self.cfg.weight * distances.mean().to(prediction_color.dtype)
