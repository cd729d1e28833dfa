"""Window partitioning for Swin-style attention: split a feature map into KxK windows, merge back,
the additive mask that keeps shifted windows from mixing wrapped-around regions, and the same
windows listed as independent mask-free segments (:func:`window_groups`) for the grouped path."""

from __future__ import annotations

from dataclasses import dataclass

import torch
from jaxtyping import Float
from torch import Tensor

from ..sync_free import cached_constant


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


def shifted_window_regions(height: int, width: int, num_splits: int, device: torch.device | None = None) -> Tensor:
    """Region label (0..8) of every position of the map after the half-window cyclic shift,
    ``[height, width]`` int64: the bands ``[0, -window)``, ``[-window, -shift)``, ``[-shift, end)``
    of rows and of columns, labelled row band * 3 + column band. Tokens of a shifted window may
    attend to each other only within one region (the others wrapped around from the far side)."""
    window_h, window_w = height // num_splits, width // num_splits
    shift_h, shift_w = window_h // 2, window_w // 2

    def bands(size: int, window: int, shift: int) -> Tensor:
        index = torch.arange(size, device=device)
        if shift == 0:  # one-token windows are not shifted along this axis: a single band
            return torch.zeros_like(index)
        return (index >= size - window).long() + (index >= size - shift).long()

    return bands(height, window_h, shift_h)[:, None] * 3 + bands(width, window_w, shift_w)[None, :]


def shifted_window_mask(
    height: int, width: int, num_splits: int, device: torch.device | None = None
) -> Float[Tensor, "windows tokens tokens"]:
    """0 between tokens of the same region after the half-window cyclic shift, -100 otherwise."""
    window_h, window_w = height // num_splits, width // num_splits
    region = shifted_window_regions(height, width, num_splits, device).to(torch.float32)[None, :, :, None]
    windows = split_windows_channel_last(region, num_splits).reshape(-1, window_h * window_w)
    different = windows.unsqueeze(1) != windows.unsqueeze(2)
    return torch.zeros(different.shape, device=device).masked_fill(different, -100.0)


@cached_constant(maxsize=64)
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


@dataclass(frozen=True)
class WindowGroups:
    """The (shifted) window attention of a ``height x width`` map as independent dense attentions.

    Every (window, region) pair is a *segment*: its queries attend to exactly its keys, with no
    mask. Queries and keys are listed in *slots*, segment after segment, the segments sorted by
    length (longest first) so that equal-length segments are neighbours and one batched attention
    call takes them all (:attr:`groups`). Without the shift a segment is a whole window.

    Keys follow the reference's quirk exactly: its keys of a window are ordered (position, view)
    while its mask is tiled ``[mask, mask, ...]`` over them, so its key ``j`` (position ``j //
    key_views``, view ``j % key_views``) is masked by the region of window position ``j mod
    tokens``; each segment of ``n`` queries thus has ``n * key_views`` keys.

    * ``query_pixels`` ``[height * width]``: the map pixel (row-major, un-shifted map) of each
      query slot;
    * ``key_view_slots``, ``key_pixels`` ``[key_views * height * width]``: which key view and pixel
      each key slot reads; key slots of a segment start at ``key_views`` times its first query slot;
    * ``groups``: ``(first query slot, segments, segment length)`` per run of equal lengths.
    """

    query_pixels: Tensor
    key_view_slots: Tensor
    key_pixels: Tensor
    groups: tuple[tuple[int, int, int], ...]


@cached_constant(maxsize=64)
def window_groups(
    height: int, width: int, num_splits: int, shifted: bool, key_views: int, device: torch.device
) -> WindowGroups:
    """:class:`WindowGroups` of one map size, split, shift and key-view count; built once per device."""
    if height % num_splits or width % num_splits:
        raise ValueError(f"feature map {height}x{width} is not divisible into {num_splits}x{num_splits} windows")
    window_h, window_w = height // num_splits, width // num_splits
    tokens = window_h * window_w
    shift = shifted and num_splits > 1
    shift_h, shift_w = (window_h // 2, window_w // 2) if shift else (0, 0)
    if shift:
        regions = shifted_window_regions(height, width, num_splits)
    else:
        regions = torch.zeros(height, width, dtype=torch.long)
    # The reference rolls the map by (-shift_h, -shift_w): its position (y, x) holds pixel (y + shift_h, x + shift_w).
    rows = (torch.arange(height) + shift_h) % height
    cols = (torch.arange(width) + shift_w) % width
    pixels = rows[:, None] * width + cols[None, :]

    def per_window(t: Tensor) -> Tensor:
        return split_windows_channel_last(t[None, :, :, None], num_splits).reshape(num_splits**2, tokens)

    window_pixels, window_regions = per_window(pixels), per_window(regions)
    keys = torch.arange(tokens * key_views)
    segments = []
    for window in range(num_splits**2):
        key_regions = window_regions[window, keys % tokens]
        for region in window_regions[window].unique().tolist():
            queries = (window_regions[window] == region).nonzero()[:, 0]
            matching = (key_regions == region).nonzero()[:, 0]
            segments.append((len(queries), window, window_pixels[window, queries],
                             matching % key_views, window_pixels[window, matching // key_views]))
    segments.sort(key=lambda segment: (-segment[0], segment[1]))
    query_pixels = torch.cat([segment[2] for segment in segments])
    groups, first = [], 0
    for length in sorted({segment[0] for segment in segments}, reverse=True):
        count = sum(segment[0] == length for segment in segments)
        groups.append((first, count, length))
        first += count * length
    return WindowGroups(
        query_pixels.to(device),
        torch.cat([segment[3] for segment in segments]).to(device),
        torch.cat([segment[4] for segment in segments]).to(device),
        tuple(groups),
    )
