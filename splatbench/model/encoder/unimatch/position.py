"""DETR-style 2D sine position encoding, added inside each attention window of the transformer input."""

from __future__ import annotations

import math

import torch
from jaxtyping import Float
from torch import Tensor

from ..sync_free import cached_constant
from .windows import merge_windows, split_windows


def sine_position_encoding(
    batch: int, height: int, width: int, channels: int, device: torch.device, temperature: float = 10000.0
) -> Float[Tensor, "batch channels height width"]:
    """Normalised (to 2*pi) row and column positions; first half of the channels encode y, second x."""
    num_feats = channels // 2
    ones = torch.ones((batch, height, width), device=device)
    eps = 1e-6
    y = ones.cumsum(1, dtype=torch.float32)
    x = ones.cumsum(2, dtype=torch.float32)
    y = y / (y[:, -1:, :] + eps) * (2 * math.pi)
    x = x / (x[:, :, -1:] + eps) * (2 * math.pi)
    dim_t = torch.arange(num_feats, dtype=torch.float32, device=device)
    dim_t = temperature ** (2 * (dim_t // 2) / num_feats)
    pos_x = x[..., None] / dim_t
    pos_y = y[..., None] / dim_t
    pos_x = torch.stack((pos_x[..., 0::2].sin(), pos_x[..., 1::2].cos()), dim=4).flatten(3)
    pos_y = torch.stack((pos_y[..., 0::2].sin(), pos_y[..., 1::2].cos()), dim=4).flatten(3)
    return torch.cat((pos_y, pos_x), dim=3).permute(0, 3, 1, 2)


@cached_constant(maxsize=32)
def cached_position_encoding(
    height: int, width: int, channels: int, device: torch.device
) -> Float[Tensor, "1 channels height width"]:
    """:func:`sine_position_encoding` for one image, built once per size and device."""
    return sine_position_encoding(1, height, width, channels, device)


def add_windowed_position(
    features: Float[Tensor, "batch channels height width"], num_splits: int
) -> Float[Tensor, "batch channels height width"]:
    """Every window gets the same encoding, as in UniMatch (positions are window-relative)."""
    if num_splits > 1:
        windows = split_windows(features, num_splits)
        b, c, h, w = windows.shape
        windows = windows + cached_position_encoding(h, w, c, features.device).to(features.dtype)
        return merge_windows(windows, num_splits)
    b, c, h, w = features.shape
    return features + cached_position_encoding(h, w, c, features.device).to(features.dtype)
