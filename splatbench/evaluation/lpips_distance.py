"""One LPIPS layer's distance map in a single Triton pass, forward and backward (the training loss).

For features ``a`` and ``b`` of one VGG layer, ``[N, C, H, W]`` (the prediction's and the ground
truth's), and the layer's 1x1 head ``w`` (``[C]``), the LPIPS term of each pixel is

    d = sum_c w_c * (a_c / (|a| + eps) - b_c / (|b| + eps))^2,     |a| = sqrt(sum_c a_c^2),

whose spatial mean is the layer's share of the distance (``lpips_vgg.LpipsVgg.forward``). Eagerly
(``_unit_channels`` and the head) this is about ten passes over float32 copies of full-resolution
feature maps in the forward and as many in the backward: at batch 32 and 256x256 the first layer's
maps are 537 MB each in float32. Here one program takes a block of pixels with all their channels
(channels-last rows), reads ``a`` and ``b`` once in their own dtype (bf16 under the training loss's
autocast), computes in float32 and writes one float32 per pixel; the backward reads them once more
and writes the gradient of ``a`` in ``a``'s dtype and layout:

    v_c = 2 w_c (a_c / (|a| + eps) - b_c / (|b| + eps)) * g
    da_c = v_c / (|a| + eps) - a_c * (sum_k v_k a_k) / (|a| (|a| + eps)^2)     (second term 0 where |a| = 0)

(``g``: the gradient of the pixel's ``d``). Eager autograd of the square root gives NaN at an
all-zero feature vector (0 * inf); the kernel takes the limit there (the vector's own term only).
No gradient reaches ``b`` or ``w`` (the ground truth's features and the frozen head): a ``b`` that
needs one is refused. Runs on CUDA, or anywhere through Triton's interpreter (``TRITON_INTERPRET=1``),
which is how ``tests/metrics/test_lpips_distance.py`` checks it against float64 autograd.
"""

from __future__ import annotations

import torch
from torch import Tensor

from splatbench.utils.triton_runtime import interpreted

try:
    import triton
    import triton.language as tl
except ImportError:  # the CPU suite installs it (pyproject extra "kernels"); callers check usable()
    triton = None

# Elements (pixels x channels) per program and warps; channels are at most 512 in VGG16.
BLOCK_ELEMENTS = 4096
WARPS = 8


def usable(features: Tensor) -> bool:
    """Whether the kernels can run on ``features``' device: CUDA, or any device when interpreted."""
    return triton is not None and (features.device.type == "cuda" or interpreted())


def _rows(features: Tensor) -> Tensor:
    """``[N, C, H, W]`` -> ``[N * H * W, C]`` channels-last rows (a view when already NHWC)."""
    return features.permute(0, 2, 3, 1).reshape(-1, features.shape[1]).contiguous()


