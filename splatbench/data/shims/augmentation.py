"""Training augmentation: with probability 1/2 mirror every view horizontally.

Mirroring the image about its vertical axis is a reflection of camera X; the matching
camera-to-world matrix is ``R @ E @ R`` with ``R = diag(-1, 1, 1, 1)`` (world X reflected too),
which keeps normalised intrinsics valid when cx = 0.5.
"""

from __future__ import annotations

import torch
from jaxtyping import Float
from torch import Tensor


def reflect_extrinsics(extrinsics: Float[Tensor, "*batch 4 4"]) -> Float[Tensor, "*batch 4 4"]:
    reflect = torch.eye(4, dtype=extrinsics.dtype, device=extrinsics.device)
    reflect[0, 0] = -1
    return reflect @ extrinsics @ reflect


def reflect_views(views: dict) -> dict:
    reflected = {**views, "image": views["image"].flip(-1), "extrinsics": reflect_extrinsics(views["extrinsics"])}
    if "depth" in views:
        reflected["depth"] = views["depth"].flip(-1)
    return reflected


def should_flip(generator: torch.Generator | None = None) -> bool:
    """The reference's coin: keep the example when ``rand() < 0.5``."""
    return not bool(torch.rand(tuple(), generator=generator) < 0.5)


def apply_augmentation_shim(example: dict, generator: torch.Generator | None = None) -> dict:
    if not should_flip(generator):
        return example
    return {**example, "context": reflect_views(example["context"]), "target": reflect_views(example["target"])}
