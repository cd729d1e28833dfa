"""What follows a convolution in one Triton pass: its bias, up to two residuals and a ReLU.

PyTorch's cuDNN convolution adds the bias in a separate kernel after the convolution, and a
residual connection or an activation right after it is one more kernel each: every one a full
read and write of the map. For the half-precision inference paths (DPT residual units, U-Net
ResBlocks; :mod:`splatbench.model.encoder.fast_convs`) the convolution runs without its bias and
:func:`conv_epilogue` computes, in place on its output ``y``,

    y = act(y + bias_1[c] + bias_2[c] + residual_1 + residual_2)

in float32, rounded once to ``y``'s dtype (eagerly every addition rounds to bf16: the two differ by
about one bf16 ulp). ``y`` is ``[N, C, *spatial]``, contiguous NCHW or channels-last (NHWC) 4-D;
residuals have ``y``'s shape and strides; biases are ``[C]``. Inference only (no autograd). Runs on
CUDA, or anywhere through Triton's interpreter (``TRITON_INTERPRET=1`` before triton is
imported), which is how the tests check it against float64.
"""

from __future__ import annotations

import torch
from torch import Tensor

from splatbench.model.kernels.attention import interpreted
from splatbench.model.kernels.norms import usable as _device_usable

try:
    import triton
    import triton.language as tl
except ImportError:  # the CPU suite installs it (pyproject extra "kernels"); callers check usable()
    triton = None

ACTIVATIONS = {"none": 0, "relu": 1}
BLOCK = 2048
WARPS = 4
HALF = (torch.bfloat16, torch.float16)


def _layout(y: Tensor) -> int | None:
    """1 for channels-last 4-D, 0 for contiguous NCHW (any rank >= 2), None otherwise."""
    if y.dim() >= 2 and y.is_contiguous():
        return 0
    if y.dim() == 4 and y.is_contiguous(memory_format=torch.channels_last):
        return 1
    return None


def usable(y: Tensor, residuals: tuple[Tensor, ...] = ()) -> bool:
    """Whether :func:`conv_epilogue` takes ``y`` and ``residuals``: a half-precision map on a device
    Triton runs on, in one of the two layouts, residuals of the same shape, dtype and strides, no autograd."""
    if not (_device_usable(y) and y.dtype in HALF and _layout(y) is not None):
        return False
    if torch.is_grad_enabled() and (y.requires_grad or any(r.requires_grad for r in residuals)):
        return False
    return all(r.shape == y.shape and r.dtype == y.dtype and r.stride() == y.stride() for r in residuals)


if triton is not None:
    from splatbench.model.kernels.norms import _rounded

    @triton.jit
    def _epilogue_kernel(Y, B1, B2, R1, R2, total, channels, plane,
                         NHWC: tl.constexpr, BIASES: tl.constexpr, RESIDUALS: tl.constexpr,
                         ACTIVATION: tl.constexpr, WIDE: tl.constexpr, BLOCK: tl.constexpr,
                         INTERPRETED: tl.constexpr):
        if WIDE:
            offsets = tl.program_id(0).to(tl.int64) * BLOCK + tl.arange(0, BLOCK)
        else:
            offsets = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
        valid = offsets < total
        if NHWC:
            channel = offsets % channels
        else:
            channel = (offsets // plane) % channels
        y = tl.load(Y + offsets, mask=valid, other=0.0).to(tl.float32)
        if BIASES >= 1:
            y += tl.load(B1 + channel, mask=valid, other=0.0).to(tl.float32)
        if BIASES >= 2:
            y += tl.load(B2 + channel, mask=valid, other=0.0).to(tl.float32)
        if RESIDUALS >= 1:
            y += tl.load(R1 + offsets, mask=valid, other=0.0).to(tl.float32)
        if RESIDUALS >= 2:
            y += tl.load(R2 + offsets, mask=valid, other=0.0).to(tl.float32)
        if ACTIVATION == 1:
            y = tl.maximum(y, 0.0)
        tl.store(Y + offsets, _rounded(y, Y.dtype.element_ty, INTERPRETED), mask=valid)


def conv_epilogue(
    y: Tensor, biases: tuple[Tensor | None, ...] = (), residuals: tuple[Tensor, ...] = (), activation: str = "none"
) -> Tensor:
    """``act(y + sum(biases)[c] + sum(residuals))`` written into ``y`` (returned); see the module
    docstring. ``None`` biases are skipped."""
    biases = tuple(b for b in biases if b is not None)
    if activation not in ACTIVATIONS:
        raise ValueError(f"conv_epilogue: activation must be one of {sorted(ACTIVATIONS)}, got {activation!r}")
    if len(biases) > 2 or len(residuals) > 2:
        raise ValueError("conv_epilogue: at most two biases and two residuals")
    if not usable(y, residuals):
        raise ValueError("conv_epilogue: y must be a half-precision NCHW or NHWC map on CUDA (or interpreted), "
                         "residuals of its shape, dtype and strides, without autograd")  # fmt: skip
    channels = y.shape[1]
    if any(b.shape != (channels,) for b in biases):
        raise ValueError(f"conv_epilogue: biases must have shape [{channels}]")
    total = y.numel()
    if total == 0:
        return y
    biases = tuple(b.contiguous() for b in biases)
    pointers_b = (*biases, y, y)[:2]
    pointers_r = (*residuals, y, y)[:2]
    grid = (triton.cdiv(total, BLOCK),)
    _epilogue_kernel[grid](
        y, *pointers_b, *pointers_r, total, channels, y[0, 0].numel(),
        NHWC=_layout(y) == 1, BIASES=len(biases), RESIDUALS=len(residuals), ACTIVATION=ACTIVATIONS[activation],
        WIDE=total + BLOCK >= 2**31, BLOCK=BLOCK, INTERPRETED=interpreted(), num_warps=WARPS,
    )  # fmt: skip
    return y
