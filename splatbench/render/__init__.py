"""Gaussian rasterisation: gsplat (CUDA) and a pure-PyTorch reference backend behind one function."""

from splatbench.render.api import BACKENDS, render_gaussians, resolve_backend
from splatbench.render.settings import GSPLAT_1_5, RASTER_PRESETS, REFERENCE_3DGS, RasterSettings
from splatbench.render.types import RenderInputError, RenderOutput

__all__ = [
    "BACKENDS",
    "GSPLAT_1_5",
    "RASTER_PRESETS",
    "REFERENCE_3DGS",
    "RasterSettings",
    "RenderInputError",
    "RenderOutput",
    "render_gaussians",
    "resolve_backend",
]
