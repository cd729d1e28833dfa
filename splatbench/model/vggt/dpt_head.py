"""VGGT's DPT depth head: four aggregator layers -> depth and confidence per pixel.

It runs in two stages so that the aggregator never has to keep whole layers:

1. :meth:`DPTHead.project` (called per layer and chunk of frames while the aggregator runs):
   patch tokens of layer ``dpt_layers[level]`` -> shared ``norm`` (LayerNorm over 2C) -> 1x1 conv
   ``projects[level]``, giving a ``[n, out_channels[level], h, w]`` map.
2. :meth:`DPTHead.decode` (per chunk of frames, afterwards): add the sin/cos UV position embedding
   (x 0.1), resize (``resize_layers``: x4 and x2 transposed convs, identity, stride-2 conv), the
   ``scratch`` 3x3 convs, RefineNet fusion coarse to fine (bilinear, align_corners=True),
   ``output_conv1``, bilinear resize to the image size, position embedding again,
   ``output_conv2``; channel 0 -> depth = exp, channel 1 -> confidence = 1 + exp.

The reference builds its residual conv units with in-place ReLU, so the skip connection adds the
ReLU'd input: a unit computes ``relu(x) + conv2(relu(conv1(relu(x))))``; this is reproduced.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import torch
import torch.nn.functional as F
from jaxtyping import Float
from torch import Tensor, nn

from splatbench.model.encoder.heads import dpt as heads


class ResidualConvUnit(heads.ResidualConvUnit):
    """The skip adds the ReLU'd input (the reference's in-place ReLU)."""

    def forward(self, x: Tensor, extra: Tensor | None = None) -> Tensor:
        x = F.relu(x)
        out = self.conv2(F.relu(self.conv1(x))) + x
        return out if extra is None else extra + out


class FusionBlock(heads.FeatureFusionBlock):
    """[x + unit1(skip)] -> unit2 -> bilinear resize (x2 by default) -> 1x1 ``out_conv``."""

    def __init__(self, features: int, with_skip: bool = True) -> None:
        super().__init__(features, with_skip)
        if with_skip:
            self.resConfUnit1 = ResidualConvUnit(features)
        self.resConfUnit2 = ResidualConvUnit(features)


def uv_position_embedding(channels: int, rows: int, cols: int, aspect: float, device: torch.device
                          ) -> Float[Tensor, "channel rows cols"]:
    """VGGT's 2D sin/cos embedding of a UV grid spanning the image diagonal-normalised extent.

    u takes ``cols`` values in ``[-a (cols-1)/cols, +a (cols-1)/cols]`` with
    ``a = aspect / sqrt(aspect^2 + 1)`` (v likewise with ``1 / sqrt(aspect^2 + 1)``). The first
    half of the channels encodes u, the second v, each as [sin(p w_k)..., cos(p w_k)...] with
    ``w_k = 100^(-k / (channels/4))``. Grid in fp32, embedding in float64, returned as fp32.
    """
    diagonal = math.sqrt(aspect**2 + 1.0)
    span_u, span_v = aspect / diagonal, 1.0 / diagonal
    u = torch.linspace(-span_u * (cols - 1) / cols, span_u * (cols - 1) / cols, cols, device=device)
    v = torch.linspace(-span_v * (rows - 1) / rows, span_v * (rows - 1) / rows, rows, device=device)
    quarter = channels // 4
    omega = 1.0 / 100.0 ** (torch.arange(quarter, dtype=torch.float64, device=device) / quarter)

    def embed(p: Tensor) -> Tensor:  # [n] -> [n, channels/2]
        angles = p.double()[:, None] * omega
        return torch.cat([angles.sin(), angles.cos()], dim=-1)

    emb_u = embed(u)[None, :, :].expand(rows, -1, -1)
    emb_v = embed(v)[:, None, :].expand(-1, cols, -1)
    return torch.cat([emb_u, emb_v], dim=-1).float().permute(2, 0, 1)


class DPTHead(nn.Module):
    def __init__(self, dim_in: int, features: int = 256, out_channels: Sequence[int] = (256, 512, 1024, 1024),
                 output_dim: int = 2, patch_size: int = 14) -> None:
        super().__init__()
        self.patch_size = patch_size
        self.norm = nn.LayerNorm(dim_in)
        self.projects = nn.ModuleList(nn.Conv2d(dim_in, c, 1) for c in out_channels)
        self.resize_layers = nn.ModuleList([
            nn.ConvTranspose2d(out_channels[0], out_channels[0], 4, 4),
            nn.ConvTranspose2d(out_channels[1], out_channels[1], 2, 2),
            nn.Identity(),
            nn.Conv2d(out_channels[3], out_channels[3], 3, 2, 1),
        ])
        self.scratch = nn.Module()
        for level, channels in enumerate(out_channels):
            setattr(self.scratch, f"layer{level + 1}_rn", nn.Conv2d(channels, features, 3, 1, 1, bias=False))
        self.scratch.refinenet1 = FusionBlock(features)
        self.scratch.refinenet2 = FusionBlock(features)
        self.scratch.refinenet3 = FusionBlock(features)
        self.scratch.refinenet4 = FusionBlock(features, with_skip=False)
        self.scratch.output_conv1 = nn.Conv2d(features, features // 2, 3, 1, 1)
        self.scratch.output_conv2 = nn.Sequential(
            nn.Conv2d(features // 2, 32, 3, 1, 1), nn.ReLU(), nn.Conv2d(32, output_dim, 1),
        )

    def project(self, level: int, patch_tokens: Float[Tensor, "n patch dim"], rows: int, cols: int
                ) -> Float[Tensor, "n channel rows cols"]:
        """Stage 1 for one DPT level: normed patch tokens -> 1x1 conv map."""
        grid = self.norm(patch_tokens).transpose(1, 2).unflatten(2, (rows, cols))
        return self.projects[level](grid)

    def decode(self, levels: Sequence[Float[Tensor, "n channel rows cols"]], height: int, width: int
               ) -> tuple[Float[Tensor, "n height width"], Float[Tensor, "n height width"]]:
        """Stage 2: the four projected maps of some frames -> (depth, confidence) at height x width."""
        aspect = width / height
        layers = []
        for level, x in enumerate(levels):
            x = x + 0.1 * uv_position_embedding(x.shape[1], x.shape[2], x.shape[3], aspect, x.device)
            layers.append(self.resize_layers[level](x))
        scratch = self.scratch
        rn = [getattr(scratch, f"layer{i + 1}_rn")(x) for i, x in enumerate(layers)]
        del layers
        out = scratch.refinenet4(rn[3], size=rn[2].shape[-2:])
        out = scratch.refinenet3(out, rn[2], size=rn[1].shape[-2:])
        out = scratch.refinenet2(out, rn[1], size=rn[0].shape[-2:])
        out = scratch.refinenet1(out, rn[0])
        del rn
        out = scratch.output_conv1(out)
        rows, cols = levels[0].shape[-2:]
        out = F.interpolate(out, size=(rows * self.patch_size, cols * self.patch_size), mode="bilinear",
                            align_corners=True)
        out = out + 0.1 * uv_position_embedding(out.shape[1], out.shape[2], out.shape[3], aspect, out.device)
        out = scratch.output_conv2(out)
        return out[:, 0].exp(), 1.0 + out[:, 1].exp()
