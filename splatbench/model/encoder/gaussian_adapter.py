"""Per-pixel raw network outputs + depth -> world-space 3D Gaussians (DepthSplat's and MVSplat's adapters).

For each context pixel the Gaussian head predicts ``3 + 7 + 3 * d_sh`` channels (37 for SH
degree 2), in this order:

* ``[0]`` opacity logit -> ``sigmoid``;
* ``[1:3]`` xy offset -> the Gaussian sits on the ray through
  ``((u + 0.5) / W, (v + 0.5) / H) + (sigmoid(offset) - 0.5) / (W, H)`` (normalised image coords);
* ``[3:6]`` scales -> ``clamp(softplus(s - 4), gaussian_scale_min, gaussian_scale_max)``, world units;
* ``[6:10]`` quaternion (x, y, z, w) -> normalised with a 1e-8 guard, camera frame;
* ``[10:]`` SH, channel-major ``(rgb, d_sh)`` -> times the reference mask (1 for l=0,
  ``0.1 * 0.25**l`` above), plus ``(rgb - 0.5) / C0`` on the DC term (input-image initialisation),
  then rotated camera -> world (:func:`splatbench.geometry.sh_rotation.rotate_sh`).

The mean is ``origin + d * depth`` with ``d = R_c2w K^-1 (x, y, 1)`` scaled so that its
camera-space z is 1 (``depth`` is z-depth). The covariance ``R S S^T R^T`` is built in the camera
frame and rotated to world as ``R_c2w Sigma R_c2w^T``. For export, ``scales`` and world-frame
``rotations`` (``q_c2w * q``, unit xyzw) are returned as well (the reference leaves rotations in
the camera frame; covariances are identical either way).

MVSplat (``convention="mvsplat"``, pixelSplat's adapter) differs in three places: there is no
opacity channel (its depth head predicts the opacity, passed as ``opacities``), scales are
``(s_min + (s_max - s_min) * sigmoid(s)) * depth * m`` with ``m = 0.1 * sum(K[:2,:2]^-1 (1/W, 1/H))``
(about 0.1 pixel footprints at that depth), and the ray direction is normalised to unit length, so
``depth`` is a distance along the ray there. The SH are never initialised from the image.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable

import torch
import torch.nn.functional as F
from einops import rearrange
from jaxtyping import Float
from torch import Tensor, nn

from splatbench.geometry.rotation import matrix_to_quaternion, quaternion_multiply, quaternion_to_matrix
from splatbench.geometry.sh_rotation import rotate_sh, wigner_d_block
from splatbench.geometry.small_matmul import sandwich, small_matmul, small_matvec
from splatbench.model.kernels import gaussian_adapter as adapter_kernel
from splatbench.model.encoder.config import GaussianAdapterCfg
from splatbench.model.encoder.sync_free import cached_constant, invert
from splatbench.geometry.gaussians import Gaussians

logger = logging.getLogger(__name__)

SH_C0 = 0.28209479177387814  # Y_0^0; colour = 0.5 + C0 * dc  <=>  dc = (rgb - 0.5) / C0


def rgb_to_sh_dc(rgb: Tensor) -> Tensor:
    return (rgb - 0.5) / SH_C0


def build_covariance(
    scales: Float[Tensor, "*batch 3"], rotations_xyzw: Float[Tensor, "*batch 4"]
) -> Float[Tensor, "*batch 3 3"]:
    """``R S S^T R^T`` with S = diag(scales) and R from the quaternion (element-wise products, see
    :mod:`splatbench.geometry.small_matmul`)."""
    rotation = quaternion_to_matrix(rotations_xyzw)
    scaled = rotation * scales.unsqueeze(-2)  # R S
    return small_matmul(scaled, scaled.transpose(-1, -2))


def unproject_pixels(
    xy: Float[Tensor, "*#batch view pixel 2"],
    depths: Float[Tensor, "batch view pixel"],
    extrinsics: Float[Tensor, "batch view 4 4"],
    intrinsics: Float[Tensor, "batch view 3 3"],
    unit_rays: bool = False,
) -> Float[Tensor, "batch view pixel 3"]:
    """World points at z-depth ``depths`` on the rays through normalised image points ``xy``:
    ``origin + R_c2w K^-1 (x, y, 1) * depth`` with the camera-space ray scaled to z = 1, or to
    unit length with ``unit_rays`` (MVSplat / pixelSplat: ``depths`` is a distance along the ray)."""
    homogeneous = torch.cat((xy, torch.ones_like(xy[..., :1])), dim=-1)
    homogeneous = homogeneous.expand(*depths.shape, 3)
    directions = small_matvec(invert(intrinsics).unsqueeze(2), homogeneous)
    directions = directions / (directions.norm(dim=-1, keepdim=True) if unit_rays else directions[..., 2:])
    directions = small_matvec(extrinsics[..., :3, :3].unsqueeze(2), directions)
    return extrinsics[..., :3, 3].unsqueeze(2) + directions * depths.unsqueeze(-1)


def camera_frame_to_world(
    covariances: Float[Tensor, "batch view gaussian 3 3"],
    rotations: Float[Tensor, "batch view gaussian 4"],
    extrinsics: Float[Tensor, "batch view 4 4"],
) -> tuple[Float[Tensor, "batch view gaussian 3 3"], Float[Tensor, "batch view gaussian 4"]]:
    """Camera-frame covariances and unit xyzw quaternions of each view's Gaussians, in world frame."""
    c2w_rotation = extrinsics[..., :3, :3].unsqueeze(2)  # [b, v, 1, 3, 3]
    covariances = sandwich(c2w_rotation, covariances)
    world_rotations = F.normalize(quaternion_multiply(matrix_to_quaternion(c2w_rotation), rotations), dim=-1)
    return covariances, world_rotations


