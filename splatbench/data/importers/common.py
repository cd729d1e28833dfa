"""Shared importer steps: loading/undistorting/resizing frames and writing scenes as chunks.

Normalised intrinsics use the pixel-centre convention of COLMAP and the chunk format (the image
spans [0, 1]; pixel i's centre is (i + 0.5) / W), so resizing a frame leaves them unchanged.
"""

from __future__ import annotations

import io
import logging
import os
from pathlib import Path
from typing import Iterable

import numpy as np
import torch
from PIL import Image

from splatbench.data.errors import DataError
from splatbench.data.evaluation_index import generate_evaluation_index
from splatbench.data.writer import EVALUATION_INDEX_NAME, WriteMode, check_output_root, merge_evaluation_index, write_split

logger = logging.getLogger(__name__)

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".JPG", ".JPEG", ".PNG")


def distort_normalized(x: np.ndarray, y: np.ndarray, params: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
    """OpenCV radial-tangential distortion of normalised camera coordinates (k1, k2, p1, p2, k3)."""
    k1, k2, k3 = params.get("k1", 0.0), params.get("k2", 0.0), params.get("k3", 0.0)
    p1, p2 = params.get("p1", 0.0), params.get("p2", 0.0)
    r2 = x * x + y * y
    radial = 1 + k1 * r2 + k2 * r2 * r2 + k3 * r2 * r2 * r2
    xd = x * radial + 2 * p1 * x * y + p2 * (r2 + 2 * x * x)
    yd = y * radial + p1 * (r2 + 2 * y * y) + 2 * p2 * x * y
    return xd, yd


def undistort_image(image: np.ndarray, pixel_k: np.ndarray, params: dict[str, float]) -> np.ndarray:
    """Resample a distorted image into the pinhole camera with the same K (bilinear, black outside)."""
    from scipy.ndimage import map_coordinates

    height, width = image.shape[:2]
    fx, fy, cx, cy = pixel_k[0, 0], pixel_k[1, 1], pixel_k[0, 2], pixel_k[1, 2]
    # COLMAP pixel (u, v) has its centre at array index (u - 0.5, v - 0.5).
    us, vs = np.meshgrid(np.arange(width) + 0.5, np.arange(height) + 0.5)
    xd, yd = distort_normalized((us - cx) / fx, (vs - cy) / fy, params)
    source_cols, source_rows = xd * fx + cx - 0.5, yd * fy + cy - 0.5
    channels = [
        map_coordinates(image[..., c].astype(np.float32), [source_rows, source_cols], order=1, mode="constant", cval=0.0)
        for c in range(image.shape[2])
    ]
    return np.clip(np.stack(channels, -1) + 0.5, 0, 255).astype(np.uint8)


def load_frame(
    path: Path,
    pixel_k: np.ndarray | None = None,
    distortion: dict[str, float] | None = None,
    image_shape: tuple[int, int] | None = None,
    scene: str = "",
) -> tuple[torch.Tensor, tuple[int, int]]:
    """Encoded bytes of one frame for a chunk, and its stored (H, W).

    Untouched RGB JPEG/PNG files are stored byte for byte; frames that need undistortion,
    resizing or a mode conversion are re-encoded as JPEG (quality 95).
    """
    if not path.is_file():
        raise DataError(str(path), scene, "image", "image file not found")
    raw = path.read_bytes()
    try:
        image = Image.open(io.BytesIO(raw))
        image.load()
    except Exception as error:
        raise DataError(str(path), scene, "image", f"cannot decode image ({type(error).__name__})") from None
    needs_undistort = distortion is not None and any(abs(v) > 0 for v in distortion.values())
    needs_resize = image_shape is not None and (image.size[1], image.size[0]) != tuple(image_shape)
    if not needs_undistort and not needs_resize and image.mode == "RGB" and image.format in ("JPEG", "PNG"):
        return torch.frombuffer(bytearray(raw), dtype=torch.uint8), (image.size[1], image.size[0])
    array = np.asarray(image.convert("RGB"))
    if needs_undistort:
        array = undistort_image(array, pixel_k, distortion)
    result = Image.fromarray(array)
    if needs_resize:
        result = result.resize((image_shape[1], image_shape[0]), Image.LANCZOS)
    buffer = io.BytesIO()
    result.save(buffer, format="JPEG", quality=95)
    return torch.frombuffer(bytearray(buffer.getvalue()), dtype=torch.uint8), (result.size[1], result.size[0])


def write_dataset(
    scenes: Iterable[dict],
    out_root: str | os.PathLike,
    split: str,
    scenes_per_chunk: int,
    index_options: dict | None,
    mode: WriteMode = "new",
) -> dict[str, int]:
    """Write converted scenes as a split plus an evaluation index; return {scene: frame count}.

    ``mode`` (see :mod:`splatbench.data.writer`): ``new`` refuses an existing dataset root,
    ``append`` adds scenes and merges the indices, ``overwrite`` replaces the split."""
    check_output_root(out_root, (split,), mode)
    counts = write_split(scenes, out_root, split, scenes_per_chunk, mode)
    entries = generate_evaluation_index(counts, **(index_options or {}))
    merge_evaluation_index(Path(out_root) / EVALUATION_INDEX_NAME, entries, mode)
    logger.info("converted %d scene(s) into %s", len(counts), Path(out_root) / split)
    return counts


def list_images(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in IMAGE_SUFFIXES)
