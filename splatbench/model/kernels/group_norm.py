"""GroupNorm with its activation in Triton, for half-precision inference: the U-Nets' GroupNorm +
SiLU / GELU and the CNN backbone's InstanceNorm + ReLU (a GroupNorm with one channel a group).

Under a bf16 plan a U-Net ResBlock normalises in float32 (``FloatGroupNorm``): eagerly a cast of the
bf16 map to float32, GroupNorm's statistics pass and its apply pass (float32 out), a cast back to
bf16, then SiLU as one more pass: five passes and two float32 maps per norm. :func:`group_norm_act`
does the same arithmetic in two passes over the bf16 map and writes bf16 once:

1. statistics: each program takes ``CHUNK`` consecutive elements of one (sample, group) span
   (contiguous in NCHW), loads them once and writes their count, mean and centred sum of squares;
2. apply: each program merges its group's chunk statistics (Chan et al.'s pairwise formula, in
   float32: no ``E[x^2] - E[x]^2`` cancellation), normalises its own chunk, applies the channel's
   weight and bias and the activation in float32, and rounds once to the output dtype.

Against eager PyTorch (float32 GroupNorm, rounded to bf16, then SiLU in bf16) the only
differences are the order of the statistics' sums and that the activation here sees the unrounded
normalised value (eager rounds it to bf16 first): outputs differ by at most about one bf16 ulp.

``x``: ``[N, C, *spatial]`` contiguous (NCHW, or ``[N, C, T]``), or a channels-last (NHWC) 4-D map
whose groups hold a power-of-two number of channels (the NHWC U-Net: a program then takes a tile of
pixels x the group's channels), any float dtype; ``weight``,
``bias``: ``[C]`` or None; returns a new tensor of ``x``'s shape in ``dtype`` (default ``x``'s).
Inference only (no autograd). Runs on CUDA, or anywhere through Triton's interpreter
(``TRITON_INTERPRET=1`` before triton is imported), which is how the tests check it against a
float64 oracle; :func:`usable` says whether a tensor can go to it.
"""

from __future__ import annotations

import torch
from torch import Tensor

from splatbench.utils.triton_runtime import interpreted, opaque_to_compile
from splatbench.model.kernels.norms import usable as _device_usable

try:
    import triton
    import triton.language as tl
except ImportError:  # the CPU suite installs it (pyproject extra "kernels"); callers check usable()
    triton = None

ACTIVATIONS = {"none": 0, "silu": 1, "gelu": 2, "relu": 3}
CHUNK = 4096  # elements per program in both passes
WARPS = 8


def _nhwc(x: Tensor) -> bool:
    """A channels-last 4-D map that is not also plain contiguous (then the NCHW kernels take it)."""
    return x.dim() == 4 and not x.is_contiguous() and x.is_contiguous(memory_format=torch.channels_last)


