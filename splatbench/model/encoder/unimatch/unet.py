"""LDM-style 2D U-Net (no timestep embedding) whose attention blocks attend across all views of a
scene: the tokens of the V views are concatenated before QKV attention.

Module layout and parameter names follow the reference (``input_blocks.N.M``, ``middle_block.{0,2}``,
``output_blocks.N.M``, ``out.*``; ResBlock ``in_layers.*``, ``out_layers.*``, ``skip_connection``;
AttentionBlock ``norm``, ``qkv``, ``proj_out``; ``op``/``conv`` for resampling).

Two orders of normalisation: DepthSplat's pre-norm (norm, SiLU, conv; attention normalises its
input) and MVSplat's ``postnorm`` (conv, norm, SiLU; attention normalises its output, before the
residual). The order moves the norms inside each ``Sequential``, so the two give different keys
(``in_layers.0`` is a norm in one and a convolution in the other).
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from jaxtyping import Float
from torch import Tensor, nn
from torch.utils.checkpoint import checkpoint

from ..fused_conv import activation_name, conv_act, conv_without_bias, fast_epilogue
from .attention import attention


class FloatGroupNorm(nn.GroupNorm):
    """GroupNorm evaluated in float32 and cast back (stable under reduced precision)."""

    def forward(self, x: Tensor) -> Tensor:
        return super().forward(x.float()).type(x.dtype)


# Activations the fused GroupNorm kernel can apply (exact GELU only).
_FUSED_ACTIVATIONS = {nn.SiLU: "silu", nn.GELU: "gelu"}


def _fusable(norm: nn.Module, activation: nn.Module | None, x: Tensor) -> str | None:
    """The kernel's activation name when ``norm`` then ``activation`` can run as one Triton pass
    (:mod:`splatbench.model.kernels.group_norm`): half-precision inference inputs (the bf16
    plans) on CUDA, or interpreted; None otherwise (float32 keeps PyTorch's GroupNorm)."""
    if not isinstance(norm, nn.GroupNorm):
        return None
    if torch.is_grad_enabled() and any(p is not None and p.requires_grad for p in (norm.weight, norm.bias)):
        return None  # the kernel records no autograd: the norm's own parameters would get no gradient
    name = "none" if activation is None else _FUSED_ACTIVATIONS.get(type(activation))
    if name is None or (isinstance(activation, nn.GELU) and activation.approximate != "none"):
        return None
    from splatbench.model.kernels import group_norm as kernel

    return name if kernel.takes(x, norm.num_groups) else None


def run_layers(
    layers: nn.Sequential | list[nn.Module],
    x: Tensor,
    num_views: int | None = None,
    residual: Tensor | None = None,
    residual_bias: Tensor | None = None,
) -> Tensor:
    """``layers`` in order (view-aware ones given ``num_views``), then ``+ residual`` (given), with
    each GroupNorm and the activation after it fused into one pass where :func:`_fusable` allows:
    in float32 statistics, rounded once to the input's dtype (eagerly GroupNorm's output is rounded
    before the activation: the two differ by about one bf16 ulp).

    In half-precision inference (``fast_convs.fused_epilogues``) a convolution followed by such a
    GroupNorm runs without its bias, which the GroupNorm kernel adds as it reads; a last
    convolution adds its bias, ``residual`` and ``residual_bias`` (the bias of the convolution that
    made ``residual``, run without it) in one pass (:mod:`splatbench.model.kernels.conv_epilogue`)."""
    layers = list(layers)
    index = 0
    pending_bias = None  # the bias of the convolution that made x, not yet added
    while index < len(layers):
        module = layers[index]
        following = layers[index + 1] if index + 1 < len(layers) else None
        activation = following if isinstance(following, tuple(_FUSED_ACTIVATIONS)) else None
        name = _fusable(module, activation, x)
        if name is not None:
            from splatbench.model.kernels.group_norm import group_norm_act

            x = group_norm_act(x, module.num_groups, module.weight, module.bias, module.eps, name, input_bias=pending_bias)
            pending_bias = None
            index += 2 if activation is not None else 1
            continue
        if pending_bias is not None:  # the norm did not take it after all
            x, pending_bias = _add_bias(x, pending_bias), None
        rest = layers[index + 1 :]
        if _defers_bias(module, rest, x, residual):
            x, pending_bias = conv_without_bias(module, x)
        elif (fused := _conv_with_activation(module, rest, x)) is not None:
            x, taken = fused
            index += taken
            continue
        else:
            x = module(x, num_views) if isinstance(module, VIEW_AWARE) else module(x)
        index += 1
    if residual is None:
        return _add_bias(x, pending_bias)
    from splatbench.model.kernels import conv_epilogue as epilogue

    if pending_bias is not None and epilogue.usable(x, (residual,)):  # x: the last convolution's own output
        return epilogue.conv_epilogue(x, (pending_bias, residual_bias), (residual,))
    # Not taken: the same sums eagerly.
    x = _add_bias(x, pending_bias)
    return _add_bias(residual, residual_bias) + x


def _add_bias(x: Tensor, bias: Tensor | None) -> Tensor:
    return x if bias is None else x + bias.view(-1, *[1] * (x.dim() - 2)).to(x.dtype)


def _defers_bias(module: nn.Module, rest: list[nn.Module], x: Tensor, residual: Tensor | None) -> bool:
    """A biased 2-D convolution whose bias a fused kernel can add: the next layer is a GroupNorm
    (the norm kernel adds it) or it is the last layer and a residual follows (the epilogue kernel)."""
    if type(module) is not nn.Conv2d or module.bias is None or not fast_epilogue(x):
        return False
    if not rest:
        return residual is not None
    return isinstance(rest[0], nn.GroupNorm)


def _conv_with_activation(module: nn.Module, rest: list[nn.Module], x: Tensor) -> tuple[Tensor, int] | None:
    """A biased convolution with the activation right after it (if any) as one epilogue
    (:func:`~splatbench.model.encoder.fused_conv.conv_act`): the output and the layers taken."""
    if module.__class__ not in (nn.Conv1d, nn.Conv2d) or module.bias is None:
        return None
    activation = activation_name(rest[0]) if rest else None
    fused = conv_act(module, x, activation or "none")
    return None if fused is None else (fused, 2 if activation else 1)


def group_norm(channels: int) -> FloatGroupNorm:
    return FloatGroupNorm(8 if channels % 8 == 0 else 4, channels)


def zero_init(module: nn.Module) -> nn.Module:
    for parameter in module.parameters():
        nn.init.zeros_(parameter)
    return module


class ViewSequential(nn.Sequential):
    """Sequential that hands the number of views to the children that need it."""

    def forward(self, x: Tensor, num_views: int) -> Tensor:  # type: ignore[override]
        return run_layers(self, x, num_views)


class ResBlock(nn.Module):
    def __init__(self, channels: int, out_channels: int | None = None, postnorm: bool = False) -> None:
        super().__init__()
        out_channels = out_channels or channels
        if postnorm:
            # The last norm starts at zero, so the block starts as its skip connection.
            self.in_layers = nn.Sequential(nn.Conv2d(channels, out_channels, 3, padding=1), group_norm(out_channels), nn.SiLU())
            self.out_layers = nn.Sequential(
                nn.Conv2d(out_channels, out_channels, 3, padding=1), zero_init(group_norm(out_channels)), nn.SiLU()
            )
        else:
            self.in_layers = nn.Sequential(group_norm(channels), nn.SiLU(), nn.Conv2d(channels, out_channels, 3, padding=1))
            self.out_layers = nn.Sequential(
                group_norm(out_channels),
                nn.SiLU(),
                nn.Dropout(p=0.0),
                zero_init(nn.Conv2d(out_channels, out_channels, 3, padding=1)),
            )
        self.skip_connection = nn.Identity() if out_channels == channels else nn.Conv2d(channels, out_channels, 1)

    def forward(self, x: Float[Tensor, "batch channel height width"]) -> Tensor:
        skip_bias = None
        if isinstance(self.skip_connection, nn.Conv2d) and self.skip_connection.bias is not None and fast_epilogue(x):
            skip, skip_bias = conv_without_bias(self.skip_connection, x)  # its bias joins the epilogue
        else:
            skip = self.skip_connection(x)
        # One list: the last convolution of in_layers may hand its bias to out_layers' GroupNorm.
        return run_layers([*self.in_layers, *self.out_layers], x, residual=skip, residual_bias=skip_bias)


class Downsample(nn.Module):
    def __init__(self, channels: int) -> None:
        super().__init__()
        self.op = nn.Conv2d(channels, channels, 3, stride=2, padding=1)

    def forward(self, x: Tensor) -> Tensor:
        fused = conv_act(self.op, x)
        return self.op(x) if fused is None else fused


class Upsample(nn.Module):
    def __init__(self, channels: int) -> None:
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, 3, padding=1)

    def forward(self, x: Tensor) -> Tensor:
        x = F.interpolate(x, scale_factor=2, mode="nearest")
        fused = conv_act(self.conv, x)
        return self.conv(x) if fused is None else fused


