"""DPT head (Depth Anything V2 style) that fuses ViT, CNN and multi-view features.

One class serves DepthSplat's two uses:

* ``depth_predictor.upsampler``: the coarse inverse depth is concatenated at its resolution and
  ``scratch.output_conv`` (zero-initialised last layer) returns a full-resolution inverse-depth
  residual ``[N, 1, H, W]``;
* ``feature_upsampler`` (``return_feature=True``): no depth channel, no ``output_conv``; the
  fused full-resolution feature map ``[N, features, H, W]`` is returned.

The four ViT maps arrive at 1/8 of the image size and are resized to 1/2, 1/4, 1/8 and 1/16.
Which CNN / multi-view / depth maps join each of the three finer levels depends on
``(downsample_factor, num_scales)``; the table ``CONCAT_LAYOUTS`` states it once, and both the
``concat_projects`` input widths and the forward concatenation are derived from it.
Module and parameter names equal the reference checkpoints.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import torch
import torch.nn.functional as F
from jaxtyping import Float
from torch import Tensor, nn

from splatbench.model.encoder import fast_convs
from splatbench.model.encoder.precision import interpolate_in_input_dtype
from splatbench.model.encoder.fused_conv import conv_act, half_precision_output, run_conv_sequence

logger = logging.getLogger(__name__)

# A part is ("vit",), ("cnn", i) with i indexing CNN maps from high to low resolution,
# ("mv", i) indexing multi-view maps from high to low resolution, or ("depth",).
Part = tuple
# (downsample_factor, num_scales) -> parts concatenated at 1/2, 1/4 and 1/8, in order.
CONCAT_LAYOUTS: dict[tuple[int, int], tuple[tuple[Part, ...], tuple[Part, ...], tuple[Part, ...]]] = {
    (4, 1): (
        (("cnn", 0), ("cnn", 1), ("vit",)),
        (("cnn", 2), ("vit",), ("mv", 0), ("depth",)),
        (("vit",),),
    ),
    (2, 2): (
        (("cnn", 0), ("cnn", 1), ("mv", 0), ("depth",), ("vit",)),
        (("cnn", 2), ("vit",), ("mv", 1)),
        (("vit",),),
    ),
    (4, 2): (
        (("cnn", 0), ("vit",)),
        (("cnn", 1), ("vit",), ("mv", 0), ("depth",)),
        (("cnn", 2), ("vit",), ("mv", 1)),
    ),
}
# Any other combination (e.g. downsample 8 with one scale): depth joins at 1/8.
DEFAULT_CONCAT_LAYOUT = (
    (("cnn", 0), ("vit",)),
    (("cnn", 1), ("vit",)),
    (("cnn", 2), ("vit",), ("mv", -1), ("depth",)),
)


def concat_layout(downsample_factor: int, num_scales: int):
    return CONCAT_LAYOUTS.get((downsample_factor, num_scales), DEFAULT_CONCAT_LAYOUT)


class ResidualConvUnit(nn.Module):
    """relu -> conv3x3 -> relu -> conv3x3, plus the input (and ``extra``, when given)."""

    def __init__(self, features: int) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(features, features, 3, 1, 1, bias=True)
        self.conv2 = nn.Conv2d(features, features, 3, 1, 1, bias=True)

    def forward(self, x: Tensor, extra: Tensor | None = None) -> Tensor:
        # Half-precision inference: each convolution's bias with the ReLU, or with the residuals,
        # in one pass instead of two or three (fused_conv.conv_act; None: the eager code below).
        hidden = conv_act(self.conv1, F.relu(x), "relu")
        if hidden is not None:
            fused = conv_act(self.conv2, hidden, residuals=(x,) if extra is None else (x, extra))
            if fused is not None:
                return fused
            out = self.conv2(hidden) + x
        else:
            out = self.conv2(F.relu(self.conv1(F.relu(x)))) + x
        return out if extra is None else extra + out


class FeatureFusionBlock(nn.Module):
    """Add a skip feature (optional), refine, upsample bilinearly, project with a 1x1 conv."""

    def __init__(self, features: int, with_skip: bool = True) -> None:
        super().__init__()
        self.out_conv = nn.Conv2d(features, features, 1, 1, 0, bias=True)
        if with_skip:
            self.resConfUnit1 = ResidualConvUnit(features)
        self.resConfUnit2 = ResidualConvUnit(features)

    def forward(self, x: Tensor, skip: Tensor | None = None, size: Sequence[int] | None = None) -> Tensor:
        if skip is not None:
            x = self.resConfUnit1(skip, extra=x)  # x + resConfUnit1(skip)
        x = self.resConfUnit2(x)
        resize = {"scale_factor": 2} if size is None else {"size": tuple(size)}
        if fast_convs.SWITCHES.project_before_upsampling and half_precision_output(x) and not torch.is_grad_enabled():
            # The 1x1 projection commutes with bilinear upsampling (linear per pixel; the bilinear
            # weights of each output pixel sum to one, so the bias passes through): on a quarter of
            # the pixels. Half-precision inference only: float32 keeps the reference order bit for
            # bit, and training keeps the rounding it had.
            return interpolate_in_input_dtype(_conv(self.out_conv, x), mode="bilinear", align_corners=True, **resize)
        # bf16 stays bf16 under autocast: the 1x1 conv right after would round a float32 result anyway.
        x = interpolate_in_input_dtype(x, mode="bilinear", align_corners=True, **resize)
        return _conv(self.out_conv, x)


def _conv(conv: nn.Module, x: Tensor) -> Tensor:
    """``conv(x)``; a Conv2d's bias added by the epilogue kernel in half-precision inference
    (fused_conv; other modules, e.g. ConvTranspose2d, as they are)."""
    fused = conv_act(conv, x)
    return conv(x) if fused is None else fused


def _part_channels(part: Part, vit: int, cnn: Sequence[int], mv: Sequence[int], with_depth: bool) -> int:
    kind = part[0]
    if kind == "vit":
        return vit
    if kind == "cnn":
        return cnn[part[1]]
    if kind == "mv":
        return mv[part[1]]
    return 1 if with_depth else 0


class DPTHead(nn.Module):
    """Fuse four 1/8-resolution ViT maps (plus CNN, multi-view, depth maps) to full resolution."""

    def __init__(
        self,
        in_channels: int,
        features: int = 256,
        out_channels: Sequence[int] = (256, 512, 1024, 1024),
        cnn_feature_channels: Sequence[int] = (64, 96, 128),
        mv_feature_channels: int = 128,
        downsample_factor: int = 8,
        return_feature: bool = False,
        num_scales: int = 1,
    ) -> None:
        super().__init__()
        out_channels = list(out_channels)
        self.downsample_factor = downsample_factor
        self.num_scales = num_scales
        self.return_feature = return_feature
        self.layout = concat_layout(downsample_factor, num_scales)
        # Multi-view maps high -> low resolution: halved width at the finer scale.
        mv_channels = (
            [mv_feature_channels]
            if num_scales == 1
            else [mv_feature_channels // 2 ** (num_scales - 1 - i) for i in range(num_scales)]
        )
        with_depth = not return_feature

        # Registration order follows the reference so that state_dict() key order matches too.
        self.concat_projects = nn.ModuleList(
            nn.Conv2d(
                sum(_part_channels(p, out_channels[level], cnn_feature_channels, mv_channels, with_depth) for p in parts),
                out_channels[level],
                1,
            )
            for level, parts in enumerate(self.layout)
        )
        self.projects = nn.ModuleList(nn.Conv2d(in_channels, c, 1, 1, 0) for c in out_channels)
        self.resize_layers = nn.ModuleList(
            [
                nn.ConvTranspose2d(out_channels[0], out_channels[0], 4, 4, 0),  # 1/8 -> 1/2
                nn.ConvTranspose2d(out_channels[1], out_channels[1], 2, 2, 0),  # 1/8 -> 1/4
                nn.Identity(),
                nn.Conv2d(out_channels[3], out_channels[3], 3, 2, 1),  # 1/8 -> 1/16
            ]
        )

        self.scratch = nn.Module()
        for level in range(4):
            setattr(
                self.scratch,
                f"layer{level + 1}_rn",
                nn.Conv2d(out_channels[level], features, 3, 1, 1, bias=False),
            )
        self.scratch.refinenet1 = FeatureFusionBlock(features)
        self.scratch.refinenet2 = FeatureFusionBlock(features)
        self.scratch.refinenet3 = FeatureFusionBlock(features)
        # The coarsest block has no skip input, hence no resConfUnit1 (absent from checkpoints).
        self.scratch.refinenet4 = FeatureFusionBlock(features, with_skip=False)

        if not return_feature:
            self.scratch.output_conv = nn.Sequential(
                nn.Conv2d(features, features // 2, 3, 1, 1, padding_mode="replicate"),
                nn.GELU(),
                nn.Conv2d(features // 2, 16, 3, 1, 1, padding_mode="replicate"),
                nn.GELU(),
                nn.Conv2d(16, 1, 1, 1, 0),
            )
            # The head predicts a residual on top of the upsampled depth: start at zero.
            nn.init.zeros_(self.scratch.output_conv[-1].weight)
            nn.init.zeros_(self.scratch.output_conv[-1].bias)

    def forward(
        self,
        vit_features: Sequence[Float[Tensor, "batch vit_channel h8 w8"]],
        cnn_features: Sequence[Tensor] | None = None,
        mv_features: Tensor | Sequence[Tensor] | None = None,
        depth: Float[Tensor, "batch 1 h w"] | None = None,
    ) -> Float[Tensor, "batch channel height width"]:
        """Fuse the maps.

        vit_features: four ViT maps at 1/8 resolution.
        cnn_features: CNN maps from high to low resolution (three of them).
        mv_features: the multi-view map (one scale) or maps from high to low resolution.
        depth: coarse inverse depth (required unless ``return_feature``).
        Returns the inverse-depth residual ``[batch, 1, H, W]`` or, with ``return_feature``,
        the fused features ``[batch, features, H, W]``.
        """
        if len(vit_features) != 4:
            raise ValueError(f"DPTHead expects 4 ViT feature maps, got {len(vit_features)}")
        if not self.return_feature and depth is None:
            raise ValueError("DPTHead: depth is required when return_feature is False")
        mv_list = [mv_features] if isinstance(mv_features, Tensor) else list(mv_features or [])
        cnn_list = list(cnn_features or [])

        layers = [
            _conv(resize, _conv(project, x)) for x, project, resize in zip(vit_features, self.projects, self.resize_layers)
        ]
        sources = {"cnn": cnn_list, "mv": mv_list}
        for level, parts in enumerate(self.layout):
            pieces = []
            for part in parts:
                if part[0] == "vit":
                    pieces.append(layers[level])
                elif part[0] == "depth":
                    if not self.return_feature:
                        pieces.append(depth)
                else:
                    pieces.append(sources[part[0]][part[1]])
            layers[level] = _conv(self.concat_projects[level], torch.cat(pieces, dim=1))

        scratch = self.scratch
        rn = [getattr(scratch, f"layer{i + 1}_rn")(layer) for i, layer in enumerate(layers)]
        path = scratch.refinenet4(rn[3], size=rn[2].shape[2:])  # 1/8
        path = scratch.refinenet3(path, rn[2], size=rn[1].shape[2:])  # 1/4
        path = scratch.refinenet2(path, rn[1], size=rn[0].shape[2:])  # 1/2
        path = scratch.refinenet1(path, rn[0])  # full resolution
        if self.return_feature:
            return path
        return run_conv_sequence(scratch.output_conv, path)


# Per ViT type: channel widths of the depth upsampler and the feature upsampler.
DPT_VIT_CONFIGS: dict[str, dict] = {
    "vits": {"in_channels": 384, "out_channels": (48, 96, 192, 384), "depth_features": 32, "feature_features": 64},
    "vitb": {"in_channels": 768, "out_channels": (96, 192, 384, 768), "depth_features": 48, "feature_features": 96},
    "vitl": {"in_channels": 1024, "out_channels": (128, 256, 512, 1024), "depth_features": 64, "feature_features": 128},
}
