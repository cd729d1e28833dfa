"""Stop a training run that cannot make progress instead of letting it spin.

:class:`EmptyEpochGuard` ends the run after the first pass over the training data that gave no
batch at all (every scene skipped: wrong ``dataset.ori_image_shape``, a pose source the data does
not hold, ...). Data-loader workers cannot report their skip reasons back, so the guard reads the
first few scenes again in this process to name the reason and the setting that fixes it.
"""

from __future__ import annotations

import pytorch_lightning as pl

from splatbench.data.errors import NoUsableScenesError, skip_hint, skip_summary


class EmptyEpochGuard(pl.Callback):
    def __init__(self) -> None:
        self._batches = 0

    def on_train_epoch_start(self, trainer: pl.Trainer, pl_module: pl.LightningModule) -> None:
        self._batches = 0

    def on_train_batch_start(self, *args, **kwargs) -> None:
        self._batches += 1

    def on_train_epoch_end(self, trainer: pl.Trainer, pl_module: pl.LightningModule) -> None:
        if self._batches:
            return
        loader = trainer.train_dataloader
        dataset = getattr(loader, "dataset", None)
        skips = dataset.first_skips() if hasattr(dataset, "first_skips") else []
        if not skips:
            raise NoUsableScenesError("training: one pass over the training data gave no batch (no scene in dataset.roots)")
        reasons = {str(i): reason for i, (reason, _) in enumerate(skips)}
        raise NoUsableScenesError(
            f"training: one pass over the training data gave no batch, every scene was skipped "
            f"(first {len(skips)}: {skip_summary(reasons)}; e.g. {skips[0][1]}); fix: {skip_hint(reasons)}"
        )
