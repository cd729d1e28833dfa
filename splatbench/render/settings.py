"""Rasterisation constants of the two CUDA rasterisers the PyTorch backend can reproduce."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class RasterSettings:
    """Per-pixel and per-Gaussian thresholds of front-to-back alpha compositing.

    near_plane:         Gaussians whose camera-space z is at most this (in rasteriser units, i.e.
                        after the optional division by ``near``) are culled.
    dilation:           added to both diagonal entries of every 2D covariance (pixels squared).
    alpha_min:          a Gaussian whose alpha at a pixel is below this is skipped there.
    alpha_max:          alpha is clamped to this before compositing.
    transmittance_min:  a pixel stops at the first Gaussian that would bring its transmittance
                        below this (``"strict"``: ``T_next < t``; ``"inclusive"``: ``T_next <= t``);
                        that Gaussian is not composited.
    extent:             screen-space footprint used for tile culling. ``"3dgs"``: a square of
                        ``ceil(3 sqrt(lambda_max))`` pixels around the centre; ``"gsplat"``: a
                        per-axis box of ``ceil(k sqrt(cov_ii))`` with ``k = min(3.33,
                        sqrt(2 ln(255 opacity)))``, Gaussians below opacity 1/255 culled.
    tile_size:          tile edge in pixels; with the rules above it decides which pixels a Gaussian
                        is evaluated at, so it is 16 for both reference rasterisers.
    antialiased:        gsplat's ``rasterize_mode="antialiased"``: opacity is multiplied by
                        ``sqrt(det(cov2d) / det(cov2d + dilation I))`` (before footprint and culling).
    """

    near_plane: float = 0.2
    dilation: float = 0.3
    alpha_min: float = 1.0 / 255.0
    alpha_max: float = 0.99
    transmittance_min: float = 1e-4
    transmittance_rule: Literal["strict", "inclusive"] = "strict"
    extent: Literal["3dgs", "gsplat"] = "3dgs"
    tile_size: int = 16
    antialiased: bool = False

    def with_near_plane(self, near_plane: float) -> "RasterSettings":
        return dataclasses.replace(self, near_plane=near_plane)


# The reference decoder's rasteriser (3DGS / diff-gaussian-rasterization-modified).
REFERENCE_3DGS = RasterSettings()

# gsplat 1.5.3 `rasterization(..., rasterize_mode="classic")` with the near plane we pass it.
GSPLAT_1_5 = RasterSettings(alpha_max=0.999, transmittance_rule="inclusive", extent="gsplat")

# ReSplat's decoder: gsplat 1.5 with rasterize_mode="antialiased" and eps2d=0.1, not scale-invariant
# (its near plane is the scene's near distance: set it with ``with_near_plane``).
RESPLAT_GSPLAT = RasterSettings(
    near_plane=0.01, dilation=0.1, alpha_max=0.999, transmittance_rule="inclusive", extent="gsplat", antialiased=True
)

RASTER_PRESETS: dict[str, RasterSettings] = {"reference": REFERENCE_3DGS, "gsplat": GSPLAT_1_5, "resplat": RESPLAT_GSPLAT}
