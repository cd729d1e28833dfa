"""MultiViewUniMatch: DepthSplat's multi-view depth predictor (``encoder.depth_predictor``).

CNN features -> multi-view transformer -> plane-sweep cost volume (inverse depth) concatenated with
CNN, multi-view and (optionally) DINOv2 monocular features -> U-Net with cross-view attention ->
softmax over depth candidates; optional coarse-to-fine second scale; a DPT head adds a learned
full-resolution inverse-depth residual. With ``use_monodepth=False`` (MVSplat-style) there is no
ViT: the DPT heads read the CNN feature and intermediate multi-view transformer features instead.

ReSplat's variant of the same network (``depth_sampling="log"``, ``widen_attention_splits``,
``max_vit_input_width``) samples candidates uniformly in log depth between near and far (the
soft-argmax, second-scale band and DPT residual all live in log depth), splits the transformer
windows finer on wide feature maps, caps the ViT input width, and returns the ViT patch maps.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from einops import rearrange
from jaxtyping import Float, Int64
from torch import Tensor, nn

from .. import fast_convs
from ..fused_conv import conv_act, run_conv_sequence
from ..heads.dpt import DPTHead
from ..heads.vit_fpn import ViTFeaturePyramid
from ..precision import DEPTH_UPSAMPLER, FP32, UNET, VIT, MixedPrecision
from ..vit.dinov2 import VIT_BUILDERS
from .backbone import LAYER_CHANNELS, CNNEncoder
from .cost_volume import correlation_cost_volume, local_inverse_depth_candidates, uniform_inverse_depth_candidates
from .mv_transformer import MultiViewFeatureTransformer, gather_views, other_views_index
from .position import add_windowed_position
from .unet import UNetModel, ViewSequential

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)
VIT_CHANNELS = {"vits": 384, "vitb": 768, "vitl": 1024}
VIT_INTERMEDIATE_LAYERS = {"vits": (2, 5, 8, 11), "vitb": (2, 5, 8, 11), "vitl": (4, 11, 17, 23)}
# DPT widths per ViT: projection widths at 1/2..1/16 and the fused width of the depth upsampler.
VIT_DPT_OUT_CHANNELS = {"vits": (48, 96, 192, 384), "vitb": (96, 192, 384, 768), "vitl": (128, 256, 512, 1024)}
VIT_DPT_DEPTH_FEATURES = {"vits": 32, "vitb": 48, "vitl": 64}
VIT_DPT_FEATURE_FEATURES = {"vits": 64, "vitb": 96, "vitl": 128}
UNET_NUM_HEAD_CHANNELS = 32


@dataclass
class DepthPredictorOutput:
    depth_preds: list[Float[Tensor, "batch view height width"]]  # z-depth; last = final full resolution
    match_probs: list[Float[Tensor, "batch_view depth h w"]]  # per scale, softmax over candidates
    cnn_features: list[Tensor]  # all CNN scales, high to low resolution, [BV, C, h, w]
    mv_features: list[Tensor]  # per cost-volume scale, low to high resolution
    dpt_features: list[Tensor]  # the four 1/8-resolution maps fed to the DPT heads
    vit_features: list[Tensor] | None = None  # the four ViT patch maps before resizing [BV, C, h/14, w/14]


@dataclass(frozen=True)
class DepthSampling:
    """How depth candidates are spaced: the sampling range from (near, far) and the map back to depth."""

    sampling_range: Callable[[Tensor, Tensor], tuple[Tensor, Tensor]]
    to_depth: Callable[[Tensor], Tensor]


DEPTH_SAMPLINGS: dict[str, DepthSampling] = {
    # DepthSplat: uniform in inverse depth, from 1/far to 1/near.
    "inverse": DepthSampling(lambda near, far: (1.0 / far, 1.0 / near), torch.reciprocal),
    # ReSplat: uniform in log depth, from log(near) to log(far).
    "log": DepthSampling(lambda near, far: (torch.log(near), torch.log(far)), torch.exp),
}


def transformer_attention_splits(width: int, base_splits: int) -> int:
    """ReSplat's window splits for the multi-view transformer: finer windows on wide feature maps
    (the position encoding keeps ``base_splits``)."""
    if width > 192:
        return 8
    if width > 96:
        return 4
    return base_splits


def dpt_widths(vit_type: str, use_monodepth: bool, feature_channels: int) -> dict[str, object]:
    """Input width, projection widths, and fused widths (depth head, feature head) of the DPT heads."""
    if use_monodepth:
        return {
            "in_channels": VIT_CHANNELS[vit_type],
            "out_channels": VIT_DPT_OUT_CHANNELS[vit_type],
            "depth_features": VIT_DPT_DEPTH_FEATURES[vit_type],
            "feature_features": VIT_DPT_FEATURE_FEATURES[vit_type],
        }
    c = feature_channels
    return {
        "in_channels": c,
        "out_channels": (c // 2, c, c, c),
        "depth_features": max(c // 4, 16),
        "feature_features": max(c // 2, 16),
    }


def resize_wide_maps(maps: Tensor, size: tuple[int, int], nhwc: bool | None = None) -> Tensor:
    """Bilinear (align_corners) resize of maps with few pixels and many channels, such as the ViT's
    (16 x 384 maps of 18 x 18 for 8 pairs of views). On CUDA (``nhwc`` None) they are resized in
    NHWC: PyTorch's NCHW kernel runs one thread per output pixel and loops over every image and
    channel (6144 iterations on 1024 threads for a 32 x 32 output, 2.4 ms a map on an H200), the
    NHWC kernel one thread per output value. The CPU keeps NCHW (its outputs bit for bit as before)."""
    if maps.is_cuda if nhwc is None else nhwc:
        maps = maps.contiguous(memory_format=torch.channels_last)
    return F.interpolate(maps, size, mode="bilinear", align_corners=True)


class MultiViewUniMatch(nn.Module):
    def __init__(
        self,
        num_scales: int = 1,
        feature_channels: int = 128,
        upsample_factor: int = 4,
        lowest_feature_resolution: int = 4,
        num_head: int = 1,
        ffn_dim_expansion: int = 4,
        num_transformer_layers: int = 6,
        num_depth_candidates: int = 128,
        vit_type: str = "vits",
        unet_channels: int = 128,
        unet_channel_mult: tuple[int, ...] = (1, 1, 1),
        unet_num_res_blocks: int = 1,
        unet_attn_resolutions: tuple[int, ...] = (4,),
        grid_sample_disable_cudnn: bool = False,
        use_monodepth: bool = True,
        attention_backend: str = "sdpa",
        depth_sampling: str = "inverse",
        widen_attention_splits: bool = False,
        max_vit_input_width: int | None = None,
        cost_volume_backend: str = "auto",
        window_attention_backend: str = "auto",
    ) -> None:
        super().__init__()
        if num_scales not in (1, 2):
            raise ValueError(f"num_scales must be 1 or 2, got {num_scales}")
        if vit_type not in VIT_CHANNELS:
            raise ValueError(f"monodepth_vit_type must be one of {sorted(VIT_CHANNELS)}, got {vit_type!r}")
        self.num_scales = num_scales
        self.feature_channels = feature_channels
        self.upsample_factor = upsample_factor
        self.lowest_feature_resolution = lowest_feature_resolution
        self.num_depth_candidates = num_depth_candidates
        self.vit_type = vit_type
        self.use_monodepth = use_monodepth
        self.grid_sample_disable_cudnn = grid_sample_disable_cudnn
        self.cost_volume_backend = cost_volume_backend  # read at each forward: tests switch a built encoder
        self.attn_splits = 2
        if depth_sampling not in DEPTH_SAMPLINGS:
            raise ValueError(f"depth_sampling must be one of {sorted(DEPTH_SAMPLINGS)}, got {depth_sampling!r}")
        self.depth_sampling = DEPTH_SAMPLINGS[depth_sampling]
        self.widen_attention_splits = widen_attention_splits
        self.max_vit_input_width = max_vit_input_width
        # Constants as (non-persistent) buffers: they move with .to() instead of being copied
        # from the host on every forward.
        self.register_buffer("image_mean", torch.tensor(IMAGENET_MEAN).view(3, 1, 1), persistent=False)
        self.register_buffer("image_std", torch.tensor(IMAGENET_STD).view(3, 1, 1), persistent=False)

        # Registration order mirrors the reference so that state_dict() keys come in its order.
        self.backbone = CNNEncoder(feature_channels, lowest_feature_resolution)
        self.transformer = MultiViewFeatureTransformer(
            num_transformer_layers, feature_channels, num_head, ffn_dim_expansion, attention_backend,
            window_attention_backend,
        )
        pyramid_scales = [2**i for i in range(num_scales)]
        if num_scales > 1:
            self.mv_pyramid = ViTFeaturePyramid(feature_channels, pyramid_scales)

        mono_channels = VIT_CHANNELS[vit_type] if use_monodepth else 0
        if use_monodepth:
            self.pretrained = VIT_BUILDERS[vit_type]()
            if num_scales > 1:
                self.mono_pyramid = ViTFeaturePyramid(mono_channels, pyramid_scales)

        cnn_channels_low_to_high = list(self.backbone.output_channels[::-1])
        self.regressor = nn.ModuleList()
        self.regressor_residual = nn.ModuleList()
        self.depth_head = nn.ModuleList()
        channel_mult = list(unet_channel_mult)
        attn_resolutions = list(unet_attn_resolutions)
        for scale in range(num_scales):
            candidates = num_depth_candidates // (4**scale)
            in_channels = (
                candidates
                + cnn_channels_low_to_high[scale]
                + feature_channels // (2**scale)
                + mono_channels // (2**scale)
            )
            channels = unet_channels // (2**scale)
            if scale > 0:
                # The finer scale has one more U-Net level; attention stays at the same absolute size.
                channel_mult = channel_mult + [1]
                attn_resolutions = [r * 2 for r in attn_resolutions]
            self.regressor.append(
                ViewSequential(
                    nn.Conv2d(in_channels, channels, 3, 1, 1),
                    nn.GroupNorm(8, channels),
                    nn.GELU(),
                    UNetModel(
                        channels,
                        channel_mult,
                        unet_num_res_blocks,
                        attn_resolutions,
                        UNET_NUM_HEAD_CHANNELS,
                        attention_backend,
                    ),
                    nn.Conv2d(channels, channels, 3, 1, 1),
                )
            )
            self.regressor_residual.append(nn.Conv2d(in_channels, channels, 1))
            self.depth_head.append(
                nn.Sequential(
                    nn.Conv2d(channels, channels * 2, 3, 1, 1, padding_mode="replicate"),
                    nn.GELU(),
                    nn.Conv2d(channels * 2, candidates, 3, 1, 1, padding_mode="replicate"),
                )
            )

        widths = dpt_widths(vit_type, use_monodepth, feature_channels)
        self.dpt_widths = widths
        self.upsampler = DPTHead(
            in_channels=widths["in_channels"],
            features=widths["depth_features"],
            out_channels=widths["out_channels"],
            cnn_feature_channels=(*LAYER_CHANNELS[:2], feature_channels),
            mv_feature_channels=feature_channels,
            downsample_factor=upsample_factor,
            num_scales=num_scales,
        )

    def normalize_images(self, images: Float[Tensor, "*batch 3 height width"]) -> Tensor:
        return (images - self.image_mean.to(images.dtype)) / self.image_std.to(images.dtype)

    def _vit_input_size(self, h: int, w: int) -> tuple[int, int]:
        if self.max_vit_input_width is not None and w > self.max_vit_input_width:
            return int(h / w * self.max_vit_input_width) // 14 * 14, self.max_vit_input_width // 14 * 14
        return h // 14 * 14, w // 14 * 14

    def _monocular_features(
        self, images: Float[Tensor, "bv 3 height width"], vit: nn.Module | None = None, dtype: torch.dtype | None = None
    ) -> tuple[list[Tensor], list[Tensor]]:
        """Four DINOv2 intermediate maps resized to 1/8 of the image, and the same maps at the
        patch grid (``vit``: the ViT to run, by default ``self.pretrained``; ``dtype``: the resized
        maps' dtype, cast before resizing, where every consumer would cast them anyway)."""
        h, w = images.shape[-2:]
        resized = F.interpolate(images, self._vit_input_size(h, w), mode="bilinear", align_corners=True)
        maps = (vit or self.pretrained).get_intermediate_layers(
            resized, VIT_INTERMEDIATE_LAYERS[self.vit_type], reshape=True, norm=True
        )
        return [resize_wide_maps(m if dtype is None else m.to(dtype), (h // 8, w // 8)) for m in maps], list(maps)

    def forward(
        self,
        images: Float[Tensor, "batch view 3 height width"],
        intrinsics: Float[Tensor, "batch view 3 3"],
        extrinsics: Float[Tensor, "batch view 4 4"],
        near: Float[Tensor, "batch view"],
        far: Float[Tensor, "batch view"],
        neighbours: Int64[Tensor, "batch view k"] | None = None,
        precision: MixedPrecision = FP32,
    ) -> DepthPredictorOutput:
        """``intrinsics`` normalised, ``extrinsics`` camera-to-world; ``neighbours[b, v]`` lists the
        views that view v matches against, itself first (None: all views). ``precision``: which
        parts run in bf16 (:mod:`splatbench.model.encoder.precision`)."""
        b, v, _, height, width = images.shape
        images = self.normalize_images(images)
        flat_images = rearrange(images, "b v c h w -> (b v) c h w")
        pixel_intrinsics = intrinsics.clone()
        pixel_intrinsics[:, :, 0] *= width
        pixel_intrinsics[:, :, 1] *= height
        # "inv_depth" below is the sampled quantity: inverse depth, or log depth for ReSplat.
        min_inv_depth, max_inv_depth = (x.reshape(-1) for x in self.depth_sampling.sampling_range(near, far))

        cnn_high_to_low = self.backbone(flat_images)
        cnn_low_to_high = cnn_high_to_low[::-1]

        lowest = add_windowed_position(cnn_low_to_high[0], self.attn_splits)
        splits = self.attn_splits
        if self.widen_attention_splits:
            splits = transformer_attention_splits(lowest.shape[-1], self.attn_splits)
        transformer_layers = self.transformer(
            rearrange(lowest, "(b v) c h w -> b v c h w", b=b, v=v),
            splits,
            neighbours,
            return_all_layers=not self.use_monodepth,
            attention_dtype=precision.attention_dtype,
        )
        features_mv = rearrange(transformer_layers[-1], "b v c h w -> (b v) c h w")
        mv_low_to_high = self.mv_pyramid(features_mv) if self.num_scales > 1 else [features_mv]

        vit_features = None
        # bf16-all inference (fast_convs.fewer_casts): the maps that meet in the U-Net's input
        # concatenation become bf16 where they are made or smallest, so that the concatenation is
        # written in bf16 and its two convolutions need no cast of it (each would read the float32
        # map and write a bf16 copy: at 12 views of 512x960 a 1.1 GB map three times).
        half_maps = precision.cost_volume_dtype if fast_convs.SWITCHES.fewer_casts else None
        if self.use_monodepth:
            dpt_features, vit_features = precision.call(
                VIT, self._monocular_features, flat_images, precision.module(VIT, self.pretrained), half_maps
            )
            mono = dpt_features[-1]
            if self.lowest_feature_resolution == 4:
                mono = resize_wide_maps(mono, (2 * mono.shape[-2], 2 * mono.shape[-1]))
            mono_low_to_high = self.mono_pyramid(mono) if self.num_scales > 1 else [mono]
        else:
            dpt_features = self._multiview_dpt_inputs(cnn_low_to_high[0], transformer_layers, height, width)
            mono_low_to_high = None

        index = other_views_index(b, v, neighbours, images.device)
        depth_preds: list[Tensor] = []
        match_probs: list[Tensor] = []
        inv_depth = None
        for scale in range(self.num_scales):
            factor = self.upsample_factor * 2 ** (self.num_scales - 1 - scale)
            scaled_k = pixel_intrinsics.clone()
            scaled_k[:, :, :2] = scaled_k[:, :, :2] / factor
            features = mv_low_to_high[scale]
            _, c, h, w = features.shape
            matched = features if precision.cost_volume_dtype is None else features.to(precision.cost_volume_dtype)
            per_view = matched.view(b, v, c, h, w)
            others = gather_views(per_view, index).flatten(0, 1)  # [bv, m, c, h, w]
            other_c2w = gather_views(extrinsics, index).flatten(0, 1)

            candidates_count = self.num_depth_candidates // (4**scale)
            if scale == 0:
                candidates = uniform_inverse_depth_candidates(min_inv_depth, max_inv_depth, candidates_count)
                candidates = candidates.expand(-1, -1, h, w)
            else:
                inv_depth = F.interpolate(inv_depth, scale_factor=2, mode="bilinear", align_corners=True).detach()
                candidates = local_inverse_depth_candidates(
                    inv_depth, min_inv_depth, max_inv_depth, candidates_count, self.num_depth_candidates, scale
                )
            cost = correlation_cost_volume(
                matched,
                others,
                scaled_k.flatten(0, 1),
                extrinsics.flatten(0, 1),
                other_c2w,
                candidates,
                self.grid_sample_disable_cudnn,
                candidates_to_depth=self.depth_sampling.to_depth,
                backend=self.cost_volume_backend,
            )
            parts = [cost, cnn_low_to_high[scale], features]
            if mono_low_to_high is not None:
                parts.append(mono_low_to_high[scale])
            # (not with TF32 off: the float32 1x1 residual convolution would read NHWC float32 maps)
            nhwc = (
                fast_convs.SWITCHES.nhwc_unet
                and precision.copies(UNET, self.regressor[scale])
                and (half_maps is not None or torch.backends.cudnn.allow_tf32)
            )
            if half_maps is not None or nhwc:
                # (each part converted once: to bf16 under bf16-all, to NHWC for the NHWC U-Net)
                if half_maps is not None:
                    parts[2] = matched
                layout = torch.channels_last if nhwc else torch.contiguous_format
                parts = [p.to(dtype=half_maps or p.dtype, memory_format=layout) for p in parts]
            concat = torch.cat(parts, dim=1)
            if nhwc:  # NHWC bf16 weights: cuDNN keeps the U-Net's maps NHWC (fast_convs.nhwc_unet)
                unet = precision.nhwc_module(UNET, self.regressor[scale])
            else:
                unet = precision.module(UNET, self.regressor[scale])
            regressed = precision.call(UNET, unet, concat, v)
            # (bf16-all inference: the 1x1 residual's bias and the sum in one pass, fused_conv)
            out = conv_act(self.regressor_residual[scale], concat, residuals=(regressed,))
            if out is None:
                out = regressed + self.regressor_residual[scale](concat)
            if nhwc:
                out = out.contiguous()  # the depth head and the softmax over candidates read NCHW
            match_prob = F.softmax(run_conv_sequence(self.depth_head[scale], out), dim=1)
            match_probs.append(match_prob)
            inv_depth = (match_prob * candidates).sum(dim=1, keepdim=True)

            if self.training and scale < self.num_scales - 1:
                depth_preds.append(
                    F.interpolate(inv_depth, scale_factor=factor, mode="bilinear", align_corners=True)
                )
            if scale == self.num_scales - 1:
                upsampler, layout = self._depth_upsampler(precision)
                mv_inputs = features if self.num_scales == 1 else mv_low_to_high[::-1]
                residual = precision.call(
                    DEPTH_UPSAMPLER,
                    upsampler,
                    [layout(f) for f in dpt_features],
                    cnn_features=[layout(f) for f in cnn_high_to_low],
                    mv_features=layout(mv_inputs) if isinstance(mv_inputs, Tensor) else [layout(f) for f in mv_inputs],
                    depth=layout(inv_depth),
                )
                upsampled = F.interpolate(
                    inv_depth, scale_factor=self.upsample_factor, mode="bilinear", align_corners=True
                )
                final = (upsampled + residual).clamp(
                    min=min_inv_depth.view(-1, 1, 1, 1), max=max_inv_depth.view(-1, 1, 1, 1)
                )
                depth_preds.append(final)

        to_depth = self.depth_sampling.to_depth
        depths = [rearrange(to_depth(d.squeeze(1)), "(b v) h w -> b v h w", b=b, v=v) for d in depth_preds]
        return DepthPredictorOutput(depths, match_probs, cnn_high_to_low, mv_low_to_high, dpt_features, vit_features)

    def _depth_upsampler(self, precision: MixedPrecision) -> tuple[nn.Module, Callable[[Tensor], Tensor]]:
        """The DPT depth upsampler to run and the conversion of its inputs. In bf16 inference on
        CUDA (``fast_convs.nhwc_depth_upsampler``; the CPU runs bf16 plans for tests only): a cached NHWC bf16 copy, and inputs cast to
        bf16 NHWC in one copy each (the values its convolutions would see under autocast anyway:
        they cast float32 inputs to bf16, cuDNN transposes NCHW ones around each call)."""
        if not (fast_convs.SWITCHES.nhwc_depth_upsampler and precision.copies(DEPTH_UPSAMPLER, self.upsampler)):
            return precision.module(DEPTH_UPSAMPLER, self.upsampler), lambda t: t
        convert = functools.partial(Tensor.to, dtype=torch.bfloat16, memory_format=torch.channels_last)
        return precision.nhwc_module(DEPTH_UPSAMPLER, self.upsampler), convert

    def _multiview_dpt_inputs(
        self, cnn_lowest: Tensor, transformer_layers: list[Tensor], height: int, width: int
    ) -> list[Tensor]:
        """MVSplat-style stand-in for the ViT maps: the CNN feature and three transformer layer
        outputs (evenly spaced, last included), resized to 1/8 of the image."""
        count = len(transformer_layers)
        picks = sorted({max(0, round(count * k / 3) - 1) for k in (1, 2, 3)})
        while len(picks) < 3:
            picks.append(count - 1)
        maps = [cnn_lowest] + [rearrange(transformer_layers[i], "b v c h w -> (b v) c h w") for i in picks]
        return [F.interpolate(m, (height // 8, width // 8), mode="bilinear", align_corners=True) for m in maps]
