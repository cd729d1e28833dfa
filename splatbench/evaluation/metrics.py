"""Image-quality metrics PSNR, SSIM and LPIPS, defined exactly as the DepthSplat reference.

* PSNR: both images clipped to [0, 1], MSE over channels and pixels, ``-10 log10(MSE)``.
* SSIM: equals ``skimage.metrics.structural_similarity(gt, pred, win_size=11,
  gaussian_weights=True, channel_axis=0, data_range=1.0)`` per image (inputs not clipped),
  computed batched in torch and in float64.
* LPIPS: v0.1 with the VGG trunk, ``normalize=True`` (inputs in [0, 1]); prediction not clipped.
  On CUDA the convolutions run in true float32 (TF32 off for the call): with PyTorch's default
  TF32 an H100 moved LPIPS by up to 2e-5 from the CPU value; without it the two agree to 1e-7.

Every function takes ``[B, 3, H, W]`` tensors and returns one value per image, ``Float[B]``.
"""

from __future__ import annotations

import contextlib
import functools
import logging
from collections.abc import Iterator

import torch
from jaxtyping import Float
from torch import Tensor

from splatbench.evaluation.lpips_vgg import shared_lpips_vgg

logger = logging.getLogger(__name__)

SSIM_WINDOW = 11
SSIM_SIGMA = 1.5
SSIM_K1 = 0.01
SSIM_K2 = 0.03
# LPIPS trunks splatbench has weights for (the reference uses VGG; AlexNet is not implemented).
LPIPS_NETS = ("vgg",)


def _check_pair(ground_truth: Tensor, predicted: Tensor, metric: str) -> None:
    if ground_truth.shape != predicted.shape or ground_truth.ndim != 4:
        raise ValueError(
            f"{metric}: ground truth and prediction must both be [B, C, H, W] of equal shape, got "
            f"{tuple(ground_truth.shape)} and {tuple(predicted.shape)}"
        )


@torch.no_grad()
def compute_psnr(
    ground_truth: Float[Tensor, "batch channel height width"],
    predicted: Float[Tensor, "batch channel height width"],
) -> Float[Tensor, " batch"]:
    _check_pair(ground_truth, predicted, "PSNR")
    squared_error = (ground_truth.clip(0, 1) - predicted.clip(0, 1)) ** 2
    return -10 * squared_error.mean(dim=(1, 2, 3)).log10()


@functools.cache
def _window(device: torch.device, gaussian: bool, taps: int) -> Float[Tensor, " tap"]:
    if not gaussian:
        return torch.full((taps,), 1.0 / taps, dtype=torch.float64, device=device)
    # scipy.ndimage.gaussian_filter with sigma 1.5 and skimage's truncate 3.5 uses radius
    # int(3.5 * 1.5 + 0.5) = 5, i.e. 11 taps normalised to sum 1.
    radius = SSIM_WINDOW // 2
    offsets = torch.arange(-radius, radius + 1, dtype=torch.float64, device=device)
    window = torch.exp(-0.5 * offsets**2 / SSIM_SIGMA**2)
    return window / window.sum()


def _correlate_valid(planes: Tensor, window: Float[Tensor, " tap"], dim: int) -> Tensor:
    # Accumulating shifted slices in place: linear in the image size, no extra memory, and
    # several times quicker on CPU than float64 conv2d (which has no optimised CPU kernel).
    taps = window.numel()
    length = planes.shape[dim] - taps + 1
    weights = window.tolist()
    result = planes.narrow(dim, 0, length) * weights[0]
    for tap in range(1, taps):
        result.add_(planes.narrow(dim, tap, length), alpha=weights[tap])
    return result


def _local_mean(
    planes: Float[Tensor, "plane height width"], window: Float[Tensor, " tap"]
) -> Float[Tensor, "plane cropped_height cropped_width"]:
    # Valid filtering only: skimage filters with reflect padding but then crops (win_size-1)/2
    # pixels from every border, and the kept pixels never reach into the padding.
    return _correlate_valid(_correlate_valid(planes, window, dim=-2), window, dim=-1)


