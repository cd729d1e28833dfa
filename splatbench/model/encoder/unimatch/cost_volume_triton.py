"""Fused plane-sweep correlation in Triton: the cost volume of
:func:`splatbench.model.encoder.unimatch.cost_volume.correlation_cost_volume` in one pass, and its
gradients in a second (:func:`differentiable_fused_correlation`, for training; the backward at
the end of this docstring).

``fused_correlation(ref, others, intrinsics, ref_to_other, candidates, depth_from)``:

* ``ref``: ``[batch, channel, height, width]``, the reference view's features (float32, or bf16 /
  fp16, read as such and widened to float32 in registers: the same values as ``.float()``);
* ``others``: ``[batch, others, channel, height, width]``, the other views' features (same size);
* ``intrinsics``: ``[batch, 3, 3]``, in pixels of the feature map (shared by all views of a batch
  element, as in the PyTorch path);
* ``ref_to_other``: ``[batch, others, 4, 4]``, the reference camera to each other camera
  (``other_c2w^-1 @ ref_c2w``; only the top three rows are read);
* ``candidates``: ``[batch, depth, height, width]``, any strides (the coarse scale's
  ``[b, d, 1, 1]`` candidates expanded to every pixel are read through stride 0, not copied);
* ``depth_from``: how a candidate becomes a depth: ``"reciprocal"`` (inverse depth, DepthSplat),
  ``"exp"`` (log depth, ReSplat) or ``"identity"`` (already depth);
* returns ``[batch, depth, height, width]`` float32:
  ``sum_m <ref[:, :, y, x], sample(others[:, m], project_m(x, y, depth))> / (sqrt(C) * M)``.

Callers: ``MultiViewUniMatch`` (DepthSplat, ReSplat; per-pixel planes at refinement scales) and
MVSplat's depth predictor. DepthSplat-small at 12 views of 512x960 gives batch 12 (one per
reference view), others 2 (``local_mv_match``), 128 channels, 128 planes, 128x240 features.

Conventions (those of ``_sample_grid`` and ``grid_sample(bilinear, zeros, align_corners=True)``):
pixel centres at integer coordinates, ``ray = K^-1 [x, y, 1]``, ``point = R ray * depth + t``,
``(u, v) = (K point)_xy / max((K point)_z, 1e-3)`` (points behind the camera are clamped onto a
plane just in front of it, as in the reference, and land far outside the image), then a bilinear
sample at pixel ``(u, v)`` whose corners outside the image count as zero.

One program takes ``BLOCK_P`` consecutive reference pixels (row-major) of one batch element and
``planes_per_program`` depth planes: it keeps the pixels' reference features in registers, and for
each plane and other view computes the sample positions, gathers the four corner channel vectors
(features are laid out channels-last first, so each corner is one contiguous 4*C-byte read),
blends, dots with the reference feature and accumulates over views in float32. No warped-feature
or product tensor is ever written: the PyTorch path moves ~2 x 4 bytes x C per sample through
memory, this kernel reads the corners (mostly from L1/L2: neighbouring pixels share corners) and
writes one float per plane and pixel.

The float32 arithmetic follows the PyTorch path operation by operation, so that the samples land
on the same float32 coordinates with the same weights (checked bit for bit on the CPU by
tests/encoder/test_cost_volume_triton.py):

* sample positions make the PyTorch path's round trip through grid_sample's [-1, 1] grid:
  ``g = 2u / (W-1) - 1``, then ``(g + 1) / 2 * (W-1)``. On CUDA PyTorch divides a tensor by a
  Python number as a multiply by its float32 reciprocal, and so does the kernel there; on the CPU
  both divide. Each of those roundings moves ``u`` by up to an ulp (3e-5 px at u = 240), enough
  to move the goldens' MVSplat depths by a few 1e-5 through the network after the cost volume;
* the kernel is compiled without multiply-add contraction (:data:`COMPILE_OPTIONS`): products and
  sums are rounded separately where PyTorch's separate kernels round them, and ``tl.fma`` is
  written out where PyTorch fuses: cuBLAS's 3x3 bmm (accumulating ``k = 0, 1, 2`` from zero) and
  the CUDA grid sampler's corner accumulation (nvcc contracts ``out += value * weight``);
* divisions are IEEE-rounded (``div_rn``) as PyTorch's.

What still differs: the order of the channel sum (a tree reduction here), cuBLAS's bmm order if
it is not the one assumed above, and under TF32 the PyTorch path's bmm (TF32 on makes the
PyTorch path, not this one, the less exact). ``exp`` is Triton's ``ex2.approx`` of
``x log2(e)`` (depths within ~5e-7 relative of ``torch.exp``), so log-depth candidates (ReSplat)
go through ``torch.exp`` before the kernel.

Measured against the PyTorch path (tests/encoder/test_cost_volume_triton.py, CPU interpreter):
max abs difference ~1e-6 at unit-variance features; see scripts/gpu/costvol.sh for full size.

Backward (:func:`fused_correlation_backward`, wrapped with the forward in a
``torch.autograd.Function`` that saves only its inputs): given ``g = d loss / d out``
``[batch, depth, height, width]`` and ``scale = 1 / (sqrt(C) * M)``,

* ``grad_ref[c, p] = scale * sum_{m, d} g[d, p] * warped_m[c, p, d]``,
* ``grad_others[m][c, q] = scale * sum_{d, p} g[d, p] * w_q(m, d, p) * ref[c, p]`` over the
  bilinear corners ``q`` inside the image with their weights ``w_q`` (grid_sample's backward).

One program takes ``BLOCK_P`` reference pixels of one batch element and walks every plane and
view, recomputing the sample positions and weights with the forward's own code (the same jitted
helpers, so the same float32 coordinates): it gathers the corners as the forward does and
accumulates ``grad_ref`` in registers (it owns its pixels: plain stores), and scatters
``g * scale * ref * w`` into a zeroed float32 channels-last buffer with relaxed atomic adds (one
16-byte vector atomic per 4 channels on sm_90), converted at the end to the features' dtype and
layout. Features may be float32, bf16 or fp16; the accumulation is float32 either way, and the
gradients come back in the features' dtype, as the PyTorch path's ``.float()`` gives them. No
gradient reaches the sample positions (intrinsics, poses, candidates): as in the PyTorch path,
whose grid is computed under ``torch.no_grad()``.

Determinism: the atomic adds make ``grad_others`` depend on the order in which programs reach a
corner, so its float32 sums differ in the last bits from run to run (grid_sample's CUDA backward
scatters with atomics too); ``grad_ref`` and the forward are deterministic.
``correlation_cost_volume(backend="auto")`` takes the PyTorch path for training under
``torch.use_deterministic_algorithms(True)``.

Measured on the CPU (interpreter; tests/encoder/test_cost_volume_backward.py, 6x8 maps, 1-3 other
views, samples across the border and behind the camera, shared and per-pixel planes): both
gradients within 3e-6 of the float64 definition in float32 (1e-6 relative, the PyTorch path's
autograd equally close), one bf16 rounding (< 2**-8 relative) in bf16; a tiny DepthSplat training
step gives the same loss and parameter gradients with either backend. Full size on the H200:
``scripts/gpu/costvol_bench.py --training``.

Runs on the CPU through Triton's interpreter (``TRITON_INTERPRET=1`` set before triton is
imported), which is how the tests check it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch import Tensor

from splatbench.model.kernels.attention import available  # noqa: F401 (for callers)
from splatbench.utils.triton_runtime import interpreted, opaque_to_compile

from ..sync_free import invert

try:
    import triton
    import triton.language as tl
except ImportError:  # the CPU suite installs it (pyproject extra "kernels"); callers check problem()
    triton = None

CLAMP_MIN_DEPTH = 1e-3  # projected z is clamped to this before the perspective division
DEPTH_FROM = {"reciprocal": 0, "exp": 1, "identity": 2}
# No contraction of a multiply and an add into one FMA unless the code asks for it (tl.fma): the
# PyTorch path rounds the product of one kernel before the next adds to it.
COMPILE_OPTIONS = {"enable_fp_fusion": False}


def device_problem(device: torch.device | str) -> str | None:
    """Why the kernel cannot run on ``device``; None when it can."""
    if triton is None:
        return "the triton package is not installed"
    device_type = torch.device(device).type
    if device_type != "cuda" and not interpreted():
        return f"tensors on {device_type} (needs CUDA, or TRITON_INTERPRET=1)"
    return None


def problem(ref: Tensor, others: Tensor) -> str | None:
    """Why :func:`fused_correlation` cannot take these features; None when it can."""
    reason = device_problem(ref.device)
    if reason is not None:
        return reason
    if others.dim() != 5 or ref.dim() != 4 or others.shape[0] != ref.shape[0] or others.shape[2:] != ref.shape[1:]:
        return f"features [b, c, h, w] and [b, m, c, h, w] expected (got {tuple(ref.shape)}, {tuple(others.shape)})"
    return None


@dataclass(frozen=True)
class LaunchShape:
    """Pixels per program (a power of two), warps, depth planes per program and pipeline stages."""

    block_p: int
    warps: int
    planes_per_program: int = 32
    stages: int = 1
    # Sum the 128 channel products in the order PyTorch's CUDA reduction sums (ref * warped).sum(1)
    # (:func:`_torch_order_channel_sum`) instead of Triton's tree. The default at 128 channels: on an
    # H200 it made the kernel bit-identical to the PyTorch path (MVSplat's 4-view golden: 9.68e-5 with
    # it, 1.27e-4 with the tree, tolerance 1e-4) for 13 % more kernel time (25.2 vs 22.2 ms at
    # 12 views of 512x960; docs/benchmarks.md). 128 channels only.
    torch_sum_order: bool = False


def launch_shape(channels: int) -> LaunchShape:
    """The default launch for ``channels`` feature channels.

    A [block_p, BLOCK_C] tile is spread over the warps with each warp reading whole channel
    vectors (128 float32 channels = 512 contiguous bytes per corner), so loads are coalesced. The
    tile holds 2048 elements (16 pixels x 128 channels at DepthSplat's width): 16 registers per
    thread with 4 warps for each of the reference tile and the four corners, all four corner loads
    in flight at once. Compiled for sm_90 (Triton 3.7, ptxas) that is ~150 registers and no stack;
    32 pixels take 255 registers and spill, 3 programs per SM become 2. Each SM still has ~100 KB
    of gathers in flight, well above what hides the L2 latency. 32 planes per program reuse the
    reference tile 32 times (the launch sweep on an H200: 22.2 ms against 22.5 with 16 and 23.2
    with 8, docs/benchmarks.md) while the grid stays large (12 x 1920 pixel blocks x 4 plane
    groups at 12 views of 512x960, 128 planes). One stage: the loads are gathers whose addresses come from the
    projection just computed, so software pipelining through shared memory has nothing to
    prefetch early. scripts/gpu/costvol.sh times a few other shapes beside this one."""
    block_c = triton.next_power_of_2(channels)
    block_p = max(16, min(64, 2048 // block_c))
    return LaunchShape(block_p=block_p, warps=4 if block_c * block_p <= 2048 else 8, torch_sum_order=channels == 128)


if triton is not None:

    @triton.jit
    def _torch_order_channel_sum(products, BLOCK_P: tl.constexpr):
        """Sum [BLOCK_P, 128] products over the channels as PyTorch's CUDA sum over a non-innermost
        dimension of 128 does for many outputs (Reduce.cuh: outputs vectorised by 4, so 4 threads
        split each sum; thread y keeps 4 accumulators, accumulator i adding channels
        y + 4 i + 16 k for k = 0..7 in turn; the accumulators fold left; the 4 threads combine
        as (t0 + t2) + (t1 + t3))."""
        x = tl.permute(tl.reshape(products, [BLOCK_P, 8, 4, 4]), (0, 2, 3, 1))  # [pixel, i, y, k]
        x = tl.reshape(x, [BLOCK_P, 4, 4, 2, 2, 2])  # k = 4 k2 + 2 k1 + k0
        even, odd = tl.split(x)
        k0_k1_0, k0_k1_1 = tl.split(even)
        k1_k1_0, k1_k1_1 = tl.split(odd)
        v0, v4 = tl.split(k0_k1_0)
        v2, v6 = tl.split(k0_k1_1)
        v1, v5 = tl.split(k1_k1_0)
        v3, v7 = tl.split(k1_k1_1)
        acc = ((((((v0 + v1) + v2) + v3) + v4) + v5) + v6) + v7  # [pixel, i, y]
        acc = tl.reshape(tl.permute(acc, (0, 2, 1)), [BLOCK_P, 4, 2, 2])  # [pixel, y, i1, i0]
        i_even, i_odd = tl.split(acc)
        a0, a2 = tl.split(i_even)
        a1, a3 = tl.split(i_odd)
        t = tl.reshape(((a0 + a1) + a2) + a3, [BLOCK_P, 2, 2])  # [pixel, y1, y0]
        y_even, y_odd = tl.split(t)
        t0, t2 = tl.split(y_even)
        t1, t3 = tl.split(y_odd)
        return (t0 + t2) + (t1 + t3)

    @triton.jit
    def _pixel_tile(block, pixels, width, channels, BLOCK_P: tl.constexpr, BLOCK_C: tl.constexpr):
        """A program's ``BLOCK_P`` consecutive pixels (row-major), their coordinates, the channel
        range and the [BLOCK_P, BLOCK_C] mask of what lies inside the feature map."""
        p = block * BLOCK_P + tl.arange(0, BLOCK_P)
        p_in = p < pixels
        y = p // width
        x = p - y * width
        c = tl.arange(0, BLOCK_C)
        tile_in = p_in[:, None] & (c < channels)[None, :]
        return p, p_in, x, y, c, tile_in

    @triton.jit
    def _load_3x3(matrix):
        return (tl.load(matrix + 0), tl.load(matrix + 1), tl.load(matrix + 2), tl.load(matrix + 3), tl.load(matrix + 4),
                tl.load(matrix + 5), tl.load(matrix + 6), tl.load(matrix + 7), tl.load(matrix + 8))  # fmt: skip

    @triton.jit
    def _reference_rays(kinv, xf, yf):
        """ray = K^-1 [x, y, 1] as cuBLAS's bmm accumulates, k by k from zero (the PyTorch path's
        float32 operations one for one, each rounded where it rounds: the kernels are compiled
        with contraction off, tl.fma where cuBLAS or nvcc-built PyTorch kernels fuse)."""
        ray_x = tl.fma(tl.load(kinv + 1), yf, tl.load(kinv + 0) * xf) + tl.load(kinv + 2)
        ray_y = tl.fma(tl.load(kinv + 4), yf, tl.load(kinv + 3) * xf) + tl.load(kinv + 5)
        ray_z = tl.fma(tl.load(kinv + 7), yf, tl.load(kinv + 6) * xf) + tl.load(kinv + 8)
        return ray_x, ray_y, ray_z

    @triton.jit
    def _depth_of(candidate, DEPTH_FROM_MODE: tl.constexpr, BLOCK_P: tl.constexpr):
        if DEPTH_FROM_MODE == 0:
            depth = tl.math.div_rn(tl.full([BLOCK_P], 1.0, tl.float32), candidate)
        elif DEPTH_FROM_MODE == 1:
            depth = tl.exp(candidate)
        else:
            depth = candidate
        return depth

    @triton.jit
    def _sample_position(
        pose, ray_x, ray_y, ray_z, depth, k00, k01, k02, k10, k11, k12, k20, k21, k22,
        clamp_min, width_span, height_span, inv_width_span, inv_height_span, NORMALIZE_BY_RECIPROCAL: tl.constexpr,
    ):  # fmt: skip
        """grid_sample's unnormalised pixel coordinates (u, v) of the rays lifted to ``depth`` and
        projected by the [3, 4] ``pose`` then K, rounded as the PyTorch path rounds them."""
        # point = (R ray) * depth + t: bmm, then a multiply and an add, each rounded.
        px = tl.fma(tl.load(pose + 2), ray_z, tl.fma(tl.load(pose + 1), ray_y, tl.load(pose + 0) * ray_x))
        py = tl.fma(tl.load(pose + 6), ray_z, tl.fma(tl.load(pose + 5), ray_y, tl.load(pose + 4) * ray_x))
        pz = tl.fma(tl.load(pose + 10), ray_z, tl.fma(tl.load(pose + 9), ray_y, tl.load(pose + 8) * ray_x))
        px = px * depth + tl.load(pose + 3)
        py = py * depth + tl.load(pose + 7)
        pz = pz * depth + tl.load(pose + 11)
        z = tl.maximum(tl.fma(k22, pz, tl.fma(k21, py, k20 * px)), clamp_min)
        # IEEE-rounded divisions, as PyTorch's (``/`` would be Triton's 2-ulp approximation).
        u = tl.math.div_rn(tl.fma(k02, pz, tl.fma(k01, py, k00 * px)), z)
        v = tl.math.div_rn(tl.fma(k12, pz, tl.fma(k11, py, k10 * px)), z)
        # To grid_sample's [-1, 1] and back (align_corners=True) as the PyTorch path does:
        # 2 u / (W - 1) - 1 (on CUDA PyTorch divides by a Python number as a multiply by
        # its float32 reciprocal), then (g + 1) / 2 * (W - 1).
        if NORMALIZE_BY_RECIPROCAL:
            gu = (2.0 * u) * inv_width_span - 1.0
            gv = (2.0 * v) * inv_height_span - 1.0
        else:
            gu = tl.math.div_rn(2.0 * u, width_span) - 1.0
            gv = tl.math.div_rn(2.0 * v, height_span) - 1.0
        u = ((gu + 1.0) * 0.5) * width_span
        v = ((gv + 1.0) * 0.5) * height_span
        return u, v

    @triton.jit
    def _bilinear_corners(u, v, width, height):
        """The top-left corner (u0, v0) of a bilinear sample at (u, v), grid_sample's weights of
        the four corners (each the area opposite it) and whether each corner lies in the image."""
        # Beyond one pixel outside the image every corner reads zero: clamping there
        # changes nothing and keeps the integer conversion in range.
        u = tl.minimum(tl.maximum(u, -2.0), width + 1.0)
        v = tl.minimum(tl.maximum(v, -2.0), height + 1.0)
        u0f = tl.floor(u)
        v0f = tl.floor(v)
        u0 = u0f.to(tl.int32)
        v0 = v0f.to(tl.int32)
        wu1 = u - u0f
        wu0 = (u0f + 1.0) - u
        wv1 = v - v0f
        wv0 = (v0f + 1.0) - v
        u_in0 = (u0 >= 0) & (u0 < width)
        u_in1 = (u0 + 1 >= 0) & (u0 + 1 < width)
        v_in0 = (v0 >= 0) & (v0 < height)
        v_in1 = (v0 + 1 >= 0) & (v0 + 1 < height)
        return (u0, v0, wu0 * wv0, wu1 * wv0, wu0 * wv1, wu1 * wv1,
                u_in0 & v_in0, u_in1 & v_in0, u_in0 & v_in1, u_in1 & v_in1)  # fmt: skip

    @triton.jit
    def _bilinear_sample(view, corner, row, tile_in, w_nw, w_ne, w_sw, w_se, in_nw, in_ne, in_sw, in_se, channels):
        """The blended [pixels, channels] float32 sample of the channels-last map at ``view``
        (``corner``: offsets of the top-left corners' channels, ``row``: width * channels)."""
        north_west = tl.load(view + corner, mask=tile_in & in_nw[:, None], other=0.0)
        north_east = tl.load(view + corner + channels, mask=tile_in & in_ne[:, None], other=0.0)
        south_west = tl.load(view + corner + row, mask=tile_in & in_sw[:, None], other=0.0)
        south_east = tl.load(view + corner + row + channels, mask=tile_in & in_se[:, None], other=0.0)
        # PyTorch's CUDA sampler accumulates the corners with FMAs in this order (a corner
        # outside adds an exact zero).
        sample = north_west.to(tl.float32) * w_nw[:, None]
        sample = tl.fma(north_east.to(tl.float32), w_ne[:, None], sample)
        sample = tl.fma(south_west.to(tl.float32), w_sw[:, None], sample)
        sample = tl.fma(south_east.to(tl.float32), w_se[:, None], sample)
        return sample

    @triton.jit
    def _plane_sweep_correlation_kernel(
        REF, OTHERS, CANDIDATES, K_INV, K, POSE, OUT,
        num_others, planes, height, width, channels,
        cand_sb, cand_sd, cand_sh, cand_sw,
        planes_per_program, scale, clamp_min, width_span, height_span, inv_width_span, inv_height_span, COORDS,
        DEPTH_FROM_MODE: tl.constexpr, BLOCK_P: tl.constexpr, BLOCK_C: tl.constexpr,
        NORMALIZE_BY_RECIPROCAL: tl.constexpr, WRITE_COORDS: tl.constexpr, TORCH_SUM_ORDER: tl.constexpr,
    ):  # fmt: skip
        """REF [B, H, W, C], OTHERS [B, M, H, W, C] contiguous (float32, bf16 or fp16); K_INV, K [B, 3, 3] and POSE
        [B, M, 3, 4] contiguous; OUT [B, D, H, W] contiguous. Grid: (pixel blocks, B, plane groups)."""
        block = tl.program_id(0)
        b = tl.program_id(1).to(tl.int64)
        first_plane = tl.program_id(2) * planes_per_program
        pixels = height * width

        p, p_in, x, y, c, tile_in = _pixel_tile(block, pixels, width, channels, BLOCK_P, BLOCK_C)

        ref = tl.load(REF + (b * pixels + p)[:, None] * channels + c[None, :], mask=tile_in, other=0.0).to(tl.float32)
        ray_x, ray_y, ray_z = _reference_rays(K_INV + b * 9, x.to(tl.float32), y.to(tl.float32))
        k00, k01, k02, k10, k11, k12, k20, k21, k22 = _load_3x3(K + b * 9)

        last_plane = tl.minimum(first_plane + planes_per_program, planes)
        for d in range(first_plane, last_plane):
            candidate = tl.load(CANDIDATES + b * cand_sb + d * cand_sd + y * cand_sh + x * cand_sw, mask=p_in, other=1.0)
            depth = _depth_of(candidate, DEPTH_FROM_MODE, BLOCK_P)
            total = tl.zeros([BLOCK_P], dtype=tl.float32)
            for m in range(num_others):
                u, v = _sample_position(
                    POSE + (b * num_others + m) * 12, ray_x, ray_y, ray_z, depth, k00, k01, k02, k10, k11, k12,
                    k20, k21, k22, clamp_min, width_span, height_span, inv_width_span, inv_height_span,
                    NORMALIZE_BY_RECIPROCAL,
                )  # fmt: skip
                if WRITE_COORDS:
                    coords = COORDS + (((b * num_others + m) * planes + d) * pixels + p) * 2
                    tl.store(coords, u, mask=p_in)
                    tl.store(coords + 1, v, mask=p_in)
                u0, v0, w_nw, w_ne, w_sw, w_se, in_nw, in_ne, in_sw, in_se = _bilinear_corners(u, v, width, height)
                view = OTHERS + (b * num_others + m) * pixels * channels
                corner = (v0 * width + u0)[:, None] * channels + c[None, :]
                sample = _bilinear_sample(
                    view, corner, width * channels, tile_in, w_nw, w_ne, w_sw, w_se, in_nw, in_ne, in_sw, in_se, channels
                )
                # The product with the reference feature is a separate rounding, as in the PyTorch
                # path's (ref * warped).sum(1).
                if TORCH_SUM_ORDER:
                    total += _torch_order_channel_sum(sample * ref, BLOCK_P)
                else:
                    total += tl.sum(sample * ref, axis=1)
            tl.store(OUT + (b * planes + d) * pixels + p, total * scale, mask=p_in)

    @triton.jit
    def _plane_sweep_correlation_backward_kernel(
        REF, OTHERS, CANDIDATES, K_INV, K, POSE, GRAD_OUT, GRAD_REF, GRAD_OTHERS,
        num_others, planes, height, width, channels,
        cand_sb, cand_sd, cand_sh, cand_sw,
        scale, clamp_min, width_span, height_span, inv_width_span, inv_height_span,
        DEPTH_FROM_MODE: tl.constexpr, BLOCK_P: tl.constexpr, BLOCK_C: tl.constexpr,
        NORMALIZE_BY_RECIPROCAL: tl.constexpr, NEED_GRAD_REF: tl.constexpr, NEED_GRAD_OTHERS: tl.constexpr,
    ):  # fmt: skip
        """The forward's inputs as in :func:`_plane_sweep_correlation_kernel`; GRAD_OUT [B, D, H, W]
        float32 contiguous; GRAD_REF [B, H, W, C] float32, written; GRAD_OTHERS [B, M, H, W, C]
        float32, zeroed beforehand and added to atomically. Grid: (pixel blocks, B); each program
        walks every plane and view of its pixels, so it owns their GRAD_REF rows."""
        block = tl.program_id(0)
        b = tl.program_id(1).to(tl.int64)
        pixels = height * width

        p, p_in, x, y, c, tile_in = _pixel_tile(block, pixels, width, channels, BLOCK_P, BLOCK_C)

        ref_rows = (b * pixels + p)[:, None] * channels + c[None, :]
        if NEED_GRAD_OTHERS:
            ref = tl.load(REF + ref_rows, mask=tile_in, other=0.0).to(tl.float32)
        ray_x, ray_y, ray_z = _reference_rays(K_INV + b * 9, x.to(tl.float32), y.to(tl.float32))
        k00, k01, k02, k10, k11, k12, k20, k21, k22 = _load_3x3(K + b * 9)
        grad_ref = tl.zeros([BLOCK_P, BLOCK_C], dtype=tl.float32)

        for d in range(0, planes):
            candidate = tl.load(CANDIDATES + b * cand_sb + d * cand_sd + y * cand_sh + x * cand_sw, mask=p_in, other=1.0)
            depth = _depth_of(candidate, DEPTH_FROM_MODE, BLOCK_P)
            # d out / d (ref . sample) for every view: the forward's (sum over views) * scale.
            g = tl.load(GRAD_OUT + (b * planes + d) * pixels + p, mask=p_in, other=0.0) * scale
            if NEED_GRAD_OTHERS:
                grad_sample = ref * g[:, None]
            for m in range(num_others):
                u, v = _sample_position(
                    POSE + (b * num_others + m) * 12, ray_x, ray_y, ray_z, depth, k00, k01, k02, k10, k11, k12,
                    k20, k21, k22, clamp_min, width_span, height_span, inv_width_span, inv_height_span,
                    NORMALIZE_BY_RECIPROCAL,
                )  # fmt: skip
                u0, v0, w_nw, w_ne, w_sw, w_se, in_nw, in_ne, in_sw, in_se = _bilinear_corners(u, v, width, height)
                corner = (v0 * width + u0)[:, None] * channels + c[None, :]
                row = width * channels
                if NEED_GRAD_REF:
                    view = OTHERS + (b * num_others + m) * pixels * channels
                    sample = _bilinear_sample(
                        view, corner, row, tile_in, w_nw, w_ne, w_sw, w_se, in_nw, in_ne, in_sw, in_se, channels
                    )
                    grad_ref += sample * g[:, None]
                if NEED_GRAD_OTHERS:
                    # grid_sample's backward: each corner inside the image receives its weight times
                    # the sample's gradient. Pixels of one block may share corners, and so may other
                    # blocks: atomic float32 adds (relaxed: nothing reads them before the kernel ends).
                    target = GRAD_OTHERS + (b * num_others + m) * pixels * channels + corner
                    tl.atomic_add(target, grad_sample * w_nw[:, None], mask=tile_in & in_nw[:, None], sem="relaxed")
                    tl.atomic_add(target + channels, grad_sample * w_ne[:, None], mask=tile_in & in_ne[:, None], sem="relaxed")
                    tl.atomic_add(target + row, grad_sample * w_sw[:, None], mask=tile_in & in_sw[:, None], sem="relaxed")
                    tl.atomic_add(
                        target + row + channels, grad_sample * w_se[:, None], mask=tile_in & in_se[:, None], sem="relaxed"
                    )
        if NEED_GRAD_REF:
            tl.store(GRAD_REF + ref_rows, grad_ref, mask=tile_in)


def _storage_dtype(features: Tensor) -> Tensor:
    return features if features.dtype in (torch.float32, torch.bfloat16, torch.float16) else features.float()


@dataclass(frozen=True)
class _KernelInputs:
    """What both kernels read, laid out for them (shapes in the module docstring)."""

    ref_nhwc: Tensor
    others_nhwc: Tensor
    candidates: Tensor
    k_inv: Tensor
    intrinsics: Tensor
    pose: Tensor
    # grid_sample's normalisation spans (W - 1, H - 1) and their float32 reciprocals
    spans: tuple[float, float, float, float]

    @property
    def sizes(self) -> tuple[int, int, int, int, int, int]:
        """batch, others, channels, planes, height, width"""
        b, m, h, w, c = self.others_nhwc.shape
        return b, m, c, self.candidates.shape[1], h, w


def _kernel_inputs(ref: Tensor, others: Tensor, intrinsics: Tensor, ref_to_other: Tensor, candidates: Tensor,
                   depth_from: str) -> _KernelInputs:  # fmt: skip
    reason = problem(ref, others)
    if reason is not None:
        raise ValueError(f"fused cost volume: {reason}")
    if depth_from not in DEPTH_FROM:
        raise ValueError(f"fused cost volume: depth_from {depth_from!r}; choose from {sorted(DEPTH_FROM)}")
    b, m, c, h, w = others.shape
    d = candidates.shape[1]
    if candidates.shape != (b, d, h, w):
        candidates = candidates.expand(b, d, h, w)
    # Channels-last, so each bilinear corner is one contiguous channel vector (a no-op for
    # features already in channels_last memory format). bf16 / fp16 features stay so: the kernel
    # widens each value to float32 as it loads it, which is exactly what the PyTorch path's
    # .float() does, and the gathers move half the bytes.
    intrinsics = intrinsics.detach().float()
    # The PyTorch path's normalisation 2 u / (W - 1) - 1 (kept for one size of 1 pixel: no NaN).
    width_span, height_span = np.float32(max(w - 1, 1)), np.float32(max(h - 1, 1))
    return _KernelInputs(
        ref_nhwc=_storage_dtype(ref.detach()).permute(0, 2, 3, 1).contiguous(),
        others_nhwc=_storage_dtype(others.detach()).permute(0, 1, 3, 4, 2).contiguous(),
        candidates=candidates.detach().float(),
        k_inv=invert(intrinsics).contiguous(),
        intrinsics=intrinsics.contiguous(),
        pose=ref_to_other.detach()[..., :3, :4].float().contiguous(),
        spans=(float(width_span), float(height_span),
               float(np.float32(1) / width_span), float(np.float32(1) / height_span)),  # fmt: skip
    )


@opaque_to_compile
def fused_correlation(
    ref: Tensor,
    others: Tensor,
    intrinsics: Tensor,
    ref_to_other: Tensor,
    candidates: Tensor,
    depth_from: str,
    launch: LaunchShape | None = None,
    return_coordinates: bool = False,
) -> Tensor | tuple[Tensor, Tensor]:
    """The correlation cost volume, shapes and conventions in the module docstring; ``launch``:
    the program shape (default :func:`launch_shape`). ``return_coordinates``: also return the
    pixel coordinates each sample was taken at (grid_sample's unnormalised ``(ix, iy)``),
    ``[batch, others, depth, height, width, 2]`` float32 (for tests: it costs a write per sample).
    No autograd: :func:`differentiable_fused_correlation` is the same forward with a backward."""
    inputs = _kernel_inputs(ref, others, intrinsics, ref_to_other, candidates, depth_from)
    b, m, c, d, h, w = inputs.sizes
    out = torch.empty((b, d, h, w), device=ref.device, dtype=torch.float32)
    # Without return_coordinates the kernel writes none: ``out`` stands in for the pointer.
    coordinates = torch.full((b, m, d, h, w, 2), float("nan"), device=ref.device) if return_coordinates else out
    if b == 0 or d == 0 or h * w == 0:
        return (out, coordinates) if return_coordinates else out
    launch = launch or launch_shape(c)
    if launch.torch_sum_order and c != 128:
        raise ValueError(f"fused cost volume: PyTorch's channel-sum order is written for 128 channels (got {c})")
    planes_per_program = min(d, launch.planes_per_program)
    grid = (triton.cdiv(h * w, launch.block_p), b, triton.cdiv(d, planes_per_program))
    _plane_sweep_correlation_kernel[grid](
        inputs.ref_nhwc, inputs.others_nhwc, inputs.candidates, inputs.k_inv, inputs.intrinsics, inputs.pose, out,
        m, d, h, w, c,
        *inputs.candidates.stride(),
        planes_per_program, 1.0 / (c**0.5 * max(m, 1)), CLAMP_MIN_DEPTH, *inputs.spans,
        coordinates,
        DEPTH_FROM_MODE=DEPTH_FROM[depth_from], BLOCK_P=launch.block_p, BLOCK_C=triton.next_power_of_2(c),
        NORMALIZE_BY_RECIPROCAL=ref.device.type == "cuda", WRITE_COORDS=return_coordinates,
        TORCH_SUM_ORDER=launch.torch_sum_order,
        num_warps=launch.warps, num_stages=launch.stages, **COMPILE_OPTIONS,
    )  # fmt: skip
    return (out, coordinates) if return_coordinates else out


@dataclass(frozen=True)
class BackwardLaunchShape:
    """Pixels per program (a power of two) and warps of the backward kernel; every program walks
    all planes and views of its pixels."""

    block_p: int
    warps: int


def backward_launch_shape(channels: int) -> BackwardLaunchShape:
    """The default backward launch for ``channels`` feature channels: a [block_p, BLOCK_C] tile of
    2048 elements as in the forward (16 pixels x 128 channels), each warp's corner loads and
    atomic adds covering whole contiguous channel vectors (16-byte vector atomics,
    ``atom.global.add.v4.f32`` on sm_90). The backward holds a second tile (the gradient of the
    reference features) and the scattered gradient: compiled for sm_90 at 128 channels that is
    ~250 registers per thread with 4 warps (2 programs of 4 warps per SM), ~110 with 8 warps
    (2 programs of 8), and 32 pixels with 4 warps spill; hence 8 warps from 2048 elements up.
    scripts/gpu/costvol_bench.py --training times the alternatives."""
    block_c = triton.next_power_of_2(channels)
    block_p = max(16, min(64, 2048 // block_c))
    return BackwardLaunchShape(block_p=block_p, warps=8 if block_c * block_p >= 2048 else 4)


def fused_correlation_backward(
    ref: Tensor,
    others: Tensor,
    intrinsics: Tensor,
    ref_to_other: Tensor,
    candidates: Tensor,
    depth_from: str,
    grad_out: Tensor,
    need_ref: bool = True,
    need_others: bool = True,
    launch: BackwardLaunchShape | None = None,
) -> tuple[Tensor | None, Tensor | None]:
    """Gradients of :func:`fused_correlation`'s output with respect to ``ref`` and ``others``
    given ``grad_out`` ``[batch, depth, height, width]`` (the forward's inputs again; shapes in the
    module docstring). Each comes back in its input's dtype and layout (None where not asked for).
    Nothing flows to the sample positions (intrinsics, poses, candidates), as in the PyTorch path."""
    inputs = _kernel_inputs(ref, others, intrinsics, ref_to_other, candidates, depth_from)
    b, m, c, d, h, w = inputs.sizes
    if grad_out.shape != (b, d, h, w):
        raise ValueError(f"fused cost volume backward: gradient of shape {tuple(grad_out.shape)}, expected {(b, d, h, w)}")
    grad_out = grad_out.detach().float().contiguous()
    f32 = dict(device=ref.device, dtype=torch.float32)
    # float32 accumulators in the kernels' channels-last layout (others': added to atomically).
    grad_ref = torch.zeros((b, h, w, c), **f32) if need_ref else grad_out
    grad_others = torch.zeros((b, m, h, w, c), **f32) if need_others else grad_out
    if b and d and h * w and m and (need_ref or need_others):
        launch = launch or backward_launch_shape(c)
        _plane_sweep_correlation_backward_kernel[(triton.cdiv(h * w, launch.block_p), b)](
            inputs.ref_nhwc, inputs.others_nhwc, inputs.candidates, inputs.k_inv, inputs.intrinsics, inputs.pose,
            grad_out, grad_ref, grad_others,
            m, d, h, w, c,
            *inputs.candidates.stride(),
            1.0 / (c**0.5 * max(m, 1)), CLAMP_MIN_DEPTH, *inputs.spans,
            DEPTH_FROM_MODE=DEPTH_FROM[depth_from], BLOCK_P=launch.block_p, BLOCK_C=triton.next_power_of_2(c),
            NORMALIZE_BY_RECIPROCAL=ref.device.type == "cuda", NEED_GRAD_REF=need_ref, NEED_GRAD_OTHERS=need_others,
            num_warps=launch.warps, num_stages=1, **COMPILE_OPTIONS,
        )  # fmt: skip

    def like(features: Tensor, channels_last: Tensor) -> Tensor:
        # The input's dtype and strides (empty_like keeps a dense layout, channels_last included).
        return torch.empty_like(features).copy_(channels_last.movedim(-1, -3))

    return (like(ref, grad_ref) if need_ref else None, like(others, grad_others) if need_others else None)


class _FusedCorrelation(torch.autograd.Function):
    """The fused forward; the backward kernel recomputes the samples from the saved inputs (no
    warped features are kept between the passes)."""

    @staticmethod
    def forward(ctx, ref, others, intrinsics, ref_to_other, candidates, depth_from):
        ctx.save_for_backward(ref, others, intrinsics, ref_to_other, candidates)
        ctx.depth_from = depth_from
        return fused_correlation(ref, others, intrinsics, ref_to_other, candidates, depth_from)

    @staticmethod
    @torch.autograd.function.once_differentiable
    def backward(ctx, grad_out):
        need_ref, need_others = ctx.needs_input_grad[:2]
        grad_ref, grad_others = fused_correlation_backward(
            *ctx.saved_tensors, ctx.depth_from, grad_out, need_ref=need_ref, need_others=need_others
        )
        return grad_ref, grad_others, None, None, None, None


def differentiable_fused_correlation(
    ref: Tensor, others: Tensor, intrinsics: Tensor, ref_to_other: Tensor, candidates: Tensor, depth_from: str
) -> Tensor:
    """:func:`fused_correlation` with autograd: gradients reach ``ref`` and ``others`` (from
    :func:`fused_correlation_backward`), never the sample positions (``intrinsics``,
    ``ref_to_other``, ``candidates`` are taken as constants, as the PyTorch path takes its grid)."""
    return _FusedCorrelation.apply(
        ref, others, intrinsics.detach(), ref_to_other.detach(), candidates.detach(), depth_from
    )
