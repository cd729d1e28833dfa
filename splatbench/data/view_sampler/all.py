"""All sampler: every frame of the scene is both a context and a target view."""

from __future__ import annotations

import torch

from splatbench.data.config import ViewSamplerAllCfg
from splatbench.data.view_sampler.base import ViewSampler


class ViewSamplerAll(ViewSampler[ViewSamplerAllCfg]):
    def sample(self, scene, extrinsics, intrinsics, device=torch.device("cpu"), **kwargs):
        frames = torch.arange(extrinsics.shape[0], device=device)
        return frames, frames
