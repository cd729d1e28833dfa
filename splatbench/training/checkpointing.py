"""Lightning checkpoints: atomic writes, reference file names, finding the latest one to resume."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import Any, Callable

import pytorch_lightning as pl
from pytorch_lightning.callbacks import ModelCheckpoint
from pytorch_lightning.plugins.io import TorchCheckpointIO

from splatbench.training.config import CheckpointingCfg
from splatbench.utils.io import atomic_torch_save, safe_load_checkpoint

logger = logging.getLogger(__name__)

CHECKPOINT_DIRNAME = "checkpoints"
# Lightning fills "{epoch}-{step}" with this instead of "=", giving epoch_212-step_277951.ckpt.
CHECKPOINT_EQUALS_CHAR = "_"
# The reference monitors the logged global step so that "top k" keeps the k most recent.
GLOBAL_STEP_METRIC = "info/global_step"
_STEP_PATTERN = re.compile(r"step_(\d+)")


class AtomicCheckpointIO(TorchCheckpointIO):
    """Writes each checkpoint to a temporary file in the same folder, then ``os.replace``.

    A run killed mid-write leaves the previous checkpoints intact and no half-written ``.ckpt``.
    Loading uses ``torch.load(weights_only=True)``.
    """

    def save_checkpoint(self, checkpoint: dict[str, Any], path: str | os.PathLike, storage_options: Any = None) -> None:
        if storage_options is not None:
            raise TypeError(f"{type(self).__name__} does not take storage_options")
        atomic_torch_save(path, checkpoint)

    def load_checkpoint(
        self, path: str | os.PathLike, map_location: Callable | str | None = None, weights_only: bool | None = None
    ) -> dict[str, Any]:
        return safe_load_checkpoint(path, map_location="cpu")


def prune_checkpoints(checkpoint_dir: str | Path, keep: int) -> list[Path]:
    """Keep the ``keep`` checkpoints with the highest step among ``epoch_E-step_S.ckpt`` files
    (``keep < 0``: all); return the removed ones. Lightning's own top-k only knows the saves of
    the current process, so after resumes it would keep every resumed-from file."""
    if keep < 0:
        return []
    candidates = sorted(
        ((checkpoint_step(path), path.stat().st_mtime, path) for path in Path(checkpoint_dir).glob("*.ckpt")
         if not path.name.startswith(".") and checkpoint_step(path) is not None),
        reverse=True,
    )
    removed = [path for _, _, path in candidates[keep:]]
    for path in removed:
        path.unlink(missing_ok=True)
        logger.info("removed %s (checkpointing.save_top_k=%d)", path, keep)
    return removed


class TopKCheckpoint(ModelCheckpoint):
    """ModelCheckpoint that keeps exactly ``save_top_k`` checkpoints on disk, resumed runs included."""

    def _save_checkpoint(self, trainer: pl.Trainer, filepath: str) -> None:
        super()._save_checkpoint(trainer, filepath)
        if trainer.is_global_zero and self.dirpath is not None:
            prune_checkpoints(self.dirpath, self.save_top_k)


def make_checkpoint_callback(output_dir: str | Path, cfg: CheckpointingCfg) -> ModelCheckpoint:
    callback = TopKCheckpoint(
        dirpath=Path(output_dir) / CHECKPOINT_DIRNAME,
        every_n_train_steps=cfg.every_n_train_steps,
        save_top_k=cfg.save_top_k,
        monitor=GLOBAL_STEP_METRIC,
        mode="max",
        # Otherwise Lightning postpones a save that falls on an epoch's last batch until the next
        # validation, which with an integer val_check_interval may be far away (or never).
        save_on_train_epoch_end=True,
    )
    callback.CHECKPOINT_EQUALS_CHAR = CHECKPOINT_EQUALS_CHAR
    return callback


class FinalCheckpoint(pl.Callback):
    """Saves the state at the end of a completed fit when the periodic checkpoint missed that step
    (e.g. max_steps not a multiple of every_n_train_steps). A run stopped by an error saves nothing."""

    def __init__(self, periodic: ModelCheckpoint) -> None:
        self.periodic = periodic
        self._epoch_of_last_batch = 0

    def on_train_batch_end(self, trainer: pl.Trainer, *args: Any) -> None:
        # At on_train_end Lightning has already counted the interrupted epoch as finished.
        self._epoch_of_last_batch = trainer.current_epoch

    def on_train_end(self, trainer: pl.Trainer, pl_module: pl.LightningModule) -> None:
        if trainer.global_step == 0 or self.periodic.dirpath is None:
            return
        # With the global step as the monitored value, the periodic callback's "best" is its latest save.
        if self.periodic.best_model_path and checkpoint_step(self.periodic.best_model_path) == trainer.global_step:
            return
        metrics = {**trainer.callback_metrics, "epoch": self._epoch_of_last_batch, "step": trainer.global_step}
        trainer.save_checkpoint(self.periodic.format_checkpoint_name(metrics))
        if trainer.is_global_zero:
            prune_checkpoints(self.periodic.dirpath, self.periodic.save_top_k)


def check_checkpoint_fits(model: pl.LightningModule, path: str | Path) -> None:
    """Before Lightning restores ``path`` (``checkpointing.load`` or a resume): its state dict must
    fit ``model`` key for key, else one line naming the keys (and the preset it looks like) instead
    of torch's multi-line report."""
    from collections.abc import Mapping

    from splatbench.model.checkpoints import (
        CheckpointFormatError,
        CheckpointMismatchError,
        compare_state_dicts,
        preset_hint,
    )

    content = safe_load_checkpoint(path, map_location="cpu", mmap=True)  # keys and shapes only
    state = content.get("state_dict") if isinstance(content, Mapping) else None
    if not isinstance(state, Mapping):
        raise CheckpointFormatError(
            f"{path}: not a Lightning checkpoint (no 'state_dict'); a model-only file goes to checkpointing.pretrained_model"
        )
    comparison = compare_state_dicts(model.state_dict(), state)
    problems = comparison.problems(strict=True)
    if not problems:
        return
    encoder = {key[len("encoder."):]: value for key, value in state.items() if key.startswith("encoder.")}
    hint = preset_hint(encoder, comparison) if encoder else ""
    raise CheckpointMismatchError(f"{path}: does not fit this model: " + hint + "; ".join(problems))


