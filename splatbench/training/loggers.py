"""Experiment loggers: CSV always, TensorBoard when installed, wandb only when asked for.

Nothing here deletes anything (the reference's LocalLogger ran ``rm -r outputs/local``).
"""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path
from typing import Any

from pytorch_lightning.loggers import CSVLogger, Logger

from splatbench.training.config import WandbCfg

logger = logging.getLogger(__name__)


def _installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def build_loggers(output_dir: str | Path, wandb_cfg: WandbCfg, mode: str, config: dict[str, Any] | None = None) -> list[Logger]:
    output_dir = Path(output_dir)
    loggers: list[Logger] = [CSVLogger(save_dir=output_dir, name="logs")]
    if _installed("tensorboard") or _installed("tensorboardX"):
        from pytorch_lightning.loggers import TensorBoardLogger

        loggers.append(TensorBoardLogger(save_dir=output_dir, name="tensorboard"))
    if mode == "train" and wandb_cfg.mode != "disabled":
        if not _installed("wandb"):
            logger.warning("wandb.mode=%s but the wandb package is not installed; logging to CSV only", wandb_cfg.mode)
        else:
            from pytorch_lightning.loggers import WandbLogger

            extra: dict[str, Any] = {}
            if wandb_cfg.id is not None:
                extra = {"id": wandb_cfg.id, "resume": "must"}
            loggers.append(
                WandbLogger(
                    entity=wandb_cfg.entity,
                    project=wandb_cfg.project,
                    mode=wandb_cfg.mode,
                    # The reference names runs after the output folder.
                    name=output_dir.name,
                    tags=wandb_cfg.tags,
                    log_model=False,
                    save_dir=str(output_dir),
                    config=config,
                    **extra,
                )
            )
    return loggers
