"""VGGT's aggregator: DINOv2 patch tokens + camera/register tokens, then alternating attention.

Per frame the tokens are ``[camera, 4 registers, h*w patches]`` (``P = 5 + h*w``). The first
frame of a sequence gets slot 0 of ``camera_token`` / ``register_token``, every other frame slot 1.
Blocks run frame_0, global_0, frame_1, global_1, ...: a frame block attends within each frame, a
global block over all ``S * P`` tokens of the sequence. Layer ``i``'s output is the channel
concatenation [frame block i output | global block i output] (width ``2 * embed_dim``).

Memory: the reference keeps all 24 layer outputs in fp32. Here only the layers a head reads are
handed to a caller-supplied ``sink`` (:data:`LayerSink`), a few frames at a time, as soon as they
exist; nothing else outlives its block. The residual stream ``[B, S, P, C]`` (fp32) is updated in
place by the blocks' residual additions themselves. Everything except the attention itself
(norms, qkv, RoPE, projections, MLP) runs on ``chunk_frames`` frames at a time; a global block
first writes q, k and v of all frames into buffers in the attention dtype, runs one fused
attention over the whole sequence, then finishes chunk by chunk. Results equal the unchunked computation up to float
summation order. Every attention call goes through :class:`AttentionKernel` (``attention``: which
exact kernel; ``auto`` prefers cuDNN, then FlashAttention, on CUDA).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import torch
from jaxtyping import Float
from torch import Tensor, nn

from splatbench.model.vggt.attention import AttentionKernel
from splatbench.model.vggt.config import VGGTConfig
from splatbench.model.vggt.elementwise import ElementwiseOps, elementwise_ops
from splatbench.model.vggt.layers import Block, RopeTable, patch_positions
from splatbench.model.vggt.patch_embed import DinoWithRegisters

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)

# sink(layer, first_frame, frame_tokens, global_tokens): both token tensors [B, s, P, C] for the
# frames first_frame .. first_frame + s - 1 of layer ``layer``. They are views into working
# memory: a sink that keeps them must copy.
LayerSink = Callable[[int, int, Tensor, Tensor], None]


def _attention_dtype(device: torch.device, fallback: torch.dtype) -> torch.dtype:
    """The dtype ``scaled_dot_product_attention`` computes in here (autocast decides if active)."""
    if torch.is_autocast_enabled(device.type):
        return torch.get_autocast_dtype(device.type)
    return fallback


class Aggregator(nn.Module):
    def __init__(self, config: VGGTConfig, attention: str = "auto") -> None:
        super().__init__()
        self.config = config
        dim = config.embed_dim
        self.patch_embed = DinoWithRegisters(
            img_size=config.img_size, patch_size=config.patch_size, embed_dim=dim, depth=config.dino_depth,
            num_heads=config.dino_num_heads, num_register_tokens=config.num_register_tokens,
        )
        self.frame_blocks = nn.ModuleList(
            Block(dim, config.num_heads, config.mlp_ratio, qk_norm=True) for _ in range(config.depth)
        )
        self.global_blocks = nn.ModuleList(
            Block(dim, config.num_heads, config.mlp_ratio, qk_norm=True) for _ in range(config.depth)
        )
        self.camera_token = nn.Parameter(torch.zeros(1, 2, 1, dim))
        self.register_token = nn.Parameter(torch.zeros(1, 2, config.num_register_tokens, dim))
        self.attention = AttentionKernel(attention)
        self.elementwise = "auto"  # eager / compile / triton; auto: see splatbench.model.vggt.elementwise
        # No buffers: the model's whole state is its parameters, so it can be built on the meta
        # device and receive a checkpoint with load_state_dict(assign=True).

    def _special_tokens(self, batch: int, first_frame: int, count: int) -> Float[Tensor, "batch count special dim"]:
        """Camera + register tokens of frames first_frame .. first_frame + count - 1."""
        special = torch.cat([self.camera_token, self.register_token], dim=2)  # [1, 2, 5, C]
        slot = (torch.arange(first_frame, first_frame + count, device=special.device) > 0).long()
        return special[0, slot].unsqueeze(0).expand(batch, -1, -1, -1)

    @property
    def ops(self) -> ElementwiseOps:
        """The element-wise functions of the current ``elementwise`` mode (``auto``: for the parameters' device)."""
        return elementwise_ops(self.elementwise, self.camera_token.device)

    def embed(self, images: Float[Tensor, "batch frame 3 height width"], chunk_frames: int
              ) -> Float[Tensor, "batch frame token dim"]:
        """The initial token sequence (fp32), DINOv2 run on ``chunk_frames`` frames at a time."""
        batch, frames, _, height, width = images.shape
        patch = self.config.patch_size
        if height % patch or width % patch:
            raise ValueError(f"image size {height}x{width} is not a multiple of the patch size {patch}")
        count = self.config.patch_start + (height // patch) * (width // patch)
        tokens = torch.empty(batch, frames, count, self.config.embed_dim, device=images.device, dtype=torch.float32)
        mean = torch.tensor(IMAGENET_MEAN, device=images.device).view(3, 1, 1)
        std = torch.tensor(IMAGENET_STD, device=images.device).view(3, 1, 1)
        for start in range(0, frames, chunk_frames):
            stop = min(start + chunk_frames, frames)
            chunk = images[:, start:stop].float()
            chunk = ((chunk - mean) / std).flatten(0, 1)
            patches = self.patch_embed.patch_tokens(chunk, self.attention, self.ops)
            patches = patches.unflatten(0, (batch, stop - start))
            tokens[:, start:stop, : self.config.patch_start] = self._special_tokens(batch, start, stop - start)
            tokens[:, start:stop, self.config.patch_start:] = patches
        return tokens

    def forward(
        self,
        images: Float[Tensor, "batch frame 3 height width"],
        sink: LayerSink,
        keep_layers: Iterable[int] | None = None,
        chunk_frames: int = 8,
    ) -> None:
        """Run the aggregator on images in [0, 1]; layers in ``keep_layers`` (default: those the
        heads read) are passed to ``sink`` chunk by chunk."""
        config = self.config
        keep = set(config.kept_layers if keep_layers is None else keep_layers)
        chunk_frames = max(1, int(chunk_frames))
        batch, frames, _, height, width = images.shape
        tokens = self.embed(images, chunk_frames)
        positions = patch_positions(height // config.patch_size, width // config.patch_size,
                                    config.patch_start, device=images.device)
        rope = RopeTable(positions, config.embed_dim // config.num_heads, config.rope_frequency)
        for layer in range(config.depth):
            self._frame_block(self.frame_blocks[layer], tokens, rope, chunk_frames)
            self._global_block(self.global_blocks[layer], tokens, rope, chunk_frames,
                               (lambda start, f, g, layer=layer: sink(layer, start, f, g)) if layer in keep else None)

    def _frame_block(self, block: Block, tokens: Tensor, rope: RopeTable, chunk_frames: int) -> None:
        batch, frames, count, dim = tokens.shape
        for start in range(0, frames, chunk_frames):
            stop = min(start + chunk_frames, frames)
            x = tokens[:, start:stop]  # a view: finish() updates the residual stream in place
            query, key, value = (t.flatten(0, 1).transpose(1, 2) for t in block.qkv(x, rope, self.ops))
            attended = self.attention(query, key, value).transpose(1, 2).flatten(-2)
            block.finish(x, attended.unflatten(0, (batch, stop - start)), in_place=True, ops=self.ops)

    def _global_block(self, block: Block, tokens: Tensor, rope: RopeTable, chunk_frames: int,
                      emit: Callable[[int, Tensor, Tensor], None] | None) -> None:
        batch, frames, count, dim = tokens.shape
        heads = block.attn.num_heads
        dtype = _attention_dtype(tokens.device, tokens.dtype)
        # [B, head, S, P, head_dim]: viewed as one sequence of S * P tokens per batch entry.
        buffers = [tokens.new_empty(batch, heads, frames, count, dim // heads, dtype=dtype) for _ in range(3)]
        for start in range(0, frames, chunk_frames):
            stop = min(start + chunk_frames, frames)
            # q, k and v of these frames written straight into the buffers ([B, s, P, head, head_dim] views)
            out = tuple(buffer[:, :, start:stop].permute(0, 2, 3, 1, 4) for buffer in buffers)
            block.qkv(tokens[:, start:stop], rope, self.ops, out=out)
        query, key, value = (buffer.flatten(2, 3) for buffer in buffers)
        attended = self.attention(query, key, value)
        del query, key, value, buffers
        attended = attended.unflatten(2, (frames, count))
        for start in range(0, frames, chunk_frames):
            stop = min(start + chunk_frames, frames)
            x = tokens[:, start:stop]
            merged = attended[:, :, start:stop].permute(0, 2, 3, 1, 4).flatten(-2)
            if emit is None:
                block.finish(x, merged, in_place=True, ops=self.ops)
            else:  # the sink needs this layer's frame-block output (x) next to the global one
                out = block.finish(x, merged, ops=self.ops)
                emit(start, x, out)
                x.copy_(out)

    def layer_outputs(self, images: Float[Tensor, "batch frame 3 height width"], layers: Iterable[int] | None = None,
                      chunk_frames: int = 8) -> dict[int, Float[Tensor, "batch frame token dim2"]]:
        """The full outputs of ``layers`` (default all), as the reference returns them. For tests:
        this keeps what :meth:`forward` avoids keeping."""
        layers = range(self.config.depth) if layers is None else layers
        batch, frames = images.shape[:2]
        outputs: dict[int, Tensor] = {}

        def collect(layer: int, start: int, frame_tokens: Tensor, global_tokens: Tensor) -> None:
            if layer not in outputs:
                outputs[layer] = frame_tokens.new_empty(batch, frames, frame_tokens.shape[2], 2 * frame_tokens.shape[3])
            outputs[layer][:, start:start + frame_tokens.shape[1]] = torch.cat([frame_tokens, global_tokens], dim=-1)

        self(images, collect, keep_layers=layers, chunk_frames=chunk_frames)
        return outputs
