"""Typed configuration of the splatting decoder (Hydra group ``model/decoder``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass
class DecoderSplattingCfg:
    """Decoder settings.

    ``name`` is the only key of the reference (``model/decoder/splatting_cuda.yaml``); every other
    field is a splatbench extension whose default reproduces the reference decoder.

    backend:          "auto" uses gsplat for CUDA tensors when it imports, else the PyTorch backend.
    principal_point:  "symmetric" builds the reference's symmetric frustum from the field of view
                      (cx, cy ignored); "exact" honours cx, cy.
    scale_invariant:  divide the scene (means, camera translations, near/far) by ``near`` and
                      covariances by ``near**2`` before rasterising, as the reference does.
    depth_normalize:  False renders the reference's un-normalised depth (sum of alpha-weighted z);
                      True divides it by the accumulated alpha (expected z of the visible surface).
    tile_size:        PyTorch backend: tile edge in pixels; with the footprint rule it decides where
                      a Gaussian is evaluated, so 16 matches both CUDA rasterisers.
    gaussian_chunk:   PyTorch backend: Gaussians composited per step inside one tile batch; bounds
                      memory (about tile_size**2 * gaussian_chunk floats per tile).
    raster:           rasteriser constants (``splatbench.render.settings.RASTER_PRESETS``):
                      "reference" (3DGS, DepthSplat's decoder), "gsplat" (gsplat classic) or
                      "resplat" (ReSplat's gsplat decoder: antialiased, 0.1 px dilation, near plane
                      = the scene's near; use with ``scale_invariant=false, principal_point=exact``).
    """

    name: str = "splatting_cuda"
    backend: Literal["auto", "gsplat", "torch"] = "auto"
    principal_point: Literal["symmetric", "exact"] = "symmetric"
    scale_invariant: bool = True
    depth_normalize: bool = False
    tile_size: int = 16
    gaussian_chunk: int = 256
    raster: Literal["reference", "gsplat", "resplat"] = "reference"
