"""VGGT (camera + depth): images of one scene -> per-frame cameras, depth and confidence.

``VGGT(config)(images)`` takes ``[S, 3, H, W]`` or ``[B, S, 3, H, W]`` images in [0, 1] (H and W
multiples of 14; see :mod:`splatbench.model.vggt.preprocess`) and returns a
:class:`VGGTPrediction`. The point and track heads of the release are not built.

Precision: with ``compute_dtype=torch.bfloat16`` the aggregator runs under autocast (matmuls,
convolutions and attention in bf16; norms, residual stream and the returned tokens in fp32,
as in the reference) and the heads always run in fp32 without autocast.
:meth:`VGGT.store_aggregator_weights` keeps the aggregator's linear/conv weights in bf16
(autocast would cast them on every call anyway), halving their memory.

Memory: the aggregator hands each layer a head reads to the heads while it runs; the DPT head
projects it to its (narrower) level map at once and the camera head keeps only the camera token,
so no layer output is kept whole. The DPT decoder then runs ``head_chunk_frames`` frames at a time.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from jaxtyping import Float
from torch import Tensor, nn

from splatbench.model.vggt.aggregator import Aggregator
from splatbench.model.vggt.camera_head import CameraHead
from splatbench.model.vggt.config import VGGTConfig
from splatbench.model.vggt.dpt_head import DPTHead
from splatbench.model.vggt.pose_encoding import pose_encoding_to_cameras


@dataclass
class VGGTPrediction:
    """Outputs for ``B`` sequences of ``S`` frames at the input size ``H x W``.

    pose_encoding:  [B, S, 9]     last refinement round (t, q xyzw, fov_h, fov_w)
    pose_encodings: list of [B, S, 9], one per refinement round
    extrinsics:     [B, S, 3, 4]  world-to-camera (OpenCV), world = first camera (learned, ~identity)
    intrinsics:     [B, S, 3, 3]  pixels at H x W, principal point (W/2, H/2)
    depth:          [B, S, H, W]  z in each camera, in VGGT's normalised scene scale
    depth_conf:     [B, S, H, W]  >= 1
    """

    pose_encoding: Float[Tensor, "batch frame 9"]
    pose_encodings: list[Tensor]
    extrinsics: Float[Tensor, "batch frame 3 4"]
    intrinsics: Float[Tensor, "batch frame 3 3"]
    depth: Float[Tensor, "batch frame height width"]
    depth_conf: Float[Tensor, "batch frame height width"]


class VGGT(nn.Module):
    def __init__(self, config: VGGTConfig | None = None) -> None:
        super().__init__()
        self.config = config = config or VGGTConfig()
        self.aggregator = Aggregator(config)
        self.camera_head = CameraHead(config.head_dim, config.camera_trunk_depth, config.camera_num_heads,
                                      config.camera_iterations)
        self.depth_head = DPTHead(config.head_dim, config.dpt_features, config.dpt_out_channels,
                                  output_dim=2, patch_size=config.patch_size)

    def store_aggregator_weights(self, dtype: torch.dtype) -> VGGT:
        """Keep the aggregator's linear and convolution weights in ``dtype`` (norm scales, layer
        scales and tokens stay fp32). With bf16 weights only bf16/fp16 compute is possible."""
        for module in self.aggregator.modules():
            if isinstance(module, (nn.Linear, nn.Conv2d)):
                module.to(dtype)
        return self

    @torch.inference_mode()
    def forward(
        self,
        images: Float[Tensor, "*batch frame 3 height width"],
        compute_dtype: torch.dtype = torch.float32,
        chunk_frames: int = 16,
        head_chunk_frames: int = 8,
    ) -> VGGTPrediction:
        if images.ndim == 4:
            images = images.unsqueeze(0)
        if images.ndim != 5 or images.shape[2] != 3:
            raise ValueError(f"images must be [S, 3, H, W] or [B, S, 3, H, W], got {tuple(images.shape)}")
        config = self.config
        batch, frames, _, height, width = images.shape
        patch = config.patch_size
        if height % patch or width % patch:
            raise ValueError(f"image size {height}x{width} is not a multiple of the patch size {patch}")
        weight_dtype = self.aggregator.frame_blocks[0].attn.qkv.weight.dtype
        if compute_dtype == torch.float32 and weight_dtype != torch.float32:
            raise ValueError(f"aggregator weights are stored in {weight_dtype}; fp32 compute needs fp32 weights")
        rows, cols = height // patch, width // patch
        device = images.device
        start_patch = config.patch_start
        level_of_layer = {layer: level for level, layer in enumerate(config.dpt_layers)}
        levels = [torch.empty(batch, frames, channels, rows, cols, device=device)
                  for channels in config.dpt_out_channels]
        camera_tokens = torch.empty(batch, frames, config.head_dim, device=device)

        def sink(layer: int, start: int, frame_tokens: Tensor, global_tokens: Tensor) -> None:
            stop = start + frame_tokens.shape[1]
            with torch.autocast(device.type, enabled=False):
                if layer in level_of_layer:
                    patches = torch.cat([frame_tokens[:, :, start_patch:], global_tokens[:, :, start_patch:]], dim=-1)
                    projected = self.depth_head.project(level_of_layer[layer], patches.flatten(0, 1), rows, cols)
                    levels[level_of_layer[layer]][:, start:stop] = projected.unflatten(0, (batch, stop - start))
                if layer == config.depth - 1:
                    camera_tokens[:, start:stop] = torch.cat([frame_tokens[:, :, 0], global_tokens[:, :, 0]], dim=-1)

        low_precision = compute_dtype != torch.float32
        with torch.autocast(device.type, dtype=compute_dtype if low_precision else None, enabled=low_precision):
            self.aggregator(images, sink, chunk_frames=chunk_frames)

        with torch.autocast(device.type, enabled=False):
            pose_encodings = self.camera_head(camera_tokens)
            depth = torch.empty(batch, frames, height, width, device=device)
            depth_conf = torch.empty_like(depth)
            step = max(1, int(head_chunk_frames))
            for start in range(0, frames, step):
                stop = min(start + step, frames)
                chunk = [level[:, start:stop].flatten(0, 1) for level in levels]
                chunk_depth, chunk_conf = self.depth_head.decode(chunk, height, width)
                depth[:, start:stop] = chunk_depth.unflatten(0, (batch, stop - start))
                depth_conf[:, start:stop] = chunk_conf.unflatten(0, (batch, stop - start))
            extrinsics, intrinsics = pose_encoding_to_cameras(pose_encodings[-1], height, width)
        return VGGTPrediction(pose_encodings[-1], pose_encodings, extrinsics, intrinsics, depth, depth_conf)
