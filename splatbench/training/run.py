"""Entry points of the training/testing loop: ``run(cfg)`` dispatches to ``train`` or ``test``.

Total-sample invariant: the study compares runs at equal ``#GPUs x num_nodes x batch_size x
max_steps`` (the reference's 4 GPUs x 8 x 150k = 4.8M samples; 1 GPU x 1 x 4.8M for the
fine-tuning). ``steps_for_total_samples`` derives ``trainer.max_steps`` for a target sample count.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import os
from pathlib import Path
from typing import Any, Callable

import pytorch_lightning as pl
import torch
from torch.utils.data import DataLoader

from splatbench.data.data_module import DataModule

from splatbench.training.checkpointing import (
    AtomicCheckpointIO,
    CHECKPOINT_DIRNAME,
    FinalCheckpoint,
    check_checkpoint_fits,
    make_checkpoint_callback,
    resolve_checkpoint_path,
)
from splatbench.training.guards import EmptyEpochGuard
from splatbench.training.loggers import build_loggers
from splatbench.training.model_wrapper import ModelWrapper
from splatbench.training.optimizer import freeze_parameters
from splatbench.training.periodic_eval import PeriodicFullEvaluation, evaluation_dataset_cfg
from splatbench.training.progress import StepProgressBar
from splatbench.training.sigterm import install_agreed_sigterm
from splatbench.training.strategy import select_strategy
from splatbench.training.throughput import ThroughputMeter
from splatbench.evaluation.report import TestReport, format_metrics_table, summary_columns, summary_row
from splatbench.utils.io import atomic_write_json, atomic_write_text, remove_stale_temporaries

logger = logging.getLogger(__name__)


def steps_for_total_samples(total_samples: int, num_gpus: int, batch_size: int, num_nodes: int = 1) -> int:
    """Optimizer steps so that ``num_nodes * num_gpus * batch_size * steps >= total_samples``.

    ``steps_for_total_samples(4_800_000, 4, 8) == 150_000`` (the reference schedule) and
    ``steps_for_total_samples(4_800_000, 1, 1) == 4_800_000`` (the study's fine-tuning).
    """
    for name, value in (("total_samples", total_samples), ("num_gpus", num_gpus), ("batch_size", batch_size), ("num_nodes", num_nodes)):
        if value <= 0:
            raise ValueError(f"steps_for_total_samples: {name} must be positive, got {value}")
    return math.ceil(total_samples / (num_gpus * batch_size * num_nodes))


def _evaluation_scenes(cfg: Any) -> set[str] | None:
    """Scenes with a (non-null) entry in the evaluation index, if the test sampler has one."""
    index_path = getattr(cfg.dataset.view_sampler, "index_path", None)
    if index_path is None:
        return None
    from splatbench.data.evaluation_index import load_evaluation_index

    return {scene for scene, entry in load_evaluation_index(index_path).items() if entry is not None}


def check_scenes_evaluated(cfg: Any, report: TestReport | None) -> None:
    """A test run that evaluated no scene did nothing useful: raise with the reasons and the fix.
    ``report`` is None when the test loader held nothing (Lightning then runs no test epoch)."""
    if (report is not None and report.scenes) or not cfg.test.compute_scores or cfg.train.forward_depth_only:
        return
    from splatbench.data.errors import NoUsableScenesError, skip_hint, skip_summary

    index_path = getattr(cfg.dataset.view_sampler, "index_path", None)
    asked = f" of the scenes {index_path} asks for" if index_path else ""
    if report is None or not report.skipped:
        raise NoUsableScenesError(
            f"no scene was evaluated: none{asked} is in dataset.roots={list(cfg.dataset.roots)}; "
            "check dataset.roots and dataset.view_sampler.index_path"
        )
    raise NoUsableScenesError(
        f"no scene was evaluated: all {len(report.skipped)}{asked} were skipped "
        f"({skip_summary(report.skip_reasons)}; e.g. scene {report.skipped[0]}); fix: {skip_hint(report.skip_reasons)}"
    )


class CountingDataModule(DataModule):
    """The data module with a test loader that passes skipped-scene markers on, so that the model
    counts them (the data layer's own loader drops them silently)."""

    def test_dataloader(self, dataset_cfg: Any = None) -> DataLoader:
        loader = super().test_dataloader(dataset_cfg)
        return DataLoader(
            loader.dataset,
            loader.batch_size,
            num_workers=loader.num_workers,
            generator=loader.generator,
            worker_init_fn=loader.worker_init_fn,
            persistent_workers=loader.persistent_workers,
            collate_fn=loader.collate_fn,
        )


def _build_model(cfg: Any, step_tracker: Any | None, output_dir: Path) -> ModelWrapper:
    from splatbench.loss import LossOptions, get_losses
    from splatbench.model.decoder import get_decoder
    from splatbench.model.encoder import get_encoder

    encoder, data_shim = get_encoder(cfg.model.encoder)
    decoder = get_decoder(cfg.model.decoder, cfg.dataset.background_color)
    losses = get_losses(cfg.loss, LossOptions(cfg.train.l1_loss, cfg.train.train_ignore_large_loss))
    test_cfg = dataclasses.replace(cfg.test, output_path=str(output_dir / "metrics"))
    wrapper = ModelWrapper(
        cfg.optimizer,
        test_cfg,
        cfg.train,
        encoder,
        data_shim,
        decoder,
        losses,
        step_tracker,
        output_dir=output_dir,
        evaluation_scenes=_evaluation_scenes(cfg) if cfg.mode == "test" else None,
    )
    if cfg.mode == "train" and cfg.train.channels_last:
        # Weights loaded later are copied into these tensors, so the layout stays.
        encoder.to(memory_format=torch.channels_last)
    if cfg.dataset.load_depth_maps:
        from splatbench.evaluation.protocols import REFERENCE_METRICS_WITH_DEPTH

        # Ground-truth depth comes with the batches: score the encoder's depth too.
        wrapper.evaluation_protocol = REFERENCE_METRICS_WITH_DEPTH
    return wrapper


def _load_pretrained(model: ModelWrapper, cfg: Any) -> None:
    """The reference's order: train loads monodepth, mvdepth, full model, depth; test full model, depth."""
    ckpt = cfg.checkpointing
    kinds = ("monodepth", "mvdepth", "model", "depth") if cfg.mode == "train" else ("model", "depth")
    requested = [(kind, getattr(ckpt, f"pretrained_{kind}")) for kind in kinds]
    # MVSplat reads its own key for the UniMatch initialisation in train mode (DepthSplat declares
    # the same key but never reads it: checkpointing.pretrained_mvdepth there).
    from splatbench.model.encoder.mvsplat_config import EncoderMVSplatCfg

    unimatch = cfg.model.encoder.unimatch_weights_path if isinstance(cfg.model.encoder, EncoderMVSplatCfg) else None
    if cfg.mode == "train" and unimatch is not None and ckpt.pretrained_mvdepth is None:
        requested = [(kind, unimatch if kind == "mvdepth" else path) for kind, path in requested]
    requested = [(kind, path) for kind, path in requested if path is not None]
    if not requested:
        return
    from splatbench.model.checkpoints import load_pretrained_weights

    # As the reference: loading a monodepth file first also makes the full-model load non-strict.
    strict = not ckpt.no_strict_load and not (cfg.mode == "train" and ckpt.pretrained_monodepth is not None)
    for kind, path in requested:
        load_pretrained_weights(model, path, kind=kind, strict=strict)
        logger.info("loaded pretrained %s: %s", kind, path)


def _make_trainer(cfg: Any, output_dir: Path, callbacks: list[pl.Callback], loggers: list, progress_bar: bool) -> pl.Trainer:
    return pl.Trainer(
        max_epochs=-1,
        max_steps=cfg.trainer.max_steps,
        accelerator=cfg.trainer.accelerator,
        devices=cfg.trainer.devices,
        strategy=select_strategy(cfg.trainer),
        num_nodes=cfg.trainer.num_nodes,
        precision=cfg.trainer.precision,
        logger=loggers,
        callbacks=callbacks,
        val_check_interval=cfg.trainer.val_check_interval,
        # An integer interval counts training batches across epochs (Lightning otherwise requires
        # it to fit within one epoch); a float stays a fraction of each epoch, as the reference.
        check_val_every_n_epoch=None if isinstance(cfg.trainer.val_check_interval, int) else 1,
        gradient_clip_val=cfg.trainer.gradient_clip_val,
        num_sanity_val_steps=cfg.trainer.num_sanity_val_steps,
        log_every_n_steps=max(1, min(50, cfg.train.print_log_every_n_steps)),
        enable_progress_bar=progress_bar,
        plugins=[AtomicCheckpointIO()],
        default_root_dir=str(output_dir),
    )


def _config_dict(cfg: Any) -> dict:
    from splatbench.config.loader import to_dict

    return to_dict(cfg)


def _build_seeded_model(cfg: Any, trainer: pl.Trainer, step_tracker: Any | None, output_dir: Path) -> ModelWrapper:
    """Build the model from ``cfg.seed`` so every rank starts from the same weights (test mode does
    not broadcast them), then give each rank its own random stream (``seed + rank``, as the reference)."""
    torch.manual_seed(cfg.seed)
    model = _build_model(cfg, step_tracker, output_dir)
    torch.manual_seed(cfg.seed + trainer.global_rank)
    return model


def train(cfg: Any, extra_callbacks: list[pl.Callback] | None = None) -> ModelWrapper:
    """Fit the model; checkpoints go to ``<output_dir>/checkpoints`` (resume with checkpointing.resume).
    ``extra_callbacks`` join the run's own (e.g. a step timer)."""
    from splatbench.data.step_tracker import StepTracker

    output_dir = Path(cfg.output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    logger.info("saving outputs to %s", output_dir)
    periodic_checkpoint = make_checkpoint_callback(output_dir, cfg.checkpointing)
    callbacks: list[pl.Callback] = [
        periodic_checkpoint, FinalCheckpoint(periodic_checkpoint), StepProgressBar(),
        ThroughputMeter(output_dir, cfg.train.throughput_warmup_steps),
        EmptyEpochGuard(),
    ]
    callbacks += list(extra_callbacks or [])
    if cfg.train.eval_index_path is not None and cfg.train.eval_model_every_n_val > 0:
        eval_dataset = evaluation_dataset_cfg(cfg.dataset, cfg.train.eval_index_path)
        callbacks.append(PeriodicFullEvaluation(cfg.train, eval_dataset, output_dir))
    loggers = build_loggers(output_dir, cfg.wandb, cfg.mode, _config_dict(cfg))
    if any(type(l).__name__ == "WandbLogger" for l in loggers):
        callbacks.append(pl.callbacks.LearningRateMonitor("step", True))
    trainer = _make_trainer(cfg, output_dir, callbacks, loggers, progress_bar=False)
    if trainer.is_global_zero:
        for folder in (output_dir / CHECKPOINT_DIRNAME, output_dir / "metrics"):
            for path in remove_stale_temporaries(folder):
                logger.warning("removed %s, left by an interrupted write", path)
    checkpoint_path = resolve_checkpoint_path(output_dir, cfg.checkpointing)

    step_tracker = StepTracker()
    model = _build_seeded_model(cfg, trainer, step_tracker, output_dir)
    data_module = DataModule(cfg.dataset, cfg.data_loader, step_tracker, global_rank=trainer.global_rank)
    if checkpoint_path is None:
        # A resumed run restores every weight from its own checkpoint instead.
        _load_pretrained(model, cfg)
    else:
        check_checkpoint_fits(model, checkpoint_path)
    freeze_parameters(model, cfg.train.freeze)
    model.agreed_sigterm = install_agreed_sigterm(trainer)
    trainer.fit(model, datamodule=data_module, ckpt_path=checkpoint_path)
    return model


def _split_names(paths: list[str]) -> list[str]:
    """Short row names from index file names: the stems minus their common prefix ("high", ...)."""
    stems = [Path(p).stem for p in paths]
    if len(stems) < 2:
        return stems
    prefix = os.path.commonprefix(stems)
    names = [stem[len(prefix) :] or stem for stem in stems]
    return names if len(set(names)) == len(names) else stems


def _test_once(cfg: Any, output_dir: Path) -> TestReport | None:
    output_dir.mkdir(parents=True, exist_ok=True)
    trainer = _make_trainer(cfg, output_dir, [], build_loggers(output_dir, cfg.wandb, "test"), progress_bar=True)
    model = _build_seeded_model(cfg, trainer, None, output_dir)
    _load_pretrained(model, cfg)
    data_module = CountingDataModule(cfg.dataset, cfg.data_loader, None, global_rank=trainer.global_rank)
    checkpoint = resolve_checkpoint_path(output_dir, cfg.checkpointing)
    if checkpoint is not None:
        check_checkpoint_fits(model, checkpoint)
    trainer.test(model, datamodule=data_module, ckpt_path=checkpoint)
    if not trainer.is_global_zero:
        return None
    from splatbench.evaluation.records import test_mode_record

    weights = checkpoint or cfg.checkpointing.pretrained_model
    atomic_write_json(output_dir / "metrics" / "run_record.json", test_mode_record(cfg, weights))
    check_scenes_evaluated(cfg, model.last_test_report)
    return model.last_test_report


def _log_table(title: str, table: str) -> None:
    logger.info("%s\n%s", title, table)


def test(cfg: Any) -> dict[str, TestReport]:
    """Evaluate; returns ``{split name: report}`` on rank 0 (``{"": report}`` without splits).

    With ``test.split_index_paths`` each index is evaluated into ``<output_dir>/<split>/`` and one
    table with a row per split goes to ``<output_dir>/metrics/splits.{csv,md}``.
    """
    output_dir = Path(cfg.output_dir)
    paths = list(cfg.test.split_index_paths)
    if not paths:
        report = _test_once(cfg, output_dir)
        if report is None:
            return {}
        table = format_metrics_table([summary_row(report)], summary_columns([report]))
        _log_table(f"test results ({output_dir / 'metrics'})", table)
        return {"": report}

    if getattr(cfg.dataset.view_sampler, "name", None) != "evaluation":
        raise ValueError("test.split_index_paths: needs dataset/view_sampler=evaluation")
    reports: dict[str, TestReport] = {}
    for name, path in zip(_split_names(paths), paths):
        sampler = dataclasses.replace(cfg.dataset.view_sampler, index_path=path)
        split_cfg = dataclasses.replace(cfg, dataset=dataclasses.replace(cfg.dataset, view_sampler=sampler))
        logger.info("evaluating split %s (%s)", name, path)
        report = _test_once(split_cfg, output_dir / name)
        if report is not None:
            reports[name] = report
    if reports:
        rows = [{"split": name, **summary_row(report)} for name, report in reports.items()]
        columns = ["split", *summary_columns(list(reports.values()))]
        table = format_metrics_table(rows, columns)
        csv_lines = [",".join(columns)] + [",".join(str(row.get(c, "")) for c in columns) for row in rows]
        atomic_write_text(output_dir / "metrics" / "splits.csv", "\n".join(csv_lines) + "\n")
        atomic_write_text(output_dir / "metrics" / "splits.md", table + "\n")
        _log_table(f"test results per split ({output_dir / 'metrics' / 'splits.md'})", table)
    return reports


MODES: dict[str, Callable[[Any], Any]] = {"train": train, "test": test}


# float32 matmuls of training and testing on TF32 tensor cores (convolutions: cuDNN's default, TF32 too).
TRAINING_MATMUL_PRECISION = "high"


def run(cfg: Any) -> Any:
    """Run ``cfg.mode`` (train or test) with a validated RootCfg."""
    torch.set_float32_matmul_precision(TRAINING_MATMUL_PRECISION)
    if cfg.mode not in MODES:
        raise ValueError(f"mode: {cfg.mode!r} is not one of {', '.join(MODES)}")
    return MODES[cfg.mode](cfg)
