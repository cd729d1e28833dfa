"""LPIPS v0.1 with the VGG16 trunk, in plain torch, with frozen weights outside any state dict.

Computation (Zhang et al. 2018, the ``lpips`` package's ``LPIPS(net="vgg")``):
optionally map [0, 1] inputs to [-1, 1]; apply the fixed shift/scale; run VGG16 up to relu5_3;
at relu1_2, relu2_2, relu3_3, relu4_3 and relu5_3 normalise each feature vector over channels,
take the squared difference, weight channels with the 1x1 linear head, average over space;
sum the five layers. The heads' dropout is inactive at evaluation, so it is left out.

All weights are registered as non-persistent buffers: they follow ``.to(device)`` but never appear
in a checkpoint and are never optimised, while gradients still flow to the input images.
"""

from __future__ import annotations

import functools

import torch
from jaxtyping import Float
from torch import Tensor, nn

from splatbench.evaluation.lpips_distance import layer_distance
from splatbench.evaluation.lpips_weights import (
    LPIPS_LAYER_CHANNELS,
    VGG16_CONV_CHANNELS,
    load_lpips_heads,
    load_vgg16_convs,
)

# Positions in torchvision's ``vgg16().features`` (31 modules): conv/relu pairs and max pools.
VGG16_POOL_INDICES: tuple[int, ...] = (4, 9, 16, 23, 30)
LPIPS_SLICE_ENDS: tuple[int, ...] = (4, 9, 16, 23, 30)
"""``features[start:end]`` for consecutive ends gives the five LPIPS slices (relu1_2 ... relu5_3)."""

SCALING_SHIFT: tuple[float, float, float] = (-0.030, -0.088, -0.188)
SCALING_SCALE: tuple[float, float, float] = (0.458, 0.448, 0.450)
NORMALIZE_EPS = 1e-10


def build_vgg16_features() -> nn.Sequential:
    """VGG16 ``features`` with the ImageNet weights, laid out exactly as torchvision's.

    Module ``i`` here is module ``i`` of ``torchvision.models.vgg16().features``, so state-dict
    keys (``{i}.weight``) and LPIPS slice boundaries carry over unchanged.
    """
    convs = iter(zip(VGG16_CONV_CHANNELS, load_vgg16_convs()))
    layers: list[nn.Module] = []
    for position in range(31):
        if position in VGG16_POOL_INDICES:
            layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
        elif not layers or isinstance(layers[-1], nn.ReLU | nn.MaxPool2d):
            (c_in, c_out), (weight, bias) = next(convs)
            # skip_init: the random initialisation would be overwritten at once.
            conv = nn.utils.skip_init(nn.Conv2d, c_in, c_out, kernel_size=3, padding=1)
            with torch.no_grad():
                conv.weight.copy_(weight)
                conv.bias.copy_(bias)
            layers.append(conv)
        else:
            layers.append(nn.ReLU(inplace=False))
    return nn.Sequential(*layers)


def freeze_as_buffers(module: nn.Module) -> None:
    """Turn every parameter of ``module`` into a non-persistent buffer of the same name."""
    for submodule in list(module.modules()):
        for name, parameter in list(submodule.named_parameters(recurse=False)):
            delattr(submodule, name)
            submodule.register_buffer(name, parameter.detach(), persistent=False)


def _unit_channels(features: Float[Tensor, "batch channel height width"]) -> Float[Tensor, "batch channel height width"]:
    """Feature vectors scaled to unit length over channels, in at least float32 (bf16 features under
    autocast too: CUDA autocast would run the square and the sum in float32 anyway, and the
    difference of two unit vectors that the distance takes needs the precision)."""
    features = features.to(torch.promote_types(features.dtype, torch.float32))
    norm = features.pow(2).sum(dim=1, keepdim=True).sqrt()
    return features / (norm + NORMALIZE_EPS)