class AttentionBlock(nn.Module):
    """Pre-norm multi-head self-attention over the pixels of all views of a scene."""

    def __init__(
        self, channels: int, num_head_channels: int = 32, attention_backend: str = "sdpa", postnorm: bool = False
    ) -> None:
        super().__init__()
        if channels % num_head_channels:
            raise ValueError(f"{channels} channels are not divisible into heads of {num_head_channels}")
        self.num_heads = channels // num_head_channels
        self.attention_backend = attention_backend
        self.postnorm = postnorm
        self.qkv = nn.Conv1d(channels, channels * 3, 1)
        # Whichever layer comes last starts at zero, so the block starts as the identity
        # (registered in the order of use, as the reference: the key order follows).
        if postnorm:
            self.proj_out = nn.Conv1d(channels, channels, 1)
            self.norm = zero_init(group_norm(channels))
        else:
            self.norm = group_norm(channels)
            self.proj_out = zero_init(nn.Conv1d(channels, channels, 1))

    def _attend(self, x: Tensor, num_views: int) -> Tensor:
        if x.dim() == 4 and not x.is_contiguous():  # an NHWC U-Net: attention on NCHW tokens, NHWC out
            return self._attend(x.contiguous(), num_views).contiguous(memory_format=torch.channels_last)
        bv, c, *spatial = x.shape
        x = x.reshape(bv, c, -1)
        t = x.shape[-1]
        qkv = run_layers([self.qkv], x if self.postnorm else run_layers([self.norm], x))  # [(b v), 3c, t]
        b = bv // num_views
        # Channels are grouped per head as [q | k | v] (the "legacy" head-first order).
        qkv = qkv.view(b, num_views, self.num_heads, 3, c // self.num_heads, t)
        qkv = qkv.permute(3, 0, 2, 1, 5, 4).reshape(3, b, self.num_heads, num_views * t, c // self.num_heads)
        out = attention(qkv[0], qkv[1], qkv[2], None, self.attention_backend)  # [b, heads, v*t, d]
        out = out.view(b, self.num_heads, num_views, t, -1).permute(0, 2, 1, 4, 3).reshape(bv, c, t)
        if self.postnorm:
            out = self.norm(self.proj_out(out))
        elif (fused := conv_act(self.proj_out, out, residuals=(x,))) is not None:
            return fused.reshape(bv, c, *spatial)  # x + proj_out(out) in one pass
        else:
            out = self.proj_out(out)
        return (x + out).reshape(bv, c, *spatial)

    def forward(self, x: Float[Tensor, "batch_view channel height width"], num_views: int) -> Tensor:
        if self.training and torch.is_grad_enabled():
            # Attention over all views' tokens is the memory peak; recompute it in backward.
            return checkpoint(self._attend, x, num_views, use_reentrant=False)
        return self._attend(x, num_views)


class UNetModel(nn.Module):
    """``model_channels`` wide at every level (channel_mult scales it), one attention per
    resolution listed in ``attention_resolutions`` (as downsampling factors); ``postnorm`` as
    MVSplat (see the module docstring)."""

    def __init__(
        self,
        channels: int,
        channel_mult: tuple[int, ...] | list[int] = (1, 1, 1),
        num_res_blocks: int = 1,
        attention_resolutions: tuple[int, ...] | list[int] = (4,),
        num_head_channels: int = 32,
        attention_backend: str = "sdpa",
        postnorm: bool = False,
    ) -> None:
        super().__init__()

        def attention_block(ch: int) -> AttentionBlock:
            return AttentionBlock(ch, num_head_channels, attention_backend, postnorm)

        def res_block(ch: int, out: int | None = None) -> ResBlock:
            return ResBlock(ch, out, postnorm)

        self.input_blocks = nn.ModuleList([ViewSequential(nn.Conv2d(channels, channels, 3, padding=1))])
        skip_channels = [channels]
        ch = channels
        factor = 1
        for level, mult in enumerate(channel_mult):
            for _ in range(num_res_blocks):
                layers: list[nn.Module] = [res_block(ch, mult * channels)]
                ch = mult * channels
                if factor in attention_resolutions:
                    layers.append(attention_block(ch))
                self.input_blocks.append(ViewSequential(*layers))
                skip_channels.append(ch)
            if level != len(channel_mult) - 1:
                self.input_blocks.append(ViewSequential(Downsample(ch)))
                skip_channels.append(ch)
                factor *= 2

        self.middle_block = ViewSequential(res_block(ch), nn.Identity(), res_block(ch))

        self.output_blocks = nn.ModuleList()
        for level, mult in list(enumerate(channel_mult))[::-1]:
            for i in range(num_res_blocks + 1):
                layers = [res_block(ch + skip_channels.pop(), channels * mult)]
                ch = channels * mult
                if factor in attention_resolutions:
                    layers.append(attention_block(ch))
                if level and i == num_res_blocks:
                    layers.append(Upsample(ch))
                    factor //= 2
                self.output_blocks.append(ViewSequential(*layers))

        if postnorm:
            self.out = nn.Sequential(nn.Conv2d(channels, channels, 3, padding=1), group_norm(channels), nn.SiLU())
        else:
            self.out = nn.Sequential(group_norm(ch), nn.SiLU(), zero_init(nn.Conv2d(channels, channels, 3, padding=1)))

    def forward(self, x: Float[Tensor, "batch_view channel height width"], num_views: int) -> Tensor:
        skips = []
        h = x
        for block in self.input_blocks:
            h = block(h, num_views)
            skips.append(h)
        h = self.middle_block(h, num_views)
        for block in self.output_blocks:
            h = block(torch.cat([h, skips.pop()], dim=1), num_views)
        return run_layers(self.out, h)


VIEW_AWARE = (ViewSequential, AttentionBlock, UNetModel)
