"""EncoderMVSplat: MVSplat (Chen et al., ECCV'24; donydchen/mvsplat), built so that the official
Lightning checkpoints (``re10k.ckpt``, ``acid.ckpt``) load key for key.

Composition and state-dict layout (``encoder.`` prefix in the checkpoints):

* ``backbone.backbone``: UniMatch CNN reaching 1/4 resolution by striding its second stage
  (our :class:`~splatbench.model.encoder.unimatch.backbone.CNNEncoder` with ``layer_strides=(2, 1)``);
* ``backbone.transformer``: the 6-layer multi-view Swin transformer shared with DepthSplat, fed
  the CNN features plus a window-relative sine position encoding;
* ``depth_predictor``: plane-sweep correlation cost volume over ``num_depth_candidates`` inverse
  depths (the same function as DepthSplat's), concatenated with the transformer features and
  refined by a post-norm U-Net with cross-view attention (``corr_refine_net`` plus the 1x1
  ``regressor_residual``); a small conv head gives a softmax over candidates, whose expectation is
  the coarse inverse depth at 1/4 resolution; transformer + CNN features are upsampled 4x
  (``upsampler``, ``proj_feature``) and, with the image, coarse depth and peak probability, go
  through a second post-norm U-Net (``refine_unet``); ``to_disparity`` predicts an inverse-depth
  residual and a density, ``to_gaussians`` the offsets, scales, rotation and SH;
* the Gaussian adapter in MVSplat's convention (depth along unit rays, depth-scaled sigmoid
  scales, opacity from the density), see :mod:`splatbench.model.encoder.gaussian_adapter`.

Views are kept in (batch, view) order here; the reference stacks them as (view, batch). The only
place where the order matters, the U-Net attention across the views of a scene, groups the
tokens of one scene in view order in both.
"""

from __future__ import annotations

import functools
import math

import torch
import torch.nn.functional as F
from einops import rearrange
from jaxtyping import Float
from torch import Tensor, nn

from .depthsplat import EncoderDepthSplat, EncoderInputError, check_context
from .precision import FP32, UNET, MixedPrecision
from .gaussian_adapter import GaussianAdapter
from .mvsplat_config import EncoderMVSplatCfg
from splatbench.data.shims.patch import apply_patch_shim
from .registry import register_encoder
from .unimatch.backbone import CNNEncoder
from .unimatch.cost_volume import correlation_cost_volume, uniform_inverse_depth_candidates
from .unimatch.mv_transformer import MultiViewFeatureTransformer, gather_views, other_views_index
from .unimatch.mv_unimatch import IMAGENET_MEAN, IMAGENET_STD, UNET_NUM_HEAD_CHANNELS
from .unimatch.position import add_windowed_position
from .unimatch.unet import UNetModel, ViewSequential

UNSUPPORTED_ABLATIONS = ("wo_backbone_cross_attn", "use_epipolar_trans")


class MVSplatBackbone(nn.Module):
    """CNN features at 1/4 and their multi-view transformer refinement (reference ``BackboneMultiview``)."""

    def __init__(self, cfg: EncoderMVSplatCfg) -> None:
        super().__init__()
        if cfg.downscale_factor not in (4, 8):
            raise ValueError(f"model.encoder.downscale_factor: must be 4 or 8, got {cfg.downscale_factor}")
        self.attn_splits = cfg.multiview_trans_attn_split
        self.register_buffer("image_mean", torch.tensor(IMAGENET_MEAN).view(3, 1, 1), persistent=False)
        self.register_buffer("image_std", torch.tensor(IMAGENET_STD).view(3, 1, 1), persistent=False)
        # Both sizes keep the first two stages as UniMatch; 1/4 comes from striding layer2 only.
        strides = (2, 1) if cfg.downscale_factor == 4 else (2, 2)
        self.backbone = CNNEncoder(cfg.d_feature, cfg.downscale_factor, layer_strides=strides)
        self.transformer = MultiViewFeatureTransformer(
            cfg.num_transformer_layers,
            cfg.d_feature,
            cfg.num_transformer_heads,
            cfg.ffn_dim_expansion,
            cfg.attention_backend,
        )

    def forward(
        self, images: Float[Tensor, "batch view 3 height width"], attention_dtype: torch.dtype | None = None
    ) -> tuple[Float[Tensor, "batch view channel h w"], Float[Tensor, "batch view channel h w"]]:
        """(transformer features, CNN features), both at 1/``downscale_factor``."""
        b, v = images.shape[:2]
        normalized = (images - self.image_mean.to(images.dtype)) / self.image_std.to(images.dtype)
        cnn = self.backbone(rearrange(normalized, "b v c h w -> (b v) c h w"))[-1]
        with_position = add_windowed_position(cnn, self.attn_splits)
        (features,) = self.transformer(
            rearrange(with_position, "(b v) c h w -> b v c h w", b=b, v=v), self.attn_splits,
            attention_dtype=attention_dtype,
        )
        return features, rearrange(cnn, "(b v) c h w -> b v c h w", b=b, v=v)


