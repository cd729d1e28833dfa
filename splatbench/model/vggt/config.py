"""Sizes of a VGGT model: the released VGGT-1B and a tiny variant for CPU tests.

``VGGTConfig()`` is VGGT-1B (``facebook/VGGT-1B``): a DINOv2 ViT-L/14 with 4 registers as patch
embedder, 24 frame + 24 global attention blocks of width 1024, a camera head with a 4-block trunk
of width 2048 and a DPT depth head reading aggregator layers 4, 11, 17 and 23.
``VGGT_PRESETS["tiny"]`` keeps every mechanism (position-embedding resize, registers, RoPE, QK-norm,
iterative camera refinement, all four DPT levels) at sizes that run in milliseconds on a CPU.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class VGGTConfig:
    img_size: int = 518  # the position embedding covers (img_size / patch_size)^2 patches
    patch_size: int = 14
    embed_dim: int = 1024
    depth: int = 24  # frame blocks (and as many global blocks)
    num_heads: int = 16
    mlp_ratio: float = 4.0
    num_register_tokens: int = 4
    rope_frequency: float = 100.0
    dino_depth: int = 24
    dino_num_heads: int = 16
    camera_trunk_depth: int = 4
    camera_num_heads: int = 16
    camera_iterations: int = 4
    dpt_features: int = 256
    dpt_out_channels: tuple[int, int, int, int] = (256, 512, 1024, 1024)
    dpt_layers: tuple[int, int, int, int] = (4, 11, 17, 23)

    def __post_init__(self) -> None:
        if self.embed_dim % self.num_heads or (self.embed_dim // self.num_heads) % 4:
            raise ValueError(
                f"embed_dim {self.embed_dim} / num_heads {self.num_heads} must be a multiple of 4 (2D RoPE)"
            )
        if len(self.dpt_layers) != 4 or not all(0 <= i < self.depth for i in self.dpt_layers):
            raise ValueError(f"dpt_layers {self.dpt_layers} must be 4 indices below depth {self.depth}")

    @property
    def head_dim(self) -> int:
        """Width of the heads, which read [frame output | global output] of a layer."""
        return 2 * self.embed_dim

    @property
    def patch_start(self) -> int:
        """Index of the first patch token of a frame: [camera, registers..., patches...]."""
        return 1 + self.num_register_tokens

    @property
    def kept_layers(self) -> tuple[int, ...]:
        """Aggregator layers any head reads: the DPT levels and the last layer (camera)."""
        return tuple(sorted(set(self.dpt_layers) | {self.depth - 1}))


VGGT_PRESETS: dict[str, VGGTConfig] = {
    "vggt-1b": VGGTConfig(),
    "tiny": VGGTConfig(
        img_size=70,
        embed_dim=64,
        depth=5,
        num_heads=4,
        dino_depth=2,
        dino_num_heads=4,
        camera_trunk_depth=2,
        camera_num_heads=4,
        dpt_features=32,
        dpt_out_channels=(16, 32, 64, 64),
        dpt_layers=(1, 2, 3, 4),
    ),
}


def vggt_preset(name: str) -> VGGTConfig:
    try:
        return VGGT_PRESETS[name]
    except KeyError:
        raise ValueError(f"unknown VGGT preset {name!r}; choose from {', '.join(VGGT_PRESETS)}") from None
