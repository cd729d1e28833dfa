"""EncoderReSplat: DepthSplat-like initial Gaussians, then recurrent refinement from render errors.

Initial stage (reference ``EncoderReSplat.forward``): the shared multi-view depth predictor
(:class:`MultiViewUniMatch` with log-depth sampling) gives depth, CNN, multi-view and ViT
features. They are brought to a latent grid of 1/``latent_downsample`` of the image (pixel
(un)shuffle or bilinear resizing), a conv ``gaussian_regressor`` and a linear ``proj`` give one
feature per latent pixel, and a point transformer (kNN attention in 3D, interleaved with
low-resolution multi-view attention) refines the features of the unprojected latent point cloud.
A linear ``gaussian_head`` predicts ``init_gaussian_multiple`` Gaussians per latent point:
[quaternion (4), scale (3), opacity (1), xy offset (2), SH (3 * d_sh)], each group channel-major
with the sub-pixels innermost.

Refinement (reference ``forward_update``), ``num_refine`` steps: render the current Gaussians
into the context views (through :func:`splatbench.render.render_gaussians`), compare render and
input with frozen ResNet-18 features plus a projected RGB error, mix the error across views with a
low-resolution attention block, and let a kNN point transformer over the current means update a
hidden state, from which an MLP predicts additive deltas of means, scales, raw quaternions, opacity
logits and SH. Every step's Gaussians are returned; the last is the output.

Autocast regions of the reference (bf16 on CUDA, ``use_amp`` / ``pt_head_amp`` /
``pt_update_amp``) are reproduced; on CPU everything runs in float32.
"""

from __future__ import annotations

import contextlib
import functools
import math
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from einops import rearrange
from jaxtyping import Float
from torch import Tensor, nn

from ....data.types import BatchedViews
from splatbench.geometry.gaussians import Gaussians
from ..depthsplat import EncoderInputError, nearest_view_index
from ..gaussian_adapter import build_covariance, camera_frame_to_world, pixel_centres, rgb_to_sh_dc, unproject_pixels
from splatbench.data.shims.patch import apply_patch_shim
from ..unimatch.backbone import LAYER_CHANNELS
from ..unimatch.mv_unimatch import IMAGENET_MEAN, IMAGENET_STD, VIT_CHANNELS, MultiViewUniMatch
from .config import EncoderReSplatCfg, resplat_config_problems
from .point_transformer import MultiViewLowresAttention, PointLinear, PointTransformer
from .resnet_features import RESNET18_FEATURE_CHANNELS, ResNet18Features

# Gaussians per latent point -> sub-pixel factor of the Gaussian grid relative to the latent grid.
MULTIPLE_TO_FACTOR = {1: 1, 4: 2, 16: 4}
# Raw quaternion, scale, opacity logit, xy offset: channels per Gaussian before the SH.
INIT_GROUPS = (4, 3, 1, 2)
# Refinement deltas: mean, scale, raw quaternion, opacity logit, before the SH.
UPDATE_GROUPS = (3, 3, 4, 1)


@dataclass
class RefinementState:
    """What the update step reads and changes, besides the derived covariances and opacities."""

    means: Float[Tensor, "batch gaussian 3"]
    scales: Float[Tensor, "batch gaussian 3"]
    rotations_unnorm: Float[Tensor, "batch gaussian 4"]  # camera frame of the Gaussian's view, xyzw
    opacity_logits: Float[Tensor, "batch gaussian 1"]
    harmonics: Float[Tensor, "batch gaussian sh"]  # flattened (rgb, d_sh)


def _cuda_autocast(device: torch.device, enabled: bool):
    if enabled and device.type == "cuda":
        return torch.autocast("cuda", dtype=torch.bfloat16)
    return contextlib.nullcontext()


def _resize(x: Tensor, size: tuple[int, int]) -> Tensor:
    return F.interpolate(x, size=size, mode="bilinear", align_corners=True)


