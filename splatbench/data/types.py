"""Batch layout produced by the data layer and consumed by models.

One example (unbatched) is a dict::

    {"context": views, "target": views, "scene": str}

with ``views`` a dict of tensors (leading ``view`` axis; batched tensors add a leading ``batch`` axis):

    extrinsics  Float[V, 4, 4]   OpenCV camera-to-world
    intrinsics  Float[V, 3, 3]   normalised (row 0 divided by width, row 1 by height)
    image       Float[V, 3, H, W] in [0, 1]
    near, far   Float[V]
    index       Int64[V]         frame indices into the scene's sequence

Optional per-view keys: ``depth`` Float[V, H, W] (ground-truth z-depth, 0 where unknown).
"""

from __future__ import annotations

from typing import Literal, TypedDict

from jaxtyping import Float, Int64
from torch import Tensor

Stage = Literal["train", "val", "test"]


class BatchedViews(TypedDict, total=False):
    extrinsics: Float[Tensor, "batch view 4 4"]
    intrinsics: Float[Tensor, "batch view 3 3"]
    image: Float[Tensor, "batch view 3 height width"]
    near: Float[Tensor, "batch view"]
    far: Float[Tensor, "batch view"]
    index: Int64[Tensor, "batch view"]
    depth: Float[Tensor, "batch view height width"]


class BatchedExample(TypedDict, total=False):
    context: BatchedViews
    target: BatchedViews
    scene: list[str]


class UnbatchedViews(TypedDict, total=False):
    extrinsics: Float[Tensor, "view 4 4"]
    intrinsics: Float[Tensor, "view 3 3"]
    image: Float[Tensor, "view 3 height width"]
    near: Float[Tensor, "view"]
    far: Float[Tensor, "view"]
    index: Int64[Tensor, "view"]
    depth: Float[Tensor, "view height width"]


class UnbatchedExample(TypedDict, total=False):
    context: UnbatchedViews
    target: UnbatchedViews
    scene: str
