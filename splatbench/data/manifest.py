"""A split's ``manifest.json``: facts about the stored data that readers must not guess.

Written by ``splatbench data convert`` / ``data example`` next to ``index.json`` (which stays the
reference's plain ``{scene: chunk file}``)::

    {"format": "splatbench-chunks", "version": 1, "frame_shapes": {"scene": [H, W], ...}}

``frame_shapes`` is the stored frame size of each scene. Readers use it as the expected size of
that scene instead of ``dataset.ori_image_shape`` (the RealEstate10K 360x640 default), so a user's
own photos at any size are read without setting anything. Data without a manifest (the published
chunks) falls back to ``dataset.ori_image_shape``, as the reference.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from splatbench.data.errors import DataError
from splatbench.utils.io import atomic_write_json

MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = "splatbench-chunks"
MANIFEST_VERSION = 1


def read_frame_shapes(split_dir: str | os.PathLike) -> dict[str, tuple[int, int]]:
    """``{scene: (H, W)}`` from the split's manifest (empty without one); DataError if malformed."""
    path = Path(split_dir) / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        content = json.loads(path.read_text())
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise DataError(str(path), None, None, f"not valid JSON ({error.__class__.__name__} at line {getattr(error, 'lineno', '?')})") from None
    shapes = content.get("frame_shapes") if isinstance(content, dict) else None
    if not isinstance(shapes, dict):
        raise DataError(str(path), None, "frame_shapes", "expected an object {scene: [height, width]}")
    result = {}
    for scene, shape in shapes.items():
        if not (isinstance(shape, list) and len(shape) == 2 and all(isinstance(v, int) and v > 0 for v in shape)):
            raise DataError(str(path), scene, "frame_shapes", f"expected [height, width] of positive integers, got {json.dumps(shape)}")
        result[str(scene)] = (shape[0], shape[1])
    return result


def write_frame_shapes(split_dir: str | os.PathLike, shapes: dict[str, tuple[int, int]]) -> Path:
    content = {
        "format": MANIFEST_FORMAT,
        "version": MANIFEST_VERSION,
        "frame_shapes": {scene: [int(h), int(w)] for scene, (h, w) in sorted(shapes.items())},
    }
    return atomic_write_json(Path(split_dir) / MANIFEST_NAME, content)
