"""Training throughput of a run: samples per second over all processes, measured without per-step syncs.

The clock starts at the end of step ``warmup_steps`` (at most half of the run's steps; after CUDA
kernels compiled, gsplat JIT-built and the data loaders filled) and stops at the end of the last
training step, before the final checkpoint is written; the device is synchronised only at those two
moments, so the measurement adds nothing to the hot path. Samples are the batches each process
really trained on, summed over processes once at the end.

Each training invocation appends one record to ``<output_dir>/throughput.json`` (a resumed run adds its
own record instead of replacing the first one's), written atomically by global rank 0.

Per process and per timed step it also records, so that stragglers show:

* ``step``: host wall time from the end of one step to the end of the next. The training step reads
  one flag back from the GPU before the optimizer update, so the host keeps pace with the device and
  this is the step's real duration; under DDP it is the same on every rank (each step runs at the
  pace of the slowest rank).
* ``loader_wait``: host time between the end of one step and the start of the next: getting the next
  batch from the loader plus whatever else runs between steps (with validation and checkpoints out of
  the timed window, as in scripts/gpu/ddp_scaling.py, it is the loader wait).
* ``forward_gpu`` (CUDA only): device time from the step's start to the loss (CUDA events, read once
  at the end). It involves no collective, so it is each rank's own work; ``forward_straggler_ms`` is
  the mean over steps of the slowest rank's forward minus the ranks' mean, the part of each step that
  one rank spends waiting for another in that phase.

Each is summarised per rank as median, p90 and max (``step_time_summary``).
"""

from __future__ import annotations

import json
import logging
import math
import time
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import pytorch_lightning as pl
import torch
from torch import Tensor

from splatbench.utils.io import atomic_write_text

logger = logging.getLogger(__name__)

THROUGHPUT_FILE = "throughput.json"
SERIES = ("step", "loader_wait", "forward_gpu")


def _synchronize(module: pl.LightningModule) -> None:
    if module.device.type == "cuda":
        torch.cuda.synchronize(module.device)


def _batch_size(batch: Any) -> int:
    return int(batch["target"]["image"].shape[0])


def step_time_summary(values: Sequence[float]) -> dict[str, float] | None:
    """``{"median", "p90", "max"}`` of per-step milliseconds (None without values)."""
    finite = [float(v) for v in values if math.isfinite(float(v))]
    if not finite:
        return None
    median, p90, most = np.percentile(finite, [50, 90, 100])
    return {"median": round(float(median), 3), "p90": round(float(p90), 3), "max": round(float(most), 3)}


def straggler_ms(per_rank: Sequence[Sequence[float]]) -> float | None:
    """Mean over steps of (slowest rank - mean over ranks); ``per_rank[r][s]`` in ms.

    With one rank it is 0; under DDP it is the time per step that ranks spend waiting for the
    slowest one in this phase (the same scene mix on every rank would make it 0)."""
    if not per_rank or not per_rank[0]:
        return None
    columns = list(zip(*per_rank))
    if any(not math.isfinite(float(v)) for column in columns for v in column):
        return None
    return round(sum(max(c) - sum(c) / len(c) for c in columns) / len(columns), 3)


