"""Gaussian rasterisation: gsplat (CUDA) and a pure-PyTorch reference backend behind one function."""
