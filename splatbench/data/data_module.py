"""Lightning data module: train/val/test loaders over the chunk datasets.

* Train: the iterable dataset shards itself over ranks and workers (see dataset_chunked).
* Val: one example per validation run (``ValidationWrapper``), drawn from the test split.
* Test: batch order is the sorted scene order whatever the worker count; under DDP each rank
  gets a disjoint share and every scene is seen exactly once across ranks. Skipped scenes travel
  as markers and are dropped by :class:`SkippingDataLoader`.

The loader generators are seeded with the same seed on every rank (the reference adds the rank);
ranks differ through sharding, so a shared seed keeps the shared chunk order consistent.
``data_shim`` (e.g. the encoder's patch shim) is applied to each batch after it reaches the device.
"""

from __future__ import annotations

import logging
import random
from typing import Callable, Iterator

import numpy as np
import torch
from pytorch_lightning import LightningDataModule
from torch import nn
from torch.utils.data import DataLoader, Dataset, IterableDataset, default_collate

from splatbench.data.config import DataLoaderCfg, DataLoaderStageCfg, DatasetCfg
from splatbench.data.errors import SKIPPED_MARKER, SKIPPED_RECORDS
from splatbench.data.datasets import get_dataset
from splatbench.data.step_tracker import StepTracker
from splatbench.data.types import BatchedExample, Stage

logger = logging.getLogger(__name__)

DataShim = Callable[[BatchedExample], BatchedExample]


def get_data_shim(encoder: nn.Module) -> DataShim:
    """The encoder's batch shim (``encoder.get_data_shim()``) or the identity."""
    shim = encoder.get_data_shim() if hasattr(encoder, "get_data_shim") else None
    return shim if shim is not None else (lambda batch: batch)


def worker_init_fn(worker_id: int) -> None:
    seed = int(torch.utils.data.get_worker_info().seed) % (2**32 - 1)
    random.seed(seed)
    np.random.seed(seed)


def collate_dropping_skips(items: list[dict]) -> dict:
    """Collate examples; skip records travel beside them under ``SKIPPED_RECORDS`` (a batch of
    only skip records becomes one record with lists of ``scene``, ``reason`` and ``message``)."""
    kept = [item for item in items if SKIPPED_MARKER not in item]
    skipped = [item for item in items if SKIPPED_MARKER in item]
    if kept:
        batch = default_collate(kept)
        if skipped:
            batch[SKIPPED_RECORDS] = skipped
        return batch
    if not kept:
        return {
            SKIPPED_MARKER: True,
            "scene": [item["scene"] for item in items],
            "reason": [item.get("reason", "scene") for item in items],
            "message": [item.get("message", "") for item in items],
        }


class SkippingDataLoader(DataLoader):
    """A DataLoader whose iterator leaves out batches that consist only of skipped scenes."""

    def __iter__(self) -> Iterator:
        for batch in super().__iter__():
            if isinstance(batch, dict) and SKIPPED_MARKER in batch:
                continue
            yield batch


class ValidationWrapper(Dataset):
    """Map-style view of ``length`` examples drawn from an iterable dataset (restarting it when exhausted)."""

    def __init__(self, dataset: Dataset, length: int) -> None:
        super().__init__()
        self.dataset = dataset
        self.length = length
        self._iterator: Iterator | None = None

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index: int):
        if not isinstance(self.dataset, IterableDataset):
            return self.dataset[int(torch.randint(0, len(self.dataset), ()).item())]
        for _ in range(2):
            if self._iterator is None:
                self._iterator = iter(self.dataset)
            try:
                return next(self._iterator)
            except StopIteration:
                self._iterator = None
        raise RuntimeError("validation dataset yields no examples (every scene was skipped or there are none)")


class DataModule(LightningDataModule):
    def __init__(
        self,
        dataset_cfg: DatasetCfg,
        data_loader_cfg: DataLoaderCfg,
        step_tracker: StepTracker | None = None,
        global_rank: int = 0,
        data_shim: DataShim | None = None,
    ) -> None:
        super().__init__()
        self.dataset_cfg = dataset_cfg
        self.data_loader_cfg = data_loader_cfg
        self.step_tracker = step_tracker
        self.global_rank = global_rank
        self.data_shim = data_shim

    # ------------------------------------------------------------------ helpers

    def _rank_and_world(self) -> tuple[int, int]:
        trainer = getattr(self, "trainer", None)
        if trainer is not None:
            return int(trainer.global_rank), int(trainer.world_size)
        if torch.distributed.is_available() and torch.distributed.is_initialized():
            return torch.distributed.get_rank(), torch.distributed.get_world_size()
        return self.global_rank, 1

    @staticmethod
    def _persistent(loader_cfg: DataLoaderStageCfg) -> bool:
        return loader_cfg.num_workers > 0 and loader_cfg.persistent_workers

    @staticmethod
    def _generator(loader_cfg: DataLoaderStageCfg) -> torch.Generator | None:
        if loader_cfg.seed is None:
            return None
        return torch.Generator().manual_seed(loader_cfg.seed)

    def _dataset(self, stage: Stage, loader_cfg: DataLoaderStageCfg, dataset_cfg: DatasetCfg | None = None):
        rank, world = self._rank_and_world()
        return get_dataset(
            dataset_cfg or self.dataset_cfg,
            stage,
            self.step_tracker,
            global_rank=rank,
            world_size=world,
            batch_size=loader_cfg.batch_size,
        )

    # ------------------------------------------------------------------ loaders

    def train_dataloader(self) -> DataLoader:
        loader_cfg = self.data_loader_cfg.train
        return DataLoader(
            self._dataset("train", loader_cfg),
            loader_cfg.batch_size,
            num_workers=loader_cfg.num_workers,
            generator=self._generator(loader_cfg),
            worker_init_fn=worker_init_fn,
            persistent_workers=self._persistent(loader_cfg),
        )

    def val_dataloader(self) -> DataLoader:
        loader_cfg = self.data_loader_cfg.val
        return DataLoader(
            ValidationWrapper(self._dataset("val", loader_cfg), 1),
            loader_cfg.batch_size,
            num_workers=loader_cfg.num_workers,
            generator=self._generator(loader_cfg),
            worker_init_fn=worker_init_fn,
            persistent_workers=self._persistent(loader_cfg),
        )

    def test_dataloader(self, dataset_cfg: DatasetCfg | None = None) -> DataLoader:
        loader_cfg = self.data_loader_cfg.test
        return SkippingDataLoader(
            self._dataset("test", loader_cfg, dataset_cfg),
            loader_cfg.batch_size,
            num_workers=loader_cfg.num_workers,
            generator=self._generator(loader_cfg),
            worker_init_fn=worker_init_fn,
            persistent_workers=self._persistent(loader_cfg),
            collate_fn=collate_dropping_skips,
            shuffle=False,
        )

    def on_after_batch_transfer(self, batch, dataloader_idx: int):
        if self.data_shim is not None and isinstance(batch, dict) and "context" in batch:
            return self.data_shim(batch)
        return batch