def checkpoint_step(path: str | Path) -> int | None:
    """The step encoded in a name like ``epoch_3-step_1200.ckpt`` (None if there is none)."""
    match = _STEP_PATTERN.search(Path(path).name)
    return int(match.group(1)) if match else None


def find_latest_checkpoint(checkpoint_dir: str | Path) -> Path | None:
    """The ``*.ckpt`` in ``checkpoint_dir`` with the highest step, or None if there is none.

    Hidden files (our in-progress temporary writes) and names without a step are ignored.
    """
    checkpoint_dir = Path(checkpoint_dir)
    if not checkpoint_dir.is_dir():
        return None
    candidates = []
    for path in checkpoint_dir.glob("*.ckpt"):
        step = checkpoint_step(path)
        if path.name.startswith(".") or step is None:
            continue
        candidates.append((step, path.stat().st_mtime, path))
    if not candidates:
        return None
    return max(candidates)[2]


def resolve_checkpoint_path(output_dir: str | Path, cfg: CheckpointingCfg) -> Path | None:
    """The Lightning checkpoint to continue from: the latest one when resuming, else ``load``."""
    if cfg.resume:
        latest = find_latest_checkpoint(Path(output_dir) / CHECKPOINT_DIRNAME)
        if latest is None:
            logger.info("checkpointing.resume: no checkpoint in %s, starting fresh", Path(output_dir) / CHECKPOINT_DIRNAME)
        else:
            logger.info("resuming from %s", latest)
        return latest
    if cfg.load is None:
        return None
    if "://" in cfg.load:
        raise ValueError(f"checkpointing.load: {cfg.load!r} is not a local file (remote/wandb paths are not supported)")
    path = Path(cfg.load)
    if not path.is_file():
        raise FileNotFoundError(f"checkpointing.load: {path} does not exist")
    return path
