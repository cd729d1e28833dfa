"""Small chunk datasets for the preprocess tests: genuine RealEstate10K camera paths, tiny frames."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from splatbench.data.chunks import write_chunk, write_index
from tests.conftest import shared_data_path


def tiny_png(seed: int, shape: tuple[int, int] = (8, 8)) -> torch.Tensor:
    pixels = np.random.default_rng(seed).integers(0, 255, size=(*shape, 3), dtype=np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format="PNG")
    return torch.frombuffer(bytearray(buffer.getvalue()), dtype=torch.uint8)


def re10k_cameras() -> dict[str, torch.Tensor]:
    """scene key -> [N, 18] camera vectors of the ten RealEstate10K pose files in shared/data."""
    cameras = {}
    for path in sorted(shared_data_path("re10k_poses").glob("*.txt")):
        rows = [line.split() for line in path.read_text().splitlines()[1:] if line.strip()]
        cameras[path.stem] = torch.tensor([[float(v) for v in row[1:]] for row in rows], dtype=torch.float32)
    return cameras


def make_scene(key: str, cameras: torch.Tensor, shape: tuple[int, int] = (8, 8)) -> dict:
    return {
        "key": key,
        "url": "",
        "timestamps": torch.arange(len(cameras), dtype=torch.int64),
        "cameras": cameras,
        "images": [tiny_png(i, shape) for i in range(len(cameras))],
    }


def write_dataset(root: Path, chunks: list[list[dict]], split: str = "test") -> Path:
    index = {}
    for number, scenes in enumerate(chunks):
        name = f"{number:06d}.torch"
        write_chunk(root / split / name, scenes)
        index.update({scene["key"]: name for scene in scenes if isinstance(scene, dict) and "key" in scene})
    write_index(root / split, index)
    (root / "evaluation_index.json").write_text("{}\n")
    return root


@pytest.fixture(scope="session")
def re10k_pose_dataset(tmp_path_factory) -> Path:
    """Ten real RE10K trajectories (16 frames each) in two chunks."""
    scenes = [make_scene(key, cameras) for key, cameras in re10k_cameras().items()]
    return write_dataset(tmp_path_factory.mktemp("re10k_poses"), [scenes[:5], scenes[5:]])
