"""A folder of photos and their cameras, ready for the model.

Where the cameras come from (first match wins, see ``POSE_SOURCES``):

* ``colmap``: a COLMAP model (text or binary) in ``IMAGES_DIR/sparse/0``, ``IMAGES_DIR/sparse``,
  ``IMAGES_DIR`` or the same places in its parent (the usual ``scene/images`` + ``scene/sparse/0``);
* ``transforms``: a nerfstudio / instant-ngp ``transforms.json`` in ``IMAGES_DIR`` or its parent;
* ``estimate:<backend>``: a pose backend of ``splatbench.preprocess.backends`` (``colmap``,
  ``vggt``, ...) run on the photos, when asked for with ``pose_source="<backend>"``.

Readers reuse the dataset importers (undistortion included), so a scene converted with
``splatbench data convert`` and the same photos given here see identical frames and cameras.
Every problem is a :class:`~splatbench.data.errors.DataError` naming the file.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
import torch
from PIL import Image

from splatbench.data.errors import DataError
from splatbench.data.images import ImageDecodeError, open_encoded, pil_to_tensor
from splatbench.data.importers.colmap import colmap_scene, find_model_dir, read_colmap_model
from splatbench.data.importers.common import IMAGE_SUFFIXES
from splatbench.data.importers.nerfstudio import nerfstudio_scene
from splatbench.geometry.camera import camera_vectors_to_matrices

logger = logging.getLogger(__name__)

MIN_PHOTOS = 2


@dataclass
class PhotoSet:
    """Photos with cameras in the user's world frame.

    frames      one entry per photo: its encoded bytes (decoded on demand by :meth:`images_at`,
                so a large capture never sits in memory as floats) or a decoded [3, H, W] tensor
    image_size  (H, W), the same for every photo
    extrinsics  float64 [N, 4, 4] OpenCV camera-to-world, user's world frame and units
    intrinsics  float64 [N, 3, 3] normalised K
    names       file name of each photo (sorted)
    """

    frames: list
    image_size: tuple[int, int]
    extrinsics: torch.Tensor
    intrinsics: torch.Tensor
    names: list[str]
    pose_source: str
    pose_file: str
    ignored: list[str] = field(default_factory=list)  # photos in the folder without a camera

    def images_at(self, indices: list[int]) -> torch.Tensor:
        """float32 [len(indices), 3, H, W] in [0, 1] (the chunk readers' exact values)."""
        decoded = [self.frames[i] if isinstance(self.frames[i], torch.Tensor) and self.frames[i].dim() == 3 else pil_to_tensor(open_encoded(self.frames[i])) for i in indices]
        return torch.stack(decoded)

    @property
    def images(self) -> torch.Tensor:
        """Every photo, decoded (float32 [N, 3, H, W])."""
        return self.images_at(list(range(len(self.frames))))


def photo_files(images_dir: Path) -> list[Path]:
    if not images_dir.is_dir():
        raise DataError(str(images_dir), None, None, "not a folder of images")
    return sorted(p for p in images_dir.iterdir() if p.suffix in IMAGE_SUFFIXES)


def _check_frames(scene: dict, names: list[str], images_dir: Path) -> tuple[int, int]:
    """Decode every photo once (then drop the pixels) so that a broken or odd-sized file is
    named now, not half-way through; return (H, W)."""
    sizes = []
    for name, encoded in zip(names, scene["images"]):
        try:
            sizes.append(open_encoded(encoded).size)
        except ImageDecodeError as error:
            raise DataError(str(images_dir / name), None, "image", str(error)) from None
    for name, size in zip(names, sizes):
        if size != sizes[0]:
            raise DataError(
                str(images_dir / name), None, "image size",
                f"{size[0]}x{size[1]} differs from {names[0]} ({sizes[0][0]}x{sizes[0][1]}); all photos must have one size",
            )  # fmt: skip
    return sizes[0][1], sizes[0][0]


def _check_count(count: int, where: Path) -> None:
    if count < MIN_PHOTOS:
        raise DataError(str(where), None, "images", f"{count} photo(s) with cameras; at least {MIN_PHOTOS} are needed")


def _from_scene(scene: dict, names: list[str], images_dir: Path, source: str, pose_file: Path) -> PhotoSet:
    _check_count(len(names), images_dir)
    image_size = _check_frames(scene, names, images_dir)
    extrinsics, intrinsics = camera_vectors_to_matrices(scene["cameras"], dtype=torch.float64)
    on_disk = {p.name for p in photo_files(images_dir)} if images_dir.is_dir() else set()
    ignored = sorted(on_disk - set(names))
    if ignored:
        logger.warning("%d photo(s) in %s have no camera in %s and are ignored: %s", len(ignored), images_dir, pose_file, ", ".join(ignored[:5]))
    return PhotoSet(list(scene["images"]), image_size, extrinsics, intrinsics, names, source, str(pose_file), ignored)


def _colmap_scene_dir(images_dir: Path) -> Path | None:
    """The folder holding ``images/`` and the model (COLMAP's layout ``SCENE/images`` +
    ``SCENE/sparse/0``), for ``images_dir`` = ``SCENE/images`` or ``SCENE`` itself."""
    parent = images_dir.parent
    if images_dir.name == "images" and find_model_dir(parent) is not None:
        return parent
    if (images_dir / "images").is_dir() and find_model_dir(images_dir) is not None:
        return images_dir
    return None


def read_colmap(images_dir: Path) -> PhotoSet | None:
    scene_dir = _colmap_scene_dir(images_dir)
    if scene_dir is None:
        return None
    model_dir = find_model_dir(scene_dir)
    _, registered = read_colmap_model(model_dir)
    names = sorted(image.name for image in registered.values())
    for name in names:
        if not (scene_dir / "images" / name).is_file():
            raise DataError(str(scene_dir / "images" / name), None, "image", f"listed in the COLMAP model {model_dir} but missing")
    scene = colmap_scene(scene_dir)
    return _from_scene(scene, names, scene_dir / "images", "colmap", model_dir)


def read_transforms(images_dir: Path) -> PhotoSet | None:
    for candidate in (images_dir / "transforms.json", images_dir.parent / "transforms.json"):
        if candidate.is_file():
            import json

            try:
                frames = json.loads(candidate.read_text()).get("frames", [])
            except (OSError, ValueError, AttributeError) as error:
                raise DataError(str(candidate), None, None, f"cannot read transforms.json ({error})") from None
            scene = nerfstudio_scene(candidate)
            paths = sorted(frame.get("file_path", "") for frame in frames)
            names = [Path(p).name for p in paths]
            return _from_scene(scene, names, images_dir, "transforms", candidate)
    return None


# Tried in this order when no pose source is named.
POSE_SOURCES: dict[str, Callable[[Path], PhotoSet | None]] = {
    "colmap-model": read_colmap,
    "transforms": read_transforms,
}


def load_images(files: list[Path]) -> torch.Tensor:
    frames = []
    for path in files:
        try:
            with Image.open(path) as image:
                frames.append(image.convert("RGB"))
        except Exception as error:  # PIL raises many types for broken files
            raise DataError(str(path), None, "image", f"cannot decode image ({type(error).__name__})") from None
    for path, frame in zip(files, frames):
        if frame.size != frames[0].size:
            raise DataError(
                str(path), None, "image size",
                f"{frame.size[0]}x{frame.size[1]} differs from {files[0].name} ({frames[0].size[0]}x{frames[0].size[1]}); all photos must have one size",
            )  # fmt: skip
    return torch.stack([pil_to_tensor(frame) for frame in frames])


def estimate_poses(images_dir: Path, backend_name: str, options: dict[str, str] | None = None, focal_guess: float = 1.2) -> PhotoSet:
    """Run a pose backend on every photo; K starts from ``focal_guess`` x the longer side
    (COLMAP's default guess) with a centred principal point, unless the backend estimates it."""
    from splatbench.preprocess.backends import FrameBatch, PoseBackendFailure, PoseBackendOptionError, create_backend

    files = photo_files(images_dir)
    _check_count(len(files), images_dir)
    try:
        backend = create_backend(backend_name, options or {})
    except PoseBackendOptionError as error:
        raise DataError(str(images_dir), None, "poses", str(error).replace("--source", "--poses")) from None
    images = load_images(files)
    height, width = images.shape[-2:]
    focal = focal_guess * max(height, width)
    k = torch.tensor([[focal / width, 0, 0.5], [0, focal / height, 0.5], [0, 0, 1]], dtype=torch.float32)
    batch = FrameBatch(
        scene=images_dir.name,
        images=images,
        intrinsics=k.expand(len(files), 3, 3).clone(),
        gt_extrinsics=torch.full((len(files), 4, 4), float("nan")),
        frame_indices=torch.arange(len(files)),
    )
    try:
        estimate = backend.estimate(batch)
        estimate.check(len(files), images_dir.name)
    except PoseBackendFailure as failure:
        raise DataError(str(images_dir), None, "poses", f"pose backend {backend_name} failed: {failure.reason}") from None
    valid = estimate.valid.bool()
    names = [p.name for p, ok in zip(files, valid.tolist()) if ok]
    ignored = [p.name for p, ok in zip(files, valid.tolist()) if not ok]
    if ignored:
        logger.warning("pose backend %s could not place %d photo(s): %s", backend_name, len(ignored), ", ".join(ignored[:5]))
    _check_count(len(names), images_dir)
    return PhotoSet(
        list(images[valid]), tuple(images.shape[-2:]), estimate.extrinsics[valid].double(), estimate.intrinsics[valid].double(), names,
        f"estimate:{backend_name}", str(images_dir), ignored,
    )  # fmt: skip


def load_photo_set(images_dir: Path, pose_source: str = "auto", backend_options: dict[str, str] | None = None) -> PhotoSet:
    """Photos and cameras from ``images_dir``; ``pose_source`` is "auto" (a COLMAP model, then
    transforms.json), one of ``POSE_SOURCES``, or the name of a pose backend to run."""
    images_dir = Path(images_dir)
    if not images_dir.exists():
        raise DataError(str(images_dir), None, None, "does not exist")
    if not images_dir.is_dir():
        raise DataError(str(images_dir), None, None, "not a folder of images")
    if pose_source == "auto":
        for reader in POSE_SOURCES.values():
            photos = reader(images_dir)
            if photos is not None:
                return photos
        files = photo_files(images_dir)
        if len(files) < MIN_PHOTOS:
            _check_count(len(files), images_dir)
        raise DataError(
            str(images_dir), None, "poses",
            "no cameras found: expected a COLMAP model (sparse/0 next to the images) or a transforms.json; "
            "or estimate them with --poses colmap|vggt",
        )  # fmt: skip
    if pose_source in POSE_SOURCES:
        photos = POSE_SOURCES[pose_source](images_dir)
        if photos is None:
            raise DataError(str(images_dir), None, "poses", f"--poses {pose_source}: nothing of that kind found next to the images")
        return photos
    return estimate_poses(images_dir, pose_source, backend_options)
