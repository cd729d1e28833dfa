"""Typed configuration of the MVSplat encoder (donydchen/mvsplat, ``config/model/encoder/costvolume.yaml``).

Every key of the reference encoder config exists here. Defaults are those of the published
RealEstate10K / ACID / DTU model (the reference's ``experiment/re10k.yaml`` on top of
``costvolume.yaml``: 128 depth candidates, attention at 1/4 in the cost-volume U-Net and at 1/16
in the 5-level depth U-Net), so ``encoder_preset("mvsplat")`` builds the network the official
``re10k.ckpt`` / ``acid.ckpt`` load into. The Hydra group ``model/encoder=mvsplat`` mirrors the
reference's ``costvolume.yaml`` (32 candidates) and the ``mvsplat/*`` experiments set the rest,
as upstream.

Presets: ``mvsplat`` (official, 12.0 M parameters) and ``mvsplat_tiny`` (narrow, CPU tests).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from splatbench.model.encoder.config import EncoderVisualizerDepthSplatCfg, GaussianAdapterCfg
from splatbench.model.encoder.registry import register_preset


@dataclass
class OpacityMappingCfg:
    """Density -> opacity: ``0.5 (1 - (1 - p)^e + p^(1/e))`` with ``e = 2^x``, x going linearly
    from ``initial`` to ``final`` over ``warm_up`` steps (0, 0: opacity = density)."""

    initial: float = 0.0
    final: float = 0.0
    warm_up: int = 1


def _mvsplat_adapter() -> GaussianAdapterCfg:
    return GaussianAdapterCfg(gaussian_scale_min=0.5, gaussian_scale_max=15.0, sh_degree=4)


@dataclass
class EncoderMVSplatCfg:
    # "costvolume" is the reference's own name for this encoder; both build the same network.
    name: Literal["mvsplat", "costvolume"] = "mvsplat"

    d_feature: int = 128
    num_depth_candidates: int = 128
    num_surfaces: int = 1
    visualizer: EncoderVisualizerDepthSplatCfg = field(default_factory=EncoderVisualizerDepthSplatCfg)
    gaussian_adapter: GaussianAdapterCfg = field(default_factory=_mvsplat_adapter)
    opacity_mapping: OpacityMappingCfg = field(default_factory=OpacityMappingCfg)
    gaussians_per_pixel: int = 1
    # Read in train mode only (UniMatch initialisation of backbone + transformer); None trains from scratch.
    unimatch_weights_path: str | None = None
    downscale_factor: int = 4
    shim_patch_size: int = 4
    multiview_trans_attn_split: int = 2
    costvolume_unet_feat_dim: int = 128
    costvolume_unet_channel_mult: list[int] = field(default_factory=lambda: [1, 1, 1])
    costvolume_unet_attn_res: list[int] = field(default_factory=lambda: [4])
    depth_unet_feat_dim: int = 32
    depth_unet_attn_res: list[int] = field(default_factory=lambda: [16])
    depth_unet_channel_mult: list[int] = field(default_factory=lambda: [1, 1, 1, 1, 1])

    # --- ablations of the paper (Table 3 / Table B); all false for the published model -----
    wo_depth_refine: bool = False
    wo_cost_volume: bool = False
    wo_backbone_cross_attn: bool = False  # not supported: refused at build time
    wo_cost_volume_refine: bool = False
    use_epipolar_trans: bool = False  # not supported: refused at build time

    # --- extension keys (defaults = the values the reference hard-codes) --------------------
    num_transformer_layers: int = 6
    num_transformer_heads: int = 1
    ffn_dim_expansion: int = 4
    attention_backend: Literal["sdpa", "math"] = "sdpa"
    # Plane-sweep correlation (splatbench/model/encoder/unimatch/cost_volume.py): auto = the fused
    # Triton kernels on CUDA (in training with their Triton backward, unless deterministic algorithms
    # are on), the PyTorch path otherwise; torch / triton force one.
    cost_volume_backend: Literal["auto", "torch", "triton"] = "auto"
    # Mixed-precision plan (CUDA only; splatbench/model/encoder/precision.py): fp32, bf16 (the
    # two U-Nets), bf16-all (all but the cost volume and the Gaussian adapter)
    precision: Literal["fp32", "bf16", "bf16-all"] = "fp32"
    return_depth: bool = True
    train_depth_only: bool = False  # MVSplat has no depth-only mode; kept false


def preset_mvsplat() -> EncoderMVSplatCfg:
    return EncoderMVSplatCfg()


def preset_mvsplat_tiny() -> EncoderMVSplatCfg:
    return EncoderMVSplatCfg(
        d_feature=32,
        num_transformer_layers=2,
        num_depth_candidates=16,
        costvolume_unet_feat_dim=32,
        depth_unet_feat_dim=16,
        depth_unet_channel_mult=[1, 1, 1],
        depth_unet_attn_res=[],
        gaussian_adapter=GaussianAdapterCfg(gaussian_scale_min=0.5, gaussian_scale_max=15.0, sh_degree=2),
    )


register_preset("mvsplat", preset_mvsplat)
register_preset("mvsplat_tiny", preset_mvsplat_tiny)