def usable(x: Tensor, num_groups: int | None = None) -> bool:
    """Whether ``x`` can go to :func:`group_norm_act`: triton there (CUDA, or interpreted), a
    contiguous tensor of at least 3 dimensions, or a channels-last 4-D map whose groups hold a
    power-of-two number of channels (``num_groups`` given), no autograd."""
    layout_ok = x.is_contiguous() or (
        num_groups is not None and _nhwc(x) and x.shape[1] % num_groups == 0
        and (x.shape[1] // num_groups) & (x.shape[1] // num_groups - 1) == 0
    )  # fmt: skip
    return (
        _device_usable(x)
        and x.dim() >= 3
        and layout_ok
        and x.is_floating_point()
        and not (torch.is_grad_enabled() and x.requires_grad)
    )


def takes(x: Tensor, num_groups: int | None = None) -> bool:
    """Whether the callers' fast path applies: a half-precision (bf16 plans) input :func:`usable`
    accepts; float32 inputs keep PyTorch's norms."""
    return x.dtype in (torch.bfloat16, torch.float16) and usable(x, num_groups)


if triton is not None:
    from splatbench.model.kernels.norms import _rounded

    @triton.jit
    def activation(y, ACTIVATION: tl.constexpr):
        """``y`` (float32) through the activation numbered as in ``ACTIVATIONS``."""
        if ACTIVATION == 1:
            y = y / (1.0 + tl.exp(-y))
        elif ACTIVATION == 2:
            y = 0.5 * y * (1.0 + tl.math.erf(y * 0.7071067811865476))
        elif ACTIVATION == 3:
            y = tl.maximum(y, 0.0)
        return y

    @triton.jit
    def channels_last_tile(first, chunk, pixels, lanes, channels, BLOCK_P: tl.constexpr):
        """Addresses of a tile of a channels-last map: pixels ``chunk * BLOCK_P`` onwards (BLOCK_P of
        them, of ``pixels``) counted from pixel ``first`` of the map, x the channel ``lanes`` (of
        ``channels`` a pixel). Returns the int64 element offsets ``[BLOCK_P, lanes]`` and their mask."""
        pixel = chunk * BLOCK_P + tl.arange(0, BLOCK_P)
        valid = (pixel < pixels)[:, None] & (lanes < channels)[None, :]
        offsets = (pixel.to(tl.int64) + first)[:, None] * channels + lanes[None, :]
        return offsets, valid

    @triton.jit
    def _group_tile(group, chunk, pixels, channels, groups, CPG: tl.constexpr, BLOCK_P: tl.constexpr):
        """A (sample, group) program's tile of an NHWC map: BLOCK_P pixels of its sample x the
        group's CPG channels. Returns the channel lanes, the element offsets and their mask."""
        lanes = (group % groups) * CPG + tl.arange(0, CPG)
        first = (group // groups).to(tl.int64) * pixels
        offsets, valid = channels_last_tile(first, chunk, pixels, lanes, channels, BLOCK_P)
        return lanes, offsets, valid

    @triton.jit
    def _merged_statistics(STATS, group, chunks, eps, BLOCK_S: tl.constexpr):
        """Mean and 1 / std of a group from its chunks' (count, mean, centred sum of squares)."""
        parts = tl.arange(0, BLOCK_S)
        present = parts < chunks
        base = STATS + (group * chunks + parts) * 3
        counts = tl.load(base, mask=present, other=0.0)
        means = tl.load(base + 1, mask=present, other=0.0)
        m2s = tl.load(base + 2, mask=present, other=0.0)
        total = tl.sum(counts, 0)
        mean = tl.sum(counts * means, 0) / total
        spread = means - mean
        variance = (tl.sum(m2s, 0) + tl.sum(tl.where(present, counts * spread * spread, 0.0), 0)) / total
        return mean, 1.0 / tl.sqrt_rn(variance + eps)

    @triton.jit
    def _chunk_statistics_kernel(X, SHIFT, STATS, span, chunks, plane, channels_per_group, groups,
                                 HAS_SHIFT: tl.constexpr, CHUNK: tl.constexpr):
        group = tl.program_id(0)
        chunk = tl.program_id(1)
        offsets = chunk * CHUNK + tl.arange(0, CHUNK)
        valid = offsets < span
        x = tl.load(X + group.to(tl.int64) * span + offsets, mask=valid, other=0.0).to(tl.float32)
        if HAS_SHIFT:  # the preceding convolution's bias, added on the way in
            channel = (group % groups) * channels_per_group + offsets // plane
            x = tl.where(valid, x + tl.load(SHIFT + channel, mask=valid, other=0.0).to(tl.float32), 0.0)
        count = tl.minimum(span - chunk * CHUNK, CHUNK).to(tl.float32)
        mean = tl.sum(x, 0) / count
        centred = tl.where(valid, x - mean, 0.0)
        m2 = tl.sum(centred * centred, 0)
        base = STATS + (group * chunks + chunk) * 3
        tl.store(base, count)
        tl.store(base + 1, mean)
        tl.store(base + 2, m2)

    @triton.jit
    def _apply_kernel(X, SHIFT, STATS, W, B, Y, span, chunks, plane, channels_per_group, groups, eps,
                      HAS_SHIFT: tl.constexpr, HAS_AFFINE: tl.constexpr, ACTIVATION: tl.constexpr, CHUNK: tl.constexpr,
                      BLOCK_S: tl.constexpr, INTERPRETED: tl.constexpr):
        group = tl.program_id(0)
        chunk = tl.program_id(1)
        mean, rstd = _merged_statistics(STATS, group, chunks, eps, BLOCK_S)

        offsets = chunk * CHUNK + tl.arange(0, CHUNK)
        valid = offsets < span
        start = group.to(tl.int64) * span
        x = tl.load(X + start + offsets, mask=valid, other=0.0).to(tl.float32)
        channel = (group % groups) * channels_per_group + offsets // plane
        if HAS_SHIFT:
            x += tl.load(SHIFT + channel, mask=valid, other=0.0).to(tl.float32)
        y = (x - mean) * rstd
        if HAS_AFFINE:
            weight = tl.load(W + channel, mask=valid, other=1.0).to(tl.float32)
            bias = tl.load(B + channel, mask=valid, other=0.0).to(tl.float32)
            y = y * weight + bias
        y = activation(y, ACTIVATION)
        tl.store(Y + start + offsets, _rounded(y, Y.dtype.element_ty, INTERPRETED), mask=valid)


    # NHWC maps: a program takes BLOCK_P pixels x the group's CPG channels (CPG contiguous values
    # a pixel), so the loads stay vectorised; statistics merged as in the NCHW kernels.
    @triton.jit
    def _nhwc_statistics_kernel(X, SHIFT, STATS, pixels, channels, groups, chunks,
                                HAS_SHIFT: tl.constexpr, CPG: tl.constexpr, BLOCK_P: tl.constexpr):
        group = tl.program_id(0)
        chunk = tl.program_id(1)
        lanes, offsets, valid = _group_tile(group, chunk, pixels, channels, groups, CPG, BLOCK_P)
        x = tl.load(X + offsets, mask=valid, other=0.0).to(tl.float32)
        if HAS_SHIFT:
            x = tl.where(valid, x + tl.load(SHIFT + lanes).to(tl.float32)[None, :], 0.0)
        count = (tl.minimum(pixels - chunk * BLOCK_P, BLOCK_P) * CPG).to(tl.float32)
        mean = tl.sum(tl.sum(x, 1), 0) / count
        centred = tl.where(valid, x - mean, 0.0)
        m2 = tl.sum(tl.sum(centred * centred, 1), 0)
        base = STATS + (group * chunks + chunk) * 3
        tl.store(base, count)
        tl.store(base + 1, mean)
        tl.store(base + 2, m2)

    @triton.jit
    def _nhwc_apply_kernel(X, SHIFT, STATS, W, B, Y, pixels, channels, groups, chunks, eps,
                           HAS_SHIFT: tl.constexpr, HAS_AFFINE: tl.constexpr, ACTIVATION: tl.constexpr,
                           CPG: tl.constexpr, BLOCK_P: tl.constexpr, BLOCK_S: tl.constexpr,
                           INTERPRETED: tl.constexpr):
        group = tl.program_id(0)
        chunk = tl.program_id(1)
        mean, rstd = _merged_statistics(STATS, group, chunks, eps, BLOCK_S)
        lanes, offsets, valid = _group_tile(group, chunk, pixels, channels, groups, CPG, BLOCK_P)
        x = tl.load(X + offsets, mask=valid, other=0.0).to(tl.float32)
        if HAS_SHIFT:
            x += tl.load(SHIFT + lanes).to(tl.float32)[None, :]
        y = (x - mean) * rstd
        if HAS_AFFINE:
            y = y * tl.load(W + lanes).to(tl.float32)[None, :] + tl.load(B + lanes).to(tl.float32)[None, :]
        y = activation(y, ACTIVATION)
        tl.store(Y + offsets, _rounded(y, Y.dtype.element_ty, INTERPRETED), mask=valid)


def _group_norm_nhwc(x, num_groups, weight, bias, eps, activation, out, shift) -> Tensor:
    n, c, h, w = x.shape
    cpg = c // num_groups
    pixels = h * w
    block_p = max(1, CHUNK // cpg)
    chunks = triton.cdiv(pixels, block_p)
    stats = torch.empty(n * num_groups, chunks, 3, device=x.device, dtype=torch.float32)
    grid = (n * num_groups, chunks)
    has_shift = shift is not None
    shift = x if shift is None else shift
    _nhwc_statistics_kernel[grid](x, shift, stats, pixels, c, num_groups, chunks, HAS_SHIFT=has_shift, CPG=cpg,
                                  BLOCK_P=block_p, num_warps=WARPS)  # fmt: skip
    affine = weight is not None and bias is not None
    _nhwc_apply_kernel[grid](
        x, shift, stats, weight if affine else x, bias if affine else x, out, pixels, c, num_groups, chunks, float(eps),
        HAS_SHIFT=has_shift, HAS_AFFINE=affine, ACTIVATION=ACTIVATIONS[activation], CPG=cpg, BLOCK_P=block_p,
        BLOCK_S=triton.next_power_of_2(chunks), INTERPRETED=interpreted(), num_warps=WARPS,
    )  # fmt: skip
    return out


@opaque_to_compile
def group_norm_act(
    x: Tensor,
    num_groups: int,
    weight: Tensor | None,
    bias: Tensor | None,
    eps: float,
    activation: str = "none",
    dtype: torch.dtype | None = None,
    input_bias: Tensor | None = None,
) -> Tensor:
    """``activation(GroupNorm(x + input_bias[c]))`` in one statistics and one apply pass (module
    docstring); ``input_bias`` ``[C]`` (optional): the bias of the convolution that made ``x``,
    added in float32 as the kernels read ``x`` (eagerly it would be one more pass, rounded to bf16)."""
    if activation not in ACTIVATIONS:
        raise ValueError(f"group_norm_act: activation must be one of {sorted(ACTIVATIONS)}, got {activation!r}")
    if not usable(x, num_groups):
        raise ValueError("group_norm_act: x must be a contiguous [N, C, ...] float tensor (or a channels-last map with "
                         "a power-of-two number of channels a group) on CUDA (or interpreted), without autograd")
    n, c = x.shape[:2]
    if c % num_groups:
        raise ValueError(f"group_norm_act: {c} channels do not split into {num_groups} groups")
    if input_bias is not None and input_bias.shape != (c,):
        raise ValueError(f"group_norm_act: input_bias must have shape [{c}], got {list(input_bias.shape)}")
    plane = x[0, 0].numel()
    channels_per_group = c // num_groups
    span = channels_per_group * plane
    nhwc = _nhwc(x)
    out = torch.empty_like(x, dtype=dtype or x.dtype, memory_format=torch.channels_last if nhwc else torch.contiguous_format)
    if x.numel() == 0:
        return out
    if nhwc:
        return _group_norm_nhwc(x, num_groups, weight, bias, eps, activation, out,
                                None if input_bias is None else input_bias.contiguous())  # fmt: skip
    chunks = triton.cdiv(span, CHUNK)
    stats = torch.empty(n * num_groups, chunks, 3, device=x.device, dtype=torch.float32)
    grid = (n * num_groups, chunks)
    shift = x if input_bias is None else input_bias.contiguous()
    _chunk_statistics_kernel[grid](
        x, shift, stats, span, chunks, plane, channels_per_group, num_groups, HAS_SHIFT=input_bias is not None,
        CHUNK=CHUNK, num_warps=WARPS,
    )  # fmt: skip
    affine = weight is not None and bias is not None
    _apply_kernel[grid](
        x, shift, stats, weight if affine else x, bias if affine else x, out, span, chunks, plane, channels_per_group,
        num_groups, float(eps), HAS_SHIFT=input_bias is not None, HAS_AFFINE=affine, ACTIVATION=ACTIVATIONS[activation], CHUNK=CHUNK,
        BLOCK_S=triton.next_power_of_2(chunks), INTERPRETED=interpreted(), num_warps=WARPS,
    )  # fmt: skip
    return out
