"""A tqdm bar over the whole run's optimizer steps (with ETA), instead of Lightning's per-epoch bar.

Only global rank 0 draws it, so anything it reads from the GPU every step would slow rank 0 alone
and, under DDP, every rank with it: the loss is read on logging steps only."""

from __future__ import annotations

from typing import Any

import pytorch_lightning as pl
from tqdm.auto import tqdm


class StepProgressBar(pl.Callback):
    def __init__(self) -> None:
        self._bar: tqdm | None = None

    def on_train_start(self, trainer: pl.Trainer, pl_module: pl.LightningModule) -> None:
        if trainer.is_global_zero:
            total = trainer.max_steps if trainer.max_steps > 0 else None
            self._bar = tqdm(total=total, initial=trainer.global_step, desc="train", unit="step", dynamic_ncols=True)

    def on_train_batch_end(self, trainer: pl.Trainer, pl_module: pl.LightningModule, outputs: Any, batch: Any, batch_idx: int) -> None:
        if self._bar is None:
            return
        self._bar.n = trainer.global_step
        # Reading the loss waits for the GPU to finish the step (and Lightning's metric dict reads
        # every progress-bar value back), so the loss is shown only on the steps Lightning logs.
        if trainer.global_step % max(1, trainer.log_every_n_steps) == 0:
            loss = trainer.callback_metrics.get("loss/total")
            if loss is not None:
                self._bar.set_postfix(loss=f"{float(loss):.4f}", refresh=False)
        self._bar.refresh()

    def on_train_end(self, trainer: pl.Trainer, pl_module: pl.LightningModule) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def on_exception(self, trainer: pl.Trainer, pl_module: pl.LightningModule, exception: BaseException) -> None:
        self.on_train_end(trainer, pl_module)
