"""gsplat (CUDA) backend: camera-space Gaussians through gsplat's projection, tile intersection and
rasterisation kernels.

The Gaussians arrive already in each image's camera frame with colours evaluated, so gsplat gets
identity view matrices, our pixel intrinsics (principal point and pixel-centre convention match:
gsplat samples pixel (i, j) at (j + 0.5, i + 0.5)), the reference near plane and no far plane, and
renders the four feature channels (RGB, depth feature) as plain colours in "classic" mode with the
3DGS dilation of 0.3 px. gsplat is imported lazily: it JIT-compiles CUDA code on first use.

Six-value covariances ([I, G, 6], what the conversion produces) go straight to gsplat's lower-level
calls (``fully_fused_projection``, ``isect_tiles``, ``isect_offset_encode``,
``rasterize_to_pixels``), in the order and with the arguments ``gsplat.rasterization`` 1.5.3 uses
for these settings (unpacked, one camera per image, no spherical harmonics, no background, 4
channels in one chunk). ``gsplat.rasterization`` itself only takes 3x3 covariances and gathers
their upper triangle with an indexing op whose backward is a scatter into a zeroed [I, G, 3, 3]
tensor (5 ms a training step at batch 8 x 4 targets on an H200). 3x3 covariances (the "matrix"
conversion) still take that former path, for comparison. Antialiased mode multiplies the
opacities by gsplat's compensation factors, as ``gsplat.rasterization`` does.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import math

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


@functools.lru_cache(maxsize=8)
def _identity_view_matrices(images: int, device: torch.device, dtype: torch.dtype) -> Tensor:
    """[images, 1, 4, 4] identities, contiguous (gsplat would copy an expanded one on every call).
    Built outside inference mode: gsplat saves them for backward, and a copy first made during a
    validation render (Lightning validates under inference mode) must serve later training steps."""
    with torch.inference_mode(False), torch.no_grad():
        return torch.eye(4, dtype=dtype, device=device).expand(images, 1, 4, 4).contiguous()


def _rasterize_triu(scene: CameraSpaceGaussians, image_shape: tuple[int, int], settings: RasterSettings):
    """Colours [I, 1, H, W, C] and alphas [I, 1, H, W, 1] from six-value covariances."""
    from gsplat.cuda._wrapper import fully_fused_projection, isect_offset_encode, isect_tiles, rasterize_to_pixels

    height, width = image_shape
    images = scene.means.shape[0]
    view_matrices = _identity_view_matrices(images, scene.means.device, scene.means.dtype)
    radii, means2d, depths, conics, compensations = fully_fused_projection(
        scene.means,
        scene.covariances,
        None,
        None,
        view_matrices,
        scene.intrinsics[:, None],
        width,
        height,
        eps2d=settings.dilation,
        packed=False,
        near_plane=settings.near_plane,
        far_plane=GSPLAT_FAR_PLANE,
        radius_clip=0.0,
        calc_compensations=settings.antialiased,
        camera_model="pinhole",
        opacities=scene.opacities,
    )  # [I, 1, G, ...]
    opacities = scene.opacities[:, None]
    if compensations is not None:  # antialiased: the footprint above already used the product
        opacities = opacities * compensations
    tile_size = settings.tile_size
    tiles_wide, tiles_high = math.ceil(width / tile_size), math.ceil(height / tile_size)
    _, intersection_ids, flatten_ids = isect_tiles(
        means2d, radii, depths, tile_size, tiles_wide, tiles_high, segmented=False, packed=False, n_images=images
    )
    offsets = isect_offset_encode(intersection_ids, images, tiles_wide, tiles_high).reshape(images, 1, tiles_high, tiles_wide)
    return rasterize_to_pixels(
        means2d, conics, scene.features[:, None], opacities, width, height, tile_size, offsets, flatten_ids
    )


def _rasterize_matrix(scene: CameraSpaceGaussians, image_shape: tuple[int, int], settings: RasterSettings):
    """The former path: 3x3 covariances through ``gsplat.rasterization``."""
    from gsplat import rasterization

    height, width = image_shape
    images = scene.means.shape[0]
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
        packed=False,
        tile_size=settings.tile_size,
        render_mode="RGB",
        rasterize_mode="antialiased" if settings.antialiased else "classic",
        covars=scene.covariances,
    )
    return colors, alphas


def rasterize_gsplat(
    scene: CameraSpaceGaussians,
    image_shape: tuple[int, int],
    settings: RasterSettings = REFERENCE_3DGS,
) -> tuple[Float[Tensor, "image channel height width"], Float[Tensor, "image height width"]]:
    """Composite features (no background) and alpha of every image with gsplat's CUDA kernels.

    gsplat's own alpha clamp (0.999) and footprint rule apply; ``settings`` contributes only the
    near plane, the dilation, the tile size and the antialiased mode. Six-value covariances take
    the lower-level calls, 3x3 ones the former ``gsplat.rasterization`` path.
    """
    rasterize = _rasterize_triu if scene.covariances.shape[-1] == 6 else _rasterize_matrix
    colors, alphas = rasterize(scene, image_shape, settings)
    features = colors[:, 0].permute(0, 3, 1, 2)  # [I, C, H, W]
    return features, alphas[:, 0, ..., 0]
