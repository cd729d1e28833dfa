"""Typed settings of each training loss (Hydra group ``loss``), with the reference defaults.

Hydra composes ``loss: [mse, lpips]`` into ``{"mse": {...}, "lpips": {...}}``; each entry becomes
one of the dataclasses below. Options that the reference keeps under ``train`` (``l1_loss``,
``train_ignore_large_loss``) travel in :class:`LossOptions` instead of per-loss settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass
class LossMseCfg:
    """Photometric loss on the rendered target views (reference ``loss/mse.yaml``)."""

    weight: float = 1.0


@dataclass
class LossLpipsCfg:
    """LPIPS-VGG perceptual loss (reference ``loss/lpips.yaml``; the experiments set step 0)."""

    weight: float = 0.05
    apply_after_step: int = 150_000
    # bf16: the frozen VGG's convolutions run in bf16 and NHWC on CUDA, the feature normalisation,
    # channel weights and means in float32 (training speed; the loss value moves by about 0.1 %,
    # the gradient direction by cosine 0.99: tests/metrics/test_losses.py). fp32 elsewhere and on the CPU.
    precision: Literal["fp32", "bf16"] = "fp32"
    # With precision bf16 on CUDA: each layer's normalisation, squared difference, channel weights
    # and mean as one Triton pass (forward and backward) over the bf16 features, in float32
    # (evaluation/lpips_distance.py), instead of about ten float32 passes over full-resolution maps.
    fused_distance: bool = True


@dataclass
class LossDepthCfg:
    """Depth supervision for datasets with ground-truth depth (not in the reference GS training).

    ``weight`` scales the mean L1 error between rendered and ground-truth target depth over pixels
    whose ground truth is finite and > 0. ``gradient_weight`` scales an extra L1 on the horizontal
    and vertical finite differences of depth (pairs of valid pixels only), which sharpens edges;
    DepthSplat's paper reports alpha = beta = 20 for its depth-only fine-tuning (unverified).
    """

    weight: float = 1.0
    gradient_weight: float = 0.0
    apply_after_step: int = 0


@dataclass
class LossContextDepthCfg:
    """Supervision of the encoder's own depth of each context view with ground-truth depth, as
    DepthSplat's depth-only models are trained (``model.encoder.train_depth_only=true``).

    ``weight`` scales the mean L1 error of *inverse* depth over valid pixels (ground truth finite
    and > 0); ``gradient_weight`` scales a gradient-matching term: the mean L1 of the horizontal
    and vertical differences of the inverse-depth error over pairs of valid pixels, at
    ``gradient_scales`` scales (every 1st, 2nd, 4th, ... pixel), averaged over scales. The
    DepthSplat paper reports alpha = beta = 20 (third-party transcription, unverified).
    """

    weight: float = 20.0
    gradient_weight: float = 20.0
    gradient_scales: int = 4
    apply_after_step: int = 0


@dataclass
class LossOptions:
    """Training options that change how losses behave (reference section ``train``)."""

    l1_loss: bool = False
    """Photometric loss uses absolute instead of squared error."""
    train_ignore_large_loss: float = 0.0
    """If > 0, pixels whose squared colour error is >= this value are left out of the photometric loss."""
