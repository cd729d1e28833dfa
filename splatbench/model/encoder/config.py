"""Typed configuration of the DepthSplat encoder (and its lighter variant without the ViT).

Every key of the reference ``config/model/encoder/depthsplat.yaml`` exists here with the
reference default, including legacy keys that the reference declares but never reads (they
are accepted so that official configs and command-line overrides keep working). Extension keys
(marked below) default to the values the reference hard-codes, so a config without them builds
exactly the reference model.

``ENCODER_PRESETS`` holds Hydra-free presets:

* ``small``   ViT-S, one scale, upsample 4, lowest resolution 1/4 (official small, 38.35 M params)
* ``base``    ViT-B, two scales, upsample 2, lowest resolution 1/4 (official base, 120.75 M)
* ``large``   ViT-L, two scales, upsample 2, lowest resolution 1/4 (official large, 354.34 M)
* ``mvsplat_lite`` DepthSplat's cost volume + U-Net without the monocular ViT branch (our own
  design, not MVSplat: official MVSplat weights load into ``mvsplat``, see ``mvsplat_config.py``)
* ``tiny``    ``mvsplat_lite`` with narrow layers, for CPU tests, the demo and smoke runs

Presets live in the encoder registry (:mod:`splatbench.model.encoder.registry`), which every
encoder adds its own to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from splatbench.model.encoder.registry import ENCODER_PRESETS, encoder_preset, register_preset

__all__ = ["ENCODER_PRESETS", "EncoderDepthSplatCfg", "GaussianAdapterCfg", "depth_preset", "encoder_preset"]

VitType = Literal["vits", "vitb", "vitl"]


@dataclass
class GaussianAdapterCfg:
    gaussian_scale_min: float = 1e-10
    gaussian_scale_max: float = 3.0
    sh_degree: int = 2


@dataclass
class EncoderVisualizerDepthSplatCfg:
    num_samples: int = 8
    min_resolution: int = 256
    export_ply: bool = False


@dataclass
class EncoderDepthSplatCfg:
    name: Literal["depthsplat", "mvsplat_lite"] = "depthsplat"

    # --- legacy keys: declared by the reference, never read by its code -------------------
    num_depth_candidates: int = 128  # read here (extension): the reference hard-codes 128
    num_surfaces: int = 1
    gaussians_per_pixel: int = 1
    d_feature: int = 128
    unimatch_weights_path: str | None = "pretrained/gmdepth-scale1-resumeflowthings-scannet-5d9d7964.pth"
    multiview_trans_attn_split: int = 2
    costvolume_unet_feat_dim: int = 128
    costvolume_unet_channel_mult: list[int] = field(default_factory=lambda: [1, 1, 1])
    costvolume_unet_attn_res: list[int] = field(default_factory=list)
    depth_unet_feat_dim: int = 64
    depth_unet_attn_res: list[int] = field(default_factory=list)
    depth_unet_channel_mult: list[int] = field(default_factory=lambda: [1, 1, 1])
    large_gaussian_head: bool = False
    color_large_unet: bool = False
    feature_upsampler_channels: int = 64

    gaussian_adapter: GaussianAdapterCfg = field(default_factory=GaussianAdapterCfg)
    visualizer: EncoderVisualizerDepthSplatCfg = field(default_factory=EncoderVisualizerDepthSplatCfg)

    # --- data shim: crop H and W to multiples of shim_patch_size * downscale_factor ---------
    downscale_factor: int = 4
    shim_patch_size: int = 4

    # --- multi-view matching --------------------------------------------------------------
    local_mv_match: int = 2  # with more than 3 views, attend to this many nearest views

    # --- monocular branch -----------------------------------------------------------------
    monodepth_vit_type: VitType = "vits"

    # --- outputs ----------------------------------------------------------------------------
    supervise_intermediate_depth: bool = True
    return_depth: bool = True

    # --- depth predictor (MultiViewUniMatch) ------------------------------------------------
    num_scales: int = 1
    upsample_factor: int = 4
    lowest_feature_resolution: int = 4
    depth_unet_channels: int = 128
    grid_sample_disable_cudnn: bool = False

    # --- Gaussian branch --------------------------------------------------------------------
    init_sh_input_img: bool = True
    gaussian_regressor_channels: int = 64
    train_depth_only: bool = False

    # --- extension keys (defaults = the values the reference hard-codes) --------------------
    feature_channels: int = 128  # CNN output / multi-view transformer width
    num_transformer_layers: int = 6
    num_transformer_heads: int = 1
    ffn_dim_expansion: int = 4
    use_monodepth: bool = True  # False: no DINOv2 branch (the mvsplat_lite variant)
    attention_backend: Literal["sdpa", "math"] = "sdpa"
    # Plane-sweep correlation (splatbench/model/encoder/unimatch/cost_volume.py): auto = the fused
    # Triton kernels on CUDA (in training with their Triton backward, unless deterministic algorithms
    # are on), the PyTorch path otherwise; torch / triton force one.
    cost_volume_backend: Literal["auto", "torch", "triton"] = "auto"
    # Multi-view transformer window attention (unimatch/mv_transformer.py): auto = the grouped
    # mask-free path on CUDA when the attention runs in float16/bf16 (bf16 plans, inference), the
    # reference's roll + masked attention otherwise; reference / grouped force one.
    window_attention_backend: Literal["auto", "reference", "grouped"] = "auto"
    # Mixed-precision plan (CUDA only; see splatbench/model/encoder/precision.py): fp32, bf16
    # (ViT, depth U-Net and depth upsampler in bf16), bf16-all (everything but the geometry).
    precision: Literal["fp32", "bf16", "bf16-all"] = "fp32"


def preset_small() -> EncoderDepthSplatCfg:
    return EncoderDepthSplatCfg()


def preset_base() -> EncoderDepthSplatCfg:
    return EncoderDepthSplatCfg(
        monodepth_vit_type="vitb", num_scales=2, upsample_factor=2, lowest_feature_resolution=4
    )


def preset_large() -> EncoderDepthSplatCfg:
    return EncoderDepthSplatCfg(
        monodepth_vit_type="vitl", num_scales=2, upsample_factor=2, lowest_feature_resolution=4
    )


def preset_mvsplat_lite() -> EncoderDepthSplatCfg:
    return EncoderDepthSplatCfg(name="mvsplat_lite", use_monodepth=False)


def preset_tiny() -> EncoderDepthSplatCfg:
    return EncoderDepthSplatCfg(
        name="mvsplat_lite",
        use_monodepth=False,
        feature_channels=64,
        num_transformer_layers=2,
        num_depth_candidates=32,
        depth_unet_channels=32,
        gaussian_regressor_channels=32,
    )


for _name, _factory in {
    "small": preset_small,
    "base": preset_base,
    "large": preset_large,
    "mvsplat_lite": preset_mvsplat_lite,
    "tiny": preset_tiny,
}.items():
    register_preset(_name, _factory)


# Depth-only models (``depthsplat-depth-*.pth``, ``checkpointing.pretrained_depth``): the base
# depth model runs two scales with 1/8 lowest features and 4x upsampling, unlike base Gaussians.
DEPTH_PRESET_OVERRIDES: dict[str, dict] = {
    "small": {},
    "base": {"monodepth_vit_type": "vitb", "num_scales": 2, "upsample_factor": 4, "lowest_feature_resolution": 8},
    "tiny": {},
}


def depth_preset(preset: str, /, **overrides) -> EncoderDepthSplatCfg:
    """The depth-only model of a preset (``train_depth_only=True`` unless overridden)."""
    if preset not in DEPTH_PRESET_OVERRIDES:
        raise ValueError(f"unknown depth preset {preset!r}; choose from {sorted(DEPTH_PRESET_OVERRIDES)}")
    base = "small" if preset == "base" else preset
    settings = {"train_depth_only": True, **DEPTH_PRESET_OVERRIDES[preset], **overrides}
    return encoder_preset(base, **settings)
