"""The Gaussians container shared by encoders, the renderer, exporters and evaluation (below
both `model/` and `render/`, so neither imports the other for it)."""

from __future__ import annotations

from dataclasses import dataclass

from jaxtyping import Float
from torch import Tensor


@dataclass
class Gaussians:
    """A batch of 3D Gaussians in world space.

    means:        Float[B, G, 3]       world coordinates (same units as camera translations)
    covariances:  Float[B, G, 3, 3]    world-space covariance
    harmonics:    Float[B, G, 3, d_sh] real SH coefficients per colour channel, d_sh = (degree+1)^2,
                  in the 3DGS basis order (DC term first); colour = 0.5 + SH(view direction)
    opacities:    Float[B, G]          in [0, 1]
    scales:       Float[B, G, 3] | None     optional, for export (per-axis standard deviations)
    rotations:    Float[B, G, 4] | None     optional, for export, unit quaternions (x, y, z, w), world frame
    """

    means: Float[Tensor, "batch gaussian 3"]
    covariances: Float[Tensor, "batch gaussian 3 3"]
    harmonics: Float[Tensor, "batch gaussian 3 d_sh"]
    opacities: Float[Tensor, "batch gaussian"]
    scales: Float[Tensor, "batch gaussian 3"] | None = None
    rotations: Float[Tensor, "batch gaussian 4"] | None = None

    @property
    def sh_degree(self) -> int:
        d_sh = self.harmonics.shape[-1]
        degree = int(round(d_sh**0.5)) - 1
        if (degree + 1) ** 2 != d_sh:
            raise ValueError(f"harmonics has {d_sh} coefficients, not a square number")
        return degree


def split_gaussians_by_scale(gaussians: Gaussians, batch_size: int) -> tuple[Gaussians, list[Gaussians]]:
    """Split an encoder's stacked output (intermediate scales first, final last, along the batch
    axis) into (final, [intermediate, ...]). A plain batch gives (gaussians, [])."""
    total = gaussians.means.shape[0]
    if total == batch_size:
        return gaussians, []
    if total % batch_size != 0:
        raise ValueError(f"encoder returned {total} Gaussian sets for a batch of {batch_size}")

    def take(i: int) -> Gaussians:
        part = slice(i * batch_size, (i + 1) * batch_size)
        return Gaussians(
            means=gaussians.means[part],
            covariances=gaussians.covariances[part],
            harmonics=gaussians.harmonics[part],
            opacities=gaussians.opacities[part],
            scales=None if gaussians.scales is None else gaussians.scales[part],
            rotations=None if gaussians.rotations is None else gaussians.rotations[part],
        )

    count = total // batch_size
    return take(count - 1), [take(i) for i in range(count - 1)]
