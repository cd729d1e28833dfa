"""VGGT input preprocessing: sizes as the reference computes them (hand-worked), pixels from PIL
bicubic, white padding, and intrinsics mapped back to the original image."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PIL import Image

from splatbench.model.vggt.preprocess import input_geometry, preprocess_images


@pytest.mark.parametrize("hw, mode, resized, input_hw, offset", [
    ((360, 640), "crop", (294, 518), (294, 518), (0, 0)),  # 291.4 -> 294 (21 patches)
    ((480, 640), "crop", (392, 518), (392, 518), (0, 0)),  # 4:3 -> 518 x 392
    ((640, 360), "crop", (924, 518), (518, 518), (-203, 0)),  # portrait: central 518 rows of 924
    ((360, 640), "pad", (294, 518), (518, 518), (112, 0)),
    ((640, 360), "pad", (518, 294), (518, 518), (0, 112)),
])
def test_geometry(hw, mode, resized, input_hw, offset):
    geometry = input_geometry(*hw, mode=mode)
    assert (geometry.resized_hw, geometry.input_hw, geometry.offset_yx) == (resized, input_hw, offset)


def test_pixels_crop_and_pad():
    generator = torch.Generator().manual_seed(0)
    frames = torch.randint(0, 256, (2, 3, 90, 60), dtype=torch.uint8, generator=generator)
    expected = [np.asarray(Image.fromarray(f.permute(1, 2, 0).numpy()).resize((140, 210), Image.BICUBIC))
                for f in frames]
    expected = torch.from_numpy(np.stack(expected)).permute(0, 3, 1, 2).float() / 255
    cropped, geometry = preprocess_images(frames, "crop", target=140)
    assert geometry.input_hw == (140, 140) and geometry.offset_yx == (-35, 0)
    assert torch.equal(cropped, expected[:, :, 35:175])
    padded, geometry = preprocess_images(frames, "pad", target=140)
    assert geometry.resized_hw == (140, 98) and geometry.offset_yx == (0, 21)
    assert (padded[..., :21] == 1).all() and (padded[..., 119:] == 1).all()
    assert geometry.valid_region() == (slice(0, 140), slice(21, 119))


@pytest.mark.parametrize("hw, mode", [((360, 640), "crop"), ((640, 360), "crop"), ((640, 360), "pad")])
def test_intrinsics_round_trip(hw, mode):
    """A camera with known normalised intrinsics of the original image, expressed in input pixels
    by hand (scale by the resized size, shift by the crop/pad offset), maps back exactly."""
    geometry = input_geometry(*hw, mode=mode)
    fx, fy, cx, cy = 0.8, 1.3, 0.5, 0.45
    (rh, rw), (top, left) = geometry.resized_hw, geometry.offset_yx
    pixel = torch.tensor([[fx * rw, 0, cx * rw + left], [0, fy * rh, cy * rh + top], [0, 0, 1]], dtype=torch.float64)
    normalized = geometry.normalized_intrinsics(pixel)
    assert torch.allclose(normalized, torch.tensor([[fx, 0, cx], [0, fy, cy], [0, 0, 1]], dtype=torch.float64))


def test_bad_input():
    with pytest.raises(ValueError, match="crop mode"):
        input_geometry(10, 10, mode="stretch")
    with pytest.raises(ValueError, match=r"\[frames, 3, height, width\]"):
        preprocess_images(torch.zeros(3, 10, 10))
