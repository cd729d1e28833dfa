"""Reading and writing ``.torch`` chunk files (pixelSplat / RealEstate10K format).

A chunk is a ``torch.save``d list of scene dicts: ``key`` str, ``url`` str, ``timestamps``
int64 [N], ``cameras`` float32 [N, 18], ``images`` list of N uint8 1-D tensors of encoded
JPEG/PNG bytes; optionally ``vggt_camera`` [N, 18], ``depth`` [N, 2] (per-frame max, min) and
``depth_maps`` float16/float32 [N, H, W]. Each split folder may hold ``index.json`` mapping
scene key -> chunk file name. Reading never unpickles code (``weights_only=True``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import torch

from splatbench.data.errors import ChunkReadError
from splatbench.errors import short_reason
from splatbench.utils.io import atomic_torch_save, atomic_write_json

REQUIRED_SCENE_KEYS = ("key", "cameras", "images")
CHUNK_SUFFIX = ".torch"
INDEX_NAME = "index.json"


def read_chunk(path: str | os.PathLike) -> list[dict[str, Any]]:
    """Load a chunk; raise :class:`ChunkReadError` naming the file if it is unreadable."""
    path = Path(path)
    if not path.is_file():
        raise ChunkReadError(str(path), None, None, "chunk file does not exist")
    try:
        scenes = _load(path)
    except Exception as error:  # truncated zip, pickle errors, foreign objects
        if "weights_only" in str(error):
            # torch's advice to retry without weights_only is wrong here: we never unpickle code.
            detail = "not a tensor-only torch file (corrupt, or holds pickled objects)"
        else:
            detail = f"corrupt or truncated ({short_reason(error)})"
        raise ChunkReadError(str(path), None, None, f"unreadable chunk: {detail}") from error
    if not isinstance(scenes, list):
        raise ChunkReadError(str(path), None, None, f"expected a list of scene dicts, got {type(scenes).__name__}")
    return scenes


def _load(path: Path):
    # Memory-mapping reads only the frames a sampler touches (a few of ~100-300 per scene);
    # files in torch's legacy (non-zip) format cannot be mapped and are read whole.
    try:
        return torch.load(path, map_location="cpu", weights_only=True, mmap=True)
    except RuntimeError as error:
        if "mmap" not in str(error):
            raise
        return torch.load(path, map_location="cpu", weights_only=True)


def write_chunk(path: str | os.PathLike, scenes: list[dict[str, Any]]) -> Path:
    """Atomically write ``scenes`` (a list of scene dicts) as a chunk file."""
    if not isinstance(scenes, list) or not all(isinstance(scene, dict) for scene in scenes):
        raise TypeError("write_chunk expects a list of scene dicts")
    return atomic_torch_save(path, scenes)


def list_chunks(split_dir: str | os.PathLike) -> list[Path]:
    """Chunk files of one split folder, sorted by name (the reference's order)."""
    split_dir = Path(split_dir)
    if not split_dir.is_dir():
        return []
    return sorted(path for path in split_dir.iterdir() if path.suffix == CHUNK_SUFFIX)


def split_folders(root: str | os.PathLike) -> list[Path]:
    """Folders of a dataset root that hold chunks: ``train``/``test`` (either layout), else the root itself."""
    root = Path(root)
    splits = [root / split for split in ("train", "test") if list_chunks(root / split)]
    if splits:
        return splits
    return [root] if list_chunks(root) else []


def read_index(split_dir: str | os.PathLike) -> dict[str, str] | None:
    """``index.json`` of a split folder, or None if there is none."""
    path = Path(split_dir) / INDEX_NAME
    if not path.is_file():
        return None
    try:
        index = json.loads(path.read_text())
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ChunkReadError(str(path), None, None, f"not valid JSON ({short_reason(error)})") from None
    if not isinstance(index, dict):
        raise ChunkReadError(str(path), None, None, "index.json must map scene keys to chunk file names")
    for key, name in index.items():
        if not isinstance(name, str) or "/" in name or not name.endswith(CHUNK_SUFFIX):
            raise ChunkReadError(str(path), key, None, f"expected a chunk file name like 000000.torch, got {json.dumps(name)}")
    return index


def write_index(split_dir: str | os.PathLike, index: dict[str, str]) -> Path:
    return atomic_write_json(Path(split_dir) / INDEX_NAME, dict(sorted(index.items())))


def build_index(split_dir: str | os.PathLike, skip_unreadable: bool = False) -> dict[str, str]:
    """Scan every chunk of a split and map scene key -> chunk file name (``skip_unreadable``:
    leave out chunks that cannot be read instead of raising)."""
    index: dict[str, str] = {}
    for chunk_path in list_chunks(split_dir):
        try:
            scenes = read_chunk(chunk_path)
        except ChunkReadError:
            if not skip_unreadable:
                raise
            continue
        for scene in scenes:
            if isinstance(scene, dict) and "key" in scene:
                index[str(scene["key"])] = chunk_path.name
    return index
