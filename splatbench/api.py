"""A small Python API: load a checkpoint, reconstruct Gaussians from posed images, render them.

    model = splatbench.api.from_checkpoint("pretrained/depthsplat-gs-small-re10k-256x256-view2-cfeab6b1.pth")
    mvsplat = splatbench.api.from_checkpoint("checkpoints/re10k.ckpt", method="mvsplat")
    gaussians = model.reconstruct(images, extrinsics, intrinsics, near=0.5, far=100.0)
    rendered = model.render(gaussians, target_extrinsics, target_intrinsics, image_shape=(256, 256))
    save_ply(gaussians, "scene.ply"); render_video(model, gaussians, extrinsics, intrinsics, "fly.mp4")

Conventions as everywhere in splatbench: ``images`` [V,3,H,W] (or [B,V,3,H,W]) in [0,1],
``extrinsics`` OpenCV camera-to-world [V,4,4], ``intrinsics`` [V,3,3] normalised (or in pixels,
see ``intrinsics_units``), depth in the units of the camera translations. Unbatched inputs get
B = 1. Images of any size go through the same steps as training and test mode: the optional
``image_shape`` resize + centre crop of the dataset (LANCZOS through uint8), then the encoder's
data shim (centre crop to a multiple of its patch size); :meth:`FeedForwardSplatter.encode`
returns the context views exactly as the encoder saw them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import torch
from jaxtyping import Float
from PIL import Image
from torch import Tensor, nn

from splatbench.data.images import resize_and_crop_frames
from splatbench.geometry.camera import normalize_intrinsics
from splatbench.model.checkpoints import load_pretrained_weights
from splatbench.model.decoder import get_decoder
from splatbench.model.decoder.config import DecoderSplattingCfg
from splatbench.model.decoder.decoder_splatting import DecoderOutput
from splatbench.model.encoder import encoder_preset, get_encoder
from splatbench.model.encoder.config import EncoderDepthSplatCfg
from splatbench.geometry.gaussians import Gaussians

IntrinsicsUnits = Literal["auto", "normalized", "pixels"]


def _batched(tensor: Tensor, unbatched_dims: int) -> Tensor:
    return tensor.unsqueeze(0) if tensor.dim() == unbatched_dims else tensor


def _per_view(value: float | Tensor, like: Tensor) -> Tensor:
    """near/far as a scalar, [V] or [B,V] -> [B,V] on ``like``'s device."""
    value = torch.as_tensor(value, dtype=like.dtype, device=like.device)
    return value.expand(like.shape[:2]) if value.dim() < 2 else value


def as_normalized_intrinsics(
    intrinsics: Float[Tensor, "*batch 3 3"], image_shape: tuple[int, int], units: IntrinsicsUnits = "auto"
) -> Float[Tensor, "*batch 3 3"]:
    """Normalised K from K in ``units``; "auto" takes a principal point beyond 1.5 as pixels
    (a normalised one lies near 0.5, a pixel one near half the image size)."""
    if units not in ("auto", "normalized", "pixels"):
        raise ValueError(f"intrinsics_units must be auto, normalized or pixels, got {units!r}")
    if units == "auto":
        units = "pixels" if bool((intrinsics[..., :2, 2].abs() > 1.5).any()) else "normalized"
    return normalize_intrinsics(intrinsics, image_shape) if units == "pixels" else intrinsics


def resize_like_dataset(
    images: Float[Tensor, "batch view 3 h w"], intrinsics: Float[Tensor, "batch view 3 3"], shape: tuple[int, int]
) -> tuple[Float[Tensor, "batch view 3 H W"], Float[Tensor, "batch view 3 3"]]:
    """The dataset's resize + centre crop to ``shape``: images through uint8 (rounded) and
    LANCZOS exactly as chunk frames are; fx, fy rescaled as the dataset does."""
    batch, views = images.shape[:2]
    as_uint8 = (images.detach().float().clamp(0, 1) * 255).round().to(torch.uint8).permute(0, 1, 3, 4, 2).cpu().numpy()
    resized, scaled = [], None
    for b in range(batch):
        frames = [Image.fromarray(np.ascontiguousarray(frame)) for frame in as_uint8[b]]
        stacked, scaled = resize_and_crop_frames(frames, tuple(shape))
        resized.append(stacked)
    intrinsics = intrinsics.clone()
    intrinsics[..., 0, 0] *= scaled[1] / shape[1]
    intrinsics[..., 1, 1] *= scaled[0] / shape[0]
    return torch.stack(resized).to(images.device), intrinsics


