"""The example dataset, built on demand: procedural textured rooms plus the Middlebury stereo pair.

Synthetic scenes are rooms (axis-aligned boxes, textured walls, floor, ceiling and box-shaped
objects on the floor) rendered by an exact ray caster, so every pixel's z-depth is known. Cameras
follow RealEstate10K-like paths: walking forward while slowly turning, with a little bob. Frames
are JPEG-encoded and written in the chunk format (``train/``, ``test/``, ``index.json`` each)
together with ``evaluation_index.json`` for the test split. Each scene also carries
``depth_maps`` (float16 z-depth), ``vggt_camera`` and ``depth`` keys that imitate the study's
VGGT-processed chunks (poses re-expressed relative to frame 0, rescaled and slightly perturbed,
deterministically), so ``pose_source=vggt`` / ``near_far_source=depth_range`` run end to end.

The real Middlebury 2014 "motorcycle" stereo pair shipped inside scikit-image (ground-truth
disparity, calibration from skimage's docstring) is written as one two-frame scene with dense
depth under ``middlebury/test/`` (a separate root, because its frames are 500x741).

World frame: OpenCV-like, +Y down (the floor is at positive y), cameras start looking along +Z.
"""

from __future__ import annotations

import io
import logging
import math
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from PIL import Image
from tqdm import tqdm

from splatbench.data.evaluation_index import generate_evaluation_index
from splatbench.geometry.camera import w2c_to_camera_vectors
from splatbench.data.writer import (
    EVALUATION_INDEX_NAME,
    SplitWriter,
    WriteMode,
    check_output_root,
    existing_content,
    merge_evaluation_index,
    write_split,
)
from splatbench.geometry.rotation import axis_rotation

logger = logging.getLogger(__name__)

ROOM_MIN = np.array([-3.0, -1.4, -3.0])
ROOM_MAX = np.array([3.0, 1.2, 6.0])
MIDDLEBURY_FOCAL_PX = 994.978
MIDDLEBURY_CX_PX = 311.193
MIDDLEBURY_CY_PX = 254.877
MIDDLEBURY_DOFFS_PX = 31.086
MIDDLEBURY_BASELINE_M = 0.193001


@dataclass
class Surface:
    """An axis-aligned box; ``inside`` marks the room (rays hit its inner walls)."""

    box_min: np.ndarray
    box_max: np.ndarray
    colors: np.ndarray  # [6, 3] one base colour per face (-x, +x, -y, +y, -z, +z)
    frequencies: np.ndarray  # [6, 2] texture frequencies per face
    inside: bool = False


def _random_room(rng: np.random.Generator) -> list[Surface]:
    def surface(box_min, box_max, inside=False) -> Surface:
        return Surface(
            np.asarray(box_min, dtype=np.float64),
            np.asarray(box_max, dtype=np.float64),
            rng.uniform(0.15, 0.95, size=(6, 3)),
            rng.uniform(1.0, 4.0, size=(6, 2)),
            inside,
        )

    surfaces = [surface(ROOM_MIN, ROOM_MAX, inside=True)]
    for _ in range(int(rng.integers(3, 6))):
        size = rng.uniform([0.4, 0.4, 0.4], [1.3, 1.6, 1.3])
        side = rng.choice([-1.0, 1.0])
        if rng.random() < 0.5:  # along a side wall
            x = side * rng.uniform(1.6, 2.9 - size[0] / 2)
            z = rng.uniform(-2.5, 5.5)
        else:  # in the far half of the room
            x = rng.uniform(-2.5, 2.5)
            z = rng.uniform(2.6, 5.4)
        low = np.array([x - size[0] / 2, ROOM_MAX[1] - size[1], z - size[2] / 2])
        high = np.array([x + size[0] / 2, ROOM_MAX[1], z + size[2] / 2])
        surfaces.append(surface(np.maximum(low, ROOM_MIN + 0.05), np.minimum(high, ROOM_MAX - 0.05)))
    return surfaces


def _texture(points: np.ndarray, axis: np.ndarray, face_colors: np.ndarray, face_freqs: np.ndarray) -> np.ndarray:
    """View-independent albedo from the hit point's in-plane coordinates (checker + waves)."""
    u_axis = np.where(axis == 0, 2, 0)
    v_axis = np.where(axis == 1, 2, 1)
    rows = np.arange(len(points))
    u, v = points[rows, u_axis], points[rows, v_axis]
    fu, fv = face_freqs[:, 0], face_freqs[:, 1]
    checker = (np.floor(u * fu) + np.floor(v * fv)) % 2
    waves = 0.5 + 0.5 * np.sin(3.0 * fu * u + 2.0 * fv * v) * np.cos(1.7 * fv * u - 2.3 * fu * v)
    pattern = 0.55 + 0.3 * checker + 0.15 * waves
    tint = np.stack([np.ones_like(u), 0.8 + 0.2 * waves, 0.9 + 0.1 * checker], axis=-1)
    return np.clip(face_colors * pattern[:, None] * tint, 0.0, 1.0)


