"""gsplat (CUDA) backend: hands camera-space Gaussians to ``gsplat.rasterization``.

The Gaussians arrive already in each image's camera frame with colours evaluated, so gsplat gets
identity view matrices, our pixel intrinsics (principal point and pixel-centre convention match:
gsplat samples pixel (i, j) at (j + 0.5, i + 0.5)), the reference near plane and no far plane, and
renders the four feature channels (RGB, depth feature) as plain colours in "classic" mode with the
3DGS dilation of 0.3 px. gsplat is imported lazily: it JIT-compiles CUDA code on first use.
"""

from __future__ import annotations

import functools
import importlib.util
import logging

import torch
from jaxtyping import Float
from torch import Tensor

from splatbench.render.inputs import CameraSpaceGaussians
from splatbench.render.settings import REFERENCE_3DGS, RasterSettings

logger = logging.getLogger(__name__)

GSPLAT_FAR_PLANE = 1e10  # 3DGS has no far-plane culling


def gsplat_available() -> bool:
    """True when gsplat is installed (its CUDA code is compiled later, see :func:`gsplat_usable`)."""
    return importlib.util.find_spec("gsplat") is not None


@functools.cache
def gsplat_usable() -> bool:
    """True when gsplat's CUDA extension loads; the first call JIT-compiles it (minutes, once)."""
    if not gsplat_available():
        return False
    try:
        from gsplat.cuda._backend import _C
    except Exception as error:  # a failed JIT build raises anything from OSError to RuntimeError
        logger.warning("gsplat is installed but its CUDA extension does not build (%s); using the PyTorch backend", error)
        return False
    if _C is None:
        logger.warning("gsplat is installed but found no CUDA toolkit; using the PyTorch backend")
    return _C is not None


def rasterize_gsplat(
    scene: CameraSpaceGaussians,
    image_shape: tuple[int, int],
    settings: RasterSettings = REFERENCE_3DGS,
    packed: bool = False,
) -> tuple[Float[Tensor, "image channel height width"], Float[Tensor, "image height width"]]:
    """Composite features (no background) and alpha of every image with gsplat's CUDA kernels.

    gsplat's own alpha clamp (0.999) and footprint rule apply; ``settings`` contributes only the
    near plane, the dilation and the tile size.
    """
    from gsplat import rasterization

    height, width = image_shape
    images, count, channels = scene.features.shape
    identity = torch.eye(4, dtype=scene.means.dtype, device=scene.means.device).expand(images, 1, 4, 4)
    colors, alphas, _ = rasterization(
        means=scene.means,
        quats=None,
        scales=None,
        opacities=scene.opacities,
        colors=scene.features[:, None],
        viewmats=identity,
        Ks=scene.intrinsics[:, None],
        width=width,
        height=height,
        near_plane=settings.near_plane,
        far_plane=GSPLAT_FAR_PLANE,
        eps2d=settings.dilation,
        packed=packed,
        tile_size=settings.tile_size,
        render_mode="RGB",
        rasterize_mode="antialiased" if settings.antialiased else "classic",
        covars=scene.covariances,
    )
    features = colors[:, 0].permute(0, 3, 1, 2)  # [I, C, H, W]
    return features, alphas[:, 0, ..., 0]