def _full_precision(tensor: Tensor) -> Tensor:
    return tensor.float() if tensor.dtype in (torch.float16, torch.bfloat16) else tensor


@cached_constant(maxsize=32)
def pixel_centres(height: int, width: int, device: torch.device, dtype: torch.dtype) -> Float[Tensor, "pixel 2"]:
    """Normalised (x, y) pixel centres in row-major pixel order (built once per size and device)."""
    ys = (torch.arange(height, device=device, dtype=dtype) + 0.5) / height
    xs = (torch.arange(width, device=device, dtype=dtype) + 0.5) / width
    grid_y, grid_x = torch.meshgrid(ys, xs, indexing="ij")
    return torch.stack((grid_x, grid_y), dim=-1).reshape(-1, 2)


@cached_constant(maxsize=32)
def _pixel_size(width: int, height: int, device: torch.device, dtype: torch.dtype) -> Float[Tensor, "2"]:
    return torch.tensor((1.0 / width, 1.0 / height), dtype=dtype).to(device)


def softplus_scales(raw: Tensor, depths: Tensor, intrinsics: Tensor, image_shape: tuple[int, int], cfg: GaussianAdapterCfg) -> Tensor:
    """DepthSplat: world-unit scales ``clamp(softplus(s - 4), min, max)``; depth plays no part."""
    return F.softplus(raw - 4.0).clamp(min=cfg.gaussian_scale_min, max=cfg.gaussian_scale_max)


def depth_scaled_sigmoid_scales(
    raw: Float[Tensor, "batch view pixel 3"],
    depths: Float[Tensor, "batch view pixel"],
    intrinsics: Float[Tensor, "batch view 3 3"],
    image_shape: tuple[int, int],
    cfg: GaussianAdapterCfg,
) -> Float[Tensor, "batch view pixel 3"]:
    """MVSplat / pixelSplat: a sigmoid between min and max, in units of 0.1 pixel footprint at the depth."""
    height, width = image_shape
    scales = cfg.gaussian_scale_min + (cfg.gaussian_scale_max - cfg.gaussian_scale_min) * raw.sigmoid()
    pixel_size = _pixel_size(width, height, raw.device, raw.dtype)
    footprint = 0.1 * torch.einsum("bvij,j->bvi", invert(intrinsics)[..., :2, :2], pixel_size).sum(-1)
    return scales * depths[..., None] * footprint[:, :, None, None]


@dataclass(frozen=True)
class AdapterConvention:
    """How one method's Gaussian head output is read."""

    opacity_channel: bool  # raw starts with an opacity logit; otherwise opacities are passed in
    scales: Callable[..., Tensor]  # (raw scales, depths, intrinsics, (H, W), cfg) -> scales
    unit_rays: bool  # depth measured along the unit ray (True) or as camera z (False)


