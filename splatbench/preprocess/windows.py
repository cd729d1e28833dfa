"""Overlapping windows for scenes longer than one backend pass, and their similarity alignment.

A scene of N frames and a backend that takes at most M frames per pass is covered by windows of M
consecutive frames whose starts advance by ``M - overlap``; the last window ends at frame N. Every window
comes back in its own arbitrary frame and scale, so window k is aligned to the frames already merged by a
similarity (Umeyama, scale included) fitted on the frames they share. Each shared frame contributes four
points: its camera centre and the centre plus d times each camera axis, d being the frame's typical depth in
that window. The axis points pin down the rotation even when the shared centres are (nearly) collinear, and
they scale with the scene, so the fit stays a similarity. Shared frames keep the values merged first.

The alignment residual of a window is the RMS distance between the aligned and the merged points divided by
the RMS spread of the merged points about their mean (scale-free: 0 = perfect agreement).
"""

from __future__ import annotations

import torch
from torch import Tensor

from splatbench.geometry.rotation import similarity_transform_poses, umeyama
from splatbench.preprocess.backends import PoseBackendFailure, PoseEstimate

MIN_SHARED_FRAMES = 2


def plan_windows(num_frames: int, max_frames: int | None, overlap: int) -> list[range]:
    """Frame ranges covering ``range(num_frames)``; consecutive windows share at least ``overlap`` frames."""
    if max_frames is None or num_frames <= max_frames:
        return [range(num_frames)]
    if not 0 < overlap < max_frames:
        raise ValueError(f"window overlap must be in [1, {max_frames - 1}] for {max_frames} frames per pass, got {overlap}")
    step = max_frames - overlap
    starts = [0]
    while starts[-1] + max_frames < num_frames:
        starts.append(min(starts[-1] + step, num_frames - max_frames))
    return [range(start, start + max_frames) for start in starts]


def _anchor_points(extrinsics: Tensor, depth_range: Tensor) -> Tensor:
    """[F, 4, 3] points per frame: camera centre and centre + d * (x, y, z camera axes), d = mean depth."""
    extrinsics = extrinsics.to(torch.float64)
    scale = depth_range.to(torch.float64).mean(-1)  # (max + min) / 2
    centres = extrinsics[:, :3, 3]
    axes = extrinsics[:, :3, :3].transpose(-1, -2)  # rows: camera x, y, z axes in world coordinates
    return torch.cat((centres[:, None], centres[:, None] + scale[:, None, None] * axes), dim=1)


def _empty_like(estimate: PoseEstimate, num_frames: int) -> PoseEstimate:
    def blank(value: Tensor | None) -> Tensor | None:
        if value is None:
            return None
        return torch.full((num_frames, *value.shape[1:]), float("nan"), dtype=value.dtype)

    return PoseEstimate(
        extrinsics=blank(estimate.extrinsics),
        intrinsics=blank(estimate.intrinsics),
        depth_range=blank(estimate.depth_range),
        valid=torch.zeros(num_frames, dtype=torch.bool),
        depth=blank(estimate.depth),
        confidence=blank(estimate.confidence),
    )


def merge_windows(windows: list[range], estimates: list[PoseEstimate], num_frames: int) -> tuple[PoseEstimate, list[float]]:
    """One estimate for the whole scene in the first window's frame; the residual of each aligned window."""
    merged = _empty_like(estimates[0], num_frames)
    residuals: list[float] = []
    for number, (window, estimate) in enumerate(zip(windows, estimates)):
        indices = torch.tensor(list(window), dtype=torch.int64)
        valid = estimate.valid.bool()
        extrinsics = estimate.extrinsics.to(torch.float64)
        depth_range = estimate.depth_range.to(torch.float64)
        depth = estimate.depth
        if number > 0:
            shared = merged.valid[indices] & valid
            if int(shared.sum()) < MIN_SHARED_FRAMES:
                raise PoseBackendFailure(
                    f"windows {number - 1} and {number} share {int(shared.sum())} estimated frame(s); "
                    f"need {MIN_SHARED_FRAMES} to align them (raise the window overlap)"
                )
            source = _anchor_points(extrinsics[shared], depth_range[shared]).reshape(-1, 3)
            target = _anchor_points(merged.extrinsics[indices[shared]], merged.depth_range[indices[shared]]).reshape(-1, 3)
            scale, rotation, translation = umeyama(source, target)
            if not scale > 0:
                raise PoseBackendFailure(f"window {number}: degenerate alignment (scale {scale})")
            aligned = scale * source @ rotation.T + translation
            spread = (target - target.mean(0)).square().sum(-1).mean().sqrt()
            residuals.append(float((aligned - target).square().sum(-1).mean().sqrt() / spread.clamp(min=1e-12)))
            extrinsics = similarity_transform_poses(extrinsics, scale, rotation, translation)
            depth_range = depth_range * scale
            depth = None if depth is None else depth * scale
        new = valid & ~merged.valid[indices]
        targets = indices[new]
        merged.extrinsics[targets] = extrinsics[new].to(merged.extrinsics.dtype)
        merged.intrinsics[targets] = estimate.intrinsics[new].to(merged.intrinsics.dtype)
        merged.depth_range[targets] = depth_range[new].to(merged.depth_range.dtype)
        if merged.depth is not None and depth is not None:
            merged.depth[targets] = depth[new].to(merged.depth.dtype)
        if merged.confidence is not None and estimate.confidence is not None:
            merged.confidence[targets] = estimate.confidence[new].to(merged.confidence.dtype)
        merged.valid[targets] = True
    return merged, residuals
