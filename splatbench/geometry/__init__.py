"""Geometry: camera conventions (OpenCV camera-to-world, normalised intrinsics), projection, rays."""