def ray_cast(
    surfaces: list[Surface], origins: np.ndarray, directions: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Colour [R, 3] and ray parameter t [R] of the nearest hit (directions need not be unit)."""
    num_rays = len(directions)
    best_t = np.full(num_rays, np.inf, dtype=directions.dtype)
    best_color = np.zeros((num_rays, 3), dtype=directions.dtype)
    safe = np.where(np.abs(directions) < 1e-12, 1e-12, directions).astype(directions.dtype)
    for surface in surfaces:
        t0 = (surface.box_min.astype(directions.dtype) - origins) / safe
        t1 = (surface.box_max.astype(directions.dtype) - origins) / safe
        near, far = np.minimum(t0, t1), np.maximum(t0, t1)
        if surface.inside:
            t_hit = far.min(axis=1)
            axis = far.argmin(axis=1)
            positive_side = np.take_along_axis(safe, axis[:, None], 1)[:, 0] > 0
        else:
            t_enter, t_exit = near.max(axis=1), far.min(axis=1)
            t_hit = np.where((t_enter <= t_exit) & (t_enter > 1e-6), t_enter, np.inf)
            axis = near.argmax(axis=1)
            positive_side = np.take_along_axis(safe, axis[:, None], 1)[:, 0] < 0
        closer = t_hit < best_t
        if not closer.any():
            continue
        face = axis * 2 + positive_side.astype(np.int64)
        points = origins[closer] + directions[closer] * t_hit[closer, None]
        best_color[closer] = _texture(points, axis[closer], surface.colors[face[closer]], surface.frequencies[face[closer]])
        best_t[closer] = t_hit[closer]
    return best_color, best_t


def _yaw_pitch_matrix(yaw: float, pitch: float) -> np.ndarray:
    """Camera-to-world rotation: yaw about world Y, then pitch about camera X."""
    yaw_pitch = axis_rotation("y", torch.tensor(yaw, dtype=torch.float64)) @ axis_rotation("x", torch.tensor(pitch, dtype=torch.float64))
    return yaw_pitch.numpy()


def camera_path(rng: np.random.Generator, num_frames: int) -> np.ndarray:
    """RealEstate10K-like c2w poses [N, 4, 4]: forward walk, slow turn, slight bob."""
    position = np.array([rng.uniform(-0.8, 0.8), rng.uniform(-0.3, 0.1), rng.uniform(-2.6, -1.2)])
    yaw = rng.uniform(-0.35, 0.35)
    yaw_rate = rng.uniform(-0.012, 0.012)
    speed = rng.uniform(0.03, 0.05)
    pitch0 = rng.uniform(-0.1, 0.1)
    poses = np.zeros((num_frames, 4, 4))
    for frame in range(num_frames):
        pitch = pitch0 + 0.03 * math.sin(frame * 0.3)
        rotation = _yaw_pitch_matrix(yaw, pitch)
        poses[frame, :3, :3] = rotation
        poses[frame, :3, 3] = position + np.array([0.0, 0.01 * math.sin(frame * 0.6), 0.0])
        poses[frame, 3, 3] = 1.0
        position = position + speed * np.array([math.sin(yaw), 0.0, math.cos(yaw)])
        yaw += yaw_rate
    return poses


def render_view(
    surfaces: list[Surface], c2w: np.ndarray, intrinsics: np.ndarray, image_shape: tuple[int, int]
) -> tuple[np.ndarray, np.ndarray]:
    """uint8 RGB [H, W, 3] and float32 z-depth [H, W] at pixel centres; intrinsics normalised."""
    height, width = image_shape
    ys, xs = np.meshgrid((np.arange(height) + 0.5) / height, (np.arange(width) + 0.5) / width, indexing="ij")
    pixels = np.stack([xs.ravel(), ys.ravel(), np.ones(height * width)], axis=-1)
    camera_dirs = pixels @ np.linalg.inv(intrinsics).T  # camera z component is exactly 1
    # float32 halves the memory traffic of the ray caster; depth stays accurate to ~1e-6 relative.
    world_dirs = (camera_dirs @ c2w[:3, :3].T).astype(np.float32)
    origins = np.broadcast_to(c2w[:3, 3].astype(np.float32), world_dirs.shape)
    colors, t = ray_cast(surfaces, origins, world_dirs)
    image = (np.clip(colors, 0, 1) * 255 + 0.5).astype(np.uint8).reshape(height, width, 3)
    return image, t.reshape(height, width).astype(np.float32)


def encode_image(image: np.ndarray, fmt: str = "JPEG", quality: int = 95) -> torch.Tensor:
    buffer = io.BytesIO()
    options = {"quality": quality} if fmt.upper() == "JPEG" else {}
    Image.fromarray(image).save(buffer, format=fmt, **options)
    return torch.frombuffer(bytearray(buffer.getvalue()), dtype=torch.uint8)


def _vggt_like(c2w: np.ndarray, depths: np.ndarray, rng: np.random.Generator) -> tuple[torch.Tensor, torch.Tensor, float]:
    """Poses relative to frame 0, rescaled and slightly perturbed; (max, min) depth in that scale."""
    scale = float(1.0 / np.median(depths[0]))
    relative = np.linalg.inv(c2w[0]) @ c2w
    relative[:, :3, 3] *= scale
    angle = rng.normal(0.0, 0.002, size=(len(c2w), 3))
    angle[0] = 0.0
    angle = torch.from_numpy(angle)
    jitter = (axis_rotation("x", angle[:, 0]) @ axis_rotation("y", angle[:, 1]) @ axis_rotation("z", angle[:, 2])).numpy()
    for frame in range(1, len(c2w)):
        relative[frame, :3, :3] = relative[frame, :3, :3] @ jitter[frame]
        relative[frame, :3, 3] += rng.normal(0.0, 0.002, size=3)
    w2c = np.linalg.inv(relative)
    depth_range = np.stack([depths.reshape(len(depths), -1).max(1), depths.reshape(len(depths), -1).min(1)], 1) * scale
    return torch.from_numpy(w2c), torch.from_numpy(depth_range.astype(np.float32)), scale


def make_synthetic_scene(
    key: str,
    seed: int,
    num_frames: int = 48,
    image_shape: tuple[int, int] = (64, 64),
    focal: tuple[float, float] | None = None,
    with_depth_maps: bool = True,
) -> dict:
    """One procedural room scene as a chunk scene dict."""
    rng = np.random.default_rng(seed)
    surfaces = _random_room(rng)
    c2w = camera_path(rng, num_frames)
    height, width = image_shape
    if focal is None:
        # Square frames get ~64 degrees; wide frames the RealEstate10K-like normalised focals.
        focal = (0.8, 0.8) if height == width else (0.4748, 0.4748 * width / height)
    intrinsics = np.array([[focal[0], 0, 0.5], [0, focal[1], 0.5], [0, 0, 1.0]])
    images, depths = [], []
    for frame in range(num_frames):
        image, depth = render_view(surfaces, c2w[frame], intrinsics, image_shape)
        images.append(encode_image(image))
        depths.append(depth)
    depths_np = np.stack(depths)
    w2c = np.linalg.inv(c2w)
    intrinsics_t = torch.from_numpy(np.repeat(intrinsics[None], num_frames, 0))
    vggt_w2c, depth_range, _ = _vggt_like(c2w, depths_np, rng)
    scene = {
        "key": key,
        "url": f"synthetic://splatbench/room/{seed}",
        "timestamps": torch.arange(num_frames, dtype=torch.int64) * 33_333,
        "cameras": w2c_to_camera_vectors(torch.from_numpy(w2c), intrinsics_t),
        "images": images,
        "vggt_camera": w2c_to_camera_vectors(vggt_w2c, intrinsics_t),
        "depth": depth_range,
    }
    if with_depth_maps:
        scene["depth_maps"] = torch.from_numpy(depths_np).to(torch.float16)
    return scene


def make_middlebury_scene() -> dict:
    """The Middlebury 2014 motorcycle pair (skimage, 500x741) with ground-truth z-depth (metres)."""
    from skimage.data import stereo_motorcycle

    left, right, disparity = stereo_motorcycle()
    height, width = left.shape[:2]
    disparity = disparity.astype(np.float64)
    valid = np.isfinite(disparity) & (disparity > 0)
    depth = np.zeros_like(disparity)
    depth[valid] = MIDDLEBURY_FOCAL_PX * MIDDLEBURY_BASELINE_M / (disparity[valid] + MIDDLEBURY_DOFFS_PX)
    intrinsics = np.array(
        [
            [[MIDDLEBURY_FOCAL_PX / width, 0, MIDDLEBURY_CX_PX / width], [0, MIDDLEBURY_FOCAL_PX / height, MIDDLEBURY_CY_PX / height], [0, 0, 1]],
            [
                [MIDDLEBURY_FOCAL_PX / width, 0, (MIDDLEBURY_CX_PX + MIDDLEBURY_DOFFS_PX) / width],
                [0, MIDDLEBURY_FOCAL_PX / height, MIDDLEBURY_CY_PX / height],
                [0, 0, 1],
            ],
        ]
    )
    c2w = np.repeat(np.eye(4)[None], 2, 0)
    c2w[1, 0, 3] = MIDDLEBURY_BASELINE_M  # the right camera sits one baseline along +X
    w2c = np.linalg.inv(c2w)
    valid_depth = depth[valid]
    depth_range = torch.tensor([[valid_depth.max(), valid_depth.min()]] * 2, dtype=torch.float32)
    return {
        "key": "middlebury_motorcycle",
        "url": "skimage.data.stereo_motorcycle (Middlebury 2014)",
        "timestamps": torch.tensor([0, 0], dtype=torch.int64),
        "cameras": w2c_to_camera_vectors(torch.from_numpy(w2c), torch.from_numpy(intrinsics)),
        "images": [encode_image(left, "PNG"), encode_image(right, "PNG")],
        "depth": depth_range,
        # Left view only has ground truth; the right view's map is zero (unknown).
        "depth_maps": torch.from_numpy(np.stack([depth, np.zeros_like(depth)])).to(torch.float32),
    }


def make_example_dataset(
    out_dir: str | os.PathLike,
    num_scenes: int = 12,
    num_test_scenes: int | None = None,
    image_shape: tuple[int, int] = (64, 64),
    num_frames: int = 48,
    scenes_per_chunk: int = 8,
    context_gap: int = 12,
    num_targets: int = 3,
    seed: int = 0,
    include_middlebury: bool = True,
    with_depth_maps: bool = True,
    progress: bool = False,
    mode: WriteMode = "new",
) -> Path:
    """Write the example dataset under ``out_dir`` and return it.

    Layout: ``train/*.torch``, ``test/*.torch`` (each with ``index.json``),
    ``evaluation_index.json`` (test split; context gap ``context_gap`` frames, ``num_targets``
    targets between the contexts) and, if ``include_middlebury``, ``middlebury/test/``.
    ``num_scenes`` is the number of training scenes; ``num_test_scenes`` defaults to a third of it
    (at least 1). ``image_shape=(360, 640)`` gives RealEstate10K-sized frames. ``mode`` says what
    to do with an existing dataset there (see :mod:`splatbench.data.writer`; ``new`` refuses it).
    """
    out_dir = Path(out_dir)
    if num_test_scenes is None:
        num_test_scenes = max(1, num_scenes // 3)
    splits = {"train": num_scenes, "test": num_test_scenes}
    check_output_root(out_dir, splits, mode)
    if include_middlebury:
        check_output_root(out_dir / "middlebury", ("test",), mode)
    total = num_scenes + num_test_scenes
    bar = tqdm(total=total, desc="example scenes", disable=not progress)
    frame_counts: dict[str, int] = {}
    for split_number, (split, count) in enumerate(splits.items()):
        writer = SplitWriter(out_dir, split, mode, scenes_per_chunk)
        try:
            for scene_number in range(count):
                scene_seed = seed * 1_000_003 + split_number * 100_003 + scene_number
                key = f"{split}_{scene_number:05d}_{seed:x}"
                writer.add(make_synthetic_scene(key, scene_seed, num_frames, image_shape, with_depth_maps=with_depth_maps))
                bar.update(1)
            counts = writer.close()
        except BaseException:
            writer.abort()
            raise
        if split == "test":
            frame_counts.update(counts)
    bar.close()
    evaluation = generate_evaluation_index(frame_counts, context_gap=context_gap, num_targets=num_targets, seed=seed)
    merge_evaluation_index(out_dir / EVALUATION_INDEX_NAME, evaluation, mode)
    if include_middlebury:
        scene = make_middlebury_scene()
        middlebury = out_dir / "middlebury"
        if mode != "append" or not existing_content(middlebury, ("test",)):
            # One fixed scene: appending it again would only duplicate it.
            write_split([scene], middlebury, "test", mode="overwrite")
            merge_evaluation_index(middlebury / EVALUATION_INDEX_NAME, {scene["key"]: {"context": [0, 1], "target": [0, 1]}}, "overwrite")
    logger.info("example dataset: %d train, %d test scenes at %s", num_scenes, num_test_scenes, out_dir)
    return out_dir
