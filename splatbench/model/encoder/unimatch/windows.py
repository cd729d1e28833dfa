"""Window partitioning for Swin-style attention: split a feature map into KxK windows, merge back,
and the additive mask that keeps shifted windows from mixing wrapped-around regions."""

from __future__ import annotations

import functools

import torch
from jaxtyping import Float
from torch import Tensor

from ..sync_free import constant_tensor


def split_windows_channel_last(
    x: Float[Tensor, "batch height width channel"], num_splits: int
) -> Float[Tensor, "batch_windows window_h window_w channel"]:
    """Windows are ordered (batch, row of windows, column of windows)."""
    b, h, w, c = x.shape
    if h % num_splits or w % num_splits:
        raise ValueError(f"feature map {h}x{w} is not divisible into {num_splits}x{num_splits} windows")
    x = x.view(b, num_splits, h // num_splits, num_splits, w // num_splits, c)
    return x.permute(0, 1, 3, 2, 4, 5).reshape(b * num_splits**2, h // num_splits, w // num_splits, c)


def merge_windows_channel_last(
    windows: Float[Tensor, "batch_windows window_h window_w channel"], num_splits: int
) -> Float[Tensor, "batch height width channel"]:
    bw, hw, ww, c = windows.shape
    b = bw // num_splits**2
    x = windows.view(b, num_splits, num_splits, hw, ww, c).permute(0, 1, 3, 2, 4, 5)
    return x.reshape(b, num_splits * hw, num_splits * ww, c)


def split_windows(x: Float[Tensor, "batch channel height width"], num_splits: int) -> Tensor:
    """Channel-first variant of :func:`split_windows_channel_last`."""
    return split_windows_channel_last(x.permute(0, 2, 3, 1), num_splits).permute(0, 3, 1, 2)


def merge_windows(windows: Float[Tensor, "batch_windows channel wh ww"], num_splits: int) -> Tensor:
    return merge_windows_channel_last(windows.permute(0, 2, 3, 1), num_splits).permute(0, 3, 1, 2)


def shifted_window_mask(
    height: int, width: int, num_splits: int, device: torch.device | None = None
) -> Float[Tensor, "windows tokens tokens"]:
    """0 between tokens of the same region after the half-window cyclic shift, -100 otherwise."""
    window_h, window_w = height // num_splits, width // num_splits
    shift_h, shift_w = window_h // 2, window_w // 2
    region = torch.zeros((1, height, width, 1), device=device)
    label = 0
    for rows in (slice(0, -window_h), slice(-window_h, -shift_h), slice(-shift_h, None)):
        for cols in (slice(0, -window_w), slice(-window_w, -shift_w), slice(-shift_w, None)):
            region[:, rows, cols, :] = label
            label += 1
    windows = split_windows_channel_last(region, num_splits).reshape(-1, window_h * window_w)
    different = windows.unsqueeze(1) != windows.unsqueeze(2)
    return torch.zeros(different.shape, device=device).masked_fill(different, -100.0)


@functools.lru_cache(maxsize=64)
@constant_tensor
def tiled_window_mask(
    height: int, width: int, num_splits: int, key_views: int, num_heads: int, device: torch.device,
    dtype: torch.dtype | None = None,
) -> Float[Tensor, "1 windows_x_heads tokens keys"]:  # fmt: skip
    """The shifted-window mask tiled over ``key_views`` key views as ``[mask, mask, ...]`` along
    the key axis and repeated per head, shaped ``[1, windows * heads, tokens, tokens * key_views]``
    (it broadcasts over the batch); built once per shape, device and dtype.

    ``dtype=None``: the reference's additive 0 / -100 float32 mask. Otherwise 0 / -inf in
    ``dtype``, ready for SDPA's fused kernels without a per-call conversion; the two agree to
    exp(-100) ~ 4e-44 in the softmax weights (every token may attend to its own region)."""
    mask = shifted_window_mask(height, width, num_splits, device).repeat(1, 1, key_views)
    windows, tokens, keys = mask.shape
    mask = mask.unsqueeze(1).expand(windows, num_heads, tokens, keys).reshape(1, windows * num_heads, tokens, keys)
    if dtype is None:
        return mask.contiguous()
    return torch.zeros(mask.shape, dtype=dtype, device=device).masked_fill(mask != 0, float("-inf"))
