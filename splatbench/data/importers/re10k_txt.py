"""RealEstate10K camera ``.txt`` files (+ a folder of frames) -> chunks.

A camera file has the video URL on its first line, then one line per frame:
``timestamp fx fy cx cy k1 k2 r11 r12 r13 t1 r21 ... t3`` (normalised intrinsics, OpenCV
world-to-camera 3x4): exactly the chunk's 18-number camera vector after the timestamp.
Frames are looked up as ``<frames>/<scene>/<timestamp>.{png,jpg}`` (the layout of the public
download scripts); failing that, the folder's images in sorted order must match the line count.
"""

from __future__ import annotations

from pathlib import Path

import torch

from splatbench.data.errors import DataError
from splatbench.data.writer import WriteMode
from splatbench.data.importers.common import list_images, load_frame, write_dataset


def parse_re10k_camera_file(path: str | Path) -> tuple[str, torch.Tensor, torch.Tensor]:
    """(url, timestamps int64 [N], cameras float32 [N, 18]) of one camera file."""
    path = Path(path)
    lines = [line.strip() for line in path.read_text().splitlines() if line.strip()]
    if not lines:
        raise DataError(str(path), path.stem, None, "empty camera file")
    url, rows = lines[0], lines[1:]
    timestamps, cameras = [], []
    for number, row in enumerate(rows, start=2):
        values = row.split()
        if len(values) != 19:
            raise DataError(str(path), path.stem, f"line {number}", f"expected 19 numbers, got {len(values)}")
        try:
            timestamps.append(int(values[0]))
            cameras.append([float(v) for v in values[1:]])
        except ValueError:
            raise DataError(str(path), path.stem, f"line {number}", "not a number") from None
    return url, torch.tensor(timestamps, dtype=torch.int64), torch.tensor(cameras, dtype=torch.float32)


def _frame_paths(frames_dir: Path, timestamps: torch.Tensor, scene: str, camera_file: Path) -> list[Path]:
    by_timestamp = []
    for timestamp in timestamps.tolist():
        matches = [frames_dir / f"{timestamp}{suffix}" for suffix in (".png", ".jpg", ".jpeg")]
        found = next((m for m in matches if m.is_file()), None)
        by_timestamp.append(found)
    if all(path is not None for path in by_timestamp):
        return by_timestamp
    images = list_images(frames_dir) if frames_dir.is_dir() else []
    if len(images) != len(timestamps):
        raise DataError(
            str(camera_file), scene, "images", f"{len(timestamps)} cameras but {len(images)} frames in {frames_dir}"
        )
    return images


def re10k_scene(camera_file: Path, frames_dir: Path, image_shape: tuple[int, int] | None = None) -> dict:
    scene = camera_file.stem
    url, timestamps, cameras = parse_re10k_camera_file(camera_file)
    paths = _frame_paths(frames_dir, timestamps, scene, camera_file)
    images = [load_frame(path, image_shape=image_shape, scene=scene)[0] for path in paths]
    return {"key": scene, "url": url, "timestamps": timestamps, "cameras": cameras, "images": images}


def convert_re10k_txt(
    src: str | Path,
    out: str | Path,
    frames: str | Path | None = None,
    split: str = "test",
    image_shape: tuple[int, int] | None = (360, 640),
    scenes_per_chunk: int = 16,
    index_options: dict | None = None,
    mode: WriteMode = "new",
) -> dict[str, int]:
    """``src``: one camera .txt or a folder of them; ``frames``: folder with one sub-folder per
    scene (default: ``src``'s folder). Frames are resized to ``image_shape`` (RE10K's 360x640)."""
    src = Path(src)
    if not src.exists():
        raise DataError(str(src), None, None, "source does not exist")
    camera_files = [src] if src.is_file() else sorted(src.glob("*.txt"))
    if not camera_files:
        raise DataError(str(src), None, None, "no RealEstate10K camera .txt files found")
    frames_root = Path(frames) if frames is not None else (src.parent if src.is_file() else src)
    scenes = (re10k_scene(f, frames_root / f.stem, image_shape) for f in camera_files)
    return write_dataset(scenes, out, split, scenes_per_chunk, index_options, mode)
