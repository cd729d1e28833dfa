"""Typed configuration of the ReSplat encoder (``model.encoder=resplat``).

Every key of the reference ``config/model/encoder/resplat.yaml`` exists here with the reference
default, so official configs and their command-line overrides apply unchanged. Keys that the
reference declares but never reads in its encoder (kept so that configs load) are marked legacy.
Extension keys (marked) default to the values the reference hard-codes.

``RESPLAT_PRESETS`` (Hydra-free):

* ``re10k``  the RE10K base model as its published test command builds it (``latent_downsample=2``,
  ``fixed_latent_size=False``, ``init_gaussian_multiple=4``, ``refine_same_num_points``, 2
  refinement steps); ``base`` is the same model (the one ``splatbench bench`` times).
* ``dl3dv``  the DL3DV base model (1/8 features, ``latent_downsample=4``, one Gaussian per latent
  pixel, 2 refinement steps at test).
* ``tiny``   the RE10K layout with narrow layers and ViT-S, for CPU tests and golden files.
* ``tiny_dl3dv`` the DL3DV layout, narrow, for CPU tests.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Callable, Literal

from ..config import EncoderVisualizerDepthSplatCfg, VitType


@dataclass
class ReSplatGaussianAdapterCfg:
    gaussian_scale_min: float = 0.5  # legacy: declared, never read by the ReSplat encoder
    gaussian_scale_max: float = 1.0
    sh_degree: int = 3
    exp_scale: bool = False  # legacy
    softplus_scale: bool = True  # legacy (softplus is what the encoder does)
    clamp_min_scale: float = 1e-6
    scale_detach_depth: bool = False  # legacy
    exp_scale_bias: float = 4.0
    no_rotate_sh: bool = True  # legacy: SH are never rotated by the ReSplat encoder
    no_sh_mask: bool = True  # legacy: no SH mask either
    init_rotation_identity: bool = False  # legacy


@dataclass
class EncoderReSplatCfg:
    name: Literal["resplat"] = "resplat"
    num_depth_candidates: int = 128
    visualizer: EncoderVisualizerDepthSplatCfg = field(default_factory=EncoderVisualizerDepthSplatCfg)
    gaussian_adapter: ReSplatGaussianAdapterCfg = field(default_factory=ReSplatGaussianAdapterCfg)

    # UniMatch / cost volume
    unimatch_weights_path: str | None = "pretrained/gmdepth-scale1-resumeflowthings-scannet-5d9d7964.pth"
    downscale_factor: int = 4
    shim_patch_size: int = 4

    # Multi-view stereo
    num_scales: int = 1
    upsample_factor: int = 4
    lowest_feature_resolution: int = 4
    depth_unet_channels: int = 128
    grid_sample_disable_cudnn: bool = False
    local_mv_match: int = 2

    # Colour branch
    gaussian_regressor_channels: int = 512

    # Depth supervision and output
    supervise_intermediate_depth: bool = True
    return_depth: bool = True
    sample_log_depth: bool = True
    bilinear_upsample_depth: bool = False
    no_upsample_depth: bool = False

    # Monocular backbone
    monodepth_vit_type: VitType = "vitb"

    # Point transformer of the initial stage
    attn_proj_channels: int | None = 64
    knn_samples: int = 16
    num_blocks: int = 6
    init_use_local_knn: bool = False
    init_local_knn_spatial_radius: int = 3
    init_local_knn_num_neighbor_views: int = 32
    init_local_knn_cross_view_radius: int = 3

    # Latent Gaussians
    latent_downsample: int = 4
    fixed_latent_size: bool = True

    # Several Gaussians per latent point
    init_gaussian_multiple: int = 1
    refine_same_num_points: bool = False

    # High-resolution inputs
    depth_pred_half_res: bool = False
    no_crop_image: bool = False

    # Recurrent refinement (num_refine: steps at test time; 0 builds no update module)
    num_refine: int = 0
    train_min_refine: int = 0
    train_max_refine: int = 0
    num_basic_refine_blocks: int = 4

    state_channels: int = 512

    update_attn_proj_channels: int | None = 64
    refine_knn_samples: int = 8
    refine_use_local_knn: bool = False
    refine_local_knn_spatial_radius: int = 3
    refine_local_knn_num_neighbor_views: int = 32
    refine_local_knn_cross_view_radius: int = 3

    render_error_mv_attn_blocks: int = 1

    # Mixed precision (bf16 autocast on CUDA only, as in the reference)
    use_amp: bool = True
    pt_head_amp: bool = True
    pt_update_amp: bool = True

    # Activation checkpointing
    use_checkpointing: bool = False
    init_use_checkpointing: bool = False
    recurrent_use_checkpointing: bool = False

    # --- extension keys (defaults = the values the reference hard-codes) --------------------
    feature_channels: int = 128  # CNN output / multi-view transformer width
    num_transformer_layers: int = 6
    mv_attention_down_factor: int = 4  # patch size of the low-resolution multi-view attention
    knn_chunk_size: int = 4096  # query points per kNN / attention chunk (bounds memory)
    max_vit_input_width: int = 560
    # Refinement steps run in eval mode (None: num_refine). The update module exists iff
    # num_refine > 0, so this changes the steps of a trained model without changing its keys.
    test_num_refine: int | None = None
    attention_backend: Literal["sdpa", "math"] = "sdpa"
    # Plane-sweep correlation (splatbench/model/encoder/unimatch/cost_volume.py): auto = the fused
    # Triton kernels on CUDA (in training with their Triton backward, unless deterministic algorithms
    # are on), the PyTorch path otherwise; torch / triton force one.
    cost_volume_backend: Literal["auto", "torch", "triton"] = "auto"


def resplat_config_problems(cfg: EncoderReSplatCfg) -> list[str]:
    """``model.encoder.KEY: why`` for every setting this implementation cannot build."""
    problems = []
    if cfg.num_scales != 1:
        problems.append(f"model.encoder.num_scales: must be 1 (the reference asserts it), got {cfg.num_scales}")
    if cfg.latent_downsample not in (2, 4, 8):
        problems.append(f"model.encoder.latent_downsample: must be 2, 4 or 8, got {cfg.latent_downsample}")
    if cfg.init_gaussian_multiple not in (1, 4, 16):
        problems.append(f"model.encoder.init_gaussian_multiple: must be 1, 4 or 16, got {cfg.init_gaussian_multiple}")
    if cfg.latent_downsample == 2 and (cfg.fixed_latent_size or cfg.init_gaussian_multiple != 4):
        problems.append("model.encoder.latent_downsample: 2 is built with fixed_latent_size=false and init_gaussian_multiple=4")
    if cfg.init_gaussian_multiple == 16 and cfg.latent_downsample == 2:
        problems.append("model.encoder.init_gaussian_multiple: 16 needs latent_downsample 4 or 8")
    if cfg.bilinear_upsample_depth or cfg.no_upsample_depth:
        problems.append("model.encoder.bilinear_upsample_depth / no_upsample_depth: not implemented (no official model uses them)")
    if cfg.init_use_local_knn or cfg.refine_use_local_knn:
        # The reference's image-space neighbour search (batch size 1 only); no official model uses it.
        problems.append("model.encoder.init_use_local_knn / refine_use_local_knn: not implemented (exact kNN only)")
    if cfg.mv_attention_down_factor == 8:
        problems.append("model.encoder.mv_attention_down_factor: 8 is not implemented (the reference uses 4)")
    if cfg.num_refine < 0 or (cfg.test_num_refine is not None and cfg.test_num_refine < 0):
        problems.append("model.encoder.num_refine / test_num_refine: must be >= 0")
    if cfg.test_num_refine and cfg.num_refine == 0:
        problems.append("model.encoder.test_num_refine: needs the update module, built only when num_refine > 0")
    return problems


def preset_re10k() -> EncoderReSplatCfg:
    return EncoderReSplatCfg(
        latent_downsample=2,
        fixed_latent_size=False,
        init_gaussian_multiple=4,
        num_refine=2,
        refine_same_num_points=True,
    )


def preset_dl3dv() -> EncoderReSplatCfg:
    return EncoderReSplatCfg(
        shim_patch_size=16,
        upsample_factor=8,
        lowest_feature_resolution=8,
        num_refine=2,
    )


def _narrow(cfg: EncoderReSplatCfg) -> EncoderReSplatCfg:
    return dataclasses.replace(
        cfg,
        monodepth_vit_type="vits",
        num_depth_candidates=32,
        depth_unet_channels=32,
        gaussian_regressor_channels=64,
        state_channels=64,
        num_blocks=2,
        num_basic_refine_blocks=2,
        attn_proj_channels=32,
        update_attn_proj_channels=32,
        knn_samples=8,
        refine_knn_samples=4,
    )


def preset_tiny() -> EncoderReSplatCfg:
    return _narrow(preset_re10k())


def preset_tiny_dl3dv() -> EncoderReSplatCfg:
    return _narrow(preset_dl3dv())


RESPLAT_PRESETS: dict[str, Callable[[], EncoderReSplatCfg]] = {
    "re10k": preset_re10k,
    "base": preset_re10k,
    "dl3dv": preset_dl3dv,
    "tiny": preset_tiny,
    "tiny_dl3dv": preset_tiny_dl3dv,
}


def resplat_preset(preset: str, /, **overrides) -> EncoderReSplatCfg:
    """A preset config with optional top-level field overrides."""
    if preset not in RESPLAT_PRESETS:
        raise ValueError(f"unknown ReSplat preset {preset!r}; choose from {sorted(RESPLAT_PRESETS)}")
    return dataclasses.replace(RESPLAT_PRESETS[preset](), **overrides)
