"""Writing scenes into a dataset root without losing what is already there.

Every writer of chunks (``data convert``, ``data example``) goes through :class:`SplitWriter`,
with one of three modes:

* ``new`` (default): refuse a root that already holds a dataset (chunks, ``index.json``,
  ``manifest.json`` or ``evaluation_index.json``), naming what exists;
* ``append``: add the new scenes as new chunk files after the existing ones and merge
  ``index.json``, ``manifest.json`` and ``evaluation_index.json`` (a scene key that exists
  already is refused before anything is written);
* ``overwrite``: replace the split; old chunk files are removed only after the new ones are
  written.

Each split gets ``index.json`` (reference format) and ``manifest.json`` (stored frame sizes, see
:mod:`splatbench.data.manifest`). A writer that fails part-way removes the chunk files it wrote
itself and leaves the earlier content as it was.
"""

from __future__ import annotations

import json
import logging
import os
from io import BytesIO
from pathlib import Path
from typing import Iterable, Literal

from PIL import Image

from splatbench.data.chunks import INDEX_NAME, build_index, list_chunks, read_index, write_chunk, write_index
from splatbench.data.errors import DataError
from splatbench.data.manifest import MANIFEST_NAME, read_frame_shapes, write_frame_shapes
from splatbench.utils.io import atomic_write_json

logger = logging.getLogger(__name__)

WriteMode = Literal["new", "append", "overwrite"]
WRITE_MODES: tuple[str, ...] = ("new", "append", "overwrite")
EVALUATION_INDEX_NAME = "evaluation_index.json"


def existing_content(out_root: str | os.PathLike, splits: Iterable[str]) -> list[str]:
    """What of a dataset already lies under ``out_root`` (empty if nothing)."""
    out_root = Path(out_root)
    found = []
    for split in splits:
        split_dir = out_root / split
        chunks = list_chunks(split_dir)
        if chunks:
            found.append(f"{split}/ with {len(chunks)} chunk file(s)")
        for name in (INDEX_NAME, MANIFEST_NAME):
            if (split_dir / name).is_file():
                found.append(f"{split}/{name}")
    if (out_root / EVALUATION_INDEX_NAME).is_file():
        found.append(EVALUATION_INDEX_NAME)
    return found


def check_output_root(out_root: str | os.PathLike, splits: Iterable[str], mode: str) -> None:
    """Refuse (``DataError``) to write into an existing dataset unless ``mode`` says how."""
    if mode not in WRITE_MODES:
        raise ValueError(f"write mode {mode!r} is not one of {', '.join(WRITE_MODES)}")
    if mode != "new":
        return
    found = existing_content(out_root, splits)
    if found:
        raise DataError(
            str(out_root), None, None,
            f"already holds a dataset ({', '.join(found)}); pass --append to add scenes or --overwrite to replace it",
        )


def stored_frame_shape(scene: dict) -> tuple[int, int]:
    """(H, W) of a scene's first stored frame (read from the header only)."""
    encoded = scene["images"][0]
    data = encoded if isinstance(encoded, (bytes, bytearray)) else encoded.numpy().tobytes()
    with Image.open(BytesIO(data)) as image:
        return image.size[1], image.size[0]


class SplitWriter:
    """Writes scenes of one split as chunks; ``close()`` writes the index and manifest."""

    def __init__(self, out_root: str | os.PathLike, split: str, mode: WriteMode = "new", scenes_per_chunk: int = 16) -> None:
        check_output_root(out_root, (split,), mode)
        self.split_dir = Path(out_root) / split
        self.mode = mode
        self.scenes_per_chunk = max(1, scenes_per_chunk)
        self.old_chunks = list_chunks(self.split_dir)
        self.index: dict[str, str] = {}
        self.shapes: dict[str, tuple[int, int]] = {}
        self.existing_keys: dict[str, str] = {}
        first_number = 0
        if mode == "append" and self.old_chunks:
            self.index = read_index(self.split_dir) or build_index(self.split_dir)
            self.shapes = read_frame_shapes(self.split_dir)
            self.existing_keys = dict(self.index)
            numbers = [int(p.stem) for p in self.old_chunks if p.stem.isdigit()]
            first_number = max(numbers, default=-1) + 1
        self.chunk_number = first_number
        self.written: list[Path] = []
        self.frame_counts: dict[str, int] = {}
        self._pending: list[dict] = []

    def add(self, scene: dict) -> None:
        key = scene["key"]
        if key in self.existing_keys:
            raise DataError(
                str(self.split_dir), key, "key",
                f"scene already in chunk {self.existing_keys[key]}; remove it first or pass --overwrite",
            )
        if key in self.frame_counts:
            raise DataError(str(self.split_dir), key, "key", "duplicate scene key")
        self.frame_counts[key] = len(scene["images"])
        self.shapes[key] = stored_frame_shape(scene)
        self._pending.append(scene)
        if len(self._pending) >= self.scenes_per_chunk:
            self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        name = f"{self.chunk_number:06d}.torch"
        self.written.append(write_chunk(self.split_dir / name, self._pending))
        for scene in self._pending:
            self.index[scene["key"]] = name
        self._pending, self.chunk_number = [], self.chunk_number + 1

    def close(self) -> dict[str, int]:
        """Write the last chunk, ``index.json`` and ``manifest.json``; return {new scene: frames}."""
        self._flush()
        self.split_dir.mkdir(parents=True, exist_ok=True)
        if self.mode == "overwrite":
            written = {path.name for path in self.written}
            for path in self.old_chunks:
                if path.name not in written:
                    path.unlink()
            self.index = {key: name for key, name in self.index.items() if name in written}
            self.shapes = {key: shape for key, shape in self.shapes.items() if key in self.index}
        write_index(self.split_dir, self.index)
        write_frame_shapes(self.split_dir, self.shapes)
        return self.frame_counts

    def abort(self) -> None:
        """Remove the chunk files this writer created (not ones it replaced in overwrite mode)."""
        old = {path.name for path in self.old_chunks}
        for path in self.written:
            if path.name not in old:
                path.unlink(missing_ok=True)


def write_split(
    scenes: Iterable[dict], out_root: str | os.PathLike, split: str = "test", scenes_per_chunk: int = 16, mode: WriteMode = "new"
) -> dict[str, int]:
    """Write scenes into ``out_root/split/NNNNNN.torch`` + ``index.json`` + ``manifest.json``;
    return the frame count of each new scene."""
    writer = SplitWriter(out_root, split, mode, scenes_per_chunk)
    try:
        for scene in scenes:
            writer.add(scene)
        return writer.close()
    except BaseException:
        writer.abort()
        raise


def merge_evaluation_index(path: str | os.PathLike, entries: dict, mode: WriteMode) -> Path:
    """Write ``entries`` as an evaluation index; ``append`` keeps the entries already there."""
    path = Path(path)
    if mode == "append" and path.is_file():
        try:
            existing = json.loads(path.read_text())
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise DataError(str(path), None, None, "existing evaluation index is not valid JSON; cannot append to it") from None
        if not isinstance(existing, dict):
            raise DataError(str(path), None, None, "existing evaluation index is not a JSON object; cannot append to it")
        entries = {**existing, **entries}
    return atomic_write_json(path, dict(sorted(entries.items())))
