"""The reference crop shim: LANCZOS resize through uint8, then centre crop; fx, fy updated.

Applied to context and target alike, so metrics are computed on the processed ground truth.
The scale is ``max(h_out/h_in, w_out/w_in)``; after the crop ``fx *= w_scaled / w_out`` and
``fy *= h_scaled / h_out`` while cx, cy stay (the crop is centred). Optional per-view ``depth``
maps are resized bilinearly (``align_corners=True``) and cropped alongside.
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from jaxtyping import Float
from torch import Tensor

from splatbench.data.images import crop_offsets, lanczos_resize, scaled_shape, tensor_to_pil


def _rescale(image: Float[Tensor, "3 h_in w_in"], shape: tuple[int, int]) -> Float[Tensor, "3 h_out w_out"]:
    resized = np.array(lanczos_resize(tensor_to_pil(image), shape)) / 255
    return torch.tensor(resized, dtype=image.dtype, device=image.device).permute(2, 0, 1)


def center_crop(
    images: Float[Tensor, "*batch 3 h_in w_in"],
    intrinsics: Float[Tensor, "*batch 3 3"],
    shape: tuple[int, int],
    depths: Float[Tensor, "*batch h_in w_in"] | None = None,
):
    *_, h_in, w_in = images.shape
    h_out, w_out = shape
    row, col = crop_offsets((h_in, w_in), (h_out, w_out))
    images = images[..., :, row : row + h_out, col : col + w_out]
    intrinsics = intrinsics.clone()
    intrinsics[..., 0, 0] *= w_in / w_out
    intrinsics[..., 1, 1] *= h_in / h_out
    if depths is not None:
        depths = depths[..., row : row + h_out, col : col + w_out]
    return images, intrinsics, depths


def rescale_and_crop(
    images: Float[Tensor, "*batch 3 h_in w_in"],
    intrinsics: Float[Tensor, "*batch 3 3"],
    shape: tuple[int, int],
    depths: Float[Tensor, "*batch h_in w_in"] | None = None,
):
    *batch, channels, h_in, w_in = images.shape
    h_scaled, w_scaled = scaled_shape((h_in, w_in), shape)
    flat = images.reshape(-1, channels, h_in, w_in)
    resized = torch.stack([_rescale(image, (h_scaled, w_scaled)) for image in flat])
    images = resized.reshape(*batch, channels, h_scaled, w_scaled)
    if depths is not None:
        depths = resize_depths(depths, (h_scaled, w_scaled))
    return center_crop(images, intrinsics, shape, depths)


def resize_depths(depths: Float[Tensor, "*batch h w"], shape: tuple[int, int]) -> Float[Tensor, "*batch h2 w2"]:
    """Bilinear resize that never blends known depth with unknown (0 / non-finite) depth: an
    output pixel is known only if every input pixel it interpolates is; otherwise it is 0."""
    if tuple(depths.shape[-2:]) == tuple(shape):
        return depths
    *batch, h, w = depths.shape
    flat = depths.reshape(-1, 1, h, w).float()
    known = (torch.isfinite(flat) & (flat > 0)).float()
    values = F.interpolate(torch.where(known > 0, flat, 0.0), size=shape, mode="bilinear", align_corners=True)
    weight = F.interpolate(known, size=shape, mode="bilinear", align_corners=True)
    resized = torch.where(weight > 1 - 1e-4, values / weight.clamp_min(1e-6), 0.0)
    return resized.reshape(*batch, *shape)


def apply_crop_shim_to_views(views: dict, shape: tuple[int, int]) -> dict:
    images, intrinsics, depths = rescale_and_crop(views["image"], views["intrinsics"], shape, views.get("depth"))
    updated = {**views, "image": images, "intrinsics": intrinsics}
    if depths is not None:
        updated["depth"] = depths
    return updated


def apply_crop_shim(example: dict, shape: tuple[int, int]) -> dict:
    """Rescale and centre-crop the context and target images of one example."""
    return {
        **example,
        "context": apply_crop_shim_to_views(example["context"], tuple(shape)),
        "target": apply_crop_shim_to_views(example["target"], tuple(shape)),
    }
