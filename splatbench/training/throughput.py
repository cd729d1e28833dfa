"""Training throughput of a run: samples per second over all processes, measured without per-step syncs.

The clock starts at the end of step ``warmup_steps`` (at most half of the run's steps) (after CUDA kernels compiled, gsplat JIT-built and
the data loaders filled) and stops when training ends; the device is synchronised only at those two
moments, so the measurement adds nothing to the hot path. Samples are the batches each process really
trained on, summed over processes once at the end.

Each training invocation appends one record to ``<output_dir>/throughput.json`` (a resumed run adds its
own record instead of replacing the first one's), written atomically by global rank 0.

Per process it also records the host's time between the end of one step and the start of the next,
over the timed steps: getting the next batch from the loader, plus whatever else runs between steps
(checkpoint writes, validation, Lightning's bookkeeping). With validation and checkpoints out of the
timed window (as in scripts/gpu/ddp_scaling.py) it is the loader wait; under DDP every step waits for
the slowest rank, so a rank whose loader lags shows here.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import Any

import pytorch_lightning as pl
import torch

from splatbench.utils.io import atomic_write_text

logger = logging.getLogger(__name__)

THROUGHPUT_FILE = "throughput.json"


def _synchronize(module: pl.LightningModule) -> None:
    if module.device.type == "cuda":
        torch.cuda.synchronize(module.device)


def _batch_size(batch: Any) -> int:
    return int(batch["target"]["image"].shape[0])


class ThroughputMeter(pl.Callback):
    """Records samples/s of the steps after ``warmup_steps``; see the module docstring."""

    def __init__(self, output_dir: Path, warmup_steps: int = 10) -> None:
        self.output_dir = Path(output_dir)
        self.warmup_steps = warmup_steps
        self._start_step: int | None = None
        self._start_time = 0.0
        self._samples = 0
        self._initial_step = 0
        self._between_steps = 0.0
        self._last_step_end: float | None = None

    def on_train_batch_start(self, trainer: pl.Trainer, pl_module: pl.LightningModule, batch: Any, batch_idx: int) -> None:
        if self._start_step is not None and self._last_step_end is not None:
            self._between_steps += time.perf_counter() - self._last_step_end

    def on_train_batch_end(self, trainer: pl.Trainer, pl_module: pl.LightningModule, outputs: Any, batch: Any, batch_idx: int) -> None:
        if self._start_step is not None:
            self._samples += _batch_size(batch)
        # Warm-up counts from the step this invocation started at (a resumed run warms up again).
        if self._start_step is None and trainer.global_step >= self._initial_step + self.warmup_steps:
            _synchronize(pl_module)
            self._start_step = trainer.global_step
            self._start_time = time.perf_counter()
            self._samples = 0
            self._between_steps = 0.0
        self._last_step_end = time.perf_counter()

    def on_train_start(self, trainer: pl.Trainer, pl_module: pl.LightningModule) -> None:
        self._initial_step = trainer.global_step
        if trainer.max_steps > 0:  # a short run still times its second half
            self.warmup_steps = min(self.warmup_steps, (trainer.max_steps - trainer.global_step) // 2)
        self._start_step = None

    def on_train_end(self, trainer: pl.Trainer, pl_module: pl.LightningModule) -> None:
        if self._start_step is None:
            return
        _synchronize(pl_module)
        seconds = time.perf_counter() - self._start_time
        steps = trainer.global_step - self._start_step
        # A collective: every rank reaches on_train_end, and each counted its own batches.
        local = torch.tensor(float(self._samples), device=pl_module.device)
        samples = int(trainer.strategy.reduce(local, reduce_op="sum").item())
        between = trainer.strategy.all_gather(torch.tensor(self._between_steps, device=pl_module.device, dtype=torch.float64))
        if steps <= 0 or seconds <= 0 or not trainer.is_global_zero:
            return
        record = {
            "first_step": self._start_step,
            "last_step": trainer.global_step,
            "steps_timed": steps,
            "seconds": round(seconds, 4),
            "world_size": trainer.world_size,
            "num_nodes": trainer.num_nodes,
            "samples": samples,
            "batch_size_per_process": round(samples / (steps * trainer.world_size), 3),
            "samples_per_s": round(samples / seconds, 3),
            "step_ms": round(1000 * seconds / steps, 3),
            "between_steps_ms_per_rank": [round(1000 * float(v) / steps, 3) for v in between.reshape(-1).cpu()],
            "device": torch.cuda.get_device_name(pl_module.device) if pl_module.device.type == "cuda" else "cpu",
        }
        path = self.output_dir / THROUGHPUT_FILE
        records = json.loads(path.read_text()) if path.exists() else []
        records.append(record)
        atomic_write_text(path, json.dumps(records, indent=2) + "\n")
        logger.info(
            "throughput: %.2f samples/s (%d processes x batch %.1f, %d steps in %.1f s)",
            record["samples_per_s"], trainer.world_size, record["batch_size_per_process"], steps, seconds,
        )