def _unet(channels: int, channel_mult: list[int], attention_resolutions: list[int], backend: str) -> UNetModel:
    return UNetModel(
        channels,
        channel_mult,
        num_res_blocks=1,
        attention_resolutions=attention_resolutions,
        num_head_channels=UNET_NUM_HEAD_CHANNELS,
        attention_backend=backend,
        postnorm=True,
    )


class MVSplatDepthPredictor(nn.Module):
    """Cost volume -> coarse depth -> full-resolution refinement and Gaussian head (reference
    ``DepthPredictorMultiView``; attribute names are its state-dict names)."""

    def __init__(self, cfg: EncoderMVSplatCfg, gaussian_raw_channels: int) -> None:
        super().__init__()
        self.cfg = cfg
        c, d = cfg.d_feature, cfg.num_depth_candidates
        backend = cfg.attention_backend

        volume_in = c if cfg.wo_cost_volume else d + c
        width = cfg.costvolume_unet_feat_dim
        if cfg.wo_cost_volume_refine:
            if width != d:
                # (the reference builds this and fails in its first forward pass)
                raise ValueError(
                    "model.encoder.costvolume_unet_feat_dim: must equal num_depth_candidates with "
                    f"wo_cost_volume_refine (the depth head reads it), got {width} and {d}"
                )
            self.corr_project = nn.Conv2d(volume_in, width, 3, 1, 1)
        else:
            self.corr_refine_net = ViewSequential(
                nn.Conv2d(volume_in, width, 3, 1, 1),
                nn.GroupNorm(8, width),
                nn.GELU(),
                _unet(width, cfg.costvolume_unet_channel_mult, cfg.costvolume_unet_attn_res, backend),
                nn.Conv2d(width, d, 3, 1, 1),
            )
            self.regressor_residual = nn.Conv2d(volume_in, d, 1, 1, 0)
        self.depth_head_lowres = nn.Sequential(
            nn.Conv2d(d, d * 2, 3, 1, 1), nn.GELU(), nn.Conv2d(d * 2, d, 3, 1, 1)
        )

        self.upsampler = nn.Sequential(
            nn.Conv2d(2 * c, c, 3, 1, 1),
            nn.Upsample(scale_factor=cfg.downscale_factor, mode="bilinear", align_corners=True),
            nn.GELU(),
        )
        refine_width = cfg.depth_unet_feat_dim
        self.proj_feature = nn.Conv2d(c, refine_width, 3, 1, 1)

        refine_in = 3 + refine_width + 1 + 1  # image, projected features, coarse disparity, peak probability
        if cfg.wo_depth_refine:
            self.refine_unet = nn.Conv2d(refine_in, refine_width, 3, 1, 1)
        else:
            self.refine_unet = ViewSequential(
                nn.Conv2d(refine_in, refine_width, 3, 1, 1),
                nn.GroupNorm(4, refine_width),
                nn.GELU(),
                _unet(refine_width, cfg.depth_unet_channel_mult, cfg.depth_unet_attn_res, backend),
            )

        gaussians_in = refine_width + 3 + c
        self.to_gaussians = nn.Sequential(
            nn.Conv2d(gaussians_in, gaussian_raw_channels * 2, 3, 1, 1),
            nn.GELU(),
            nn.Conv2d(gaussian_raw_channels * 2, gaussian_raw_channels, 3, 1, 1),
        )
        if not cfg.wo_depth_refine:
            self.to_disparity = nn.Sequential(
                nn.Conv2d(refine_width, refine_width * 2, 3, 1, 1),
                nn.GELU(),
                nn.Conv2d(refine_width * 2, cfg.gaussians_per_pixel * 2, 3, 1, 1),
            )

    def _cost_volume(
        self,
        features: Float[Tensor, "batch view channel h w"],
        intrinsics: Float[Tensor, "batch view 3 3"],
        extrinsics: Float[Tensor, "batch view 4 4"],
        candidates: Float[Tensor, "batch_view depth 1 1"],
    ) -> Float[Tensor, "batch_view depth h w"]:
        """Mean over the other views of the feature correlation on each inverse-depth plane."""
        b, v, c, h, w = features.shape
        # Normalised K to the feature map's pixels (the whole first row by W, the second by H).
        feature_k = intrinsics.clone()
        feature_k[:, :, 0, :] *= float(w)
        feature_k[:, :, 1, :] *= float(h)
        index = other_views_index(b, v, None, features.device)
        return correlation_cost_volume(
            features.flatten(0, 1),
            gather_views(features, index).flatten(0, 1),
            feature_k.flatten(0, 1),
            extrinsics.flatten(0, 1),
            gather_views(extrinsics, index).flatten(0, 1),
            candidates.expand(-1, -1, h, w),
            backend=self.cfg.cost_volume_backend,
        )

    def forward(
        self,
        features: Float[Tensor, "batch view channel h w"],
        cnn_features: Float[Tensor, "batch view channel h w"],
        images: Float[Tensor, "batch view 3 height width"],
        intrinsics: Float[Tensor, "batch view 3 3"],
        extrinsics: Float[Tensor, "batch view 4 4"],
        near: Float[Tensor, "batch view"],
        far: Float[Tensor, "batch view"],
        precision: MixedPrecision = FP32,
    ) -> tuple[Tensor, Tensor, Tensor]:
        """(depth [B,V,H,W], density [B,V,H,W], raw Gaussians [B,V,C,H,W]). ``precision``: the
        two U-Nets are its ``unet`` part (:mod:`splatbench.model.encoder.precision`)."""
        cfg = self.cfg
        b, v = features.shape[:2]
        min_disparity = (1.0 / far).reshape(-1)
        max_disparity = (1.0 / near).reshape(-1)
        candidates = uniform_inverse_depth_candidates(min_disparity, max_disparity, cfg.num_depth_candidates)
        candidates = candidates.to(features.dtype)

        flat_features = features.flatten(0, 1)
        if cfg.wo_cost_volume:
            volume_in = flat_features
        else:
            # Cameras and depth range carry no gradient (as the reference); the features do.
            volume = self._cost_volume(features, intrinsics.detach(), extrinsics.detach(), candidates.detach())
            volume_in = torch.cat((volume, flat_features), dim=1)
        if cfg.wo_cost_volume_refine:
            refined = self.corr_project(volume_in)
        else:
            unet = precision.module(UNET, self.corr_refine_net)
            refined = precision.call(UNET, unet, volume_in, v) + self.regressor_residual(volume_in)

        probability = F.softmax(self.depth_head_lowres(refined), dim=1)
        coarse_disparity = (candidates * probability).sum(dim=1, keepdim=True)
        peak = F.interpolate(probability.max(dim=1, keepdim=True).values, scale_factor=cfg.downscale_factor)
        disparity = F.interpolate(coarse_disparity, scale_factor=cfg.downscale_factor, mode="bilinear", align_corners=True)

        flat_images = images.flatten(0, 1)
        upsampled = self.upsampler(torch.cat((flat_features, cnn_features.flatten(0, 1)), dim=1))
        projected = self.proj_feature(upsampled)
        refine_in = torch.cat((flat_images, projected, disparity, peak), dim=1)
        if cfg.wo_depth_refine:
            refined_full = self.refine_unet(refine_in)
        else:
            refined_full = precision.call(UNET, precision.module(UNET, self.refine_unet), refine_in, v)
        raw = self.to_gaussians(torch.cat((refined_full, flat_images, upsampled), dim=1))

        if cfg.wo_depth_refine:
            density = peak
        else:
            delta, density_logit = self.to_disparity(refined_full).split(cfg.gaussians_per_pixel, dim=1)
            density = density_logit.sigmoid()
            disparity = (disparity + delta).clamp(
                min_disparity.view(-1, 1, 1, 1), max_disparity.view(-1, 1, 1, 1)
            )
        depth = rearrange(1.0 / disparity, "(b v) () h w -> b v h w", b=b, v=v)
        density = rearrange(density, "(b v) () h w -> b v h w", b=b, v=v)
        return depth, density, rearrange(raw, "(b v) c h w -> b v c h w", b=b, v=v)


