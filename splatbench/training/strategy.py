"""Choosing Lightning's distributed strategy, and the DistributedDataParallel settings we train with.

DDP, left to its defaults, broadcasts every buffer from rank 0 at the start of each forward (a
collective that also lines the ranks up before any work) and copies every gradient into its
all-reduce buckets and back. Here:

* the LPIPS-VGG loss's 58 MB of constant weights (buffers) are on DDP's ignore list;
* buffers are broadcast only when some module keeps running statistics (BatchNorm-like layers,
  whose buffers change in training); DepthSplat's remaining buffers are constants (image mean/std,
  an SH mask, the background colour), identical on every rank by construction;
* gradients are views into the all-reduce buckets (``gradient_as_bucket_view``): no copy in and out.
"""

from __future__ import annotations

import inspect
from typing import Any

import torch
from pytorch_lightning.strategies import DDPStrategy, Strategy
from torch import nn
from torch.nn.parallel import DistributedDataParallel

from splatbench.training.config import TrainerCfg


# torch 2.13 renamed the per-forward buffer broadcast switch (buffers are still synced once at
# construction either way); older releases only know broadcast_buffers.
FORWARD_SYNC_KEYWORD = (
    "forward_sync_buffers" if "forward_sync_buffers" in inspect.signature(DistributedDataParallel.__init__).parameters
    else "broadcast_buffers"
)


def keeps_running_statistics(model: nn.Module) -> bool:
    """True when a normalisation layer of ``model`` updates running statistics (buffers) in training."""
    return any(
        isinstance(module, nn.modules.batchnorm._NormBase) and module.track_running_stats
        for module in model.modules()
    )


class FrozenBufferDDPStrategy(DDPStrategy):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("gradient_as_bucket_view", True)
        super().__init__(**kwargs)

    def _setup_model(self, model: nn.Module) -> DistributedDataParallel:
        from splatbench.evaluation.lpips_vgg import frozen_lpips_buffer_names

        names = frozen_lpips_buffer_names(model)
        if names:
            DistributedDataParallel._set_params_and_buffers_to_ignore_for_model(model, names)
        if not {"broadcast_buffers", FORWARD_SYNC_KEYWORD} & set(self._ddp_kwargs):
            self._ddp_kwargs[FORWARD_SYNC_KEYWORD] = keeps_running_statistics(model)
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
