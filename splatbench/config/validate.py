"""Semantic checks that run at start-up, before any data is read.

Type and key errors are caught by the loader; this module checks values against each other and
against the file system (paths that must exist, near < far, positive sizes). Every failure is a
:class:`ConfigError` whose message is one line naming the key.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from splatbench.config.loader import ConfigError, to_dataclass
from splatbench.config.schema import LOSS_CFGS, RootCfg


def build_root_config(container: dict[str, Any]) -> RootCfg:
    """Typed RootCfg from a resolved Hydra container (the ``hydra`` key removed)."""
    container = {k: v for k, v in container.items() if k != "hydra"}
    losses = container.get("loss") or {}
    if not isinstance(losses, dict):
        raise ConfigError(f"loss: expected a mapping of loss name to settings, got {losses!r}")
    typed_losses = {}
    for name, settings in losses.items():
        if name not in LOSS_CFGS:
            raise ConfigError(f"loss.{name}: unknown loss (valid: {', '.join(LOSS_CFGS)})")
        typed_losses[name] = to_dataclass(LOSS_CFGS[name], settings or {}, f"loss.{name}")
    container = {**container, "loss": {}}
    root = to_dataclass(RootCfg, container)
    root.loss = typed_losses
    return root


def _check_positive(key: str, value: float | int, allow_zero: bool = False) -> None:
    if value < 0 or (value == 0 and not allow_zero):
        raise ConfigError(f"{key}: must be {'non-negative' if allow_zero else 'positive'}, got {value}")


def _check_file(key: str, path: str | None) -> None:
    if path is None:
        return
    if not Path(path).is_file():
        raise ConfigError(f"{key}: file not found: {path}")


def _check_dataset(cfg: RootCfg) -> None:
    dataset = cfg.dataset
    height, width = dataset.image_shape
    _check_positive("dataset.image_shape[0]", height)
    _check_positive("dataset.image_shape[1]", width)
    if dataset.near > 0 and dataset.far > 0 and dataset.near >= dataset.far:
        raise ConfigError(f"dataset.near: must be smaller than dataset.far ({dataset.near} >= {dataset.far})")
    for key in ("near", "far"):
        value = getattr(dataset, key)
        if value == 0 or (value < 0 and value != -1):
            raise ConfigError(f"dataset.{key}: must be positive or -1 (class default), got {value}")
    from splatbench.data.pose_sources import NEAR_FAR_SOURCES, POSE_SOURCES

    if dataset.pose_source not in POSE_SOURCES:
        raise ConfigError(f"dataset.pose_source: {dataset.pose_source!r} is not one of {', '.join(sorted(POSE_SOURCES))}")
    if dataset.near_far_source not in NEAR_FAR_SOURCES:
        raise ConfigError(f"dataset.near_far_source: {dataset.near_far_source!r} is not one of {', '.join(NEAR_FAR_SOURCES)}")
    _check_positive("dataset.test_chunk_interval", dataset.test_chunk_interval)
    _check_positive("dataset.train_times_per_scene", dataset.train_times_per_scene)
    _check_positive("dataset.test_times_per_scene", dataset.test_times_per_scene)
    _check_positive("dataset.max_fov", dataset.max_fov)
    sampler = dataset.view_sampler
    for name in ("num_context_views", "num_target_views"):
        if hasattr(sampler, name) and getattr(sampler, name) is not None:
            _check_positive(f"dataset.view_sampler.{name}", getattr(sampler, name))
    if getattr(sampler, "name", None) == "evaluation" and cfg.mode == "test":
        _check_evaluation_index("dataset.view_sampler.index_path", sampler.index_path)
        _check_run_names(cfg)
    for number, path in enumerate(cfg.test.split_index_paths if cfg.mode == "test" else []):
        _check_evaluation_index(f"test.split_index_paths[{number}]", path)
    if cfg.mode == "train" and cfg.train.eval_index_path is not None:
        _check_evaluation_index("train.eval_index_path", cfg.train.eval_index_path)


def _check_evaluation_index(key: str, path: str | None) -> None:
    """The index must exist and parse (every entry null or {context, target} frame lists)."""
    _check_file(key, path)
    if path is None:
        return
    from splatbench.data.errors import DataError
    from splatbench.data.evaluation_index import load_evaluation_index

    try:
        load_evaluation_index(path)
    except DataError as error:
        raise ConfigError(f"{key}: {error}") from None


def _check_run_names(cfg: RootCfg) -> None:
    """RealEstate10K-format runs of a repeated test scene are index entries SCENE_00, SCENE_01, ...
    (MVSplat's DTU index): an index without such names would leave nothing to evaluate."""
    dataset = cfg.dataset
    if dataset.name != "re10k" or dataset.test_times_per_scene == 1 or dataset.view_sampler.index_path is None:
        return
    from splatbench.data.dataset_re10k import RUN_SUFFIX
    from splatbench.data.evaluation_index import load_evaluation_index

    index_path = dataset.view_sampler.index_path
    if not any(RUN_SUFFIX.search(scene) for scene in load_evaluation_index(index_path)):
        raise ConfigError(
            f"dataset.test_times_per_scene: {dataset.test_times_per_scene} runs per scene need index entries "
            f"named SCENE_00, SCENE_01, ..., but {index_path} has none (use 1 with this index)"
        )


def _check_checkpoints(cfg: RootCfg) -> None:
    ckpt = cfg.checkpointing
    for key in ("pretrained_model", "pretrained_depth", "load"):
        _check_file(f"checkpointing.{key}", getattr(ckpt, key))
    if cfg.mode == "train":
        for key in ("pretrained_monodepth", "pretrained_mvdepth"):
            _check_file(f"checkpointing.{key}", getattr(ckpt, key))
    _check_positive("checkpointing.every_n_train_steps", ckpt.every_n_train_steps)


def _check_loader(cfg: RootCfg) -> None:
    for stage in ("train", "test", "val"):
        loader = getattr(cfg.data_loader, stage)
        _check_positive(f"data_loader.{stage}.batch_size", loader.batch_size)
        _check_positive(f"data_loader.{stage}.num_workers", loader.num_workers, allow_zero=True)


def _check_optimizer(cfg: RootCfg) -> None:
    _check_positive("optimizer.lr", cfg.optimizer.lr, allow_zero=True)
    _check_positive("optimizer.lr_monodepth", cfg.optimizer.lr_monodepth, allow_zero=True)
    _check_positive("optimizer.weight_decay", cfg.optimizer.weight_decay, allow_zero=True)
    if cfg.mode == "train" and cfg.trainer.max_steps == 0:
        raise ConfigError("trainer.max_steps: must be positive (or -1 for unlimited) to train")


def _check_train(cfg: RootCfg) -> None:
    _check_positive("train.throughput_warmup_steps", cfg.train.throughput_warmup_steps, allow_zero=True)


def _check_model(cfg: RootCfg) -> None:
    adapter = cfg.model.encoder.gaussian_adapter
    _check_positive("model.encoder.gaussian_adapter.gaussian_scale_max", adapter.gaussian_scale_max)
    if adapter.gaussian_scale_min > adapter.gaussian_scale_max:
        raise ConfigError(
            "model.encoder.gaussian_adapter.gaussian_scale_min: larger than gaussian_scale_max "
            f"({adapter.gaussian_scale_min} > {adapter.gaussian_scale_max})"
        )
    if not 0 <= adapter.sh_degree <= 4:
        raise ConfigError(f"model.encoder.gaussian_adapter.sh_degree: must be 0..4, got {adapter.sh_degree}")
    if cfg.model.encoder.name == "resplat":
        from splatbench.model.encoder.resplat.config import resplat_config_problems

        problems = resplat_config_problems(cfg.model.encoder)
        if problems:
            raise ConfigError(problems[0])


def _check_losses(cfg: RootCfg) -> None:
    """A depth-only model renders nothing, so a loss on rendered views cannot train it."""
    if cfg.mode != "train" or not getattr(cfg.model.encoder, "train_depth_only", False):
        return
    from splatbench.loss import LOSSES

    for name in cfg.loss:
        if LOSSES[name].needs_render:
            raise ConfigError(
                f"loss.{name}: needs rendered views, but model.encoder.train_depth_only=true renders none "
                "(use loss=[context_depth])"
            )
    if not cfg.loss:
        raise ConfigError("loss: empty; a depth-only model trains with loss=[context_depth]")


def _check_context_views(cfg: RootCfg) -> None:
    views = cfg.dataset.context_views_per_batch
    if views is None:
        return
    if len(views) != 2 or not 2 <= views[0] <= views[1]:
        raise ConfigError(f"dataset.context_views_per_batch: expected [min, max] with 2 <= min <= max, got {views}")


CHECKS: list[Callable[[RootCfg], None]] = [
    _check_losses,
    _check_context_views,
    _check_dataset,
    _check_loader,
    _check_optimizer,
    _check_train,
    _check_model,
    _check_checkpoints,
]


def validate(cfg: RootCfg) -> RootCfg:
    for check in CHECKS:
        check(cfg)
    return cfg
