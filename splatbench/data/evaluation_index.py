"""Evaluation indices: reading ``{scene: {"context": [...], "target": [...]} | null}`` and generating them.

Generation (for converted datasets, fixed seed): for a scene of N frames, the context pair is
``(left, left + gap)`` with ``gap = min(context_gap, N - 1)`` and ``left`` drawn uniformly from
``[0, N - 1 - gap]``; ``num_targets`` distinct targets are drawn uniformly from the frames strictly
between the two contexts (all of them if fewer), sorted. Scenes with fewer than
``min_frames`` frames (default 3: two contexts and one in-between target) get ``null``.
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import dataclass
from pathlib import Path

from splatbench.data.errors import DataError
from splatbench.errors import short_reason
from splatbench.utils.io import atomic_write_json


@dataclass(frozen=True)
class IndexEntry:
    context: tuple[int, ...]
    target: tuple[int, ...]


def _parse_entry(path: Path, scene: str, value) -> IndexEntry | None:
    if value is None:
        return None
    if not isinstance(value, dict) or "context" not in value or "target" not in value:
        raise DataError(str(path), scene, "context/target", "entry must be null or {context: [...], target: [...]}")
    for name in ("context", "target"):
        frames = value[name]
        if not isinstance(frames, list):
            raise DataError(str(path), scene, name, f"must be a list of non-negative frame indices, got a {_json_type(frames)}")
        for position, frame in enumerate(frames):
            if not isinstance(frame, int) or isinstance(frame, bool) or frame < 0:
                shown = frame if isinstance(frame, int) and not isinstance(frame, bool) else f"a {_json_type(frame)}"
                raise DataError(str(path), scene, name, f"must be a list of non-negative frame indices; item {position} is {shown}")
    return IndexEntry(context=tuple(value["context"]), target=tuple(value["target"]))


def _json_type(value) -> str:
    """JSON's name for a parsed value's type (no repr: values can be long)."""
    names = {bool: "boolean", int: "number", float: "number", str: "string", list: "list", dict: "object", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def load_evaluation_index(path: str | os.PathLike) -> dict[str, IndexEntry | None]:
    """Load and validate an evaluation index (null entries kept as None)."""
    path = Path(path)
    if not path.is_file():
        raise DataError(str(path), None, None, "evaluation index file not found")
    try:
        with path.open("r") as handle:
            raw = json.load(handle)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise DataError(str(path), None, None, f"not valid JSON ({short_reason(error)})") from None
    if not isinstance(raw, dict):
        raise DataError(str(path), None, None, "an evaluation index must be a JSON object keyed by scene")
    return {str(scene): _parse_entry(path, scene, value) for scene, value in raw.items()}


def count_non_null(index: dict[str, IndexEntry | None]) -> int:
    return sum(entry is not None for entry in index.values())


def generate_index_entry(
    num_frames: int, rng: random.Random, context_gap: int, num_targets: int, min_frames: int = 3
) -> IndexEntry | None:
    if num_frames < max(min_frames, 3):
        return None
    gap = min(context_gap, num_frames - 1)
    if gap < 2:
        return None
    left = rng.randint(0, num_frames - 1 - gap)
    between = list(range(left + 1, left + gap))
    targets = sorted(rng.sample(between, min(num_targets, len(between))))
    return IndexEntry(context=(left, left + gap), target=tuple(targets))


def generate_evaluation_index(
    frame_counts: dict[str, int],
    context_gap: int = 45,
    num_targets: int = 3,
    seed: int = 0,
    min_frames: int = 3,
) -> dict[str, dict | None]:
    """Index for scenes given their frame counts; deterministic for a seed (scenes in sorted order)."""
    rng = random.Random(seed)
    index: dict[str, dict | None] = {}
    for scene in sorted(frame_counts):
        entry = generate_index_entry(frame_counts[scene], rng, context_gap, num_targets, min_frames)
        index[scene] = None if entry is None else {"context": list(entry.context), "target": list(entry.target)}
    return index


def index_shortfalls(frame_counts: dict[str, int], context_gap: int, min_frames: int = 3) -> tuple[list[str], list[str]]:
    """(scenes whose context pair is clamped to their first and last frame, scenes left null)."""
    clamped, empty = [], []
    for scene, frames in sorted(frame_counts.items()):
        if frames < max(min_frames, 3):
            empty.append(scene)
        elif frames - 1 < context_gap:
            clamped.append(scene)
    return clamped, empty


def generate_evaluation_index_for_split(
    split_dir: str | os.PathLike, out_path: str | os.PathLike, **options
) -> tuple[dict, dict[str, int]]:
    """Scan a converted split folder's chunks, write an evaluation index JSON; return it and the
    frame count of each scene."""
    from splatbench.data.chunks import list_chunks, read_chunk
    from splatbench.data.scene_checks import check_scene_structure

    split_dir = Path(split_dir)
    chunks = list_chunks(split_dir)
    if not chunks:
        raise DataError(str(split_dir), None, None, "no .torch chunk files to index")
    counts: dict[str, int] = {}
    for chunk_path in chunks:
        for scene in read_chunk(chunk_path):
            counts[str(scene["key"])] = check_scene_structure(str(chunk_path), scene, check_values=False)
    index = generate_evaluation_index(counts, **options)
    atomic_write_json(out_path, index)
    return index, counts
