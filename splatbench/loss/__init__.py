"""Training losses: MSE/L1, LPIPS-VGG, depth."""
