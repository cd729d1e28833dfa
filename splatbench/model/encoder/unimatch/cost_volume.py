"""Plane-sweep cost volume: warp other views' features onto depth planes of the reference view and
correlate. Depth candidates are uniform in inverse depth (coarse scale) or a narrow band around an
upsampled coarse estimate (refinement scales)."""

from __future__ import annotations

import torch
import torch.nn.functional as F
from jaxtyping import Float
from torch import Tensor

# Above this many feature elements cuDNN's grid_sample fails (PyTorch issue #88380).
CUDNN_GRID_SAMPLE_LIMIT = 1_000_000


def pixel_grid(height: int, width: int, device: torch.device) -> Float[Tensor, "3 pixels"]:
    """Homogeneous integer pixel coordinates (x, y, 1), row-major."""
    y, x = torch.meshgrid(torch.arange(height), torch.arange(width), indexing="ij")
    return torch.stack([x, y, torch.ones_like(x)], dim=0).float().view(3, -1).to(device)


def warp_to_depth_planes(
    features: Float[Tensor, "batch channel height width"],
    intrinsics: Float[Tensor, "batch 3 3"],
    ref_to_other: Float[Tensor, "batch 4 4"],
    depth: Float[Tensor, "batch depth height width"],
    clamp_min_depth: float = 1e-3,
    disable_cudnn: bool = False,
) -> Float[Tensor, "batch channel depth height width"]:
    """Sample ``features`` (of the other view) at the projections of reference pixels lifted to
    each candidate depth; ``intrinsics`` are in pixels of the feature map."""
    b, d, h, w = depth.shape
    c = features.shape[1]
    with torch.no_grad():
        grid = pixel_grid(h, w, depth.device).unsqueeze(0).expand(b, 3, h * w)
        rays = torch.inverse(intrinsics).bmm(grid)
        points = torch.bmm(ref_to_other[:, :3, :3], rays).unsqueeze(2) * depth.view(b, 1, d, h * w)
        points = points + ref_to_other[:, :3, 3:].unsqueeze(-1)
        projected = torch.bmm(intrinsics, points.reshape(b, 3, -1)).view(b, 3, d, h * w)
        pixels = projected[:, :2] / projected[:, 2:].clamp(min=clamp_min_depth)
        x = 2 * pixels[:, 0] / (w - 1) - 1
        y = 2 * pixels[:, 1] / (h - 1) - 1
        sample_grid = torch.stack([x, y], dim=-1).view(b, d * h, w, 2)
    disable_cudnn = disable_cudnn or features.numel() > CUDNN_GRID_SAMPLE_LIMIT
    with torch.backends.cudnn.flags(enabled=not disable_cudnn):
        warped = F.grid_sample(
            features, sample_grid.to(features.dtype), mode="bilinear", padding_mode="zeros", align_corners=True
        )
    return warped.view(b, c, d, h, w)


def uniform_inverse_depth_candidates(
    min_inv_depth: Float[Tensor, " batch"], max_inv_depth: Float[Tensor, " batch"], num_candidates: int
) -> Float[Tensor, "batch depth 1 1"]:
    steps = torch.linspace(0, 1, num_candidates, device=min_inv_depth.device, dtype=min_inv_depth.dtype)
    span = (max_inv_depth - min_inv_depth).view(-1, 1, 1, 1)
    return min_inv_depth.view(-1, 1, 1, 1) + steps.view(1, -1, 1, 1) * span


def local_inverse_depth_candidates(
    coarse_inv_depth: Float[Tensor, "batch 1 height width"],
    min_inv_depth: Float[Tensor, " batch"],
    max_inv_depth: Float[Tensor, " batch"],
    num_candidates: int,
    num_coarse_candidates: int,
    scale_index: int,
) -> Float[Tensor, "batch depth height width"]:
    """``num_candidates`` planes around the coarse estimate, spaced at the coarse interval divided
    by 2**scale_index, clamped to the global range."""
    interval = (max_inv_depth - min_inv_depth) / (num_coarse_candidates - 1) / (2**scale_index)
    interval = interval.view(-1, 1, 1, 1)
    low = (coarse_inv_depth - interval * (num_candidates // 2)).clamp(min=min_inv_depth.view(-1, 1, 1, 1))
    high = (coarse_inv_depth + interval * (num_candidates // 2 - 1)).clamp(max=max_inv_depth.view(-1, 1, 1, 1))
    steps = torch.linspace(0, 1, num_candidates, device=coarse_inv_depth.device, dtype=coarse_inv_depth.dtype)
    return low + steps.view(1, -1, 1, 1) * (high - low)


def correlation_cost_volume(
    ref_features: Float[Tensor, "batch channel height width"],
    other_features: Float[Tensor, "batch others channel height width"],
    intrinsics: Float[Tensor, "batch 3 3"],
    ref_c2w: Float[Tensor, "batch 4 4"],
    other_c2w: Float[Tensor, "batch others 4 4"],
    inv_depth_candidates: Float[Tensor, "batch depth height width"],
    disable_cudnn: bool = False,
) -> Float[Tensor, "batch depth height width"]:
    """Mean over the other views of <ref feature, warped feature> / sqrt(C) per depth plane.

    Runs in float32 even under autocast: bf16 poses and projections would misplace the samples,
    and the C-term dot products feed a softmax over depth candidates."""
    with torch.autocast(device_type=ref_features.device.type, enabled=False):
        ref_features, other_features = ref_features.float(), other_features.float()
        b, m, c, h, w = other_features.shape
        d = inv_depth_candidates.shape[1]
        ref_to_other = torch.matmul(other_c2w.float().inverse(), ref_c2w.float().unsqueeze(1))  # [b, m, 4, 4]
        depth = (1.0 / inv_depth_candidates.float()).unsqueeze(1).expand(b, m, d, h, w).reshape(b * m, d, h, w)
        warped = warp_to_depth_planes(
            other_features.reshape(b * m, c, h, w),
            intrinsics.float().unsqueeze(1).expand(b, m, 3, 3).reshape(b * m, 3, 3),
            ref_to_other.reshape(b * m, 4, 4),
            depth,
            disable_cudnn=disable_cudnn,
        ).view(b, m, c, d, h, w)
        return ((ref_features.view(b, 1, c, 1, h, w) * warped).sum(2) / (c**0.5)).mean(1)
