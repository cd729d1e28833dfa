"""splatbench: train, evaluate and benchmark feed-forward 3D Gaussian Splatting.

Conventions used everywhere (see README, "Conventions"):
  * cameras are OpenCV camera-to-world 4x4 matrices (+X right, +Y down, +Z forward);
  * intrinsics are normalised 3x3 matrices (fx, cx divided by width; fy, cy by height);
  * images are float tensors in [0, 1] laid out [..., 3, H, W];
  * depth is z-depth in the units of the camera translations.
"""

__version__ = "0.1.0"