def crop_to_even(
    images: Float[Tensor, "*batch 3 h w"], intrinsics: Float[Tensor, "*batch 3 3"]
) -> tuple[Float[Tensor, "*batch 3 H W"], Float[Tensor, "*batch 3 3"]]:
    """Drop the last row / column of odd-sized images (the patch shim crops symmetrically and
    needs even sizes); normalised K is re-expressed for the smaller image, pixel K is unchanged."""
    height, width = images.shape[-2:]
    new_height, new_width = height - height % 2, width - width % 2
    if (new_height, new_width) == (height, width):
        return images, intrinsics
    intrinsics = intrinsics.clone()
    intrinsics[..., 0, :] *= width / new_width
    intrinsics[..., 1, :] *= height / new_height
    return images[..., :new_height, :new_width], intrinsics


@dataclass
class Reconstruction:
    """What :meth:`FeedForwardSplatter.encode` returns.

    gaussians: world-space Gaussians [B, G, ...] (G = V*H*W for per-pixel encoders, view-major)
    depths:    [B, V, H, W] z-depth of every context pixel, units of the camera translations
    context:   the context views as the encoder saw them: image [B,V,3,H,W], extrinsics,
               normalised intrinsics [B,V,3,3], near, far [B,V]
    """

    gaussians: Gaussians
    depths: Float[Tensor, "batch view height width"] | None
    context: dict


class FeedForwardSplatter(nn.Module):
    """An encoder (posed images -> Gaussians) and a decoder (Gaussians -> images) in one module."""

    def __init__(self, encoder_cfg: EncoderDepthSplatCfg, decoder_cfg: DecoderSplattingCfg | None = None) -> None:
        super().__init__()
        self.encoder, self.data_shim = get_encoder(encoder_cfg)
        self.decoder = get_decoder(decoder_cfg or DecoderSplattingCfg(), (0.0, 0.0, 0.0))

    def prepare_context(
        self,
        images: Float[Tensor, "*batch view 3 height width"],
        extrinsics: Float[Tensor, "*batch view 4 4"],
        intrinsics: Float[Tensor, "*batch view 3 3"],
        near: float | Tensor,
        far: float | Tensor,
        image_shape: tuple[int, int] | None = None,
        intrinsics_units: IntrinsicsUnits = "auto",
    ) -> dict:
        """Batch, normalise K, resize/crop as the dataset (``image_shape``), then the encoder's shim."""
        images = _batched(images, 4)
        extrinsics = _batched(extrinsics, 3).to(images)
        intrinsics = as_normalized_intrinsics(_batched(intrinsics, 3).to(images), tuple(images.shape[-2:]), intrinsics_units)
        if image_shape is not None and tuple(image_shape) != tuple(images.shape[-2:]):
            images, intrinsics = resize_like_dataset(images, intrinsics, tuple(image_shape))
        images, intrinsics = crop_to_even(images, intrinsics)
        views = {"image": images, "extrinsics": extrinsics, "intrinsics": intrinsics}
        views["near"] = _per_view(near, images)
        views["far"] = _per_view(far, images)
        # The shim crops context and target alike; the target is not used here.
        return self.data_shim({"context": views, "target": views})["context"]

    @torch.no_grad()
    def encode(
        self,
        images: Float[Tensor, "*batch view 3 height width"],
        extrinsics: Float[Tensor, "*batch view 4 4"],
        intrinsics: Float[Tensor, "*batch view 3 3"],
        near: float | Tensor,
        far: float | Tensor,
        image_shape: tuple[int, int] | None = None,
        intrinsics_units: IntrinsicsUnits = "auto",
    ) -> Reconstruction:
        """Gaussians, per-view depth and the processed context views (see :meth:`prepare_context`)."""
        device = next(self.parameters()).device
        context = self.prepare_context(
            images.to(device), extrinsics.to(device), intrinsics.to(device), near, far, image_shape, intrinsics_units
        )
        output = self.encoder(context, global_step=0, deterministic=False)
        gaussians, depths = (output["gaussians"], output.get("depths")) if isinstance(output, dict) else (output, None)
        batch = context["image"].shape[0]
        if gaussians.means.shape[0] != batch:  # coarse scales stacked ahead of the final one
            gaussians = Gaussians(**{f.name: None if getattr(gaussians, f.name) is None else getattr(gaussians, f.name)[-batch:] for f in dataclasses.fields(Gaussians)})
        if depths is not None:
            depths = depths[-batch:]
        return Reconstruction(gaussians=gaussians, depths=depths, context=context)

    @torch.no_grad()
    def reconstruct(
        self,
        images: Float[Tensor, "*batch view 3 height width"],
        extrinsics: Float[Tensor, "*batch view 4 4"],
        intrinsics: Float[Tensor, "*batch view 3 3"],
        near: float | Tensor,
        far: float | Tensor,
        image_shape: tuple[int, int] | None = None,
        intrinsics_units: IntrinsicsUnits = "auto",
    ) -> Gaussians:
        """Gaussians [B, G, ...] in the world frame of ``extrinsics``; any image size."""
        return self.encode(images, extrinsics, intrinsics, near, far, image_shape, intrinsics_units).gaussians

    @torch.no_grad()
    def render(
        self,
        gaussians: Gaussians,
        extrinsics: Float[Tensor, "*batch view 4 4"],
        intrinsics: Float[Tensor, "*batch view 3 3"],
        image_shape: tuple[int, int],
        near: float | Tensor = 0.5,
        far: float | Tensor = 100.0,
        intrinsics_units: IntrinsicsUnits = "auto",
    ) -> DecoderOutput:
        """The decoder's output: colour [B,V,3,H,W], depth and alpha [B,V,H,W] seen from the cameras."""
        extrinsics = _batched(extrinsics, 3).to(gaussians.means)
        intrinsics = as_normalized_intrinsics(_batched(intrinsics, 3).to(gaussians.means), tuple(image_shape), intrinsics_units)
        return self.decoder(
            gaussians, extrinsics, intrinsics, _per_view(near, extrinsics), _per_view(far, extrinsics), tuple(image_shape)
        )


