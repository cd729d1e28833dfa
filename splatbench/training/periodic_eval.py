"""Full evaluation during training, as the reference: every ``train.eval_model_every_n_val``-th
validation, back up the weights and score the whole evaluation index on rank 0.

The reference hard-codes its index file; here it is ``train.eval_index_path`` (None: off).
Results go to ``<output_dir>/eval/step_{step:06d}.json`` and to the loggers as ``eval/*``.
Scoring is ``evaluation.evaluate()``, the same loop as test mode.
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import Any

import pytorch_lightning as pl
from torch.utils.data import DataLoader

from splatbench.training.config import TrainCfg
from splatbench.utils.io import atomic_write_json

logger = logging.getLogger(__name__)

BACKUP_DIRNAME = "checkpoints_backups"


def evaluation_dataset_cfg(dataset_cfg: Any, index_path: str) -> Any:
    """The training dataset settings with the evaluation sampler on ``index_path``."""
    from splatbench.data.config import ViewSamplerEvaluationCfg

    num_context = getattr(dataset_cfg.view_sampler, "num_context_views", 2)
    sampler = ViewSamplerEvaluationCfg(index_path=index_path, num_context_views=num_context)
    return dataclasses.replace(dataset_cfg, view_sampler=sampler)


class PeriodicFullEvaluation(pl.Callback):
    def __init__(self, train_cfg: TrainCfg, eval_dataset_cfg: Any, output_dir: str | Path) -> None:
        self.train_cfg = train_cfg
        self.eval_dataset_cfg = eval_dataset_cfg
        self.output_dir = Path(output_dir)
        self.validations = 0

    def on_validation_epoch_end(self, trainer: pl.Trainer, pl_module: pl.LightningModule) -> None:
        if trainer.sanity_checking or self.train_cfg.eval_model_every_n_val <= 0:
            return
        self.validations += 1
        if self.validations % self.train_cfg.eval_model_every_n_val != 0:
            return
        step = trainer.global_step
        if self.train_cfg.eval_save_model:
            # Collective: every rank calls it, rank 0 writes.
            path = self.output_dir / BACKUP_DIRNAME / f"epoch_{trainer.current_epoch}-step_{step}.ckpt"
            trainer.save_checkpoint(path, weights_only=True)
        if trainer.is_global_zero:
            scores = self.evaluate(pl_module)
            atomic_write_json(self.output_dir / "eval" / f"step_{step:06d}.json", {"step": step, **scores})
            for experiment_logger in trainer.loggers:
                experiment_logger.log_metrics({f"eval/{k}": v for k, v in scores.items()}, step=step)
            logger.info("full evaluation at step %d: %s", step, scores)

    def _loader(self) -> DataLoader:
        from splatbench.data.data_module import SkippingDataLoader, collate_dropping_skips
        from splatbench.data.datasets import get_dataset

        # The whole index on this one rank, whatever the number of processes.
        dataset = get_dataset(self.eval_dataset_cfg, "test", None, global_rank=0, world_size=1, batch_size=1)
        return SkippingDataLoader(dataset, 1, collate_fn=collate_dropping_skips, shuffle=False)

    def evaluate(self, module: Any) -> dict[str, float]:
        """Mean over scenes of per-scene PSNR/SSIM/LPIPS, plus encoder/decoder seconds per call."""
        from splatbench.evaluation.evaluate import EvaluationOptions, evaluate

        was_training = module.training
        module.eval()
        options = EvaluationOptions(
            timing_skip_batches=self.train_cfg.eval_time_skip_steps,
            max_batches=self.train_cfg.eval_data_length,
            progress=False,
        )
        try:
            report = evaluate(module.splat_model(), self._loader(), options=options)
        finally:
            module.train(was_training)
        scores = report.averages()
        scores.update({f"{tag}_seconds": mean for tag, (_, mean) in report.timing_summary().items()})
        scores["scenes"] = float(len(report.scenes))
        return scores
