"""Convolutions whose bias, activation and residuals run as one Triton pass in half-precision
inference (``fast_convs.fused_epilogues``; kernel: :mod:`splatbench.model.kernels.conv_epilogue`).

:func:`conv_act` is the call sites' entry: ``act(conv(x)) + residuals`` computed as the convolution
without its bias followed by one epilogue pass. It applies only where the convolution's output is
bf16 / float16 (a half input, or half autocast) without autograd and Triton runs (CUDA, or
interpreted); otherwise it returns None and the caller runs its own eager code, so float32 keeps
PyTorch's sums bit for bit.
"""

from __future__ import annotations

import torch
from torch import Tensor, nn

from . import fast_convs

ACTIVATION_NAMES = {nn.ReLU: "relu", nn.GELU: "gelu", nn.SiLU: "silu"}


def half_precision_output(x: Tensor) -> bool:
    """Whether a convolution of ``x`` gives a bf16 / float16 map (half input, or half autocast)."""
    if x.dtype in (torch.bfloat16, torch.float16):
        return True
    device = x.device.type
    return torch.is_autocast_enabled(device) and torch.get_autocast_dtype(device) in (torch.bfloat16, torch.float16)


def fast_epilogue(x: Tensor) -> bool:
    """Whether convolutions of ``x`` may hand their bias to a fused kernel: half-precision
    inference where Triton runs, with ``fast_convs.fused_epilogues`` on."""
    from splatbench.model.kernels.norms import usable

    return (
        fast_convs.SWITCHES.fused_epilogues
        and not torch.is_grad_enabled()
        and not torch.compiler.is_compiling()  # Inductor fuses these itself; a kernel call would break its graph
        and usable(x)
        and half_precision_output(x)
    )


def conv_without_bias(conv: nn.Conv1d | nn.Conv2d, x: Tensor) -> tuple[Tensor, Tensor | None]:
    """``conv(x)`` without its bias, and the bias in the output's dtype, as autocast would round
    it for the convolution (None if it has none; the bf16 weight copies' biases are bf16 already)."""
    y = conv._conv_forward(x, conv.weight, None)
    return y, None if conv.bias is None else conv.bias.to(y.dtype)


def activation_name(module: nn.Module | None) -> str | None:
    """The epilogue's name for an activation module (exact GELU only), None if it has none."""
    name = ACTIVATION_NAMES.get(type(module))
    if name == "gelu" and module.approximate != "none":
        return None
    return name


def _activate(y: Tensor, activation: str) -> Tensor:
    return {"none": lambda t: t, "relu": torch.relu, "gelu": nn.functional.gelu, "silu": nn.functional.silu}[activation](y)


def conv_act(
    conv: nn.Conv1d | nn.Conv2d,
    x: Tensor,
    activation: str = "none",
    residuals: tuple[Tensor, ...] = (),
    extra_bias: Tensor | None = None,
) -> Tensor | None:
    """``act(conv(x) + extra_bias[c] + sum(residuals))`` with the bias, residuals and activation
    in one pass; None where the fast path does not apply (see the module docstring)."""
    if type(conv) not in (nn.Conv1d, nn.Conv2d) or not fast_epilogue(x):
        return None
    from splatbench.model.kernels import conv_epilogue as epilogue

    y, bias = conv_without_bias(conv, x)
    if epilogue.usable(y, residuals):
        return epilogue.conv_epilogue(y, (bias, extra_bias), residuals, activation)
    # Layouts the kernel does not take: the same sums eagerly (rounded after each step).
    shape = (-1,) + (1,) * (y.dim() - 2)
    for term in (bias, extra_bias):
        if term is not None:
            y = y + term.view(shape).to(y.dtype)
    for residual in residuals:
        y = y + residual
    return _activate(y, activation)


def run_conv_sequence(layers: nn.Sequential, x: Tensor) -> Tensor:
    """``layers(x)`` with each convolution and the activation right after it (or its bias alone)
    as :func:`conv_act`; the plain modules where that does not apply."""
    layers = list(layers)
    index = 0
    while index < len(layers):
        module = layers[index]
        following = layers[index + 1] if index + 1 < len(layers) else None
        activation = activation_name(following)
        fused = conv_act(module, x, activation or "none") if module.__class__ in (nn.Conv1d, nn.Conv2d) else None
        if fused is not None:
            x = fused
            index += 2 if activation else 1
            continue
        x = module(x)
        index += 1
    return x
