"""Choosing Lightning's distributed strategy; DDP that skips broadcasting frozen LPIPS buffers.

DistributedDataParallel broadcasts every buffer from rank 0 before each forward. The LPIPS-VGG
loss keeps 58 MB of constant weights as buffers, so they are put on DDP's ignore list.
"""

from __future__ import annotations

from typing import Any

import torch
from pytorch_lightning.strategies import DDPStrategy, Strategy
from torch import nn
from torch.nn.parallel import DistributedDataParallel

from splatbench.training.config import TrainerCfg


class FrozenBufferDDPStrategy(DDPStrategy):
    def _setup_model(self, model: nn.Module) -> DistributedDataParallel:
        from splatbench.evaluation.lpips_vgg import frozen_lpips_buffer_names

        names = frozen_lpips_buffer_names(model)
        if names:
            DistributedDataParallel._set_params_and_buffers_to_ignore_for_model(model, names)
        return super()._setup_model(model)


def _process_count(cfg: TrainerCfg) -> int:
    devices: Any = cfg.devices
    if isinstance(devices, str) and devices.lstrip("-").isdigit():
        devices = int(devices)
    if devices in ("auto", -1):
        wants_gpu = cfg.accelerator in ("auto", "gpu", "cuda")
        devices = torch.cuda.device_count() if wants_gpu and torch.cuda.is_available() else 1
    return int(devices) * cfg.num_nodes


def select_strategy(cfg: TrainerCfg) -> str | Strategy:
    """Our DDP for "ddp" (and for "auto" with more than one process, where Lightning would pick DDP)."""
    if cfg.strategy == "ddp" or (cfg.strategy == "auto" and _process_count(cfg) > 1):
        return FrozenBufferDDPStrategy()
    return cfg.strategy
