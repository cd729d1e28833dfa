"""Simple feature pyramid (ViTDet style): one feature map -> the same map at several scales.

DepthSplat uses it with scale factors [1, 2] for the coarse-to-fine second scale
(``mv_pyramid`` on the multi-view features, ``mono_pyramid`` on the ViT features). Each
upsampling stage halves the channel count. Stage and layer indices equal the reference
checkpoints (``stages.1.0`` transposed conv, ``stages.1.2`` 3x3 conv).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from jaxtyping import Float
from torch import Tensor, nn

logger = logging.getLogger(__name__)


def _stage_x4(dim: int) -> tuple[list[nn.Module], int]:
    return [
        nn.ConvTranspose2d(dim, dim // 2, kernel_size=2, stride=2),
        nn.GELU(),
        nn.ConvTranspose2d(dim // 2, dim // 4, kernel_size=2, stride=2),
    ], dim // 4


def _stage_x2(dim: int) -> tuple[list[nn.Module], int]:
    return [nn.ConvTranspose2d(dim, dim // 2, kernel_size=2, stride=2)], dim // 2


def _stage_x1(dim: int) -> tuple[list[nn.Module], int]:
    return [], dim


def _stage_half(dim: int) -> tuple[list[nn.Module], int]:
    return [nn.MaxPool2d(kernel_size=2, stride=2)], dim


PYRAMID_STAGES: dict[float, Callable[[int], tuple[list[nn.Module], int]]] = {
    4.0: _stage_x4,
    2.0: _stage_x2,
    1.0: _stage_x1,
    0.5: _stage_half,
}


class ViTFeaturePyramid(nn.Module):
    """Returns one map per scale factor, in the order given (e.g. [1, 2] -> low then high res)."""

    def __init__(self, in_channels: int, scale_factors: Sequence[float]) -> None:
        super().__init__()
        self.scale_factors = list(scale_factors)
        self.stages = nn.ModuleList()
        for scale in self.scale_factors:
            if float(scale) not in PYRAMID_STAGES:
                raise ValueError(f"ViTFeaturePyramid: unsupported scale factor {scale}; use {sorted(PYRAMID_STAGES)}")
            layers, out_dim = PYRAMID_STAGES[float(scale)](in_channels)
            if float(scale) != 1.0:
                layers += [nn.GELU(), nn.Conv2d(out_dim, out_dim, 3, 1, 1)]
            self.stages.append(nn.Sequential(*layers))

    def forward(self, features: Float[Tensor, "batch channel height width"]) -> list[Tensor]:
        return [stage(features) for stage in self.stages]
