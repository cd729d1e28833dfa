"""Camera paths through the context views and MP4 writing (colour | depth side by side).

Paths are OpenCV camera-to-world [N, 4, 4] with normalised K [N, 3, 3], float64:

* ``interpolate``: through the given views in their order; positions linear, rotations slerp,
  intrinsics linear; ``num_frames`` spread evenly over the segments.
* ``wobble``: the middle of the views' centres, looking along their mean direction, moved on a
  circle in its image plane (radius a quarter of the largest distance between views).

MP4s are H.264 / yuv420p through imageio-ffmpeg's bundled ffmpeg binary (no system ffmpeg).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

import numpy as np
import torch
from jaxtyping import Float
from scipy.spatial.transform import Rotation, Slerp
from torch import Tensor

CameraPath = tuple[Float[Tensor, "frame 4 4"], Float[Tensor, "frame 3 3"]]


def _pose(rotation: np.ndarray, position: np.ndarray) -> np.ndarray:
    pose = np.eye(4)
    pose[:3, :3], pose[:3, 3] = rotation, position
    return pose


def interpolate_path(
    extrinsics: Float[Tensor, "view 4 4"], intrinsics: Float[Tensor, "view 3 3"], num_frames: int
) -> CameraPath:
    """``num_frames`` cameras from the first view to the last through every view in between."""
    poses = extrinsics.double().cpu().numpy()
    ks = intrinsics.double().cpu().numpy()
    knots = np.arange(len(poses), dtype=np.float64)
    times = np.linspace(0, len(poses) - 1, num_frames)
    rotations = Slerp(knots, Rotation.from_matrix(poses[:, :3, :3]))(times).as_matrix()
    positions = np.stack([np.interp(times, knots, poses[:, i, 3]) for i in range(3)], axis=-1)
    k_path = np.stack([np.interp(times, knots, ks[:, r, c]) for r in range(3) for c in range(3)], -1).reshape(-1, 3, 3)
    path = np.stack([_pose(r, p) for r, p in zip(rotations, positions)])
    return torch.from_numpy(path), torch.from_numpy(k_path)


def wobble_path(
    extrinsics: Float[Tensor, "view 4 4"], intrinsics: Float[Tensor, "view 3 3"], num_frames: int
) -> CameraPath:
    """One full circle of ``num_frames`` cameras around the views' middle, in its image plane."""
    poses = extrinsics.double().cpu().numpy()
    centres = poses[:, :3, 3]
    rotation = Rotation.from_matrix(poses[:, :3, :3]).mean().as_matrix()
    middle = centres.mean(axis=0)
    spread = max(float(np.linalg.norm(centres[:, None] - centres[None], axis=-1).max()), 1e-6)
    radius = 0.25 * spread
    angles = np.linspace(0, 2 * np.pi, num_frames, endpoint=False)
    path = np.stack(
        [_pose(rotation, middle + radius * (np.cos(a) * rotation[:, 0] + np.sin(a) * rotation[:, 1])) for a in angles]
    )
    k = intrinsics.double().cpu().numpy().mean(axis=0)
    return torch.from_numpy(path), torch.from_numpy(np.repeat(k[None], num_frames, axis=0))


CAMERA_PATHS: dict[str, Callable[[Tensor, Tensor, int], CameraPath]] = {
    "interpolate": interpolate_path,
    "wobble": wobble_path,
}


def colorize_disparity(depth: np.ndarray, vmin: float, vmax: float) -> np.ndarray:
    """Plasma colours of 1/depth on a fixed [vmin, vmax] (one range for a whole video: no flicker)."""
    from matplotlib import colormaps

    disparity = 1.0 / np.maximum(depth, 1e-6)
    scaled = np.clip((disparity - vmin) / max(vmax - vmin, 1e-12), 0, 1)
    return (colormaps["plasma"](scaled)[..., :3] * 255).astype(np.uint8)


def disparity_range(depths: np.ndarray) -> tuple[float, float]:
    """The test-mode colouring's range (min, 95th percentile of 1/depth) over all frames."""
    disparity = 1.0 / np.maximum(depths, 1e-6)
    return float(disparity.min()), float(np.percentile(disparity, 95))


def to_uint8(images: np.ndarray) -> np.ndarray:
    """[..., 3, H, W] floats in [0, 1] -> [..., H, W, 3] uint8, truncating as test-mode PNGs do."""
    return (np.clip(images, 0, 1) * 255).astype(np.uint8).swapaxes(-3, -1).swapaxes(-3, -2)


@torch.no_grad()
def render_path_frames(
    model,
    gaussians,
    extrinsics: Float[Tensor, "frame 4 4"],
    intrinsics: Float[Tensor, "frame 3 3"],
    image_shape: tuple[int, int],
    near: float,
    far: float,
    chunk: int = 8,
    with_depth: bool = True,
    progress: bool = False,
) -> list[np.ndarray]:
    """Render every camera of a path; frames are uint8 [H, W(*2), 3], colour | depth."""
    from tqdm import tqdm

    device = gaussians.means.device
    colors, depths = [], []
    starts = range(0, extrinsics.shape[0], chunk)
    for start in tqdm(starts, desc="rendering video", unit="chunk", disable=not progress):
        output = model.render(
            gaussians,
            extrinsics[start : start + chunk].float().to(device),
            intrinsics[start : start + chunk].float().to(device),
            image_shape,
            near=near,
            far=far,
            intrinsics_units="normalized",
        )
        colors.append(output.color[0].float().cpu().numpy())
        depths.append(output.depth[0].float().cpu().numpy())
    color = to_uint8(np.concatenate(colors))
    if not with_depth:
        return list(color)
    depth = np.concatenate(depths)
    vmin, vmax = disparity_range(depth)
    return [np.concatenate([c, colorize_disparity(d, vmin, vmax)], axis=1) for c, d in zip(color, depth)]


def write_mp4(frames: list[np.ndarray], path: Path, fps: int = 30, quality_crf: int = 18) -> Path:
    """H.264 MP4 of equally sized uint8 RGB frames, written atomically (odd sizes are padded
    by one black row / column: yuv420p needs even sizes)."""
    import imageio_ffmpeg

    if not frames:
        raise ValueError(f"{path}: no frames to write")
    height, width = frames[0].shape[:2]
    pad_h, pad_w = height % 2, width % 2
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.tmp{path.suffix}")
    writer = imageio_ffmpeg.write_frames(
        str(tmp),
        (width + pad_w, height + pad_h),
        fps=fps,
        codec="libx264",
        pix_fmt_out="yuv420p",
        macro_block_size=1,
        output_params=["-crf", str(quality_crf)],
        ffmpeg_log_level="error",
    )
    try:
        writer.send(None)
        for frame in frames:
            if frame.shape[:2] != (height, width):
                raise ValueError(f"{path}: frame of size {frame.shape[:2]} in a {height}x{width} video")
            writer.send(np.ascontiguousarray(np.pad(frame, ((0, pad_h), (0, pad_w), (0, 0)))))
        writer.close()
        os.replace(tmp, path)
    finally:
        writer.close()
        tmp.unlink(missing_ok=True)
    return path


def read_mp4_info(path: Path) -> tuple[int, tuple[int, int]]:
    """(frame count, (width, height)) decoded back from an MP4."""
    import imageio_ffmpeg

    reader = imageio_ffmpeg.read_frames(str(path))
    meta = reader.__next__()
    count = sum(1 for _ in reader)
    return count, tuple(meta["size"])