def from_checkpoint(
    path: str | Path | None,
    method: str = "depthsplat-small",
    device: str | torch.device = "cpu",
    strict: bool = True,
    preset: str | None = None,
    **encoder_overrides,
) -> FeedForwardSplatter:
    """Build ``method`` (a name of :mod:`splatbench.model.methods`: "depthsplat-small", "mvsplat",
    ...; the preset names "small", "base", "large", "tiny" still work, also as ``preset=``) and load ``path``.

    ``path`` may be any official full-model file (.pth raw or wrapped, Lightning .ckpt,
    .safetensors); ``None`` keeps the initial weights. Loading never unpickles code.
    """
    from splatbench.model.methods import decoder_config, get_method

    entry = get_method(preset or method)
    cfg = encoder_preset(entry.preset)
    adapter_keys = {f.name for f in dataclasses.fields(cfg.gaussian_adapter)}
    adapter = {k: encoder_overrides.pop(k) for k in list(encoder_overrides) if k in adapter_keys}
    cfg = dataclasses.replace(cfg, gaussian_adapter=dataclasses.replace(cfg.gaussian_adapter, **adapter), **encoder_overrides)
    model = FeedForwardSplatter(cfg, decoder_config(entry))
    if path is not None:
        load_pretrained_weights(model, path, kind="model", strict=strict)
    return model.to(device).eval()


def save_ply(
    gaussians: Gaussians, path: str | Path, min_opacity: float = 0.0, keep: Tensor | None = None, sh_degree: int | None = None
) -> int:
    """Write the first batch element as a standard 3DGS ``.ply``; return the number written.

    ``keep`` is a boolean mask over the Gaussians (e.g. ``splatbench.training.ply_export.border_mask``),
    ``min_opacity`` drops fainter ones, ``sh_degree`` keeps only the lower SH bands.
    """
    from splatbench.training.ply_export import export_gaussians_ply

    return export_gaussians_ply(gaussians, Path(path), keep, min_opacity=min_opacity, sh_degree=sh_degree)


def render_video(
    model: FeedForwardSplatter,
    gaussians: Gaussians,
    extrinsics: Float[Tensor, "view 4 4"],
    intrinsics: Float[Tensor, "view 3 3"],
    path: str | Path,
    image_shape: tuple[int, int],
    near: float = 0.5,
    far: float = 100.0,
    path_kind: str = "interpolate",
    num_frames: int = 60,
    fps: int = 30,
) -> int:
    """Render a camera path through the given views (normalised K) to an MP4, colour | depth
    side by side; ``path_kind`` is "interpolate" or "wobble". Returns the frame count."""
    from splatbench.reconstruct.video import CAMERA_PATHS, render_path_frames, write_mp4

    path_extrinsics, path_intrinsics = CAMERA_PATHS[path_kind](extrinsics.double().cpu(), intrinsics.double().cpu(), num_frames)
    frames = render_path_frames(model, gaussians, path_extrinsics, path_intrinsics, tuple(image_shape), near, far)
    write_mp4(frames, Path(path), fps=fps)
    return len(frames)