ADAPTER_CONVENTIONS: dict[str, AdapterConvention] = {
    "depthsplat": AdapterConvention(opacity_channel=True, scales=softplus_scales, unit_rays=False),
    "mvsplat": AdapterConvention(opacity_channel=False, scales=depth_scaled_sigmoid_scales, unit_rays=True),
}


class GaussianAdapter(nn.Module):
    """Turns a per-pixel Gaussian-head output into world-space Gaussians (DepthSplat's or MVSplat's reading)."""

    def __init__(self, cfg: GaussianAdapterCfg, convention: str = "depthsplat") -> None:
        super().__init__()
        if convention not in ADAPTER_CONVENTIONS:
            raise ValueError(f"unknown Gaussian adapter convention {convention!r}; choose from {sorted(ADAPTER_CONVENTIONS)}")
        self.cfg = cfg
        self.convention = ADAPTER_CONVENTIONS[convention]
        sh_mask = torch.ones(self.d_sh, dtype=torch.float32)
        for degree in range(1, cfg.sh_degree + 1):
            # Start view-dependent colour small relative to the DC term.
            sh_mask[degree**2 : (degree + 1) ** 2] = 0.1 * 0.25**degree
        self.register_buffer("sh_mask", sh_mask, persistent=False)

    @property
    def d_sh(self) -> int:
        return (self.cfg.sh_degree + 1) ** 2

    @property
    def d_in(self) -> int:
        """Channels after opacity and offset: scales (3), quaternion (4), SH (3 * d_sh)."""
        return 7 + 3 * self.d_sh

    @property
    def d_raw(self) -> int:
        """Channels the Gaussian head must predict: opacity (1, DepthSplat only) + xy offset (2) + ``d_in``."""
        return int(self.convention.opacity_channel) + 2 + self.d_in

    def forward(
        self,
        raw: Float[Tensor, "batch view channel height width"],
        depths: Float[Tensor, "batch view height width"],
        extrinsics: Float[Tensor, "batch view 4 4"],
        intrinsics: Float[Tensor, "batch view 3 3"],
        images: Float[Tensor, "batch view 3 height width"] | None = None,
        opacities: Float[Tensor, "batch view height width"] | None = None,
    ) -> Gaussians:
        """One Gaussian per pixel per view, flattened in (view, row, column) order.

        ``images`` (colours in [0, 1]) initialise the SH DC term; pass None to skip that.
        ``opacities`` are required exactly when the convention has no opacity channel (MVSplat).
        Always computed in float32 (autocast is switched off here): bf16 means at depth 100 would
        be off by about 0.4 scene units.
        """
        if (opacities is None) == (not self.convention.opacity_channel):
            raise ValueError("GaussianAdapter: pass opacities exactly when the raw output has no opacity channel")
        raw, depths, extrinsics, intrinsics = map(_full_precision, (raw, depths, extrinsics, intrinsics))
        images = None if images is None else _full_precision(images)
        opacities = None if opacities is None else _full_precision(opacities)
        with torch.autocast(device_type=raw.device.type, enabled=False):
            return self._adapt(raw, depths, extrinsics, intrinsics, images, opacities)

    # One Triton kernel instead of ~150 element-wise PyTorch kernels (splatbench/model/kernels/
    # gaussian_adapter.py): None uses it on CUDA in inference (DepthSplat's convention, SH degree
    # <= 2); True also where Triton is interpreted (tests); False never.
    use_kernel: bool | None = None

    def _kernel_applies(self, raw: Tensor) -> bool:
        wanted = raw.is_cuda if self.use_kernel is None else self.use_kernel
        return (
            wanted
            and self.convention is ADAPTER_CONVENTIONS["depthsplat"]
            and adapter_kernel.supported(raw, self.cfg.sh_degree)
        )

    def _adapt_with_kernel(self, raw: Tensor, depths: Tensor, extrinsics: Tensor, intrinsics: Tensor, images: Tensor | None) -> Gaussians:
        """``_adapt`` as one kernel; per-view constants from the same functions as the eager path."""
        batch, views, channels, height, width = raw.shape
        flat_views = batch * views
        c2w = extrinsics[..., :3, :3].reshape(flat_views, 3, 3)
        wigner = [None] + [wigner_d_block(degree, c2w) for degree in range(1, self.cfg.sh_degree + 1)]
        table = adapter_kernel.view_table(
            extrinsics.reshape(flat_views, 4, 4), invert(intrinsics).reshape(flat_views, 3, 3), matrix_to_quaternion(c2w), wigner
        )  # fmt: skip
        fields = adapter_kernel.adapt(
            raw.reshape(flat_views, channels, height, width),
            depths.reshape(flat_views, height, width),
            None if images is None else images.reshape(flat_views, 3, height, width),
            table,
            self.sh_mask,
            (self.cfg.gaussian_scale_min, self.cfg.gaussian_scale_max),
        )
        return Gaussians(**{name: value.reshape(batch, -1, *value.shape[1:]) for name, value in fields.items()})

    def _adapt(
        self, raw: Tensor, depths: Tensor, extrinsics: Tensor, intrinsics: Tensor, images: Tensor | None, opacities: Tensor | None
    ) -> Gaussians:
        """``forward`` in float32 (shapes as there)."""
        batch, views, channels, height, width = raw.shape
        if channels != self.d_raw:
            raise ValueError(f"GaussianAdapter: raw output has {channels} channels, expected {self.d_raw} "
                             f"(sh_degree {self.cfg.sh_degree})")
        if depths.shape != (batch, views, height, width):
            raise ValueError(f"GaussianAdapter: depths shape {tuple(depths.shape)} != {(batch, views, height, width)}")
        if self._kernel_applies(raw):
            from splatbench.utils.triton_runtime import BUILD_ERRORS

            try:
                return self._adapt_with_kernel(raw, depths, extrinsics, intrinsics, images)
            except BUILD_ERRORS as error:  # a kernel that does not compile here must not stop inference
                if self.use_kernel:  # asked for explicitly (tests, comparisons): report it
                    raise
                # This adapter only: run-time failures (out of memory, a CUDA error) are not caught.
                self.use_kernel = False
                logger.warning("Gaussian adapter kernel does not build (%s: %s); this adapter runs eagerly from now on",
                               type(error).__name__, error)  # fmt: skip
        raw = rearrange(raw, "b v c h w -> b v (h w) c").contiguous()
        flat_depths = rearrange(depths, "b v h w -> b v (h w)")
        if self.convention.opacity_channel:
            opacity_logit, raw = raw.split((1, raw.shape[-1] - 1), dim=-1)
            opacities = opacity_logit.squeeze(-1).sigmoid()
        else:
            opacities = rearrange(opacities, "b v h w -> b v (h w)")
        offset, scales, quaternions, sh = raw.split((2, 3, 4, 3 * self.d_sh), dim=-1)

        scales = self.convention.scales(scales, flat_depths, intrinsics, (height, width), self.cfg)
        quaternions = quaternions / (quaternions.norm(dim=-1, keepdim=True) + 1e-8)

        sh = sh.unflatten(-1, (3, self.d_sh)) * self.sh_mask.to(sh.dtype)
        if images is not None:
            colours = rearrange(images, "b v c h w -> b v (h w) c")
            sh = torch.cat((sh[..., :1] + rgb_to_sh_dc(colours)[..., None], sh[..., 1:]), dim=-1)

        c2w_rotation = extrinsics[..., :3, :3].unsqueeze(2)  # [b, v, 1, 3, 3]
        covariances, world_rotations = camera_frame_to_world(build_covariance(scales, quaternions), quaternions, extrinsics)
        harmonics = rotate_sh(sh, c2w_rotation.unsqueeze(-3))

        pixel_size = _pixel_size(width, height, raw.device, raw.dtype)
        xy = pixel_centres(height, width, raw.device, raw.dtype) + (offset.sigmoid() - 0.5) * pixel_size
        means = unproject_pixels(xy, flat_depths, extrinsics, intrinsics, unit_rays=self.convention.unit_rays)

        def flat(tensor: Tensor) -> Tensor:
            return tensor.reshape(batch, views * height * width, *tensor.shape[3:])

        return Gaussians(
            means=flat(means),
            covariances=flat(covariances),
            harmonics=flat(harmonics),
            opacities=flat(opacities),
            scales=flat(scales),
            rotations=flat(world_rotations),
        )
