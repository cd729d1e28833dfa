"""Time the evaluation metrics and check the torch SSIM against scikit-image on one device.

Usage::

    python scripts/bench_metrics.py --device cpu --batch 3 --size 256
    python scripts/bench_metrics.py --device cuda --batch 3 --size 256 --photos ../shared/data/real_scenes

Images are real photos (centre-cropped and resized) when ``--photos`` points at a folder of
``*/images/*.jpg``, otherwise smooth random images. The prediction is the ground truth plus noise.
On CUDA it also reports how far LPIPS would move with TF32 convolutions (PyTorch's default, and
what the reference's runs used); ``compute_lpips`` itself switches TF32 off.
"""

from __future__ import annotations

import argparse
import logging
import time
from pathlib import Path
from typing import Callable

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from skimage.metrics import structural_similarity

from splatbench.evaluation.lpips_vgg import shared_lpips_vgg
from splatbench.evaluation.metrics import compute_lpips, compute_psnr, compute_ssim

logger = logging.getLogger("bench_metrics")


def load_images(photos: Path | None, batch: int, size: int, seed: int) -> torch.Tensor:
    if photos is not None:
        paths = sorted(photos.glob("*/images/*.jpg"))[:batch]
        if len(paths) < batch:
            raise ValueError(f"{photos}: need {batch} photos under */images/*.jpg, found {len(paths)}")
        images = []
        for path in paths:
            with Image.open(path) as image:
                image = image.convert("RGB")
                side = min(image.size)
                left, top = (image.width - side) // 2, (image.height - side) // 2
                image = image.crop((left, top, left + side, top + side)).resize((size, size), Image.LANCZOS)
                images.append(torch.from_numpy(np.asarray(image, dtype=np.float32) / 255.0).permute(2, 0, 1))
        return torch.stack(images)
    generator = torch.Generator().manual_seed(seed)
    coarse = torch.rand(batch, 3, size // 8, size // 8, generator=generator)
    return F.interpolate(coarse, size=(size, size), mode="bicubic", align_corners=False).clip(0, 1)


def timed(function: Callable[[], torch.Tensor], device: torch.device, repeats: int) -> tuple[torch.Tensor, float]:
    result = function()  # warm-up (LPIPS builds its network, cuDNN picks algorithms)
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    start = time.perf_counter()
    for _ in range(repeats):
        result = function()
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    return result, (time.perf_counter() - start) / repeats


def skimage_ssim(ground_truth: torch.Tensor, predicted: torch.Tensor) -> torch.Tensor:
    values = [
        structural_similarity(
            gt.numpy(), pred.numpy(), win_size=11, gaussian_weights=True, channel_axis=0, data_range=1.0
        )
        for gt, pred in zip(ground_truth.cpu(), predicted.cpu())
    ]
    return torch.tensor(np.array(values, dtype=np.float64))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--batch", type=int, default=3)
    parser.add_argument("--size", type=int, default=256)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--noise", type=float, default=0.05)
    parser.add_argument("--photos", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    device = torch.device(args.device)
    ground_truth = load_images(args.photos, args.batch, args.size, args.seed)
    generator = torch.Generator().manual_seed(args.seed + 1)
    predicted = ground_truth + args.noise * torch.randn(ground_truth.shape, generator=generator)
    gt_device, pred_device = ground_truth.to(device), predicted.to(device)
    logger.info("device %s, batch %d, %dx%d, torch %s", device, args.batch, args.size, args.size, torch.__version__)

    psnr, psnr_s = timed(lambda: compute_psnr(gt_device, pred_device), device, args.repeats)
    ssim, ssim_s = timed(lambda: compute_ssim(gt_device, pred_device), device, args.repeats)
    reference, reference_s = timed(lambda: skimage_ssim(ground_truth, predicted), torch.device("cpu"), 1)
    lpips, lpips_s = timed(lambda: compute_lpips(gt_device, pred_device), device, args.repeats)
    lpips_cpu = compute_lpips(ground_truth, predicted)

    logger.info("psnr  %s  (%.2f ms per batch)", np.round(psnr.cpu().numpy(), 4), psnr_s * 1e3)
    logger.info("ssim  %s  (%.2f ms per batch; skimage %.2f ms)", np.round(ssim.cpu().numpy(), 6), ssim_s * 1e3,
                reference_s * 1e3)  # fmt: skip
    logger.info("ssim max |torch - skimage| = %.3g", (ssim.cpu().double() - reference).abs().max().item())
    logger.info("lpips %s  (%.2f ms per batch)", np.round(lpips.cpu().numpy(), 6), lpips_s * 1e3)
    logger.info("lpips max |%s - cpu| = %.3g", device, (lpips.cpu() - lpips_cpu).abs().max().item())
    if device.type == "cuda":
        network = shared_lpips_vgg(device)
        allow = torch.backends.cudnn.allow_tf32
        torch.backends.cudnn.allow_tf32 = True
        try:
            with torch.no_grad():
                tf32 = network(gt_device, pred_device, normalize=True)
        finally:
            torch.backends.cudnn.allow_tf32 = allow
        logger.info("lpips with TF32 convolutions: max |TF32 - compute_lpips| = %.3g", (tf32 - lpips).abs().max().item())

if __name__ == "__main__":
    main()
