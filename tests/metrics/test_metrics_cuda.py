"""On a GPU the metrics give the CPU values (skipped where CUDA is absent, as in CI)."""

from __future__ import annotations

import pytest
import torch

from splatbench.evaluation.metrics import compute_lpips, compute_psnr, compute_ssim

pytestmark = pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")


@pytest.mark.parametrize("tf32_default", [True, False])
def test_cuda_metrics_equal_cpu_metrics(photo_pairs, tf32_default):
    ground_truth, predicted = photo_pairs
    predicted = predicted + 0.05 * torch.randn(predicted.shape, generator=torch.Generator().manual_seed(0))
    previous = torch.backends.cudnn.allow_tf32
    torch.backends.cudnn.allow_tf32 = tf32_default
    try:
        for metric, tolerance in ((compute_psnr, 1e-4), (compute_ssim, 1e-6), (compute_lpips, 1e-6)):
            on_gpu = metric(ground_truth.cuda(), predicted.cuda())
            assert on_gpu.device.type == "cuda"
            torch.testing.assert_close(on_gpu.cpu(), metric(ground_truth, predicted), atol=tolerance, rtol=0)
        assert torch.backends.cudnn.allow_tf32 == tf32_default
    finally:
        torch.backends.cudnn.allow_tf32 = previous
