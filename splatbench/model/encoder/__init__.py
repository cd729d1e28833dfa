"""Encoders: posed context images -> per-pixel 3D Gaussians (DepthSplat, MVSplat-style)."""
