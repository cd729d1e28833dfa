"""Choosing the context views: all photos, or the N that cover the scene best.

"Cover best" is greedy farthest-point sampling in camera space: the distance between two views
is the distance of their centres (divided by the largest such distance) plus ``1 - cos`` of the
angle between their viewing directions. It starts from the two most distant views and keeps
adding the view farthest from every chosen one, so N views spread along the capture path and over
the directions looked at. Indices are returned sorted (the photos' order).
"""

from __future__ import annotations

import numpy as np
import torch
from jaxtyping import Float
from torch import Tensor


def view_distances(extrinsics: Float[Tensor, "view 4 4"]) -> np.ndarray:
    poses = extrinsics.double().cpu().numpy()
    centres, forward = poses[:, :3, 3], poses[:, :3, 2]
    positional = np.linalg.norm(centres[:, None] - centres[None], axis=-1)
    positional = positional / max(float(positional.max()), 1e-12)
    angular = 1.0 - np.clip(forward @ forward.T, -1.0, 1.0)
    return positional + angular


def views_by_name(names: list[str], wanted: list[str], where: str) -> list[int]:
    """Indices of the photos called ``wanted`` (in the photos' order); a DataError for an unknown name."""
    from splatbench.data.errors import DataError

    missing = [name for name in wanted if name not in names]
    if missing:
        raise DataError(where, None, "views", f"no photo with a camera is called {missing[0]}")
    if len(set(wanted)) < 2:
        raise DataError(where, None, "views", "at least 2 different context views are needed")
    return sorted(names.index(name) for name in set(wanted))


def select_context_views(extrinsics: Float[Tensor, "view 4 4"], count: int | None) -> list[int]:
    """``count`` view indices (all when ``count`` is None or at least the number of views)."""
    total = extrinsics.shape[0]
    if count is None or count >= total:
        return list(range(total))
    if count < 2:
        raise ValueError(f"at least 2 context views are needed, got {count}")
    distances = view_distances(extrinsics)
    first, second = np.unravel_index(np.argmax(distances), distances.shape)
    chosen = [int(first), int(second)]
    nearest = np.minimum(distances[first], distances[second])
    while len(chosen) < count:
        nearest[chosen] = -1.0
        pick = int(np.argmax(nearest))
        chosen.append(pick)
        nearest = np.minimum(nearest, distances[pick])
    return sorted(chosen)
