"""Encoder data shim: centre-crop context and target views so that H and W are multiples of a
patch size, scaling the normalised focal lengths to keep the field of view per pixel.

The one implementation every encoder (DepthSplat, MVSplat, ReSplat) hands to the training and
evaluation loops through ``get_data_shim``.
"""

from __future__ import annotations

from splatbench.data.types import BatchedExample, BatchedViews


class PatchShimError(ValueError):
    """The batch cannot be cropped consistently (odd image size, or smaller than one patch)."""


def apply_patch_shim_to_views(views: BatchedViews, patch_size: int, scene: str = "?") -> BatchedViews:
    h, w = views["image"].shape[-2:]
    if h % 2 or w % 2:
        # An odd size cannot be centre-cropped without a half-pixel shift of the principal point.
        raise PatchShimError(f"scene {scene}: field image has odd size {h}x{w}; the patch shim needs even sizes")
    h_new = h // patch_size * patch_size
    w_new = w // patch_size * patch_size
    if h_new == 0 or w_new == 0:
        raise PatchShimError(f"scene {scene}: field image of size {h}x{w} is smaller than the patch size {patch_size}")
    row = (h - h_new) // 2
    col = (w - w_new) // 2
    intrinsics = views["intrinsics"].clone()
    # Normalised intrinsics: the crop keeps cx, cy (centred) and rescales fx, fy to the new size.
    intrinsics[..., 0, 0] *= w / w_new
    intrinsics[..., 1, 1] *= h / h_new
    cropped: BatchedViews = {**views, "image": views["image"][..., row : row + h_new, col : col + w_new]}
    cropped["intrinsics"] = intrinsics
    if "depth" in views:
        cropped["depth"] = views["depth"][..., row : row + h_new, col : col + w_new]
    return cropped


def apply_patch_shim(batch: BatchedExample, patch_size: int) -> BatchedExample:
    scene = ",".join(batch.get("scene", [])) or "?"
    return {
        **batch,
        "context": apply_patch_shim_to_views(batch["context"], patch_size, scene),
        "target": apply_patch_shim_to_views(batch["target"], patch_size, scene),
    }
