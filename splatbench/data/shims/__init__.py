"""Example/batch transforms identical to the reference: crop, flip augmentation, patch crop."""

from splatbench.data.shims.augmentation import apply_augmentation_shim, reflect_extrinsics, reflect_views
from splatbench.data.shims.crop import apply_crop_shim, center_crop, rescale_and_crop
from splatbench.data.shims.patch import apply_patch_shim

__all__ = [
    "apply_augmentation_shim",
    "apply_crop_shim",
    "apply_patch_shim",
    "center_crop",
    "reflect_extrinsics",
    "reflect_views",
    "rescale_and_crop",
]
