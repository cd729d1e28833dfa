"""VGGT's camera head: iterative refinement of a 9-value pose encoding per frame.

Input: the camera token of the last aggregator layer, ``[B, S, 2C]``, normalised by
``token_norm``. Each of ``iterations`` rounds embeds the current encoding (a learned empty
encoding in round 1), turns it into shift / scale / gate (adaLN, ``poseLN_modulation``), modulates
the *same* normalised tokens, runs the 4-block ``trunk`` (attention across the frames of a
sequence), and adds ``pose_branch(trunk_norm(.))`` to the raw encoding. The output of a round is
the raw encoding with ReLU on the two field-of-view values; translation and quaternion are linear.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from jaxtyping import Float
from torch import Tensor, nn

from splatbench.model.vggt.layers import Block, Mlp

POSE_ENCODING_SIZE = 9  # translation (3), quaternion x y z w (4), fov_h, fov_w


class CameraHead(nn.Module):
    def __init__(self, dim: int, trunk_depth: int = 4, num_heads: int = 16, iterations: int = 4) -> None:
        super().__init__()
        self.iterations = iterations
        self.trunk = nn.Sequential(*(Block(dim, num_heads, mlp_ratio=4.0) for _ in range(trunk_depth)))
        self.token_norm = nn.LayerNorm(dim)
        self.trunk_norm = nn.LayerNorm(dim)
        self.empty_pose_tokens = nn.Parameter(torch.zeros(1, 1, POSE_ENCODING_SIZE))
        self.embed_pose = nn.Linear(POSE_ENCODING_SIZE, dim)
        self.poseLN_modulation = nn.Sequential(nn.SiLU(), nn.Linear(dim, 3 * dim))
        self.adaln_norm = nn.LayerNorm(dim, elementwise_affine=False, eps=1e-6)
        self.pose_branch = Mlp(dim, dim // 2, POSE_ENCODING_SIZE)

    def forward(self, camera_tokens: Float[Tensor, "batch frame dim"]) -> list[Float[Tensor, "batch frame 9"]]:
        """Pose encodings after each refinement round (the last one is the prediction)."""
        tokens = self.token_norm(camera_tokens)
        normed = self.adaln_norm(tokens)
        raw = None
        encodings = []
        for _ in range(self.iterations):
            previous = self.empty_pose_tokens.expand(*tokens.shape[:2], -1) if raw is None else raw
            shift, scale, gate = self.poseLN_modulation(self.embed_pose(previous)).chunk(3, dim=-1)
            modulated = gate * (normed * (1 + scale) + shift) + tokens
            delta = self.pose_branch(self.trunk_norm(self.trunk(modulated)))
            raw = delta if raw is None else raw + delta
            encodings.append(torch.cat([raw[..., :7], F.relu(raw[..., 7:])], dim=-1))
        return encodings