def _launch(rows: int, channels: int) -> tuple[int, int, tuple[int]]:
    block_c = triton.next_power_of_2(channels)
    block_rows = max(1, min(128, BLOCK_ELEMENTS // block_c))
    return block_rows, block_c, (triton.cdiv(rows, block_rows),)


if triton is not None:

    @triton.jit
    def _load_units(A, B, W, row, rows, channels, eps, ROWS: tl.constexpr, BLOCK_C: tl.constexpr):
        cols = tl.arange(0, BLOCK_C)
        valid = (row < rows)[:, None] & (cols < channels)[None, :]
        offsets = row.to(tl.int64)[:, None] * channels + cols[None, :]
        a = tl.load(A + offsets, mask=valid, other=0.0).to(tl.float32)
        b = tl.load(B + offsets, mask=valid, other=0.0).to(tl.float32)
        w = tl.load(W + cols, mask=cols < channels, other=0.0).to(tl.float32)
        norm_a = tl.sqrt_rn(tl.sum(a * a, 1))
        norm_b = tl.sqrt_rn(tl.sum(b * b, 1))
        scale_a = tl.math.div_rn(tl.full(norm_a.shape, 1.0, tl.float32), norm_a + eps)
        scale_b = tl.math.div_rn(tl.full(norm_b.shape, 1.0, tl.float32), norm_b + eps)
        difference = a * scale_a[:, None] - b * scale_b[:, None]
        return a, w, difference, norm_a, scale_a, offsets, valid

    @triton.jit
    def _distance_forward_kernel(A, B, W, D, rows, channels, eps, ROWS: tl.constexpr, BLOCK_C: tl.constexpr):
        row = tl.program_id(0) * ROWS + tl.arange(0, ROWS)
        _, w, difference, _, _, _, _ = _load_units(A, B, W, row, rows, channels, eps, ROWS, BLOCK_C)
        distance = tl.sum(w[None, :] * difference * difference, 1)
        tl.store(D + row, distance, mask=row < rows)

    @triton.jit
    def _distance_backward_kernel(A, B, W, G, GA, rows, channels, eps, ROWS: tl.constexpr, BLOCK_C: tl.constexpr):
        row = tl.program_id(0) * ROWS + tl.arange(0, ROWS)
        a, w, difference, norm_a, scale_a, offsets, valid = _load_units(A, B, W, row, rows, channels, eps, ROWS, BLOCK_C)
        g = tl.load(G + row, mask=row < rows, other=0.0)
        v = 2.0 * w[None, :] * difference * g[:, None]
        projection = tl.sum(v * a, 1)
        safe_norm = tl.where(norm_a > 0, norm_a, 1.0)
        coefficient = tl.where(norm_a > 0, projection * scale_a * scale_a / safe_norm, 0.0)
        grad = v * scale_a[:, None] - a * coefficient[:, None]
        tl.store(GA + offsets, grad.to(GA.dtype.element_ty), mask=valid)


class _LayerDistance(torch.autograd.Function):
    @staticmethod
    def forward(ctx, rows_a: Tensor, rows_b: Tensor, weight: Tensor, eps: float) -> Tensor:
        count, channels = rows_a.shape
        distance = torch.empty(count, device=rows_a.device, dtype=torch.float32)
        block_rows, block_c, grid = _launch(count, channels)
        _distance_forward_kernel[grid](rows_a, rows_b, weight, distance, count, channels, eps,
                                       ROWS=block_rows, BLOCK_C=block_c, num_warps=WARPS)  # fmt: skip
        ctx.save_for_backward(rows_a, rows_b, weight)
        ctx.eps = eps
        return distance

    @staticmethod
    def backward(ctx, grad_distance: Tensor):
        rows_a, rows_b, weight = ctx.saved_tensors
        count, channels = rows_a.shape
        grad_a = torch.empty_like(rows_a)
        block_rows, block_c, grid = _launch(count, channels)
        _distance_backward_kernel[grid](rows_a, rows_b, weight, grad_distance.float().contiguous(), grad_a, count,
                                        channels, ctx.eps, ROWS=block_rows, BLOCK_C=block_c, num_warps=WARPS)  # fmt: skip
        return grad_a, None, None, None


def layer_distance(features_a: Tensor, features_b: Tensor, head_weight: Tensor, eps: float) -> Tensor:
    """Per-image mean of the pixel distance ``d`` above: ``Float[N]`` (float32).

    features_a  Float[N, C, H, W]  the prediction's features (any float dtype; gradients flow to it)
    features_b  Float[N, C, H, W]  the ground truth's features, same shape and dtype, no gradient
    head_weight Float[1, C, 1, 1] or Float[C]  the layer's channel weights (frozen)
    """
    if features_a.shape != features_b.shape or features_a.dim() != 4 or features_a.dtype != features_b.dtype:
        raise ValueError(f"layer_distance: features {tuple(features_a.shape)} {features_a.dtype} and "
                         f"{tuple(features_b.shape)} {features_b.dtype} must match as [N, C, H, W]")  # fmt: skip
    if features_b.requires_grad and torch.is_grad_enabled():
        raise ValueError("layer_distance: no gradient for the second features (the ground truth's)")
    batch = features_a.shape[0]
    weight = head_weight.detach().reshape(-1).float().contiguous()
    distance = _LayerDistance.apply(_rows(features_a), _rows(features_b.detach()), weight, eps)
    return distance.view(batch, -1).mean(dim=1)
