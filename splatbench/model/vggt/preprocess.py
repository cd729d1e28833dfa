"""Images -> VGGT input, as the reference's ``load_and_preprocess_images`` does, and back.

``crop`` (the reference default): width 518, height = the aspect-preserving height rounded to a
multiple of 14; a portrait image taller than 518 keeps the central 518 rows. ``pad``: the longer
side becomes 518, the other is rounded to a multiple of 14, and the image is centred on a white
518 x 518 canvas. Resampling is PIL bicubic on 8-bit RGB; values end in [0, 1] (the aggregator
applies the ImageNet normalisation itself).

:class:`InputGeometry` records how the original image sits in the network input, so pixel
intrinsics and depth maps at the input size can be mapped back to the original image:
:meth:`InputGeometry.normalized_intrinsics` and :meth:`InputGeometry.valid_region`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import torch
from jaxtyping import Float, UInt8
from PIL import Image
from torch import Tensor

TARGET_SIZE = 518
PATCH_SIZE = 14
CROP_MODES = ("crop", "pad")


@dataclass(frozen=True)
class InputGeometry:
    """Where the resized original image lies in the network input (pixels)."""

    mode: str
    original_hw: tuple[int, int]
    resized_hw: tuple[int, int]  # the original image after resizing, before crop / pad
    input_hw: tuple[int, int]  # what the network sees
    offset_yx: tuple[int, int]  # input pixel = resized pixel + offset (negative: cropped away)

    def as_dict(self) -> dict:
        return asdict(self)

    def normalized_intrinsics(self, intrinsics: Float[Tensor, "*batch 3 3"]) -> Float[Tensor, "*batch 3 3"]:
        """Pixel intrinsics at the input size -> intrinsics of the original image normalised by its
        width and height (principal point 0.5 = image centre).

        VGGT's principal point ``(W/2, H/2)`` is read with pixel edges at integers, i.e. as the
        centre of the input image (VGGT never estimates it).
        """
        (resized_h, resized_w), (top, left) = self.resized_hw, self.offset_yx
        normalized = intrinsics.clone()
        normalized[..., 0, 0] = intrinsics[..., 0, 0] / resized_w
        normalized[..., 0, 2] = (intrinsics[..., 0, 2] - left) / resized_w
        normalized[..., 1, 1] = intrinsics[..., 1, 1] / resized_h
        normalized[..., 1, 2] = (intrinsics[..., 1, 2] - top) / resized_h
        return normalized

    def valid_region(self) -> tuple[slice, slice]:
        """Rows and columns of the input that show the image (not padding)."""
        (resized_h, resized_w), (top, left) = self.resized_hw, self.offset_yx
        (input_h, input_w) = self.input_hw
        rows = slice(max(top, 0), min(top + resized_h, input_h))
        cols = slice(max(left, 0), min(left + resized_w, input_w))
        return rows, cols


def _round_to_patch(length: float) -> int:
    return max(PATCH_SIZE, int(round(length / PATCH_SIZE)) * PATCH_SIZE)


def input_geometry(height: int, width: int, mode: str = "crop", target: int = TARGET_SIZE) -> InputGeometry:
    if mode not in CROP_MODES:
        raise ValueError(f"crop mode {mode!r} is not one of {', '.join(CROP_MODES)}")
    if height <= 0 or width <= 0:
        raise ValueError(f"image size {height}x{width} is empty")
    if mode == "crop":
        resized = (_round_to_patch(height * target / width), target)
        input_hw = (min(resized[0], target), target)
        offset = (-((resized[0] - target) // 2) if resized[0] > target else 0, 0)
    else:
        if width >= height:
            resized = (_round_to_patch(height * target / width), target)
        else:
            resized = (target, _round_to_patch(width * target / height))
        input_hw = (target, target)
        offset = ((target - resized[0]) // 2, (target - resized[1]) // 2)
    return InputGeometry(mode, (height, width), resized, input_hw, offset)


def preprocess_images(
    images: UInt8[Tensor, "frame 3 height width"] | Float[Tensor, "frame 3 height width"],
    mode: str = "crop",
    target: int = TARGET_SIZE,
) -> tuple[Float[Tensor, "frame 3 input_height input_width"], InputGeometry]:
    """Resize (and crop or pad) frames of one size for VGGT. Float input in [0, 1] is first
    quantised to 8 bits, as the reference reads 8-bit files."""
    if images.ndim != 4 or images.shape[1] != 3:
        raise ValueError(f"images must be [frames, 3, height, width], got {tuple(images.shape)}")
    geometry = input_geometry(images.shape[2], images.shape[3], mode, target)
    if images.dtype != torch.uint8:
        images = (images.float().clamp(0, 1) * 255).round().to(torch.uint8)
    (resized_h, resized_w), (top, left) = geometry.resized_hw, geometry.offset_yx
    input_h, input_w = geometry.input_hw
    out = torch.ones(images.shape[0], 3, input_h, input_w)
    rows, cols = geometry.valid_region()
    for index, frame in enumerate(images):
        picture = Image.fromarray(frame.permute(1, 2, 0).cpu().numpy())
        picture = picture.resize((resized_w, resized_h), Image.Resampling.BICUBIC)
        array = torch.from_numpy(np.asarray(picture, dtype=np.float32) / 255.0).permute(2, 0, 1)
        out[index, :, rows, cols] = array[:, rows.start - top: rows.stop - top, cols.start - left: cols.stop - left]
    return out, geometry