class EncoderReSplat(nn.Module):
    def __init__(self, cfg: EncoderReSplatCfg) -> None:
        super().__init__()
        self.cfg = cfg
        self._check_config(cfg)
        self.depth_predictor = MultiViewUniMatch(
            num_scales=cfg.num_scales,
            feature_channels=cfg.feature_channels,
            upsample_factor=cfg.upsample_factor,
            lowest_feature_resolution=cfg.lowest_feature_resolution,
            num_transformer_layers=cfg.num_transformer_layers,
            num_depth_candidates=cfg.num_depth_candidates,
            vit_type=cfg.monodepth_vit_type,
            unet_channels=cfg.depth_unet_channels,
            grid_sample_disable_cudnn=cfg.grid_sample_disable_cudnn,
            attention_backend=cfg.attention_backend,
            depth_sampling="log" if cfg.sample_log_depth else "inverse",
            widen_attention_splits=True,
            max_vit_input_width=cfg.max_vit_input_width,
            cost_volume_backend=cfg.cost_volume_backend,
        )

        sh = self.d_sh
        image_channels = 3 * self.image_fold**2
        features = self.latent_feature_channels
        channels = cfg.gaussian_regressor_channels
        self.gaussian_regressor = nn.Sequential(
            nn.Conv2d(image_channels + 1 + 1 + features, channels, 3, 1, 1),
            nn.GELU(),
            nn.Conv2d(channels, channels, 3, 1, 1),
        )
        self.proj = nn.Linear(channels + image_channels + features + 1, channels)
        self.pt = PointTransformer(
            channels,
            cfg.knn_samples,
            cfg.num_blocks,
            cfg.attn_proj_channels,
            with_mv_attn=True,
            mv_down_factor=cfg.mv_attention_down_factor,
            chunk_size=cfg.knn_chunk_size,
            checkpointing=cfg.init_use_checkpointing,
        )
        per_gaussian = sum(INIT_GROUPS) + 3 * sh
        outputs = per_gaussian * cfg.init_gaussian_multiple
        self.gaussian_head = nn.Sequential(nn.Linear(channels, outputs), nn.GELU(), nn.Linear(outputs, outputs))
        # As in the reference: quaternions start random, every other output starts at zero.
        nn.init.zeros_(self.gaussian_head[-1].weight[4 * cfg.init_gaussian_multiple :])
        nn.init.zeros_(self.gaussian_head[-1].bias[4 * cfg.init_gaussian_multiple :])

        self.register_buffer("image_mean", torch.tensor(IMAGENET_MEAN).view(3, 1, 1), persistent=False)
        self.register_buffer("image_std", torch.tensor(IMAGENET_STD).view(3, 1, 1), persistent=False)
        if cfg.num_refine > 0:
            self._build_update(channels, per_gaussian)

    # --- construction ---------------------------------------------------------------------------

    @staticmethod
    def _check_config(cfg: EncoderReSplatCfg) -> None:
        problems = resplat_config_problems(cfg)
        if problems:
            raise ValueError("ReSplat: " + "; ".join(problems))

    def _build_update(self, channels: int, per_gaussian: int) -> None:
        cfg = self.cfg
        state = cfg.state_channels if cfg.state_channels > 0 else 256
        self.update_proj = nn.Conv2d(channels, state, 1)
        gaussian_channels = per_gaussian - 2 + 3  # refined: the mean instead of the pixel offset
        resnet = sum(RESNET18_FEATURE_CHANNELS)
        per_point = 1 if cfg.refine_same_num_points else cfg.init_gaussian_multiple
        self.update_rgb_error_proj = nn.Sequential(
            nn.Linear(3 if cfg.init_gaussian_multiple == 4 else 3 * cfg.latent_downsample**2, resnet),
            nn.LayerNorm(resnet),
        )
        self.update_module = nn.ModuleList(
            [
                PointLinear(gaussian_channels * per_point + state + resnet, state),
                PointTransformer(
                    state,
                    cfg.refine_knn_samples,
                    cfg.num_basic_refine_blocks,
                    cfg.update_attn_proj_channels or cfg.attn_proj_channels,
                    chunk_size=cfg.knn_chunk_size,
                    checkpointing=cfg.recurrent_use_checkpointing,
                ),
            ]
        )
        self.update_head = nn.Sequential(
            nn.Linear(state, state), nn.GELU(),
            nn.Linear(state, state), nn.GELU(),
            nn.Linear(state, state), nn.GELU(),
            nn.Linear(state, gaussian_channels * per_point),
        )  # fmt: skip
        nn.init.zeros_(self.update_head[-1].weight)
        nn.init.zeros_(self.update_head[-1].bias)
        self.update_feature = ResNet18Features()
        self.update_feature.requires_grad_(False)
        self.update_error_attn = nn.ModuleList(
            MultiViewLowresAttention(resnet, cfg.mv_attention_down_factor) for _ in range(cfg.render_error_mv_attn_blocks)
        )

    @property
    def d_sh(self) -> int:
        return (self.cfg.gaussian_adapter.sh_degree + 1) ** 2

    @property
    def image_fold(self) -> int:
        """Pixel-unshuffle factor of the input image on the latent grid."""
        return 4 if self.cfg.fixed_latent_size else self.cfg.latent_downsample

    @property
    def mono_shuffle(self) -> int:
        """Pixel-shuffle factor of the 1/16 ViT maps."""
        if self.cfg.fixed_latent_size:
            return 4
        return {4: 4, 2: 8, 8: 2}[self.cfg.latent_downsample]

    @property
    def latent_feature_channels(self) -> int:
        cfg = self.cfg
        c1, c2 = LAYER_CHANNELS[:2]
        c = cfg.feature_channels
        mono = 4 * (VIT_CHANNELS[cfg.monodepth_vit_type] // self.mono_shuffle**2)
        if cfg.latent_downsample == 2:
            if cfg.lowest_feature_resolution == 8:
                return mono + c1 + c2 // 4 + c // 16 + c // 16
            return mono + c1 + c2 + c // 4 + c // 4
        return mono + c1 + c2 + c + c

    @property
    def size_multiple(self) -> int:
        return 1 if self.cfg.no_crop_image else self.cfg.shim_patch_size * self.cfg.downscale_factor

    def get_data_shim(self):
        return functools.partial(apply_patch_shim, patch_size=self.size_multiple)

    # --- forward --------------------------------------------------------------------------------

    def forward(
        self,
        context: BatchedViews,
        global_step: int = 0,
        deterministic: bool = False,
        visualization_dump: dict | None = None,
        scene_names: list[str] | None = None,
        num_refine: int | None = None,
    ) -> dict:
        """``{"gaussians": final Gaussians, "depths": [B, V, H, W], "gaussians_per_step": [initial,
        step 1, ...], "intermediate_gaussians": [step 1, ..., step N-1]}`` (the last for the
        training losses). ``num_refine`` overrides ``cfg.test_num_refine`` (eval mode) and
        ``cfg.num_refine``; in training with
        ``train_min_refine``/``train_max_refine`` set, the count is drawn at random as in the reference."""
        self._check_context(context, scene_names)
        initial, depths, condition = self.initial_gaussians(context)
        steps = [initial[0]]
        count = self._refinement_count(num_refine)
        if count > 0:
            steps += self.refine(context, condition, initial, count)
        if visualization_dump is not None:
            visualization_dump["depth"] = depths
        # As in the reference's training loss, every refinement step is supervised (earlier ones
        # weighted down by train.intermediate_loss_weight), the initial Gaussians only when no
        # refinement runs.
        intermediate = steps[1:-1] if count > 0 else []
        return {"gaussians": steps[-1], "depths": depths, "gaussians_per_step": steps, "intermediate_gaussians": intermediate}

    def _refinement_count(self, num_refine: int | None) -> int:
        cfg = self.cfg
        count = cfg.num_refine
        if num_refine is not None:
            count = int(num_refine)
        elif not self.training and cfg.test_num_refine is not None:
            count = cfg.test_num_refine
        if count < 0:
            raise ValueError(f"num_refine must be >= 0, got {count}")
        if count > 0 and not hasattr(self, "update_module"):
            raise ValueError("num_refine > 0 needs the update module: build the encoder with num_refine > 0")
        if self.training and num_refine is None and cfg.train_min_refine > 0 and cfg.train_max_refine > 0:
            count = int(np.random.randint(cfg.train_min_refine, cfg.train_max_refine + 1))
        return count

    def _check_context(self, context: BatchedViews, scene_names: list[str] | None) -> None:
        scenes = ",".join(scene_names) if scene_names else "?"
        views = context["image"].shape[1]
        if views < 2:
            raise EncoderInputError(f"scene {scenes}: field context.image holds {views} view(s); ReSplat needs at least 2")
        h, w = context["image"].shape[-2:]
        multiple = max(self.size_multiple, 16 * self.cfg.latent_downsample // 4, 16)
        if h % multiple or w % multiple:
            raise EncoderInputError(
                f"scene {scenes}: field context.image has size {h}x{w}, not a multiple of {multiple}; "
                "apply the encoder's data shim (get_encoder(...)[1]) first"
            )
        if h > w:
            raise EncoderInputError(f"scene {scenes}: field context.image is {h}x{w}; ReSplat needs height <= width")
        near, far = context["near"], context["far"]
        if near.device.type == "cpu" and not bool((torch.isfinite(near) & torch.isfinite(far) & (near > 0) & (far > near)).all()):
            raise EncoderInputError(f"scene {scenes}: fields context.near/far must be finite with 0 < near < far")

    def initial_gaussians(
        self, context: BatchedViews
    ) -> tuple[tuple[Gaussians, RefinementState], Tensor, Tensor]:
        """(initial Gaussians and their refinement state, depths [B, V, H, W], condition features [BV, C, h, w])."""
        cfg = self.cfg
        images = context["image"]
        device = images.device
        b, v, _, h, w = images.shape
        neighbours = nearest_view_index(context["extrinsics"], cfg.local_mv_match) if v > 3 else None

        depth_input = images
        if cfg.depth_pred_half_res:
            depth_input = rearrange(
                F.interpolate(rearrange(images, "b v c h w -> (b v) c h w"), scale_factor=0.5, mode="bilinear", align_corners=True),
                "(b v) c h w -> b v c h w", b=b, v=v,
            )  # fmt: skip
        with _cuda_autocast(device, cfg.use_amp):
            prediction = self.depth_predictor(
                depth_input, context["intrinsics"], context["extrinsics"], context["near"], context["far"], neighbours
            )
        cnn_features = list(prediction.cnn_features)
        mv_feature = prediction.mv_features[0]
        match_prob = prediction.match_probs[-1]
        vit_features = list(prediction.vit_features)
        if cfg.depth_pred_half_res:
            double = functools.partial(F.interpolate, scale_factor=2, mode="bilinear", align_corners=True)
            cnn_features, vit_features = [double(x) for x in cnn_features], [double(x) for x in vit_features]
            mv_feature, match_prob = double(mv_feature), double(match_prob)
        depth = prediction.depth_preds[-1].float()

        features = self._latent_features(vit_features, cnn_features, mv_feature, h, w)
        match_prob = match_prob.max(dim=1, keepdim=True).values
        flat_images = rearrange(images, "b v c h w -> (b v) c h w")
        folded = flat_images
        if cfg.fixed_latent_size and cfg.latent_downsample == 8:
            folded = F.interpolate(folded, scale_factor=0.5, mode="area")
        folded = F.pixel_unshuffle(folded, self.image_fold)
        if cfg.depth_pred_half_res:
            latent_depth = F.interpolate(depth, scale_factor=1.0 / (cfg.latent_downsample // 2), mode="bilinear", align_corners=True)
        else:
            latent_depth = F.interpolate(depth, scale_factor=1.0 / cfg.latent_downsample, mode="bilinear", align_corners=True)
        lh, lw = latent_depth.shape[-2:]
        match_prob = F.interpolate(match_prob, size=(lh, lw), mode="nearest")

        regressor_input = torch.cat((folded, rearrange(latent_depth, "b v h w -> (b v) () h w"), match_prob, features), dim=1)
        with _cuda_autocast(device, cfg.use_amp):
            regressed = self.gaussian_regressor(regressor_input)
        latent = torch.cat((regressed, folded, features, match_prob), dim=1)
        with _cuda_autocast(device, cfg.pt_head_amp):
            point_features = self.proj(rearrange(latent, "(b v) c h w -> b (v h w) c", b=b))

        points = unproject_pixels(
            pixel_centres(lh, lw, device, latent_depth.dtype),
            rearrange(latent_depth, "b v h w -> b v (h w)"),
            context["extrinsics"],
            context["intrinsics"],
        )
        with _cuda_autocast(device, cfg.pt_head_amp):
            point_features = point_features + self.pt(rearrange(points, "b v n c -> b (v n) c"), point_features, (v, lh, lw))
            condition = rearrange(point_features, "b (v h w) c -> (b v) c h w", v=v, h=lh, w=lw)
            raw = self.gaussian_head(point_features)
        raw = rearrange(raw.float(), "b (v n) c -> b v n c", v=v)

        gaussians, state = self._initial_from_raw(raw, depth, latent_depth, context, (lh, lw))
        depths = prediction.depth_preds[-1] if len(prediction.depth_preds) == 1 else torch.cat(prediction.depth_preds, 0)
        if depths.shape[-2:] != (h, w):
            depths = _resize(depths, (h, w))
        return (gaussians, state), depths, condition

    def _latent_features(
        self, vit_features: list[Tensor], cnn_features: list[Tensor], mv_feature: Tensor, h: int, w: int
    ) -> Tensor:
        """ViT, CNN and multi-view features on the latent grid, concatenated (reference order)."""
        cfg = self.cfg
        mono = torch.cat([F.pixel_shuffle(_resize(x, (h // 16, w // 16)), self.mono_shuffle) for x in vit_features], dim=1)
        if cfg.fixed_latent_size and cfg.latent_downsample == 8:
            mono = F.interpolate(mono, scale_factor=0.5, mode="bilinear", align_corners=True)
        if cfg.latent_downsample == 2:
            # Pixel shuffle instead of resizing keeps the channels small at 1/2 resolution.
            if cfg.lowest_feature_resolution == 8:
                cnn_features[1] = F.pixel_shuffle(cnn_features[1], 2)
                cnn_features[2] = F.pixel_shuffle(cnn_features[2], 4)
                mv_feature = F.pixel_shuffle(mv_feature, 4)
            else:
                cnn_features[2] = F.pixel_shuffle(cnn_features[2], 2)
                mv_feature = F.pixel_shuffle(mv_feature, 2)
            cnn = torch.cat(cnn_features, dim=1)
        else:
            size = (h // cfg.latent_downsample, w // cfg.latent_downsample)
            cnn = torch.cat([_resize(x, size) for x in cnn_features], dim=1)
            if mv_feature.shape[-2:] != size:
                mv_feature = _resize(mv_feature, size)
        return torch.cat((mono, cnn, mv_feature), dim=1)

    def _gaussian_grid_depth(self, depth: Tensor, latent_depth: Tensor) -> Tensor:
        """Depth on the grid of Gaussians (latent grid times the sub-pixel factor)."""
        cfg = self.cfg
        factor = MULTIPLE_TO_FACTOR[cfg.init_gaussian_multiple]
        if factor == 1:
            return latent_depth
        target = latent_depth.shape[-2] * factor, latent_depth.shape[-1] * factor
        if depth.shape[-2:] == target:
            return depth
        return F.interpolate(depth, scale_factor=target[0] / depth.shape[-2], mode="bilinear", align_corners=True)

    def _initial_from_raw(
        self, raw: Tensor, depth: Tensor, latent_depth: Tensor, context: BatchedViews, latent_size: tuple[int, int]
    ) -> tuple[Gaussians, RefinementState]:
        cfg = self.cfg
        adapter = cfg.gaussian_adapter
        b, v = raw.shape[:2]
        repeat = cfg.init_gaussian_multiple
        factor = MULTIPLE_TO_FACTOR[repeat]
        lh, lw = latent_size
        sizes = [n * repeat for n in INIT_GROUPS] + [3 * self.d_sh * repeat]
        groups = raw.split(sizes, dim=-1)
        if repeat > 1:
            groups = [
                rearrange(g, "b v (h w) (c x y) -> b v (h x w y) c", h=lh, w=lw, x=factor, y=factor) for g in groups
            ]
        rotations_unnorm, scales, opacity_logits, offsets, sh = groups
        gh, gw = lh * factor, lw * factor

        scales = F.softplus(scales - adapter.exp_scale_bias).clamp(min=adapter.clamp_min_scale, max=adapter.gaussian_scale_max)
        pixel_size = 1 / torch.tensor((gw, gh), dtype=torch.float32, device=raw.device)
        xy = pixel_centres(gh, gw, raw.device, raw.dtype) + (offsets.sigmoid() - 0.5) * pixel_size
        grid_depth = rearrange(self._gaussian_grid_depth(depth, latent_depth), "b v h w -> b v (h w)")
        means = unproject_pixels(xy, grid_depth, context["extrinsics"], context["intrinsics"])

        images = rearrange(context["image"], "b v c h w -> (b v) c h w")
        if images.shape[-2:] != (gh, gw):
            images = F.interpolate(images, size=(gh, gw), mode="area")
        colours = rearrange(images, "(b v) c h w -> b v (h w) c", b=b)
        sh = sh.unflatten(-1, (3, self.d_sh))
        sh = torch.cat((sh[..., :1] + rgb_to_sh_dc(colours)[..., None], sh[..., 1:]), dim=-1)

        state = RefinementState(
            means=rearrange(means, "b v n c -> b (v n) c"),
            scales=rearrange(scales, "b v n c -> b (v n) c"),
            rotations_unnorm=rearrange(rotations_unnorm, "b v n c -> b (v n) c"),
            opacity_logits=rearrange(opacity_logits, "b v n c -> b (v n) c"),
            harmonics=rearrange(sh, "b v n c d -> b (v n) (c d)"),
        )
        gaussians = self._gaussians(state, context["extrinsics"], opacities=rearrange(opacity_logits.sigmoid(), "b v n () -> b (v n)"))
        return gaussians, state

    def _gaussians(self, state: RefinementState, extrinsics: Tensor, opacities: Tensor | None = None) -> Gaussians:
        """World-space Gaussians of a refinement state (covariances from the per-view camera frames)."""
        v = extrinsics.shape[1]
        rotations = state.rotations_unnorm / (state.rotations_unnorm.norm(dim=-1, keepdim=True) + 1e-8)
        covariances = build_covariance(state.scales, rotations)
        per_view = functools.partial(rearrange, pattern="b (v n) ... -> b v n ...", v=v)
        covariances, world_rotations = camera_frame_to_world(per_view(covariances), per_view(rotations), extrinsics)
        if opacities is None:
            opacities = state.opacity_logits.squeeze(-1).sigmoid()
        return Gaussians(
            means=state.means,
            covariances=rearrange(covariances, "b v n i j -> b (v n) i j"),
            harmonics=state.harmonics.unflatten(-1, (3, self.d_sh)),
            opacities=opacities,
            scales=state.scales,
            rotations=rearrange(world_rotations, "b v n c -> b (v n) c"),
        )

    # --- recurrent refinement -------------------------------------------------------------------

    def render_context(self, gaussians: Gaussians, context: BatchedViews) -> Tensor:
        """Colour [B, V, 3, H, W] of ``gaussians`` seen from the context cameras, rendered as the
        reference's gsplat decoder does (antialiased, 0.1 px dilation, exact principal point)."""
        from splatbench.render import render_gaussians
        from splatbench.render.settings import RESPLAT_GSPLAT

        h, w = context["image"].shape[-2:]
        near = context["near"]
        settings = RESPLAT_GSPLAT.with_near_plane(float(near.reshape(-1)[0]))
        return render_gaussians(
            gaussians, context["extrinsics"], context["intrinsics"], near, context["far"], (h, w),
            scale_invariant=False, principal_point="exact", settings=settings,
        ).color  # fmt: skip

    def _normalise(self, images: Tensor) -> Tensor:
        return (images - self.image_mean.to(images.dtype)) / self.image_std.to(images.dtype)

    def _error_features(self, images: Tensor, size: tuple[int, int]) -> Tensor:
        with _cuda_autocast(images.device, self.cfg.pt_update_amp), torch.no_grad():
            maps = self.update_feature(self._normalise(images))
        return torch.cat([x if x.shape[-2:] == size else _resize(x, size) for x in maps], dim=1)

    def refine(
        self,
        context: BatchedViews,
        condition: Tensor,
        initial: tuple[Gaussians, RefinementState],
        num_steps: int,
    ) -> list[Gaussians]:
        """Gaussians after each of ``num_steps`` update steps."""
        cfg = self.cfg
        images = context["image"]
        device = images.device
        b, v, _, h, w = images.shape
        gaussians, state = initial
        state = RefinementState(*(t.detach() for t in (state.means, state.scales, state.rotations_unnorm,
                                                       torch.logit(gaussians.opacities.detach(), eps=1e-6)[..., None],
                                                       state.harmonics)))  # fmt: skip
        same_points = cfg.refine_same_num_points
        factor = MULTIPLE_TO_FACTOR[cfg.init_gaussian_multiple]
        with _cuda_autocast(device, cfg.pt_update_amp):
            hidden = self.update_proj(condition.detach())
        if same_points and factor > 1:
            hidden = F.interpolate(hidden, scale_factor=factor, mode="bilinear", align_corners=True)
        hidden = rearrange(hidden, "(b v) c h w -> b (v h w) c", b=b)

        lh, lw = h // cfg.latent_downsample, w // cfg.latent_downsample
        error_size = (lh * factor, lw * factor) if same_points else (lh, lw)
        subsample = 1 if same_points else factor
        flat_images = rearrange(images, "b v c h w -> (b v) c h w")
        input_features = None
        rendered = self.render_context(gaussians, context)
        outputs = []
        for step in range(num_steps):
            flat_rendered = rearrange(rendered, "b v c h w -> (b v) c h w")
            if input_features is None:
                # One ResNet pass over renders and inputs together, as the reference does (in
                # training its BatchNorm then normalises both with joint batch statistics).
                both = self._error_features(torch.cat((flat_rendered, flat_images)), error_size)
                rendered_features, input_features = both.split(flat_images.shape[0])
            else:
                rendered_features = self._error_features(flat_rendered, error_size)
            error = rendered_features - input_features
            error = rearrange(error, "(b v) c h w -> b (v h w) c", b=b)
            rgb_error = flat_rendered - flat_images
            if cfg.init_gaussian_multiple != 4:
                rgb_error = F.pixel_unshuffle(rgb_error, cfg.latent_downsample)
            error = error + self.update_rgb_error_proj(rearrange(rgb_error, "(b v) c h w -> b (v h w) c", b=b))

            parameters = torch.cat(
                (state.means, state.scales, state.rotations_unnorm, state.opacity_logits, state.harmonics), dim=-1
            )
            points = state.means
            if subsample > 1:
                grid = rearrange(state.means, "b (v h w) c -> b v h w c", v=v, h=lh * factor, w=lw * factor)
                points = rearrange(grid[:, :, ::factor, ::factor], "b v h w c -> b (v h w) c")
                parameters = rearrange(parameters, "b (v h x w y) c -> b (v h w) (c x y)", v=v, h=lh, w=lw, x=factor, y=factor)

            with _cuda_autocast(device, cfg.use_amp):
                for block in self.update_error_attn:
                    error = block(error, v, *error_size)
            with _cuda_autocast(device, cfg.pt_update_amp):
                mixed = self.update_module[0](torch.cat((parameters, hidden, error), dim=-1))
                hidden = self.update_module[1](points, mixed) + hidden
                delta = self.update_head(hidden)
            delta = delta.float()
            sizes = [n * subsample**2 for n in UPDATE_GROUPS] + [3 * self.d_sh * subsample**2]
            deltas = delta.split(sizes, dim=-1)
            if subsample > 1:
                # The reference unfolds the deltas as (point, sub-Gaussian) although the Gaussians
                # are ordered (row, sub-row, column, sub-column); kept for checkpoint fidelity.
                deltas = [rearrange(d, "b n (c k) -> b (n k) c", k=subsample**2) for d in deltas]
            d_means, d_scales, d_rotations, d_opacity, d_sh = deltas
            state = RefinementState(
                means=state.means + d_means,
                scales=(state.scales + d_scales).clamp(min=cfg.gaussian_adapter.clamp_min_scale),
                rotations_unnorm=state.rotations_unnorm + d_rotations,
                opacity_logits=state.opacity_logits + d_opacity,
                harmonics=state.harmonics + d_sh,
            )
            gaussians = self._gaussians(state, context["extrinsics"])
            outputs.append(gaussians)
            if step + 1 < num_steps:
                rendered = self.render_context(gaussians, context)
            state = RefinementState(*(t.detach() for t in (state.means, state.scales, state.rotations_unnorm,
                                                           state.opacity_logits, state.harmonics)))  # fmt: skip
        return outputs
