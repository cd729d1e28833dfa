"""The similarity between the user's world frame and the frame the model is run in.

Feed-forward models are trained on scenes of a typical scale: their depth candidates span
``[near, far]``. Photos come in any units (COLMAP's are arbitrary), so the scene is moved and
scaled, never rotated: ``x_model = scale * (x_user - centre)``, with ``centre`` the mean of the
context cameras' centres and ``scale`` making the largest distance between two context cameras
equal ``baseline`` (``baseline=0`` keeps the user's units: only the centre moves). Without a rotation the spherical harmonics need no change, and the Gaussians
map back exactly: means ``x / scale + centre``, covariances ``/ scale**2``, scales ``/ scale``,
rotations, colours and opacities unchanged; depths ``/ scale``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from jaxtyping import Float
from torch import Tensor

from splatbench.geometry.gaussians import Gaussians


@dataclass(frozen=True)
class SceneNormalization:
    centre: tuple[float, float, float]
    scale: float

    @classmethod
    def from_cameras(cls, extrinsics: Float[Tensor, "view 4 4"], baseline: float = 1.0) -> "SceneNormalization":
        centres = extrinsics[:, :3, 3].double().cpu().numpy()
        if baseline == 0:
            return cls(tuple(float(c) for c in centres.mean(axis=0)), 1.0)
        spread = float(np.linalg.norm(centres[:, None] - centres[None], axis=-1).max())
        if not np.isfinite(spread) or spread <= 1e-9:
            raise ValueError("the context cameras all sit at one point; the scene scale is undefined (no baseline)")
        return cls(tuple(float(c) for c in centres.mean(axis=0)), baseline / spread)

    def cameras_to_model(self, extrinsics: Float[Tensor, "*batch 4 4"]) -> Float[Tensor, "*batch 4 4"]:
        moved = extrinsics.clone()
        moved[..., :3, 3] = (extrinsics[..., :3, 3] - torch.tensor(self.centre, dtype=extrinsics.dtype)) * self.scale
        return moved

    def cameras_to_user(self, extrinsics: Float[Tensor, "*batch 4 4"]) -> Float[Tensor, "*batch 4 4"]:
        moved = extrinsics.clone()
        moved[..., :3, 3] = extrinsics[..., :3, 3] / self.scale + torch.tensor(self.centre, dtype=extrinsics.dtype)
        return moved

    def gaussians_to_user(self, gaussians: Gaussians) -> Gaussians:
        centre = torch.tensor(self.centre, dtype=torch.float64, device=gaussians.means.device)
        means = (gaussians.means.double() / self.scale + centre).to(gaussians.means.dtype)
        return Gaussians(
            means=means,
            covariances=gaussians.covariances / self.scale**2,
            harmonics=gaussians.harmonics,
            opacities=gaussians.opacities,
            scales=None if gaussians.scales is None else gaussians.scales / self.scale,
            rotations=gaussians.rotations,
        )