class ThroughputMeter(pl.Callback):
    """Records samples/s of the steps after ``warmup_steps``; see the module docstring."""

    def __init__(self, output_dir: Path, warmup_steps: int = 10) -> None:
        self.output_dir = Path(output_dir)
        self.warmup_steps = warmup_steps
        self._start_step: int | None = None
        self._stop_step: int | None = None
        self._start_time = 0.0
        self._stop_time = 0.0
        self._samples = 0
        self._initial_step = 0
        self._last_step_end: float | None = None
        self._step_seconds: list[float] = []
        self._wait_seconds: list[float] = []
        self._events: list[tuple[Any, Any]] = []
        self._pending_start_event: Any = None

    def _timing(self) -> bool:
        return self._start_step is not None and self._stop_step is None

    def on_train_start(self, trainer: pl.Trainer, pl_module: pl.LightningModule) -> None:
        self._initial_step = trainer.global_step
        if trainer.max_steps > 0:  # a short run still times its second half
            self.warmup_steps = min(self.warmup_steps, (trainer.max_steps - trainer.global_step) // 2)
        self._start_step = self._stop_step = None
        self._step_seconds, self._wait_seconds, self._events = [], [], []
        self._pending_start_event = None

    def on_train_batch_start(self, trainer: pl.Trainer, pl_module: pl.LightningModule, batch: Any, batch_idx: int) -> None:
        if not self._timing() or self._last_step_end is None:
            return
        self._wait_seconds.append(time.perf_counter() - self._last_step_end)
        if pl_module.device.type == "cuda":
            self._pending_start_event = torch.cuda.Event(enable_timing=True)
            self._pending_start_event.record()

    def on_before_backward(self, trainer: pl.Trainer, pl_module: pl.LightningModule, loss: Tensor) -> None:
        if self._pending_start_event is not None:
            end = torch.cuda.Event(enable_timing=True)
            end.record()
            self._events.append((self._pending_start_event, end))
            self._pending_start_event = None

    def on_train_batch_end(self, trainer: pl.Trainer, pl_module: pl.LightningModule, outputs: Any, batch: Any, batch_idx: int) -> None:
        if self._timing():
            self._samples += _batch_size(batch)
            now = time.perf_counter()
            if 0 < trainer.max_steps <= trainer.global_step:
                # The last step: stop here, before the final checkpoint is written.
                _synchronize(pl_module)
                now = self._stop_time = time.perf_counter()
                self._stop_step = trainer.global_step
            self._step_seconds.append(now - self._last_step_end)
        # Warm-up counts from the step this invocation started at (a resumed run warms up again).
        elif self._start_step is None and trainer.global_step >= self._initial_step + self.warmup_steps:
            _synchronize(pl_module)
            self._start_step = trainer.global_step
            self._start_time = time.perf_counter()
            self._samples = 0
        self._last_step_end = time.perf_counter()

    def _per_step_ms(self, steps: int) -> Tensor:
        """``[steps, len(SERIES)]`` of this rank's milliseconds (NaN where not measured)."""
        table = torch.full((steps, len(SERIES)), float("nan"), dtype=torch.float64)
        for column, values in enumerate((self._step_seconds, self._wait_seconds)):
            for row, seconds in enumerate(values[:steps]):
                table[row, column] = 1000 * seconds
        for row, (start, end) in enumerate(self._events[:steps]):
            table[row, 2] = start.elapsed_time(end)
        return table

    def on_train_end(self, trainer: pl.Trainer, pl_module: pl.LightningModule) -> None:
        if self._start_step is None:
            return
        _synchronize(pl_module)
        if self._stop_step is None:  # stopped before max_steps (e.g. a time limit)
            self._stop_time, self._stop_step = time.perf_counter(), trainer.global_step
        seconds = self._stop_time - self._start_time
        steps = self._stop_step - self._start_step
        if steps <= 0 or seconds <= 0:  # the same on every rank: all skip the collectives below
            return
        # Collectives: every rank reaches on_train_end with the same step count, and each counted
        # its own batches and timed its own steps.
        local = torch.tensor(float(self._samples), device=pl_module.device)
        samples = int(trainer.strategy.reduce(local, reduce_op="sum").item())
        gathered = trainer.strategy.all_gather(self._per_step_ms(steps).to(pl_module.device))
        if not trainer.is_global_zero:
            return
        per_rank = gathered.reshape(-1, steps, len(SERIES)).cpu()
        series = {name: per_rank[:, :, i].tolist() for i, name in enumerate(SERIES)}
        has_gpu_times = pl_module.device.type == "cuda"
        record = {
            "first_step": self._start_step,
            "last_step": self._stop_step,
            "steps_timed": steps,
            "seconds": round(seconds, 4),
            "world_size": trainer.world_size,
            "num_nodes": trainer.num_nodes,
            "samples": samples,
            "batch_size_per_process": round(samples / (steps * trainer.world_size), 3),
            "samples_per_s": round(samples / seconds, 3),
            "step_ms": round(1000 * seconds / steps, 3),
            # mean loader wait per step, per rank (kept for older readers of this file)
            "between_steps_ms_per_rank": [round(sum(waits) / steps, 3) for waits in series["loader_wait"]],
            "step_ms_per_rank": [step_time_summary(v) for v in series["step"]],
            "loader_wait_ms_per_rank": [step_time_summary(v) for v in series["loader_wait"]],
            "forward_gpu_ms_per_rank": [step_time_summary(v) for v in series["forward_gpu"]] if has_gpu_times else None,
            "forward_straggler_ms": straggler_ms(series["forward_gpu"]) if has_gpu_times else None,
            "device": torch.cuda.get_device_name(pl_module.device) if has_gpu_times else "cpu",
        }
        path = append_record(self.output_dir / THROUGHPUT_FILE, record)
        logger.info(
            "throughput: %.2f samples/s (%d processes x batch %.1f, %d steps in %.1f s)",
            record["samples_per_s"], trainer.world_size, record["batch_size_per_process"], steps, seconds,
        )


def append_record(path: Path, record: dict) -> Path:
    """Append ``record`` to the JSON list at ``path``; returns the file written. An existing file
    that is not such a list (damaged, or someone else's) is left as it is, with a warning, and the
    record goes to a sibling file named after its steps, so a finished run never fails here."""
    records: list = []
    if path.exists():
        try:
            records = json.loads(path.read_text())
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            records = error  # type: ignore[assignment]
        if not isinstance(records, list):
            sibling = path.with_name(f"{path.stem}_steps_{record['first_step']}-{record['last_step']}{path.suffix}")
            logger.warning("%s is not a JSON list of throughput records (%s); left as it is, this run's record goes to %s",
                           path, records if isinstance(records, Exception) else type(records).__name__, sibling)
            path, records = sibling, []
    records.append(record)
    atomic_write_text(path, json.dumps(records, indent=2) + "\n")
    return path


def scaling_diagnosis(alone: float, ddp: float, pair: Sequence[float], tolerance: float = 0.03) -> dict[str, Any]:
    """Where a DDP run's samples/s go, from three measurements at the same per-GPU batch:

    ``alone``: one 1-GPU training with the machine to itself; ``ddp``: the DDP run on ``len(pair)``
    GPUs; ``pair``: ``len(pair)`` independent 1-GPU trainings run at the same time, one per GPU (the
    same load on the host and the GPUs as the DDP run, without its synchronisation).

    ``efficiency = ddp / (n * alone)`` factors exactly into ``contention = sum(pair) / (n * alone)``
    (what sharing the host costs) times ``synchronisation = ddp / sum(pair)`` (what the ranks waiting
    for each other and the collectives cost). A factor below ``1 - tolerance`` is named as a cause.
    """
    if alone <= 0 or ddp <= 0 or not pair or any(rate <= 0 for rate in pair):
        raise ValueError(f"scaling_diagnosis: rates must be positive (alone={alone}, ddp={ddp}, pair={list(pair)})")
    gpus = len(pair)
    contention = sum(pair) / (gpus * alone)
    synchronisation = ddp / sum(pair)
    causes = [name for name, factor in (("host/resource contention", contention), ("DDP synchronisation", synchronisation))
              if factor < 1 - tolerance]
    return {
        "scaling_efficiency": round(ddp / (gpus * alone), 4),
        "contention_factor": round(contention, 4),
        "synchronisation_factor": round(synchronisation, 4),
        "slowest_independent_vs_alone": round(min(pair) / alone, 4),
        "causes": causes or ["none above tolerance"],
    }
