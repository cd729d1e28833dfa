"""DecoderSplatting: the reference ``splatting_cuda`` decoder on top of ``render_gaussians``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import torch
from jaxtyping import Float
from torch import Tensor, nn

from splatbench.model.decoder.config import DecoderSplattingCfg
from splatbench.geometry.gaussians import Gaussians
from splatbench.render import render_gaussians
from splatbench.render.settings import RASTER_PRESETS


@dataclass
class DecoderOutput:
    """color [B, V, 3, H, W]; depth [B, V, H, W] (see DecoderSplatting.forward); alpha [B, V, H, W]."""

    color: Float[Tensor, "batch view 3 height width"]
    depth: Float[Tensor, "batch view height width"]
    alpha: Float[Tensor, "batch view height width"]


class DecoderSplatting(nn.Module):
    """Render Gaussians into target cameras with the reference decoder's conventions.

    The background colour is a non-persistent buffer (not in checkpoints), as in the reference.
    """

    background_color: Tensor

    def __init__(self, cfg: DecoderSplattingCfg, background_color: Sequence[float] = (0.0, 0.0, 0.0)) -> None:
        super().__init__()
        self.cfg = cfg
        # The PyTorch backend follows the reference rasteriser's constants (see splatbench.render.settings).
        self.raster_settings = replace(RASTER_PRESETS[cfg.raster], tile_size=cfg.tile_size)
        self.register_buffer("background_color", torch.tensor(list(background_color), dtype=torch.float32), persistent=False)

    def forward(
        self,
        gaussians: Gaussians,
        extrinsics: Float[Tensor, "batch view 4 4"],
        intrinsics: Float[Tensor, "batch view 3 3"],
        near: Float[Tensor, "batch view"],
        far: Float[Tensor, "batch view"],
        image_shape: tuple[int, int],
        depth_mode: str | None = None,
    ) -> DecoderOutput:
        """Render every target view.

        ``depth_mode`` None renders z-depth (the reference returns no depth then; rendering it
        costs one extra channel); "depth", "disparity" or "log" select what the depth image holds.
        Depth is the reference's un-normalised alpha-weighted sum unless ``cfg.depth_normalize``.
        """
        batch = extrinsics.shape[0]
        settings = self.raster_settings
        if self.cfg.raster == "resplat":
            # ReSplat hands gsplat the scene's near distance as its near plane.
            settings = settings.with_near_plane(float(near.reshape(-1)[0]))
        background = self.background_color.to(gaussians.means.dtype).expand(batch, 3)
        output = render_gaussians(
            gaussians,
            extrinsics,
            intrinsics,
            near,
            far,
            image_shape,
            background_color=background,
            backend=self.cfg.backend,
            scale_invariant=self.cfg.scale_invariant,
            principal_point=self.cfg.principal_point,
            depth_mode=depth_mode or "depth",
            depth_normalize=self.cfg.depth_normalize,
            settings=settings,
            gaussian_chunk=self.cfg.gaussian_chunk,
        )
        return DecoderOutput(color=output.color, depth=output.depth, alpha=output.alpha)
