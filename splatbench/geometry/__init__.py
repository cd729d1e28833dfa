"""Geometry: camera conventions (OpenCV camera-to-world, normalised intrinsics), projection, rays,
rotations (quaternions, matrices, angle errors, Umeyama), exact kNN, and the ``Gaussians`` container
that encoders, the renderer and the exporters share."""
