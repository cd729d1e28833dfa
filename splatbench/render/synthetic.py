"""Random, feed-forward-like Gaussian scenes and cameras for renderer tests and benchmarks."""

from __future__ import annotations

from dataclasses import dataclass

import torch
from jaxtyping import Float
from torch import Tensor

from splatbench.geometry.rotation import axis_rotation, random_rotation_matrices
from splatbench.geometry.gaussians import Gaussians


@dataclass
class SyntheticScene:
    gaussians: Gaussians
    extrinsics: Float[Tensor, "batch view 4 4"]
    intrinsics: Float[Tensor, "batch view 3 3"]
    near: Float[Tensor, "batch view"]
    far: Float[Tensor, "batch view"]
    image_shape: tuple[int, int]


def random_scene(
    batch: int,
    views: int,
    count: int,
    image_shape: tuple[int, int],
    sh_degree: int = 2,
    seed: int = 0,
    dtype: torch.dtype = torch.float32,
    pixel_size: tuple[float, float] = (0.5, 3.0),
) -> SyntheticScene:
    """Gaussians spread through the first camera's frustum at depths 1.5-10, like per-pixel predictions.

    Cameras look down +Z from positions up to 0.3 apart with up to 5 degrees of yaw; fx = 1.0
    (normalised), near 1, far 100. Each Gaussian's standard deviations are ``pixel_size`` pixels
    at its depth (random anisotropy and orientation); opacities are uniform in [0, 1].
    """
    generator = torch.Generator().manual_seed(seed)
    height, width = image_shape
    focal = 1.0

    def uniform(*shape: int, low: float = 0.0, high: float = 1.0) -> Tensor:
        return low + (high - low) * torch.rand(*shape, generator=generator, dtype=dtype)

    inverse_depth = uniform(batch, count, low=1 / 10.0, high=1 / 1.5)
    depth = 1.0 / inverse_depth
    u, v = uniform(batch, count, low=-0.55, high=0.55), uniform(batch, count, low=-0.55, high=0.55)
    means = torch.stack((u / focal * depth, v / (focal * width / height) * depth, depth), dim=-1)
    pixel_angle = 1.0 / (focal * width)
    sigma = uniform(batch, count, 3, low=pixel_size[0], high=pixel_size[1]) * pixel_angle * depth[..., None]
    rotation = random_rotation_matrices((batch, count), generator, dtype)
    covariances = rotation @ torch.diag_embed(sigma * sigma) @ rotation.transpose(-1, -2)
    harmonics = 0.15 * torch.randn(batch, count, 3, (sh_degree + 1) ** 2, generator=generator, dtype=dtype)
    harmonics[..., 0] = uniform(batch, count, 3, low=-1.5, high=1.5)
    opacities = uniform(batch, count)

    extrinsics = torch.eye(4, dtype=dtype).repeat(batch, views, 1, 1)
    extrinsics[..., :3, :3] = axis_rotation("y", uniform(batch, views, low=-0.087, high=0.087))
    extrinsics[..., :3, 3] = uniform(batch, views, 3, low=-0.15, high=0.15)
    extrinsics[:, 0] = torch.eye(4, dtype=dtype)
    intrinsics = torch.tensor([[focal, 0.0, 0.5], [0.0, focal * width / height, 0.5], [0.0, 0.0, 1.0]], dtype=dtype)
    intrinsics = intrinsics.repeat(batch, views, 1, 1)
    return SyntheticScene(
        gaussians=Gaussians(means=means, covariances=covariances, harmonics=harmonics, opacities=opacities),
        extrinsics=extrinsics,
        intrinsics=intrinsics,
        near=torch.ones(batch, views, dtype=dtype),
        far=torch.full((batch, views), 100.0, dtype=dtype),
        image_shape=(height, width),
    )
