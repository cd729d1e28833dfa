"""Encoder data shim: centre-crop a batch so H and W are multiples of the patch size.

Context and target are both cropped; fx and fy are rescaled by old/new size, cx, cy unchanged.
"""

from __future__ import annotations


def apply_patch_shim_to_views(views: dict, patch_size: int) -> dict:
    *_, height, width = views["image"].shape
    if height % 2 or width % 2:
        raise ValueError(f"patch shim needs even image sizes, got {height}x{width}")
    new_height = (height // patch_size) * patch_size
    new_width = (width // patch_size) * patch_size
    row, col = (height - new_height) // 2, (width - new_width) // 2
    intrinsics = views["intrinsics"].clone()
    intrinsics[..., 0, 0] *= width / new_width
    intrinsics[..., 1, 1] *= height / new_height
    cropped = {
        **views,
        "image": views["image"][..., row : row + new_height, col : col + new_width],
        "intrinsics": intrinsics,
    }
    if "depth" in views:
        cropped["depth"] = views["depth"][..., row : row + new_height, col : col + new_width]
    return cropped


def apply_patch_shim(batch: dict, patch_size: int) -> dict:
    return {
        **batch,
        "context": apply_patch_shim_to_views(batch["context"], patch_size),
        "target": apply_patch_shim_to_views(batch["target"], patch_size),
    }
