"""What follows a convolution in one Triton pass: its bias, up to two residuals and an activation.

PyTorch's cuDNN convolution adds the bias in a separate kernel after the convolution, and a
residual connection or an activation right after it is one more kernel each: every one a full
read and write of the map (PyTorch's bias add also broadcasts through its slow, non-vectorised
element-wise kernel: about 1.3 TB/s on an H200). For the half-precision inference paths (DPT residual units, U-Net
ResBlocks; :mod:`splatbench.model.encoder.fast_convs`) the convolution runs without its bias and
:func:`conv_epilogue` computes, in place on its output ``y``,

    y = act(y + bias_1[c] + bias_2[c] + residual_1 + residual_2)      act: none, ReLU, GELU (exact), SiLU

in float32, rounded once to ``y``'s dtype (eagerly every addition rounds to bf16: the two differ by
about one bf16 ulp). ``y`` is ``[N, C, *spatial]``, contiguous NCHW or channels-last (NHWC) 4-D;
residuals have ``y``'s shape and strides; biases are ``[C]``. Inference only (no autograd). Runs on
CUDA, or anywhere through Triton's interpreter (``TRITON_INTERPRET=1`` before triton is
imported), which is how the tests check it against float64. NCHW maps run one program per
channel-plane chunk (the bias a scalar), NHWC maps one per tile of pixels x channels.
"""

from __future__ import annotations

import torch
from torch import Tensor

from splatbench.model.kernels import group_norm
from splatbench.utils.triton_runtime import interpreted, opaque_to_compile
from splatbench.model.kernels.norms import usable as _device_usable

try:
    import triton
    import triton.language as tl
except ImportError:  # the CPU suite installs it (pyproject extra "kernels"); callers check usable()
    triton = None

ACTIVATIONS = group_norm.ACTIVATIONS  # none, silu, gelu (exact), relu: one numbering for both kernels
BLOCK = 2048  # pixels of one channel plane per program (NCHW)
PIXEL_TILE = 4096  # elements per program (NHWC: pixels x channels padded to a power of two)
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
    from splatbench.model.kernels.group_norm import activation, channels_last_tile
    from splatbench.model.kernels.norms import _rounded

    @triton.jit
    def _add_residuals_and_store(y, Y, R1, R2, offsets, valid, RESIDUALS: tl.constexpr, ACTIVATION: tl.constexpr,
                                 INTERPRETED: tl.constexpr):
        """Both layouts' last step: ``y`` (float32, biases added) plus the residuals at ``offsets``,
        through the activation, rounded once into ``Y``."""
        if RESIDUALS >= 1:
            y += tl.load(R1 + offsets, mask=valid, other=0.0).to(tl.float32)
        if RESIDUALS >= 2:
            y += tl.load(R2 + offsets, mask=valid, other=0.0).to(tl.float32)
        y = activation(y, ACTIVATION)
        tl.store(Y + offsets, _rounded(y, Y.dtype.element_ty, INTERPRETED), mask=valid)

    @triton.jit
    def _planes_kernel(Y, B1, B2, R1, R2, plane, channels,
                       BIASES: tl.constexpr, RESIDUALS: tl.constexpr, ACTIVATION: tl.constexpr,
                       BLOCK: tl.constexpr, INTERPRETED: tl.constexpr):
        # NCHW: program (n * C + c, chunk) covers BLOCK pixels of one channel plane: one bias value.
        row = tl.program_id(0)
        columns = tl.program_id(1) * BLOCK + tl.arange(0, BLOCK)
        valid = columns < plane
        offsets = row.to(tl.int64) * plane + columns
        y = tl.load(Y + offsets, mask=valid, other=0.0).to(tl.float32)
        channel = row % channels
        if BIASES >= 1:
            y += tl.load(B1 + channel).to(tl.float32)
        if BIASES >= 2:
            y += tl.load(B2 + channel).to(tl.float32)
        _add_residuals_and_store(y, Y, R1, R2, offsets, valid, RESIDUALS, ACTIVATION, INTERPRETED)

    @triton.jit
    def _pixels_kernel(Y, B1, B2, R1, R2, pixels, channels,
                       BIASES: tl.constexpr, RESIDUALS: tl.constexpr, ACTIVATION: tl.constexpr,
                       BLOCK_P: tl.constexpr, BLOCK_C: tl.constexpr, INTERPRETED: tl.constexpr):
        # NHWC: a tile of BLOCK_P pixels x all channels; the biases are one vector per program.
        lanes = tl.arange(0, BLOCK_C)
        offsets, valid = channels_last_tile(0, tl.program_id(0), pixels, lanes, channels, BLOCK_P)
        y = tl.load(Y + offsets, mask=valid, other=0.0).to(tl.float32)
        if BIASES >= 1:
            y += tl.load(B1 + lanes, mask=lanes < channels, other=0.0).to(tl.float32)[None, :]
        if BIASES >= 2:
            y += tl.load(B2 + lanes, mask=lanes < channels, other=0.0).to(tl.float32)[None, :]
        _add_residuals_and_store(y, Y, R1, R2, offsets, valid, RESIDUALS, ACTIVATION, INTERPRETED)


@opaque_to_compile
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
    pointers = (*biases, y, y)[:2] + (*residuals, y, y)[:2]
    flags = {"BIASES": len(biases), "RESIDUALS": len(residuals), "ACTIVATION": ACTIVATIONS[activation],
             "INTERPRETED": interpreted()}  # fmt: skip
    if _layout(y) == 1:
        block_c = triton.next_power_of_2(channels)
        block_p = max(1, PIXEL_TILE // block_c)
        pixels = total // channels
        _pixels_kernel[(triton.cdiv(pixels, block_p),)](
            y, *pointers, pixels, channels, BLOCK_P=block_p, BLOCK_C=block_c, num_warps=WARPS, **flags
        )
    else:
        plane = y[0, 0].numel()
        block = min(BLOCK, triton.next_power_of_2(plane))
        _planes_kernel[(total // plane, triton.cdiv(plane, block))](
            y, *pointers, plane, channels, BLOCK=block, num_warps=WARPS if block >= 1024 else 1, **flags
        )
    return y
