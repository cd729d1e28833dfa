"""The provenance every result file carries: protocol (id and settings), checkpoint sha256, pose
source, index file and its sha256, software versions and the device."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

from splatbench.evaluation.protocols import EvaluationProtocol, device_description, file_sha256, software_versions


@functools.lru_cache(maxsize=64)
def _cached_sha256(path: str, size: int, mtime_ns: int) -> str:
    return file_sha256(path)


def checkpoint_sha256(path: str | os.PathLike | None) -> str | None:
    """sha256 of a checkpoint file (cached per path, size and modification time); None without one."""
    if path is None:
        return None
    stat = Path(path).stat()
    return _cached_sha256(str(Path(path).resolve()), stat.st_size, stat.st_mtime_ns)


def run_record(
    protocol: EvaluationProtocol,
    checkpoint: str | os.PathLike | None,
    pose_source: str,
    index_path: str | os.PathLike | None,
    image_shape: tuple[int, int] | list[int] | None,
    **extra: Any,
) -> dict[str, Any]:
    return {
        "protocol": protocol.record(),
        "checkpoint": None if checkpoint is None else str(checkpoint),
        "checkpoint_sha256": checkpoint_sha256(checkpoint),
        "pose_source": pose_source,
        "index": None if index_path is None else str(index_path),
        "index_sha256": None if index_path is None else checkpoint_sha256(index_path),
        "image_shape": None if image_shape is None else list(image_shape),
        "software": software_versions(),
        "device": device_description(),
        **extra,
    }


def test_mode_record(cfg: Any, checkpoint: str | os.PathLike | None) -> dict[str, Any]:
    """The record of a ``splatbench test`` run (the reference metrics on the configured index)."""
    from splatbench.evaluation.protocols import REFERENCE_METRICS, with_dataset_options

    return run_record(
        with_dataset_options(REFERENCE_METRICS, cfg.dataset),
        checkpoint,
        getattr(cfg.dataset, "pose_source", "gt"),
        getattr(cfg.dataset.view_sampler, "index_path", None),
        getattr(cfg.dataset, "image_shape", None),
        num_context_views=getattr(cfg.dataset.view_sampler, "num_context_views", None),
        dataset_roots=[str(r) for r in getattr(cfg.dataset, "roots", [])],
    )
