"""A small Python API: load a checkpoint, reconstruct Gaussians from posed images, render them.

    model = splatbench.api.from_checkpoint("pretrained/depthsplat-gs-small-re10k-256x256-view2-cfeab6b1.pth")
    gaussians = model.reconstruct(images, extrinsics, intrinsics, near=0.5, far=100.0)
    rendered = model.render(gaussians, target_extrinsics, target_intrinsics, image_shape=(256, 256))

Conventions as everywhere in splatbench: ``images`` [V,3,H,W] (or [B,V,3,H,W]) in [0,1],
``extrinsics`` OpenCV camera-to-world [V,4,4], ``intrinsics`` normalised [V,3,3], depth in the
units of the camera translations. Unbatched inputs give unbatched-looking outputs with B = 1.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import torch
from jaxtyping import Float
from torch import Tensor, nn

from splatbench.model.checkpoints import load_pretrained_weights
from splatbench.model.decoder import get_decoder
from splatbench.model.decoder.config import DecoderSplattingCfg
from splatbench.model.encoder import encoder_preset, get_encoder
from splatbench.model.encoder.config import EncoderDepthSplatCfg
from splatbench.model.types import Gaussians
from splatbench.render import RenderOutput


def _batched(tensor: Tensor, unbatched_dims: int) -> Tensor:
    return tensor.unsqueeze(0) if tensor.dim() == unbatched_dims else tensor


def _per_view(value: float | Tensor, like: Tensor) -> Tensor:
    """near/far as a scalar, [V] or [B,V] -> [B,V] on ``like``'s device."""
    value = torch.as_tensor(value, dtype=like.dtype, device=like.device)
    return value.expand(like.shape[:2]) if value.dim() < 2 else value


class FeedForwardSplatter(nn.Module):
    """An encoder (posed images -> Gaussians) and a decoder (Gaussians -> images) in one module."""

    def __init__(self, encoder_cfg: EncoderDepthSplatCfg, decoder_cfg: DecoderSplattingCfg | None = None) -> None:
        super().__init__()
        self.encoder, self.data_shim = get_encoder(encoder_cfg)
        self.decoder = get_decoder(decoder_cfg or DecoderSplattingCfg(), (0.0, 0.0, 0.0))

    @torch.no_grad()
    def reconstruct(
        self,
        images: Float[Tensor, "*batch view 3 height width"],
        extrinsics: Float[Tensor, "*batch view 4 4"],
        intrinsics: Float[Tensor, "*batch view 3 3"],
        near: float | Tensor,
        far: float | Tensor,
    ) -> Gaussians:
        """Gaussians [B, V*H*W, ...] in the world frame of ``extrinsics`` (H, W multiples of 16)."""
        images = _batched(images, 4)
        context = {
            "image": images,
            "extrinsics": _batched(extrinsics, 3).to(images),
            "intrinsics": _batched(intrinsics, 3).to(images),
        }
        context["near"] = _per_view(near, images)
        context["far"] = _per_view(far, images)
        return self.encoder(context, global_step=0, deterministic=True)["gaussians"]

    @torch.no_grad()
    def render(
        self,
        gaussians: Gaussians,
        extrinsics: Float[Tensor, "*batch view 4 4"],
        intrinsics: Float[Tensor, "*batch view 3 3"],
        image_shape: tuple[int, int],
        near: float | Tensor = 0.5,
        far: float | Tensor = 100.0,
    ) -> RenderOutput:
        """Colour [B,V,3,H,W], depth and alpha [B,V,H,W] seen from the given cameras."""
        extrinsics = _batched(extrinsics, 3).to(gaussians.means)
        intrinsics = _batched(intrinsics, 3).to(gaussians.means)
        return self.decoder(
            gaussians, extrinsics, intrinsics, _per_view(near, extrinsics), _per_view(far, extrinsics), image_shape
        )


def from_checkpoint(
    path: str | Path | None,
    preset: str = "small",
    device: str | torch.device = "cpu",
    strict: bool = True,
    **encoder_overrides,
) -> FeedForwardSplatter:
    """Build the ``preset`` encoder ("small", "base", "large", "mvsplat", "tiny") and load ``path``.

    ``path`` may be any official full-model file (.pth raw or wrapped, Lightning .ckpt,
    .safetensors); ``None`` keeps the initial weights. Loading never unpickles code.
    """
    cfg = encoder_preset(preset)
    adapter_keys = {f.name for f in dataclasses.fields(cfg.gaussian_adapter)}
    adapter = {k: encoder_overrides.pop(k) for k in list(encoder_overrides) if k in adapter_keys}
    cfg = dataclasses.replace(cfg, gaussian_adapter=dataclasses.replace(cfg.gaussian_adapter, **adapter), **encoder_overrides)
    model = FeedForwardSplatter(cfg)
    if path is not None:
        load_pretrained_weights(model, path, kind="model", strict=strict)
    return model.to(device).eval()
