"""Result container and error type of Gaussian rendering."""

from __future__ import annotations

from dataclasses import dataclass

from jaxtyping import Float
from torch import Tensor


class RenderInputError(ValueError):
    """Rendering inputs that cannot give a defined image (non-finite values, empty image, bad shapes)."""


@dataclass
class RenderOutput:
    """Rendered views.

    color: Float[B, V, 3, H, W]  composited colour plus ``(1 - alpha) * background``; not clamped
    depth: Float[B, V, H, W]     rendered depth feature (see ``render_gaussians``), 0 where empty
    alpha: Float[B, V, H, W]     accumulated opacity in [0, 1]
    """

    color: Float[Tensor, "batch view 3 height width"]
    depth: Float[Tensor, "batch view height width"]
    alpha: Float[Tensor, "batch view height width"]
