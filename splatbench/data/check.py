"""``splatbench data check``: validate a dataset root and list every bad scene with the reason.

Checks: each chunk is readable; each scene has the required keys and well-formed, finite,
non-singular cameras (and VGGT keys if present); every frame decodes and all frames of a scene
share one size (optionally the expected one); ``index.json`` agrees with the chunks; an
``evaluation_index.json`` beside the splits only points at existing scenes and frames.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from splatbench.data.chunks import list_chunks, read_chunk, read_index
from splatbench.data.errors import DataError
from splatbench.data.evaluation_index import load_evaluation_index
from splatbench.data.images import ImageDecodeError, open_encoded
from splatbench.data.scene_checks import check_scene_structure

logger = logging.getLogger(__name__)


@dataclass
class CheckReport:
    num_chunks: int = 0
    num_scenes: int = 0
    problems: list[str] = field(default_factory=list)
    frame_counts: dict[str, int] = field(default_factory=dict)


def _split_dirs(root: Path) -> list[Path]:
    splits = [root / split for split in ("train", "test") if (root / split).is_dir()]
    return splits or [root]


def _check_frames(file: str, scene: dict, expected_shape: tuple[int, int] | None) -> None:
    sizes = set()
    for frame, encoded in enumerate(scene["images"]):
        try:
            image = open_encoded(encoded)
        except ImageDecodeError as error:
            raise DataError(file, scene["key"], "images", f"frame {frame}: {error}") from None
        sizes.add((image.size[1], image.size[0]))
    if len(sizes) > 1:
        raise DataError(file, scene["key"], "images", f"frames have different sizes {_sizes(sizes)}")
    if expected_shape is not None and sizes != {tuple(expected_shape)}:
        raise DataError(file, scene["key"], "images", f"frame size {_sizes(sizes)} is not the expected {_sizes({tuple(expected_shape)})} (--image-shape)")


def _sizes(sizes: set[tuple[int, int]]) -> str:
    return ", ".join(f"{h}x{w}" for h, w in sorted(sizes))


def check_split(split_dir: Path, report: CheckReport, decode: bool, expected_shape) -> None:
    chunks = list_chunks(split_dir)
    found: dict[str, str] = {}
    unreadable: set[str] = set()
    reported: set[str] = set()
    for chunk_path in tqdm(chunks, desc=f"check {split_dir.name}", disable=len(chunks) < 4):
        report.num_chunks += 1
        try:
            scenes = read_chunk(chunk_path)
        except DataError as error:
            report.problems.append(str(error))
            unreadable.add(chunk_path.name)
            continue
        for scene in scenes:
            report.num_scenes += 1
            try:
                num_frames = check_scene_structure(str(chunk_path), scene)
                if decode:
                    _check_frames(str(chunk_path), scene, expected_shape)
            except DataError as error:
                report.problems.append(str(error))
                if error.scene is not None:
                    reported.add(error.scene)  # index.json's entry for it is not a second problem
                continue
            found[scene["key"]] = chunk_path.name
            report.frame_counts[scene["key"]] = num_frames
    try:
        index = read_index(split_dir)
    except DataError as error:
        report.problems.append(str(error))
        return
    if index is None:
        return
    for key, chunk_name in sorted(index.items()):
        if not (split_dir / chunk_name).is_file():
            report.problems.append(f"{split_dir / 'index.json'}: scene {key}: field index: chunk {chunk_name} does not exist")
        elif key not in found and key not in reported and (split_dir / chunk_name) in chunks and chunk_name not in unreadable:
            report.problems.append(f"{split_dir / 'index.json'}: scene {key}: field index: not a valid scene of {chunk_name}")


def check_evaluation_index(path: Path, report: CheckReport) -> None:
    try:
        index = load_evaluation_index(path)
    except DataError as error:
        report.problems.append(str(error))
        return
    for scene, entry in sorted(index.items()):
        if entry is None:
            continue
        if scene not in report.frame_counts:
            continue  # indices commonly cover more scenes than a (partial) download holds
        frames = report.frame_counts[scene]
        for field_name, indices in (("context", entry.context), ("target", entry.target)):
            bad = [i for i in indices if i >= frames]
            if bad:
                report.problems.append(f"{path}: scene {scene}: field {field_name}: frame {bad[0]} out of range (scene has {frames} frames)")


def check_dataset(root: str | os.PathLike, decode: bool = True, expected_shape: tuple[int, int] | None = None) -> CheckReport:
    root = Path(root)
    report = CheckReport()
    if not root.exists():
        report.problems.append(f"{root}: does not exist")
        return report
    for split_dir in _split_dirs(root):
        check_split(split_dir, report, decode, expected_shape)
    for candidate in (root / "evaluation_index.json",):
        if candidate.is_file():
            check_evaluation_index(candidate, report)
    return report  # the caller prints report.problems (each once)
