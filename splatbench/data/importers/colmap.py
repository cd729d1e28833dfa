"""COLMAP models (text or binary) -> chunks.

Reads ``cameras`` and ``images`` of ``sparse/0`` (or ``sparse``, or the folder itself), orders
frames by image name, and stores per frame the normalised intrinsics (K / W, K / H) and the
world-to-camera matrix (COLMAP's convention is OpenCV's). PINHOLE and SIMPLE_PINHOLE frames are
copied as they are; SIMPLE_RADIAL, RADIAL and OPENCV frames are undistorted into the pinhole
camera with the same K. ``SRC`` may be one scene folder or a folder of scene folders.
"""

from __future__ import annotations

import logging
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from splatbench.data.errors import DataError
from splatbench.data.writer import WriteMode
from splatbench.geometry.rotation import quaternion_to_matrix
from splatbench.data.importers.common import load_frame, write_dataset
from splatbench.geometry.camera import w2c_to_camera_vectors

logger = logging.getLogger(__name__)

# model name -> (binary model id, parameter names)
CAMERA_MODELS: dict[str, tuple[int, tuple[str, ...]]] = {
    "SIMPLE_PINHOLE": (0, ("f", "cx", "cy")),
    "PINHOLE": (1, ("fx", "fy", "cx", "cy")),
    "SIMPLE_RADIAL": (2, ("f", "cx", "cy", "k1")),
    "RADIAL": (3, ("f", "cx", "cy", "k1", "k2")),
    "OPENCV": (4, ("fx", "fy", "cx", "cy", "k1", "k2", "p1", "p2")),
}
MODEL_BY_ID = {model_id: name for name, (model_id, _) in CAMERA_MODELS.items()}
# Parameter counts of models we do not support, so binary files can still be skipped over.
OTHER_MODEL_PARAM_COUNTS = {5: 8, 6: 12, 7: 5, 8: 4, 9: 5, 10: 12}


@dataclass
class ColmapCamera:
    model: str
    width: int
    height: int
    params: dict[str, float]

    def pixel_intrinsics(self) -> np.ndarray:
        fx = self.params.get("fx", self.params.get("f"))
        fy = self.params.get("fy", self.params.get("f"))
        return np.array([[fx, 0, self.params["cx"]], [0, fy, self.params["cy"]], [0, 0, 1.0]])

    def distortion(self) -> dict[str, float] | None:
        coefficients = {k: v for k, v in self.params.items() if k in ("k1", "k2", "p1", "p2")}
        return coefficients or None


@dataclass
class ColmapImage:
    name: str
    qvec: np.ndarray  # w, x, y, z (world-to-camera)
    tvec: np.ndarray
    camera_id: int


def _camera(file: Path, model: str, width: int, height: int, values: list[float]) -> ColmapCamera:
    if model not in CAMERA_MODELS:
        raise DataError(str(file), None, "camera model", f"unsupported COLMAP camera model {model}")
    names = CAMERA_MODELS[model][1]
    if len(values) != len(names):
        raise DataError(str(file), None, "camera params", f"{model} needs {len(names)} parameters, got {len(values)}")
    return ColmapCamera(model, width, height, dict(zip(names, values)))


def read_cameras_text(path: Path) -> dict[int, ColmapCamera]:
    cameras = {}
    for line in path.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split()
        cameras[int(parts[0])] = _camera(path, parts[1], int(parts[2]), int(parts[3]), [float(v) for v in parts[4:]])
    return cameras


def read_images_text(path: Path) -> dict[int, ColmapImage]:
    images = {}
    lines = [line for line in path.read_text().splitlines() if not line.startswith("#")]
    # Two lines per image; the second (2D points) may be empty.
    for first in lines[0::2]:
        if not first.strip():
            continue
        parts = first.split()
        images[int(parts[0])] = ColmapImage(
            name=" ".join(parts[9:]),
            qvec=np.array([float(v) for v in parts[1:5]]),
            tvec=np.array([float(v) for v in parts[5:8]]),
            camera_id=int(parts[8]),
        )
    return images


def read_cameras_binary(path: Path) -> dict[int, ColmapCamera]:
    cameras = {}
    with path.open("rb") as handle:
        (count,) = struct.unpack("<Q", handle.read(8))
        for _ in range(count):
            camera_id, model_id, width, height = struct.unpack("<iiQQ", handle.read(24))
            model = MODEL_BY_ID.get(model_id)
            num_params = len(CAMERA_MODELS[model][1]) if model else OTHER_MODEL_PARAM_COUNTS.get(model_id)
            if num_params is None:
                raise DataError(str(path), None, "camera model", f"unknown COLMAP camera model id {model_id}")
            values = list(struct.unpack(f"<{num_params}d", handle.read(8 * num_params)))
            cameras[camera_id] = _camera(path, model or f"model id {model_id}", width, height, values)
    return cameras


