"""Perceptual loss: LPIPS-VGG between rendered and ground-truth target views."""

from __future__ import annotations

import torch
from jaxtyping import Float
from torch import Tensor

from splatbench.data.types import BatchedExample
from splatbench.evaluation import lpips_distance
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
    # ``precision: bf16`` applies on CUDA; tests set this to run the same arithmetic on the CPU.
    bf16_on_cpu: bool = False

    def __init__(self, cfg: LossLpipsCfg, options: LossOptions) -> None:
        super().__init__(cfg, options)
        self.network = LpipsVgg()
        self._channels_last = False  # VGG weights converted to NHWC (on the first bf16 call)

    def _bf16(self, device_type: str) -> bool:
        return self.cfg.precision == "bf16" and (device_type == "cuda" or self.bf16_on_cpu)

    def compute(self, prediction: ScalePrediction, batch: BatchedExample) -> Float[Tensor, ""]:
        prediction_color = prediction.color
        target = batch["target"]["image"]
        check_same_shape(prediction_color, target, self.name, "target.image", batch)
        device_type = prediction_color.device.type
        images = (prediction_color.flatten(0, 1), target.flatten(0, 1))
        bf16 = self._bf16(device_type)
        if bf16:
            # bf16 convolutions run NHWC in cuDNN: with NCHW weights and images every one of the 13
            # convolutions (forward and backward) would transpose its input and output.
            if not self._channels_last:
                self.network.to(memory_format=torch.channels_last)
                self._channels_last = True
            images = tuple(image.contiguous(memory_format=torch.channels_last) for image in images)
        fused = bf16 and self.cfg.fused_distance and lpips_distance.usable(prediction_color)
        with torch.autocast(device_type, dtype=torch.bfloat16, enabled=bf16):
            distances = self.network(*images, normalize=True, fused=fused)
        return self.cfg.weight * distances.mean().to(prediction_color.dtype)
