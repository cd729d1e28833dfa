"""The ResNet-18 stem and first two stages that ReSplat uses to compare renders with input views.

Written in plain PyTorch (no torchvision) with torchvision's parameter names, so the frozen
``update_feature.*`` tensors of official checkpoints load key for key. The outputs are the stem
convolution (1/2 resolution, before its BatchNorm), ``layer1`` (1/4) and ``layer2`` (1/8):
64 + 64 + 128 channels.
"""

from __future__ import annotations

from jaxtyping import Float
from torch import Tensor, nn

RESNET18_FEATURE_CHANNELS = (64, 64, 128)


class BasicBlock(nn.Module):
    def __init__(self, in_channels: int, channels: int, stride: int = 1) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, channels, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(channels)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(channels, channels, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(channels)
        self.downsample = None
        if stride != 1 or in_channels != channels:
            self.downsample = nn.Sequential(
                nn.Conv2d(in_channels, channels, 1, stride, bias=False), nn.BatchNorm2d(channels)
            )

    def forward(self, x: Tensor) -> Tensor:
        shortcut = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        return self.relu(self.bn2(self.conv2(out)) + shortcut)


class ResNet18Features(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        self.layer1 = nn.Sequential(BasicBlock(64, 64), BasicBlock(64, 64))
        self.layer2 = nn.Sequential(BasicBlock(64, 128, stride=2), BasicBlock(128, 128))

    def forward(self, images: Float[Tensor, "batch 3 height width"]) -> list[Tensor]:
        """ImageNet-normalised images -> [stem conv (1/2), layer1 (1/4), layer2 (1/8)]."""
        stem = self.conv1(images)
        x = self.layer1(self.maxpool(self.relu(self.bn1(stem))))
        return [stem, x, self.layer2(x)]