class LpipsVgg(nn.Module):
    """LPIPS v0.1 (VGG): ``forward(a, b) -> Float[B]``, the perceptual distance per image pair."""

    def __init__(self) -> None:
        super().__init__()
        features = build_vgg16_features()
        starts = (0, *LPIPS_SLICE_ENDS[:-1])
        self.slices = nn.ModuleList(features[start:end] for start, end in zip(starts, LPIPS_SLICE_ENDS))
        self.heads = nn.ModuleList(
            nn.utils.skip_init(nn.Conv2d, channels, 1, kernel_size=1, bias=False) for channels in LPIPS_LAYER_CHANNELS
        )
        with torch.no_grad():
            for head, weight in zip(self.heads, load_lpips_heads()):
                head.weight.copy_(weight)
        self.register_buffer("shift", torch.tensor(SCALING_SHIFT).view(1, 3, 1, 1), persistent=False)
        self.register_buffer("scale", torch.tensor(SCALING_SCALE).view(1, 3, 1, 1), persistent=False)
        freeze_as_buffers(self)
        self.eval()

    def train(self, mode: bool = True) -> LpipsVgg:
        # Always evaluation behaviour: there is nothing to train and no dropout/batch norm to switch.
        return super().train(False)

    def _features(self, image: Float[Tensor, "batch 3 height width"]) -> list[Tensor]:
        hidden = (image - self.shift) / self.scale
        outputs = []
        for block in self.slices:
            hidden = block(hidden)
            outputs.append(hidden)
        return outputs

    def forward(
        self,
        image_a: Float[Tensor, "batch 3 height width"],
        image_b: Float[Tensor, "batch 3 height width"],
        normalize: bool = True,
        fused: bool = False,
    ) -> Float[Tensor, " batch"]:
        """``normalize=True`` means the inputs are in [0, 1] (mapped to [-1, 1] first). ``fused``:
        each layer's distance through the kernels of ``lpips_distance.py`` (training's loss; the
        same arithmetic in float32 in one pass, no gradient for ``image_b``); evaluation keeps the
        operations below."""
        if image_a.shape != image_b.shape or image_a.ndim != 4 or image_a.shape[1] != 3:
            raise ValueError(
                f"LPIPS needs two image batches of equal shape [B, 3, H, W], got "
                f"{tuple(image_a.shape)} and {tuple(image_b.shape)}"
            )
        dtype = self.shift.dtype
        image_a, image_b = image_a.to(dtype), image_b.to(dtype)
        if normalize:
            image_a, image_b = 2 * image_a - 1, 2 * image_b - 1
        # Separate trunk passes: as a loss only the prediction needs gradients, and a joint batch
        # would make autograd keep the ground truth's activations too.
        distance = image_a.new_zeros(image_a.shape[0])
        for features_a, features_b, head in zip(self._features(image_a), self._features(image_b), self.heads):
            if fused:
                distance = distance + layer_distance(features_a, features_b, head.weight, NORMALIZE_EPS)
                continue
            squared = (_unit_channels(features_a) - _unit_channels(features_b)) ** 2
            # Channel weights and spatial mean in float32 also under autocast, which would copy
            # this full-resolution map to bf16 for the 1x1 head and round its mean to bf16.
            with torch.autocast(squared.device.type, enabled=False):
                distance = distance + head(squared).mean(dim=(1, 2, 3))
        return distance


@functools.cache
def shared_lpips_vgg(device: torch.device) -> LpipsVgg:
    """One evaluation network per device, built on first use."""
    return LpipsVgg().to(device)


def frozen_lpips_buffer_names(root: nn.Module) -> list[str]:
    """Names, relative to ``root``, of every buffer of every :class:`LpipsVgg` inside it.

    DistributedDataParallel broadcasts all buffers from rank 0 before each forward; these 58 MB
    are constant, so pass the names to
    ``DistributedDataParallel._set_params_and_buffers_to_ignore_for_model(root, names)``.
    """
    return [
        f"{prefix}.{name}"
        for prefix, module in root.named_modules()
        if isinstance(module, LpipsVgg)
        for name, _ in module.named_buffers()
    ]
