"""DepthSplat's two full-resolution Gaussian heads, evaluated without concatenations, bias adds or
padding copies (the fast path of ``EncoderDepthSplat._raw_gaussians`` in inference on CUDA).

The modules stay as the checkpoints define them (``gaussian_regressor``: conv3x3 - GELU - conv3x3
with zero padding on ``cat(image, depth, prob, features)``; ``gaussian_head``: the same with
replicate padding on ``cat(regressed, image, features, prob)``). At 12 views of 512x960 the plain
evaluation spends most of its time outside the convolutions: two full-resolution concatenations,
a replicate-pad copy of 132 channels, separate bias adds, and cuDNN's NCHW <-> NHWC transposes
around every float32 convolution. Here the same maps are computed with four convolutions on NHWC
(channels-last) buffers whose channel counts are multiples of 8:

* ``inputs`` ``[N, Cx, H, W]``: features, image, prob, depth, two constant-one channels and zero
  channels up to a multiple of 8, written once (the features' bf16 -> float32 cast included);
* regressor conv 1 reads ``inputs`` with its input channels permuted to that order; its bias is
  carried by the constant channels at the centre tap (always inside the image, so zero padding
  does not touch it), split into a TF32-exact high part and the float32 remainder so that TF32
  convolutions still add the bias to about float32 precision;
* regressor conv 2 has no bias: with replicate padding every tap of the head's first conv reads
  ``regressed + bias``, so that bias folds exactly into the head's bias
  (``b_head + sum_{c,taps} W_head[:, c] * b_reg[c]``);
* ``head_inputs`` ``[N, Cr + Cx, H + 2, W + 2]``: the regressed map and ``inputs`` written into one
  buffer whose one-pixel ring is then replicated from the interior (the replicate padding, no
  separate pad copy);
* head conv 1 has ``Kh`` (multiple of 8) outputs: the 37 raw channels and one channel that is the
  constant 16 (exact through GELU: ``gelu(16) == 16`` in float32), which carries the second
  conv's bias at two taps (high and low part, each divided by 16 exactly);
* head conv 2 has a multiple-of-8 output width; the 37 raw channels are a channel slice.

In bf16 (the ``bf16-all`` plan's heads, :mod:`splatbench.model.encoder.fast_convs`) the same four
kernels are rounded to bf16, with each bias split into a bf16 high part and a bf16 remainder instead.

This is a reordering of the same sums (float32 results equal to rounding; the tests compare both
paths with float64 oracles, forward and backward). Weights are rebuilt from the parameters on each
call with autograd (so gradients reach the original parameters) and cached otherwise. The encoder
takes this path in inference only: under autograd every in-place write into the assembled buffers
becomes a copy of the whole buffer's gradient in the backward pass.

Shapes: N views, F feature channels, Cr regressor channels, Cx = F + 7 rounded up to 8.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from jaxtyping import Float
from torch import Tensor, nn

logger = logging.getLogger(__name__)

CONSTANT = 16.0  # carried through GELU unchanged (erf saturates to 1), a power of two: b / 16 is exact
TF32_DROPPED_BITS = 13  # float32 keeps 23 mantissa bits, TF32 10


def _round_up(value: int, multiple: int = 8) -> int:
    return -(-value // multiple) * multiple


def split_for_tf32(values: Tensor) -> tuple[Tensor, Tensor]:
    """``values = high + low`` with ``high`` exact in TF32 (low mantissa bits cleared) and ``low``
    the remainder: a TF32 product ``low * 1`` then errs by about 2^-21 of ``values``, not 2^-11.
    ``high`` carries no gradient (the whole gradient reaches ``values`` through ``low``)."""
    with torch.no_grad():
        bits = values.detach().float().contiguous().view(torch.int32)
        high = torch.bitwise_and(bits, -(1 << TF32_DROPPED_BITS)).view(torch.float32).to(values.dtype)
    return high, values - high


def split_for_dtype(values: Tensor, dtype: torch.dtype) -> tuple[Tensor, Tensor]:
    """``values = high + low`` (in ``values``' dtype) with ``high`` exact in ``dtype`` and ``low`` the
    remainder: for bf16 convolutions (float32 accumulation) ``high * 1 + low * 1`` with both parts
    rounded to bf16 errs by about 2^-16 of ``values``, where ``values`` rounded once would err by 2^-9."""
    if dtype == torch.float32:
        return split_for_tf32(values)
    with torch.no_grad():
        high = values.detach().to(dtype).to(values.dtype)
    return high, values - high


def _at_tap(values: Float[Tensor, "out"], row: int, column: int) -> Float[Tensor, "out 1 3 3"]:
    """A 3x3 kernel per output channel that is ``values`` at one tap and zero elsewhere."""
    return F.pad(values.reshape(-1, 1, 1, 1), (column, 2 - column, row, 2 - row))


@dataclass(frozen=True)
class HeadLayout:
    """Channel widths of the fused buffers."""

    features: int  # F
    regressor: int  # Cr
    raw: int  # Gaussian parameters per pixel (37 for SH degree 2)

    @property
    def inputs(self) -> int:  # Cx: features, image (3), prob, depth, two constant ones, zeros
        return _round_up(self.features + 7)

    @property
    def head_inputs(self) -> int:
        return self.regressor + self.inputs

    @property
    def hidden(self) -> int:  # Kh: raw channels and the constant channel
        return _round_up(self.raw + 1)

    @property
    def outputs(self) -> int:
        return _round_up(self.raw)


@dataclass(frozen=True)
class FusedHeadWeights:
    """Convolution weights of the fused path (see the module docstring); all bias-free."""

    layout: HeadLayout
    regressor_in: Float[Tensor, "Cr Cx 3 3"]
    regressor_out: Float[Tensor, "Cr Cr 3 3"]
    head_in: Float[Tensor, "Kh Cr_plus_Cx 3 3"]
    head_out: Float[Tensor, "Ko Kh 3 3"]


def fuse_head_weights(
    regressor: nn.Sequential, head: nn.Sequential, features: int, nhwc: bool, dtype: torch.dtype | None = None
) -> FusedHeadWeights:
    """The four fused kernels from the two modules' parameters (differentiable in them), in
    ``dtype`` (default: the parameters'; bf16 for the bf16 heads of the ``bf16-all`` plan, with
    each bias split for bf16 instead of TF32)."""
    dtype = dtype or regressor[0].weight.dtype
    split = lambda values: split_for_dtype(values, dtype)  # noqa: E731
    reg_in, reg_out, head_in, head_out = regressor[0], regressor[2], head[0], head[2]
    layout = HeadLayout(features=features, regressor=reg_in.out_channels, raw=head_out.out_channels)
    f, cr, raw = layout.features, layout.regressor, layout.raw
    weight = reg_in.weight  # input order: image (3), depth, prob, features
    spare = layout.inputs - f - 7

    def zeros(out: int, channels: int) -> Tensor:
        return weight.new_zeros(out, channels, 3, 3)

    high, low = split(reg_in.bias)
    regressor_in = torch.cat(
        (weight[:, 5:], weight[:, :3], weight[:, 4:5], weight[:, 3:4], _at_tap(high, 1, 1), _at_tap(low, 1, 1),
         zeros(cr, spare)), dim=1,
    )  # fmt: skip

    weight = head_in.weight  # input order: regressed (Cr), image (3), features, prob
    # Folded in float64 as element-wise products (a matmul could run in TF32), rounded once.
    folded = (weight[:, :cr].double() * reg_out.bias.double()[None, :, None, None]).sum(dim=(1, 2, 3))
    bias = (head_in.bias.double() + folded).to(weight.dtype)
    high, low = split(bias)
    head_rows = torch.cat(
        (weight[:, :cr], weight[:, cr + 3 : cr + 3 + f], weight[:, cr : cr + 3], weight[:, cr + 3 + f :],
         zeros(raw, 1), _at_tap(high, 1, 1), _at_tap(low, 1, 1), zeros(raw, spare)), dim=1,
    )  # fmt: skip
    constant_row = _at_tap(weight.new_full((1,), CONSTANT), 1, 1)  # reads the first constant-one channel
    constant_row = F.pad(constant_row, (0, 0, 0, 0, cr + f + 5, layout.inputs - f - 6))
    head_in_weight = torch.cat((head_rows, constant_row, zeros(layout.hidden - raw - 1, layout.head_inputs)), dim=0)

    high, low = split(head_out.bias)
    head_out_weight = torch.cat(
        (head_out.weight, _at_tap(high / CONSTANT, 1, 1) + _at_tap(low / CONSTANT, 0, 0),
         zeros(raw, layout.hidden - raw - 1)), dim=1,
    )  # fmt: skip
    head_out_weight = torch.cat((head_out_weight, zeros(layout.outputs - raw, layout.hidden)), dim=0)

    kernels = (regressor_in, reg_out.weight, head_in_weight, head_out_weight)
    kernels = tuple(k.to(dtype) for k in kernels)
    if nhwc:
        kernels = tuple(k.contiguous(memory_format=torch.channels_last) for k in kernels)
    return FusedHeadWeights(layout, *kernels)


class FusedHeadCache:
    """Fused weights per (modules, dtype, device, layout), rebuilt when a parameter changes
    (storage or version counter: ``load_state_dict``, an optimiser step, ``.to()``)."""

    def __init__(self) -> None:
        self._entries: dict[tuple, tuple[tuple, FusedHeadWeights]] = {}

    def get(
        self, regressor: nn.Sequential, head: nn.Sequential, features: int, nhwc: bool, dtype: torch.dtype | None = None
    ) -> FusedHeadWeights:
        if torch.is_grad_enabled() and any(p.requires_grad for p in (*regressor.parameters(), *head.parameters())):
            return fuse_head_weights(regressor, head, features, nhwc, dtype)
        parameters = (*regressor.parameters(), *head.parameters())
        fingerprint = tuple((p.data_ptr(), p._version, p.dtype, p.device) for p in parameters)
        key = (id(regressor), id(head), features, nhwc, dtype)
        entry = self._entries.get(key)
        if entry is None or entry[0] != fingerprint:
            with torch.inference_mode(False), torch.no_grad():
                entry = (fingerprint, fuse_head_weights(regressor, head, features, nhwc, dtype))
            self._entries[key] = entry
        return entry[1]


def _fill_replicate_ring_(padded: Float[Tensor, "batch channel height_2 width_2"]) -> None:
    """Set the one-pixel ring of ``padded`` to its nearest interior pixel (replicate padding)."""
    padded[:, :, 0, 1:-1] = padded[:, :, 1, 1:-1]
    padded[:, :, -1, 1:-1] = padded[:, :, -2, 1:-1]
    padded[:, :, :, 0] = padded[:, :, :, 1]
    padded[:, :, :, -1] = padded[:, :, :, -2]


def _empty(like: Tensor, shape: tuple[int, ...], dtype: torch.dtype, nhwc: bool) -> Tensor:
    memory_format = torch.channels_last if nhwc else torch.contiguous_format
    return torch.empty(shape, dtype=dtype, device=like.device, memory_format=memory_format)


def replicate_padded(tensor: Float[Tensor, "batch channel height width"], nhwc: bool) -> Tensor:
    """``F.pad(tensor, (1, 1, 1, 1), mode="replicate")`` in NHWC (PyTorch's kernel is NCHW only)."""
    n, c, h, w = tensor.shape
    padded = _empty(tensor, (n, c, h + 2, w + 2), tensor.dtype, nhwc)
    padded[:, :, 1:-1, 1:-1] = tensor
    _fill_replicate_ring_(padded)
    return padded


def fused_gaussian_heads(
    weights: FusedHeadWeights,
    image: Float[Tensor, "batch 3 height width"],
    depth: Float[Tensor, "batch 1 height width"],
    prob: Float[Tensor, "batch 1 height width"],
    features: Float[Tensor, "batch feature height width"],
    nhwc: bool = True,
) -> Float[Tensor, "batch raw height width"]:
    """``gaussian_head(cat(regressed, image, features, prob))`` with
    ``regressed = gaussian_regressor(cat(image, depth, prob, features))``, in the weights' dtype
    (the features are cast on the way in). Returns a channel slice of an NHWC buffer when ``nhwc``."""
    layout = weights.layout
    f, cr = layout.features, layout.regressor
    dtype = weights.regressor_in.dtype
    n, _, h, w = features.shape
    inputs = _empty(features, (n, layout.inputs, h, w), dtype, nhwc)
    inputs[:, :f] = features
    inputs[:, f : f + 3] = image
    inputs[:, f + 3 : f + 4] = prob
    inputs[:, f + 4 : f + 5] = depth
    inputs[:, f + 5 : f + 7] = 1.0
    inputs[:, f + 7 :] = 0.0
    hidden = F.gelu(F.conv2d(inputs, weights.regressor_in, padding=1))
    regressed = F.conv2d(hidden, weights.regressor_out, padding=1)
    del hidden

    head_inputs = _empty(features, (n, layout.head_inputs, h + 2, w + 2), dtype, nhwc)
    head_inputs[:, :cr, 1:-1, 1:-1] = regressed
    head_inputs[:, cr:, 1:-1, 1:-1] = inputs
    del regressed, inputs
    _fill_replicate_ring_(head_inputs)
    hidden = F.gelu(F.conv2d(head_inputs, weights.head_in))
    del head_inputs
    raw = F.conv2d(replicate_padded(hidden, nhwc), weights.head_out)
    return raw[:, : layout.raw]
