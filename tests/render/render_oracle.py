"""Slow, loop-based transcription of the 3DGS rasteriser's per-pixel algorithm, used as a test oracle.

It shares no code with splatbench.render: camera transform, EWA projection, 3-sigma tile
rectangles, depth sort and the front-to-back loop with its skip/stop rules are written out per
Gaussian and per pixel. Only principal points at the image centre are supported.
"""

from __future__ import annotations

import math

import torch

C0 = 0.28209479177387814


def render_naive(means, covariances, dc_colors, opacities, camera_to_world, focal_pixels, image_shape,
                 alpha_max=0.99, near_plane=0.2, tile=16):
    """means [G,3], covariances [G,3,3], dc_colors [G,3] (already final RGB), opacities [G];
    one camera (c2w [4,4], focal in pixels, principal point at the centre). Returns colour [3,H,W],
    alpha [H,W] and depth [H,W] (un-normalised), black background, float64."""
    height, width = image_shape
    world_to_camera = torch.linalg.inv(camera_to_world.double())
    fx = fy = float(focal_pixels)
    cx, cy = width / 2, height / 2
    tan_x, tan_y = 0.5 * width / fx, 0.5 * height / fy
    splats = []
    for g in range(means.shape[0]):
        p = world_to_camera[:3, :3] @ means[g].double() + world_to_camera[:3, 3]
        x, y, z = (float(v) for v in p)
        if z <= near_plane:
            continue
        tx = z * min(1.3 * tan_x, max(-1.3 * tan_x, x / z))
        ty = z * min(1.3 * tan_y, max(-1.3 * tan_y, y / z))
        jac = torch.tensor([[fx / z, 0, -fx * tx / z**2], [0, fy / z, -fy * ty / z**2]], dtype=torch.float64)
        cov_cam = world_to_camera[:3, :3] @ covariances[g].double() @ world_to_camera[:3, :3].T
        cov2 = jac @ cov_cam @ jac.T
        a, b, c = float(cov2[0, 0]) + 0.3, float(cov2[0, 1]), float(cov2[1, 1]) + 0.3
        det = a * c - b * b
        if det <= 0:
            continue
        mid = 0.5 * (a + c)
        radius = math.ceil(3 * math.sqrt(mid + math.sqrt(max(0.1, mid * mid - det))))
        u, v = fx * x / z + cx, fy * y / z + cy  # pixel centres at +0.5
        pu, pv = u - 0.5, v - 0.5
        tiles_x, tiles_y = math.ceil(width / tile), math.ceil(height / tile)
        rect = (
            min(tiles_x, max(0, math.floor((pu - radius) / tile))),
            min(tiles_y, max(0, math.floor((pv - radius) / tile))),
            min(tiles_x, max(0, math.floor((pu + radius + tile - 1) / tile))),
            min(tiles_y, max(0, math.floor((pv + radius + tile - 1) / tile))),
        )
        if (rect[2] - rect[0]) * (rect[3] - rect[1]) == 0:
            continue
        splats.append((z, u, v, (c / det, -b / det, a / det), float(opacities[g]), dc_colors[g].double(), rect))
    splats.sort(key=lambda s: s[0])
    color = torch.zeros(3, height, width, dtype=torch.float64)
    alpha_out = torch.zeros(height, width, dtype=torch.float64)
    depth = torch.zeros(height, width, dtype=torch.float64)
    for i in range(height):
        for j in range(width):
            transmittance = 1.0
            tile_x, tile_y = j // tile, i // tile
            for z, u, v, (ca, cb, cc), opacity, rgb, rect in splats:
                if not (rect[0] <= tile_x < rect[2] and rect[1] <= tile_y < rect[3]):
                    continue
                dx, dy = u - (j + 0.5), v - (i + 0.5)
                power = -0.5 * (ca * dx * dx + cc * dy * dy) - cb * dx * dy
                if power > 0:
                    continue
                alpha = min(alpha_max, opacity * math.exp(power))
                if alpha < 1 / 255:
                    continue
                test = transmittance * (1 - alpha)
                if test < 1e-4:
                    break
                color[:, i, j] += rgb * alpha * transmittance
                depth[i, j] += z * alpha * transmittance
                transmittance = test
            alpha_out[i, j] = 1 - transmittance
    return color, alpha_out, depth
