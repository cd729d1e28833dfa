"""UniMatch CNN feature extractor: a small ResNet returning features at 1/2, 1/2 or 1/4, and 1/4 or 1/8.

DepthSplat strides the third stage (layer2 at stride 1 for 1/4 features, 2 for 1/8); MVSplat
reaches 1/4 by striding layer2 instead and keeping layer3 at stride 1 (``layer_strides=(2, 1)``).

Parameter names follow UniMatch (``conv1``, ``layerN.M.{conv1,conv2,downsample.0}``, ``conv2``) so
that official DepthSplat and UniMatch checkpoints load unchanged.
"""

from __future__ import annotations

from jaxtyping import Float
from torch import Tensor, nn

from ..fused_conv import conv_act, conv_without_bias, fast_epilogue

LAYER_CHANNELS = (64, 96, 128)


def instance_norm_relu(norm: nn.InstanceNorm2d, x: Tensor, relu: bool = True) -> Tensor:
    """``relu(norm(x))`` (or ``norm(x)``); half-precision inference inputs (the ``bf16-all`` plan)
    go through the Triton GroupNorm kernel with one channel a group, in one statistics and one
    apply pass (:mod:`splatbench.model.kernels.group_norm`; only the order of the statistics' sums
    differs from PyTorch's), everything else through PyTorch."""
    if not norm.affine and not norm.track_running_stats:
        from splatbench.model.kernels import group_norm as kernel

        if kernel.takes(x):
            return kernel.group_norm_act(x, x.shape[1], None, None, norm.eps, "relu" if relu else "none")
    y = norm(x)
    return y.relu_() if relu else y  # in place, as the ReLU(inplace=True) modules did


def _cancels_bias(norm: nn.InstanceNorm2d) -> bool:
    """Whether ``norm`` subtracts each channel's own mean (no running statistics): a per-channel
    constant added before it has no effect."""
    return isinstance(norm, nn.InstanceNorm2d) and not norm.track_running_stats


class ResidualBlock(nn.Module):
    """Two 3x3 convolutions with instance norm and a (strided) projection shortcut when shapes change."""

    def __init__(self, in_channels: int, out_channels: int, stride: int = 1) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False)
        self.norm1 = nn.InstanceNorm2d(out_channels)
        self.norm2 = nn.InstanceNorm2d(out_channels)
        self.relu = nn.ReLU(inplace=True)
        if stride == 1 and in_channels == out_channels:
            self.downsample = None
        else:
            # The norm is a registered child twice (norm3 and downsample.1); it has no parameters.
            self.norm3 = nn.InstanceNorm2d(out_channels)
            self.downsample = nn.Sequential(
                nn.Conv2d(in_channels, out_channels, 1, stride=stride), self.norm3
            )

    def forward(self, x: Float[Tensor, "batch cin height width"]) -> Float[Tensor, "batch cout h w"]:
        y = instance_norm_relu(self.norm1, self.conv1(x))
        y = instance_norm_relu(self.norm2, self.conv2(y))
        if self.downsample is not None:
            projection = self.downsample[0]
            if fast_epilogue(x) and _cancels_bias(self.norm3):
                # Half-precision inference: the InstanceNorm removes each channel's mean, so the
                # projection's bias cancels exactly; its add (a full pass) is skipped.
                x = instance_norm_relu(self.norm3, conv_without_bias(projection, x)[0], relu=False)
            else:
                x = instance_norm_relu(self.norm3, projection(x), relu=False)
        return self.relu(x + y)


class CNNEncoder(nn.Module):
    """Returns all three scales, highest resolution first: [64 @ 1/2, 96 @ 1/2|1/4, C @ 1/4|1/8].

    ``lowest_feature_resolution`` 4 keeps layer2 at stride 1 (features at 1/2, 1/2, 1/4);
    8 strides layer2 (1/2, 1/4, 1/8).
    """

    def __init__(
        self, output_dim: int = 128, lowest_feature_resolution: int = 8, layer_strides: tuple[int, int] | None = None
    ) -> None:
        """``layer_strides`` (layer2, layer3) overrides the strides chosen from ``lowest_feature_resolution``."""
        super().__init__()
        if lowest_feature_resolution not in (4, 8):
            raise ValueError(f"lowest_feature_resolution must be 4 or 8, got {lowest_feature_resolution}")
        if layer_strides is None:
            layer_strides = (1 if lowest_feature_resolution == 4 else 2, 2)
        c1, c2, c3 = LAYER_CHANNELS
        self.conv1 = nn.Conv2d(3, c1, 7, stride=2, padding=3, bias=False)
        self.norm1 = nn.InstanceNorm2d(c1)
        self.relu1 = nn.ReLU(inplace=True)
        self.layer1 = self._stage(c1, c1, stride=1)
        self.layer2 = self._stage(c1, c2, stride=layer_strides[0])
        self.layer3 = self._stage(c2, c3, stride=layer_strides[1])
        self.conv2 = nn.Conv2d(c3, output_dim, 1)
        self.output_channels = (c1, c2, output_dim)

        for module in self.modules():
            if isinstance(module, nn.Conv2d):
                nn.init.kaiming_normal_(module.weight, mode="fan_out", nonlinearity="relu")

    @staticmethod
    def _stage(in_channels: int, out_channels: int, stride: int) -> nn.Sequential:
        return nn.Sequential(
            ResidualBlock(in_channels, out_channels, stride=stride),
            ResidualBlock(out_channels, out_channels, stride=1),
        )

    def forward(self, images: Float[Tensor, "batch 3 height width"]) -> list[Tensor]:
        x = instance_norm_relu(self.norm1, self.conv1(images))
        half = self.layer1(x)
        middle = self.layer2(half)
        lowest = self.layer3(middle)
        fused = conv_act(self.conv2, lowest)  # bias by the epilogue kernel in half-precision inference
        return [half, middle, self.conv2(lowest) if fused is None else fused]
