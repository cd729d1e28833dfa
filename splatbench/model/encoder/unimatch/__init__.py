"""UniMatch-derived multi-view depth predictor used by DepthSplat (CNN, transformer, cost volume, U-Net)."""
