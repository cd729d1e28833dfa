"""Switches of the convolution (and ViT norm) fast paths of the bf16 inference plans (issue 12, sixth session).

Each path changes only half-precision inference (the ``bf16`` and ``bf16-all`` plans on CUDA, or
the CPU with ``precision_on_cpu``); float32 outputs are untouched by all of them. They are read at
every forward pass, so one process can time the encoder with and without them
(``scripts/gpu/conv12.sh``); a CUDA graph keeps what was switched at its capture.

* ``bf16_heads``: under ``bf16-all`` the fused full-resolution Gaussian heads
  (:mod:`.heads.gaussian_heads`) run in bf16 instead of TF32 (the depth is computed before them,
  so the plan's depth drift does not move; their biases are split into a bf16 high part and a
  bf16 remainder, so they are still added to about 2^-16).
* ``nhwc_depth_upsampler``: the DPT depth upsampler (bf16 in both plans) runs on NHWC maps with
  NHWC bf16 weights, as the feature upsampler already does: cuDNN keeps the activations NHWC
  instead of transposing in and out of every convolution.
* ``project_before_upsampling``: a DPT fusion block applies its 1x1 ``out_conv`` before the
  bilinear upsampling instead of after (exact in real arithmetic: a 1x1 convolution is linear per
  pixel and bilinear weights sum to one), on a quarter of the pixels.
* ``fused_epilogues``: a convolution's bias, the residuals added right after it and its ReLU run
  as one Triton pass (:mod:`splatbench.model.kernels.conv_epilogue`) instead of one PyTorch kernel
  each (DPT residual units, U-Net ResBlocks); a U-Net convolution followed by a GroupNorm hands its
  bias to the GroupNorm kernel, which adds it while reading.
* ``fused_vit_norms``: the DINOv2 ViT's LayerScale residuals, LayerNorms and bf16 casts as one
  Triton pass per residual update (:mod:`splatbench.model.kernels.norms`, VGGT's kernels) instead
  of four PyTorch kernels.
* ``fewer_casts``: under ``bf16-all`` the parts of the U-Net's input concatenation (cost volume,
  CNN, multi-view and ViT maps) are bf16 before the concatenation (the ViT maps cast at the patch
  grid, before resizing), instead of a float32 concatenation that each of its two convolutions
  casts to bf16 again.
* ``nhwc_unet``: the depth U-Net (bf16 in both plans) runs on NHWC maps with NHWC bf16 weights, its
  input concatenation assembled in NHWC, its GroupNorms through the NHWC variant of the GroupNorm
  kernel (attention blocks on NCHW tokens); the output goes back to NCHW once.

Under ``torch.compile`` (``splatbench bench --compile``) the two kernel paths, ``fused_epilogues``
and ``fused_vit_norms``, step aside: Inductor fuses the same element-wise work itself, and each
call of one of our kernels would break its graph (they are opaque to it). The layout and precision
paths stay.
"""

from __future__ import annotations

import contextlib
import dataclasses
from dataclasses import dataclass


@dataclass
class ConvFastPaths:
    bf16_heads: bool = True
    nhwc_depth_upsampler: bool = True
    project_before_upsampling: bool = True
    fused_epilogues: bool = True
    fused_vit_norms: bool = True
    fewer_casts: bool = True
    nhwc_unet: bool = True


SWITCHES = ConvFastPaths()


@contextlib.contextmanager
def conv_fast_paths(enabled: bool | None = None, **changes: bool):
    """Within the block: every switch set to ``enabled`` (when given), then ``changes`` applied;
    the previous settings come back afterwards."""
    previous = dataclasses.replace(SWITCHES)
    if enabled is not None:
        for field in dataclasses.fields(SWITCHES):
            setattr(SWITCHES, field.name, enabled)
    for name, value in changes.items():
        if not hasattr(SWITCHES, name):
            raise ValueError(f"conv_fast_paths: unknown switch {name!r}; choose from {[f.name for f in dataclasses.fields(SWITCHES)]}")
        setattr(SWITCHES, name, value)
    try:
        yield SWITCHES
    finally:
        for field in dataclasses.fields(SWITCHES):
            setattr(SWITCHES, field.name, getattr(previous, field.name))