class EncoderMVSplat(nn.Module):
    # Where UniMatch weights (checkpoint kind "mvdepth", unimatch_weights_path) load.
    unimatch_target = "backbone"
    # Mixed-precision plans as DepthSplat's (fp32, bf16: the U-Nets, bf16-all: everything but
    # the cost volume and the Gaussian adapter); CUDA only unless precision_on_cpu.
    precision_on_cpu: bool = False
    _precision = EncoderDepthSplat._precision

    def __init__(self, cfg: EncoderMVSplatCfg) -> None:
        super().__init__()
        for key in UNSUPPORTED_ABLATIONS:
            if getattr(cfg, key):
                raise ValueError(f"model.encoder.{key}: this MVSplat ablation is not implemented in splatbench")
        if cfg.num_surfaces != 1 or cfg.gaussians_per_pixel != 1:
            raise ValueError(
                "model.encoder.gaussians_per_pixel / num_surfaces: only 1 is supported (as every published MVSplat model)"
            )
        self.cfg = cfg
        # Registration order = the reference's, so state_dict() keys come in its order.
        self.backbone = MVSplatBackbone(cfg)
        self.gaussian_adapter = GaussianAdapter(cfg.gaussian_adapter, convention="mvsplat")
        self.depth_predictor = MVSplatDepthPredictor(cfg, cfg.num_surfaces * self.gaussian_adapter.d_raw)

    @property
    def size_multiple(self) -> int:
        """H and W must be multiples of this: the attention windows at 1/``downscale_factor`` and
        the downsamplings of both U-Nets."""
        cfg = self.cfg
        low = cfg.downscale_factor
        return math.lcm(
            cfg.shim_patch_size * low,
            low * cfg.multiview_trans_attn_split,
            low * 2 ** (len(cfg.costvolume_unet_channel_mult) - 1),
            2 ** (len(cfg.depth_unet_channel_mult) - 1),
        )

    def map_density_to_opacity(self, density: Tensor, global_step: int) -> Tensor:
        """The reference's annealed mapping; with initial = final = 0 it returns the density."""
        mapping = self.cfg.opacity_mapping
        x = mapping.initial + min(global_step / mapping.warm_up, 1) * (mapping.final - mapping.initial)
        exponent = 2**x
        return 0.5 * (1 - (1 - density) ** exponent + density ** (1 / exponent))

    def forward(
        self,
        context: dict,
        global_step: int = 0,
        deterministic: bool = False,
        visualization_dump: dict | None = None,
        scene_names: list[str] | None = None,
    ) -> dict:
        """``{"gaussians": Gaussians, "depths": [B, V, H, W]}`` (``return_depth``) or the Gaussians.
        ``depths`` is what MVSplat predicts; its Gaussians sit at that distance along the unit ray."""
        check_context(context, self.size_multiple, scene_names)
        images = context["image"]
        precision = self._precision(images.device)
        with precision.outer():
            features, cnn_features = self.backbone(images, precision.attention_dtype)
            depths, density, raw = self.depth_predictor(
                features,
                cnn_features,
                images,
                context["intrinsics"],
                context["extrinsics"],
                context["near"],
                context["far"],
                precision,
            )
        depths, density, raw = depths.float(), density.float(), raw.float()
        opacities = self.map_density_to_opacity(density, global_step) / self.cfg.gaussians_per_pixel
        gaussians = self.gaussian_adapter(
            raw, depths, context["extrinsics"], context["intrinsics"], images=None, opacities=opacities
        )
        if visualization_dump is not None:
            visualization_dump["depth"] = depths
            visualization_dump["scales"] = gaussians.scales
            visualization_dump["rotations"] = gaussians.rotations
        if self.cfg.return_depth:
            return {"gaussians": gaussians, "depths": depths}
        return gaussians

    def get_data_shim(self):
        return functools.partial(apply_patch_shim, patch_size=self.cfg.shim_patch_size * self.cfg.downscale_factor)


register_encoder(("mvsplat", "costvolume"), EncoderMVSplat, EncoderMVSplatCfg)

__all__ = ["EncoderInputError", "EncoderMVSplat", "MVSplatBackbone", "MVSplatDepthPredictor"]
