"""Evaluation metrics (PSNR, SSIM, LPIPS) defined exactly as the reference."""