def read_images_binary(path: Path) -> dict[int, ColmapImage]:
    images = {}
    with path.open("rb") as handle:
        (count,) = struct.unpack("<Q", handle.read(8))
        for _ in range(count):
            image_id, *pose, camera_id = struct.unpack("<i7di", handle.read(64))
            name = bytearray()
            while (byte := handle.read(1)) not in (b"\x00", b""):
                name += byte
            (num_points,) = struct.unpack("<Q", handle.read(8))
            handle.seek(24 * num_points, 1)
            images[image_id] = ColmapImage(name.decode(), np.array(pose[:4]), np.array(pose[4:]), camera_id)
    return images


def find_model_dir(scene_dir: Path) -> Path | None:
    for candidate in (scene_dir / "sparse" / "0", scene_dir / "sparse", scene_dir):
        if (candidate / "cameras.txt").is_file() or (candidate / "cameras.bin").is_file():
            return candidate
    return None


def read_colmap_model(model_dir: Path) -> tuple[dict[int, ColmapCamera], dict[int, ColmapImage]]:
    if (model_dir / "cameras.txt").is_file():
        return read_cameras_text(model_dir / "cameras.txt"), read_images_text(model_dir / "images.txt")
    return read_cameras_binary(model_dir / "cameras.bin"), read_images_binary(model_dir / "images.bin")


def colmap_scene(scene_dir: Path, key: str | None = None, image_shape: tuple[int, int] | None = None) -> dict:
    """One COLMAP scene folder -> chunk scene dict."""
    scene_dir = Path(scene_dir)
    key = key or scene_dir.name
    model_dir = find_model_dir(scene_dir)
    if model_dir is None:
        raise DataError(str(scene_dir), key, "sparse", "no COLMAP model (cameras.txt/.bin) found")
    cameras, images = read_colmap_model(model_dir)
    image_dir = scene_dir / "images"
    frames = sorted(images.values(), key=lambda image: image.name)
    if not frames:
        raise DataError(str(model_dir), key, "images", "model has no registered images")
    encoded, w2cs, intrinsics = [], [], []
    for frame in frames:
        if frame.camera_id not in cameras:
            raise DataError(str(model_dir), key, "camera_id", f"image {frame.name} uses unknown camera {frame.camera_id}")
        camera = cameras[frame.camera_id]
        pixel_k = camera.pixel_intrinsics()
        data, _ = load_frame(image_dir / frame.name, pixel_k, camera.distortion(), image_shape, key)
        encoded.append(data)
        w2c = np.eye(4)
        w2c[:3, :3] = quaternion_to_matrix(torch.from_numpy(frame.qvec), order="wxyz", eps=0.0).numpy()
        w2c[:3, 3] = frame.tvec
        w2cs.append(w2c)
        normalised = pixel_k.copy()
        normalised[0] /= camera.width
        normalised[1] /= camera.height
        intrinsics.append(normalised)
    return {
        "key": key,
        "url": str(scene_dir),
        "timestamps": torch.arange(len(frames), dtype=torch.int64),
        "cameras": w2c_to_camera_vectors(torch.from_numpy(np.stack(w2cs)), torch.from_numpy(np.stack(intrinsics))),
        "images": encoded,
    }


def scene_dirs(src: Path) -> list[Path]:
    if find_model_dir(src) is not None and (src / "images").is_dir():
        return [src]
    return sorted(d for d in src.iterdir() if d.is_dir() and find_model_dir(d) is not None)


def convert_colmap(
    src: str | Path,
    out: str | Path,
    split: str = "test",
    image_shape: tuple[int, int] | None = None,
    scenes_per_chunk: int = 16,
    index_options: dict | None = None,
    mode: WriteMode = "new",
) -> dict[str, int]:
    """Convert one COLMAP scene or a folder of them; return {scene: frame count}."""
    src = Path(src)
    if not src.is_dir():
        raise DataError(str(src), None, None, "source folder does not exist")
    directories = scene_dirs(src)
    if not directories:
        raise DataError(str(src), None, None, "no COLMAP scene (sparse/ + images/) found")
    return write_dataset((colmap_scene(d, image_shape=image_shape) for d in directories), out, split, scenes_per_chunk, index_options, mode)
