"""PSNR and the batched torch SSIM agree with scikit-image on real photos and random pairs."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

from splatbench.evaluation.metrics import compute_psnr, compute_ssim


def skimage_ssim(ground_truth: torch.Tensor, predicted: torch.Tensor) -> np.ndarray:
    return np.array(
        [
            structural_similarity(
                gt.numpy(), pred.numpy(), win_size=11, gaussian_weights=True, channel_axis=0, data_range=1.0
            )
            for gt, pred in zip(ground_truth, predicted)
        ]
    )


def skimage_psnr(ground_truth: torch.Tensor, predicted: torch.Tensor) -> np.ndarray:
    return np.array(
        [
            peak_signal_noise_ratio(gt.clip(0, 1).double().numpy(), pred.clip(0, 1).double().numpy(), data_range=1)
            for gt, pred in zip(ground_truth, predicted)
        ]
    )


def random_pairs(seed: int, shape: tuple[int, ...], noise: float) -> tuple[torch.Tensor, torch.Tensor]:
    generator = torch.Generator().manual_seed(seed)
    ground_truth = torch.rand(shape, generator=generator)
    # Prediction deliberately leaves [0, 1] so the clipping rules (PSNR yes, SSIM no) matter.
    predicted = ground_truth + noise * torch.randn(shape, generator=generator)
    return ground_truth, predicted


def test_ssim_matches_skimage_on_real_photos(photo_pairs):
    ground_truth, predicted = photo_pairs
    ours = compute_ssim(ground_truth, predicted)
    reference = skimage_ssim(ground_truth, predicted)
    assert ours.shape == (4,)
    assert ours.dtype == torch.float32
    np.testing.assert_allclose(ours.double().numpy(), reference, atol=1e-5, rtol=0)
    # Different views of a scene: clearly similar but far from identical.
    assert np.all((reference > 0.05) & (reference < 0.9))


def test_ssim_float64_matches_skimage_float64_exactly(photo_pairs):
    ground_truth, predicted = (images.double() for images in photo_pairs)
    np.testing.assert_allclose(
        compute_ssim(ground_truth, predicted).numpy(), skimage_ssim(ground_truth, predicted), atol=1e-12, rtol=0
    )


@pytest.mark.parametrize(
    ("seed", "shape", "noise"),
    [(0, (3, 3, 64, 64), 0.05), (1, (2, 3, 37, 53), 0.3), (2, (1, 3, 11, 11), 0.1), (3, (2, 1, 40, 24), 0.2)],
)
def test_ssim_matches_skimage_on_random_pairs(seed, shape, noise):
    ground_truth, predicted = random_pairs(seed, shape, noise)
    np.testing.assert_allclose(
        compute_ssim(ground_truth, predicted).double().numpy(),
        skimage_ssim(ground_truth, predicted),
        atol=1e-5,
        rtol=0,
    )


def test_ssim_identical_images_is_one_and_small_images_are_refused():
    image = torch.rand(2, 3, 32, 32)
    torch.testing.assert_close(compute_ssim(image, image), torch.ones(2), atol=1e-6, rtol=0)
    with pytest.raises(ValueError, match="at least 11x11"):
        compute_ssim(torch.rand(1, 3, 10, 32), torch.rand(1, 3, 10, 32))
    with pytest.raises(ValueError, match="equal shape"):
        compute_ssim(torch.rand(1, 3, 16, 16), torch.rand(1, 3, 16, 17))


def test_psnr_matches_skimage_on_real_photos_and_random_pairs(photo_pairs):
    for ground_truth, predicted in (photo_pairs, random_pairs(4, (3, 3, 64, 64), 0.2)):
        np.testing.assert_allclose(
            compute_psnr(ground_truth, predicted).double().numpy(),
            skimage_psnr(ground_truth, predicted),
            atol=1e-4,
            rtol=0,
        )


def test_psnr_known_value_and_clipping():
    ground_truth = torch.zeros(1, 3, 8, 8)
    predicted = torch.full((1, 3, 8, 8), 0.1)
    torch.testing.assert_close(compute_psnr(ground_truth, predicted), torch.tensor([20.0]))
    # Values outside [0, 1] are clipped before the error: 1.7 counts as 1, -0.5 as 0.
    torch.testing.assert_close(
        compute_psnr(torch.full((1, 3, 4, 4), -0.5), torch.full((1, 3, 4, 4), 1.7)), torch.tensor([0.0])
    )
