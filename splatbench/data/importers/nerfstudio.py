"""nerfstudio / instant-ngp ``transforms.json`` -> chunks.

Camera-to-world matrices are OpenGL/Blender-style (+Y up, +Z backward) and are flipped to
OpenCV. Intrinsics come from ``fl_x``/``fl_y``/``cx``/``cy``/``w``/``h`` (per frame or global) or,
as in Blender/instant-ngp files, from ``camera_angle_x`` (centred principal point); distortion
``k1, k2, p1, p2`` is undistorted away. ``file_path`` without a suffix gets ``.png``.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import torch
from PIL import Image

from splatbench.data.errors import DataError
from splatbench.data.writer import WriteMode
from splatbench.data.importers.common import load_frame, write_dataset
from splatbench.geometry.camera import opengl_to_opencv, w2c_to_camera_vectors


# nerfstudio writes OPENCV for pinhole + radial-tangential distortion; fisheye models differ.
SUPPORTED_CAMERA_MODELS = ("OPENCV", "PINHOLE", "SIMPLE_PINHOLE")


def _frame_path(root: Path, file_path: str) -> Path:
    path = (root / file_path).resolve()
    if path.suffix == "" and not path.exists():
        path = path.with_suffix(".png")
    return path


def _intrinsics(meta: dict, frame: dict, image_path: Path, file: Path, key: str) -> tuple[np.ndarray, int, int, dict]:
    def get(name, default=None):
        return frame.get(name, meta.get(name, default))

    camera_model = get("camera_model", "OPENCV")
    if camera_model not in SUPPORTED_CAMERA_MODELS:
        raise DataError(str(file), key, "camera_model", f"unsupported camera model {camera_model} (supported: {', '.join(SUPPORTED_CAMERA_MODELS)})")
    width, height = get("w"), get("h")
    if width is None or height is None:
        with Image.open(image_path) as image:
            width, height = image.size
    width, height = int(width), int(height)
    fl_x, fl_y = get("fl_x"), get("fl_y")
    if fl_x is None and get("camera_angle_x") is not None:
        fl_x = 0.5 * width / math.tan(0.5 * float(get("camera_angle_x")))
    if fl_y is None and get("camera_angle_y") is not None:
        fl_y = 0.5 * height / math.tan(0.5 * float(get("camera_angle_y")))
    if fl_x is None and fl_y is None:
        raise DataError(str(file), key, "fl_x", "no focal length (fl_x/fl_y or camera_angle_x)")
    fl_x = float(fl_x if fl_x is not None else fl_y)
    fl_y = float(fl_y if fl_y is not None else fl_x)
    cx, cy = float(get("cx", width / 2)), float(get("cy", height / 2))
    distortion = {k: float(get(k, 0.0)) for k in ("k1", "k2", "p1", "p2")}
    return np.array([[fl_x, 0, cx], [0, fl_y, cy], [0, 0, 1.0]]), width, height, distortion


def nerfstudio_scene(transforms_path: Path, key: str | None = None, image_shape: tuple[int, int] | None = None) -> dict:
    transforms_path = Path(transforms_path)
    root = transforms_path.parent
    key = key or root.name
    try:
        meta = json.loads(transforms_path.read_text())
    except (OSError, json.JSONDecodeError) as error:
        raise DataError(str(transforms_path), key, None, f"cannot read transforms.json ({error})") from None
    frames = sorted(meta.get("frames", []), key=lambda frame: frame.get("file_path", ""))
    if not frames:
        raise DataError(str(transforms_path), key, "frames", "no frames")
    encoded, w2cs, intrinsics = [], [], []
    for frame in frames:
        if "file_path" not in frame or "transform_matrix" not in frame:
            raise DataError(str(transforms_path), key, "frames", "a frame lacks file_path or transform_matrix")
        image_path = _frame_path(root, frame["file_path"])
        pixel_k, width, height, distortion = _intrinsics(meta, frame, image_path, transforms_path, key)
        data, _ = load_frame(image_path, pixel_k, distortion, image_shape, key)
        encoded.append(data)
        c2w_gl = torch.tensor(frame["transform_matrix"], dtype=torch.float64)
        if c2w_gl.shape == (3, 4):
            c2w_gl = torch.cat([c2w_gl, torch.tensor([[0, 0, 0, 1.0]], dtype=torch.float64)])
        w2cs.append(torch.linalg.inv(opengl_to_opencv(c2w_gl)))
        normalised = pixel_k.copy()
        normalised[0] /= width
        normalised[1] /= height
        intrinsics.append(normalised)
    return {
        "key": key,
        "url": str(transforms_path),
        "timestamps": torch.arange(len(frames), dtype=torch.int64),
        "cameras": w2c_to_camera_vectors(torch.stack(w2cs), torch.from_numpy(np.stack(intrinsics))),
        "images": encoded,
    }


def convert_nerfstudio(
    src: str | Path,
    out: str | Path,
    split: str = "test",
    image_shape: tuple[int, int] | None = None,
    scenes_per_chunk: int = 16,
    index_options: dict | None = None,
    mode: WriteMode = "new",
) -> dict[str, int]:
    """``src``: a transforms.json, a folder holding one, or a folder of such folders."""
    src = Path(src)
    if not src.exists():
        raise DataError(str(src), None, None, "source does not exist")
    if src.is_file():
        paths = [src]
    elif (src / "transforms.json").is_file():
        paths = [src / "transforms.json"]
    else:
        paths = sorted(src.glob("*/transforms.json"))
    if not paths:
        raise DataError(str(src), None, None, "no transforms.json found")
    return write_dataset((nerfstudio_scene(p, image_shape=image_shape) for p in paths), out, split, scenes_per_chunk, index_options, mode)
