"""EncoderDepthSplat: posed context views -> one 3D Gaussian per pixel per view, plus depth.

Composition (reference ``encoder_depthsplat.py``): the multi-view depth predictor
(``depth_predictor``), a DPT ``feature_upsampler`` giving full-resolution features, a small conv
``gaussian_regressor`` and ``gaussian_head`` producing 37 raw channels per pixel
([opacity logit, xy offset (2), scale (3), quaternion xyzw (4), SH 3x9]), and the Gaussian adapter.

Registers ``depthsplat`` and ``mvsplat_lite`` in the encoder registry (``ENCODERS``;
``get_encoder(cfg)`` returns ``(encoder, data_shim)``).
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from typing import Callable

import torch
import torch.nn.functional as F
from einops import rearrange
from jaxtyping import Float, Int64
from torch import Tensor, nn

from ...data.types import BatchedExample, BatchedViews
from splatbench.geometry.gaussians import Gaussians
from .config import EncoderDepthSplatCfg
from . import fast_convs
from .gaussian_adapter import GaussianAdapter
from .heads.dpt import DPTHead
from .heads.gaussian_heads import FusedHeadCache, fused_gaussian_heads
from splatbench.data.shims.patch import apply_patch_shim
from .registry import ENCODERS, get_encoder, register_encoder
from .precision import ALL, Bf16WeightCache, MixedPrecision
from .unimatch.backbone import LAYER_CHANNELS
from .unimatch.mv_unimatch import MultiViewUniMatch

logger = logging.getLogger(__name__)

__all__ = ["ENCODERS", "EncoderDepthSplat", "EncoderInputError", "get_encoder", "nearest_view_index"]

DataShim = Callable[[BatchedExample], BatchedExample]
SCALE_CHANNELS = slice(3, 6)
SH_CHANNELS_START = 10
HEAD_CHUNK_PIXELS = 2**21  # 4 views of 512x960 per full-resolution pass in inference


class EncoderInputError(ValueError):
    """A context batch the encoder cannot process (size, depth range)."""


def nearest_view_index(
    extrinsics: Float[Tensor, "batch view 4 4"], count: int
) -> Int64[Tensor, "batch view k"]:
    """For each view, itself followed by its ``count`` nearest views by camera-centre distance."""
    centres = extrinsics[:, :, :3, 3].detach()
    return torch.argsort(torch.cdist(centres, centres, p=2))[:, :, : count + 1]


def check_context(context: BatchedViews, size_multiple: int, scene_names: list[str] | None) -> None:
    """Refuse a context batch the cost-volume encoders cannot process: fewer than 2 views, a
    size that is not a multiple of ``size_multiple``, or a near/far range that is not 0 < near < far."""
    scenes = ",".join(scene_names) if scene_names else "?"
    views = context["image"].shape[1]
    if views < 2:
        raise EncoderInputError(
            f"scene {scenes}: field context.image holds {views} view(s); the cost volume needs at least 2"
        )
    h, w = context["image"].shape[-2:]
    if h % size_multiple or w % size_multiple:
        raise EncoderInputError(
            f"scene {scenes}: field context.image has size {h}x{w}, not a multiple of {size_multiple}; "
            "apply the encoder's data shim (get_encoder(...)[1]) first"
        )
    near, far = context["near"], context["far"]
    valid = (torch.isfinite(near) & torch.isfinite(far) & (near > 0) & (far > near)).all()
    if near.device.type != "cpu":
        # Reading the verdict back would stall the host on every forward (and forbid graph
        # capture): on an accelerator the check runs asynchronously and a violation stops
        # the process at the next synchronisation, with this message.
        torch._assert_async(valid, f"scene {scenes}: fields context.near/far must be finite with 0 < near < far")
        return
    if not bool(valid):
        raise EncoderInputError(
            f"scene {scenes}: fields context.near/far must be finite with 0 < near < far "
            f"(near in [{near.min().item():g}, {near.max().item():g}], "
            f"far in [{far.min().item():g}, {far.max().item():g}])"
        )


class EncoderDepthSplat(nn.Module):
    def __init__(self, cfg: EncoderDepthSplatCfg) -> None:
        super().__init__()
        self.cfg = cfg
        self.depth_predictor = MultiViewUniMatch(
            num_scales=cfg.num_scales,
            feature_channels=cfg.feature_channels,
            upsample_factor=cfg.upsample_factor,
            lowest_feature_resolution=cfg.lowest_feature_resolution,
            num_head=cfg.num_transformer_heads,
            ffn_dim_expansion=cfg.ffn_dim_expansion,
            num_transformer_layers=cfg.num_transformer_layers,
            num_depth_candidates=cfg.num_depth_candidates,
            vit_type=cfg.monodepth_vit_type,
            unet_channels=cfg.depth_unet_channels,
            grid_sample_disable_cudnn=cfg.grid_sample_disable_cudnn,
            use_monodepth=cfg.use_monodepth,
            attention_backend=cfg.attention_backend,
            cost_volume_backend=cfg.cost_volume_backend,
            window_attention_backend=cfg.window_attention_backend,
        )
        if cfg.train_depth_only:
            return

        widths = self.depth_predictor.dpt_widths
        feature_channels = widths["feature_features"]
        self.feature_upsampler = DPTHead(
            in_channels=widths["in_channels"],
            features=feature_channels,
            out_channels=widths["out_channels"],
            cnn_feature_channels=(*LAYER_CHANNELS[:2], cfg.feature_channels),
            mv_feature_channels=cfg.feature_channels,
            downsample_factor=cfg.upsample_factor,
            return_feature=True,
            num_scales=cfg.num_scales,
        )
        self.gaussian_adapter = GaussianAdapter(cfg.gaussian_adapter)

        channels = cfg.gaussian_regressor_channels
        # input: concat(image, depth, match probability, features)
        self.gaussian_regressor = nn.Sequential(
            nn.Conv2d(3 + 1 + 1 + feature_channels, channels, 3, 1, 1),
            nn.GELU(),
            nn.Conv2d(channels, channels, 3, 1, 1),
        )
        num_raw = self.gaussian_adapter.d_raw
        # input: concat(regressor output, image, features, match probability)
        self.gaussian_head = nn.Sequential(
            nn.Conv2d(channels + 3 + feature_channels + 1, num_raw, 3, 1, 1, padding_mode="replicate"),
            nn.GELU(),
            nn.Conv2d(num_raw, num_raw, 3, 1, 1, padding_mode="replicate"),
        )
        last = self.gaussian_head[-1]
        if cfg.init_sh_input_img:
            # SH starts from the input colour (added in the adapter), so the residual starts at 0.
            nn.init.zeros_(last.weight[SH_CHANNELS_START:])
            nn.init.zeros_(last.bias[SH_CHANNELS_START:])
        nn.init.zeros_(last.weight[SCALE_CHANNELS])
        nn.init.zeros_(last.bias[SCALE_CHANNELS])

    @property
    def size_multiple(self) -> int:
        """H and W must be multiples of this: the lowest feature map (1/4 or 1/8, times two per
        extra scale) goes through two U-Net downsamplings."""
        return self.cfg.upsample_factor * 2 ** (self.cfg.num_scales - 1) * 4

    def _check_context(self, context: BatchedViews, scene_names: list[str] | None) -> None:
        check_context(context, self.size_multiple, scene_names)

    # bf16 plans apply on CUDA only; tests and drift measurements set this to use them on the CPU.
    precision_on_cpu: bool = False

    # The full-resolution fast paths (DPT feature upsampler on NHWC maps; the Gaussian heads as
    # fused NHWC convolutions, heads/gaussian_heads.py): None runs them in inference on CUDA when
    # cuDNN may use TF32 (or, for the upsampler, when it runs in bf16), where they save the layout
    # transposes, concatenations and padding copies. The CPU keeps the
    # plain modules (its float32 outputs bit for bit as before), and so does training: the fused
    # path is differentiable (tested), but autograd would copy its whole assembled buffers once
    # per in-place write in the backward pass. Tests and the GPU comparison set them.
    nhwc_feature_upsampler: bool | None = None
    fused_heads: bool | None = None

    def _precision(self, device: torch.device) -> MixedPrecision:
        if "_bf16_weights" not in self.__dict__:
            # A plain attribute, not a submodule: the bf16 copies are no part of the state dict.
            self.__dict__["_bf16_weights"] = Bf16WeightCache()
        return MixedPrecision(self.cfg.precision, device, self.precision_on_cpu, self.__dict__["_bf16_weights"])

    def forward(
        self,
        context: BatchedViews,
        global_step: int = 0,
        deterministic: bool = False,
        visualization_dump: dict | None = None,
        scene_names: list[str] | None = None,
    ) -> dict:
        """Returns ``{"gaussians": Gaussians | None, "depths": [B', V, H, W]}`` (``return_depth``)
        or the Gaussians alone. In training with two scales and ``supervise_intermediate_depth``
        the coarse-depth Gaussians and depths are stacked ahead of the final ones on the batch
        axis (B' = 2B), as in the reference."""
        self._check_context(context, scene_names)
        images = context["image"]
        device = images.device
        b, v, _, h, w = images.shape
        neighbours = nearest_view_index(context["extrinsics"], self.cfg.local_mv_match) if v > 3 else None

        precision = self._precision(device)
        with precision.outer():
            prediction = self.depth_predictor(
                images,
                context["intrinsics"],
                context["extrinsics"],
                context["near"],
                context["far"],
                neighbours,
                precision,
            )
            depth_preds = [d.float() for d in prediction.depth_preds]
            stack_intermediate = self.cfg.supervise_intermediate_depth and len(depth_preds) > 1
            depths = torch.cat(depth_preds, dim=0) if stack_intermediate else depth_preds[-1]
            if self.cfg.train_depth_only:
                return {"gaussians": None, "depths": depths}
            raw, match_prob = self._raw_gaussians(images, depth_preds[-1], prediction, precision)

        # Coarse-depth Gaussians (training, two scales) share the colour head: repeat its output.
        # (Not repeated once: a copy would also lose the NHWC layout the adapter reads for free.)
        num_stacked = len(depth_preds) if stack_intermediate else 1
        raw = rearrange(raw.float(), "(b v) c h w -> b v c h w", b=b, v=v)
        if num_stacked > 1:
            raw = raw.repeat(num_stacked, 1, 1, 1, 1)
        adapted = self.gaussian_adapter(
            raw,
            depths,
            context["extrinsics"].repeat(num_stacked, 1, 1, 1),
            context["intrinsics"].repeat(num_stacked, 1, 1, 1),
            images.repeat(num_stacked, 1, 1, 1, 1) if self.cfg.init_sh_input_img else None,
        )

        if visualization_dump is not None:
            visualization_dump["depth"] = depths
            visualization_dump["match_prob"] = rearrange(match_prob, "(b v) () h w -> b v h w", b=b, v=v)
            if adapted.scales is not None:
                visualization_dump["scales"] = adapted.scales
            if adapted.rotations is not None:
                visualization_dump["rotations"] = adapted.rotations

        if self.cfg.return_depth:
            return {"gaussians": adapted, "depths": depths}
        return adapted

    def _raw_gaussians(
        self, images: Float[Tensor, "batch view 3 height width"], depth: Tensor, prediction, precision: MixedPrecision
    ) -> tuple[Float[Tensor, "batch_view channel height width"], Float[Tensor, "batch_view 1 height width"]]:
        """Raw Gaussian parameters ``[B*V, d_raw, H, W]`` (NHWC memory on the fused path) and the
        full-resolution match probability."""
        match_prob = prediction.match_probs[-1].max(dim=1, keepdim=True).values
        match_prob = F.interpolate(match_prob, size=depth.shape[-2:], mode="nearest").float()
        flat_images = rearrange(images, "b v c h w -> (b v) c h w").float()
        flat_depth = rearrange(depth, "b v h w -> (b v) () h w").float()
        mv_features = prediction.mv_features[0] if self.cfg.num_scales == 1 else prediction.mv_features[::-1]
        fast = flat_images.is_cuda and not torch.is_grad_enabled()
        # The NHWC paths pay for bf16 and TF32 convolutions only: with TF32 off (fp32, the bf16
        # plan's float32 parts) cuDNN's NHWC float32 kernels were slower on the H200 than the plain
        # path (12 views 512x960, bf16 plan: 141 -> 220 ms for the full-resolution part).
        tf32 = torch.backends.cudnn.allow_tf32
        upsampler_bf16 = ALL in precision.plan.bf16_parts
        nhwc = fast and (tf32 or upsampler_bf16) if self.nhwc_feature_upsampler is None else self.nhwc_feature_upsampler
        fused = fast and tf32 if self.fused_heads is None else self.fused_heads
        # Under bf16-all the fused heads run in bf16 (fast_convs.bf16_heads): the depth is final
        # before them, so the plan's depth drift is unchanged; the splats' parameters get bf16 rounding.
        bf16_heads = fused and upsampler_bf16 and fast_convs.SWITCHES.bf16_heads and not torch.is_grad_enabled()
        heads_dtype = torch.bfloat16 if bf16_heads else None
        upsampler = precision.nhwc_module(ALL, self.feature_upsampler) if nhwc else self.feature_upsampler
        layout = functools.partial(Tensor.contiguous, memory_format=torch.channels_last) if nhwc else (lambda t: t)
        # Everything at full resolution (DPT feature upsampler, Gaussian heads) runs per chunk of
        # views in inference (see _head_views); all views at once with autograd or small inputs.
        chunk = self._head_views(flat_images)
        parts, raw = [], None
        for start in range(0, flat_images.shape[0], chunk):
            views = slice(start, start + chunk)
            features = upsampler(
                [layout(f[views]) for f in prediction.dpt_features],
                cnn_features=[layout(f[views]) for f in prediction.cnn_features],
                mv_features=layout(mv_features[views]) if isinstance(mv_features, Tensor) else [layout(f[views]) for f in mv_features],
            )
            image, depth_map, prob = flat_images[views], flat_depth[views], match_prob[views]
            # The two small full-resolution heads that produce the Gaussian parameters run in
            # float32 even under bf16 autocast: their outputs (opacity logits, scales, SH) are the
            # geometry and colour of the splats, and in bf16 (3 significant digits) the renders
            # drift visibly from fp32. They cost a few percent of the forward pass.
            with torch.autocast(device_type=features.device.type, enabled=False):
                if not fused:
                    features = features.float()
                    regressed = self.gaussian_regressor(torch.cat((image, depth_map, prob, features), dim=1))
                    parts.append(self.gaussian_head(torch.cat((regressed, image, features, prob), dim=1)))
                    continue
                weights = self._fused_heads_cache().get(
                    self.gaussian_regressor, self.gaussian_head, features.shape[1], nhwc=True, dtype=heads_dtype
                )
                part = fused_gaussian_heads(weights, image, depth_map, prob, features, nhwc=True)
            if chunk == flat_images.shape[0]:
                raw = part
            else:
                if raw is None:  # one NHWC buffer for all chunks (the adapter reads it without a copy)
                    raw = torch.empty(
                        (flat_images.shape[0], *part.shape[1:]), dtype=part.dtype, device=part.device,
                        memory_format=torch.channels_last,
                    )  # fmt: skip
                raw[views] = part
        if raw is None:
            raw = parts[0] if len(parts) == 1 else torch.cat(parts)
        return raw, match_prob

    def _fused_heads_cache(self) -> FusedHeadCache:
        # A plain attribute, not a submodule: the fused weights are no part of the state dict.
        if "_fused_heads" not in self.__dict__:
            self.__dict__["_fused_heads"] = FusedHeadCache()
        return self.__dict__["_fused_heads"]

    @staticmethod
    def _head_views(tensor: Tensor) -> int:
        """Views per pass of the full-resolution feature upsampler and Gaussian heads: all of them
        with autograd or when small; without autograd, chunks of at most HEAD_CHUNK_PIXELS pixels
        (12 views at 512x960 would otherwise hold several GB of 64-channel maps at once)."""
        views, _, h, w = tensor.shape
        if torch.is_grad_enabled() or views * h * w <= HEAD_CHUNK_PIXELS:
            return views
        return max(1, HEAD_CHUNK_PIXELS // (h * w))

    def get_data_shim(self) -> DataShim:
        return functools.partial(apply_patch_shim, patch_size=self.cfg.shim_patch_size * self.cfg.downscale_factor)


def build_depthsplat(cfg: EncoderDepthSplatCfg) -> EncoderDepthSplat:
    return EncoderDepthSplat(cfg)


def build_mvsplat_lite(cfg: EncoderDepthSplatCfg) -> EncoderDepthSplat:
    """Same network without the monocular ViT branch (cost volume + U-Net only); our own
    variant, not MVSplat (that is ``name: mvsplat``)."""
    if cfg.use_monodepth:
        logger.info("encoder name 'mvsplat_lite': building without the monocular ViT branch (use_monodepth=False)")
        cfg = dataclasses.replace(cfg, use_monodepth=False)
    return EncoderDepthSplat(cfg)


register_encoder("depthsplat", build_depthsplat, EncoderDepthSplatCfg)
register_encoder("mvsplat_lite", build_mvsplat_lite, EncoderDepthSplatCfg)
