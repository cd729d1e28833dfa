"""Real photo pairs from the shared real_scenes, cropped and resized small, for metric tests."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

# (scene, frame a, frame b): neighbouring views, so the pairs look like novel-view predictions.
PHOTO_PAIRS = (
    ("fountain-P11", "0004.jpg", "0005.jpg"),
    ("entry-P10", "0002.jpg", "0003.jpg"),
    ("Herz-Jesus-P8", "0001.jpg", "0002.jpg"),
    ("castle-P19", "0007.jpg", "0008.jpg"),
)


def load_photo(path: Path, size: int) -> torch.Tensor:
    """Centre square crop, LANCZOS resize to ``size``, as float [3, size, size] in [0, 1]."""
    with Image.open(path) as image:
        image = image.convert("RGB")
        side = min(image.size)
        left, top = (image.width - side) // 2, (image.height - side) // 2
        image = image.crop((left, top, left + side, top + side)).resize((size, size), Image.LANCZOS)
        array = np.asarray(image, dtype=np.float32) / 255.0
    return torch.from_numpy(array).permute(2, 0, 1).contiguous()


@pytest.fixture(scope="session")
def photo_pairs(shared_data: Path) -> tuple[torch.Tensor, torch.Tensor]:
    """Ground truth and "prediction" batches [4, 3, 128, 128] from four real scenes."""
    root = shared_data / "real_scenes"
    ground_truth, predicted = [], []
    for scene, frame_a, frame_b in PHOTO_PAIRS:
        ground_truth.append(load_photo(root / scene / "images" / frame_a, 128))
        predicted.append(load_photo(root / scene / "images" / frame_b, 128))
    return torch.stack(ground_truth), torch.stack(predicted)