@torch.no_grad()
def compute_ssim(
    ground_truth: Float[Tensor, "batch channel height width"],
    predicted: Float[Tensor, "batch channel height width"],
    gaussian_weights: bool = True,
    win_size: int = SSIM_WINDOW,
    sample_covariance: bool = True,
) -> Float[Tensor, " batch"]:
    """The keywords are skimage's: ``gaussian_weights`` (sigma 1.5, which fixes the window at 11),
    else a uniform ``win_size`` window; ``sample_covariance`` is ``use_sample_covariance``."""
    _check_pair(ground_truth, predicted, "SSIM")
    if gaussian_weights and win_size != SSIM_WINDOW:
        raise ValueError(f"SSIM: a Gaussian window (sigma {SSIM_SIGMA}) has {SSIM_WINDOW} taps, got win_size={win_size}")
    if win_size < 3 or win_size % 2 == 0:
        raise ValueError(f"SSIM: win_size must be odd and at least 3, got {win_size}")
    batch, channels, height, width = ground_truth.shape
    if height < win_size or width < win_size:
        raise ValueError(f"SSIM: images must be at least {win_size}x{win_size}, got {height}x{width}")
    x = ground_truth.detach().to(torch.float64).reshape(batch * channels, height, width)
    y = predicted.detach().to(torch.float64).reshape(batch * channels, height, width)
    window = _window(x.device, gaussian_weights, win_size)
    planes = batch * channels
    mean_x, mean_y, mean_xx, mean_yy, mean_xy = _local_mean(
        torch.cat((x, y, x * x, y * y, x * y), dim=0), window
    ).split(planes, dim=0)
    # Sample covariance correction NP / (NP - 1) with NP = win_size ** 2, as skimage's default.
    samples = win_size**2
    covariance_norm = samples / (samples - 1) if sample_covariance else 1.0
    var_x = covariance_norm * (mean_xx - mean_x * mean_x)
    var_y = covariance_norm * (mean_yy - mean_y * mean_y)
    cov_xy = covariance_norm * (mean_xy - mean_x * mean_y)
    c1, c2 = SSIM_K1**2, SSIM_K2**2  # data_range = 1
    ssim_map = ((2 * mean_x * mean_y + c1) * (2 * cov_xy + c2)) / (
        (mean_x**2 + mean_y**2 + c1) * (var_x + var_y + c2)
    )
    per_channel = ssim_map.mean(dim=(1, 2)).view(batch, channels)
    return per_channel.mean(dim=1).to(predicted.dtype)


@contextlib.contextmanager
def _float32_convolutions() -> Iterator[None]:
    previous = torch.backends.cudnn.allow_tf32
    torch.backends.cudnn.allow_tf32 = False
    try:
        yield
    finally:
        torch.backends.cudnn.allow_tf32 = previous


@torch.no_grad()
def compute_lpips(
    ground_truth: Float[Tensor, "batch channel height width"],
    predicted: Float[Tensor, "batch channel height width"],
    normalize: bool = True,
    net: str = "vgg",
) -> Float[Tensor, " batch"]:
    """``normalize=True``: inputs in [0, 1] (mapped to [-1, 1]); False: inputs already in [-1, 1]."""
    _check_pair(ground_truth, predicted, "LPIPS")
    if net not in LPIPS_NETS:
        raise ValueError(f"LPIPS: network {net!r} is not available (only {', '.join(LPIPS_NETS)})")
    network = shared_lpips_vgg(predicted.device)
    with _float32_convolutions():
        return network(ground_truth, predicted, normalize=normalize).to(predicted.dtype)


# The reference's per-image metrics at their reference settings (training/validation logging).
IMAGE_METRICS = {"psnr": compute_psnr, "ssim": compute_ssim, "lpips": compute_lpips}
