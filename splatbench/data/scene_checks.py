"""Structural checks of one stored scene; every failure is a DataError naming file, scene, field.

Used by the dataset readers before a scene is used and by ``splatbench data check``.
"""

from __future__ import annotations

import torch

from splatbench.data.errors import DataError
from splatbench.geometry.camera import CAMERA_VECTOR_LENGTH, camera_vectors_to_matrices, rotation_is_valid


def scene_name(scene) -> str:
    if isinstance(scene, dict) and isinstance(scene.get("key"), str):
        return scene["key"]
    return "<unnamed>"


def check_camera_vectors(
    file: str, scene: str, field: str, cameras, num_frames: int | None, check_values: bool = True
) -> torch.Tensor:
    """Shape, dtype, and (``check_values``) finiteness, positive focal lengths and proper
    world-to-camera rotations of every frame."""
    if not isinstance(cameras, torch.Tensor) or not cameras.is_floating_point():
        raise DataError(file, scene, field, f"expected a float tensor, got {type(cameras).__name__}")
    if cameras.ndim != 2 or cameras.shape[1] != CAMERA_VECTOR_LENGTH:
        raise DataError(file, scene, field, f"expected shape [N, 18], got {list(cameras.shape)}")
    if num_frames is not None and cameras.shape[0] != num_frames:
        raise DataError(file, scene, field, f"has {cameras.shape[0]} cameras for {num_frames} images")
    if check_values:
        check_camera_values(file, scene, field, cameras)
    return cameras


def check_camera_values(file: str, scene: str, field: str, cameras: torch.Tensor, frames: torch.Tensor | None = None) -> None:
    """Finite values, positive focal lengths, proper rotations, for ``frames`` (default: all).

    Readers check only the frames they use: the reference evaluates a scene whose unused frames
    hold NaN, so a bad frame elsewhere in the scene must not drop it."""
    numbers = torch.arange(cameras.shape[0]) if frames is None else frames.to(torch.int64).cpu()
    cameras = cameras[numbers]
    finite = torch.isfinite(cameras).all(dim=1)
    if not finite.all():
        frame = int(numbers[(~finite).nonzero()[0]])
        raise DataError(file, scene, field, f"non-finite camera at frame {frame}")
    focal_ok = (cameras[:, 0] > 0) & (cameras[:, 1] > 0)
    if not focal_ok.all():
        frame = int(numbers[(~focal_ok).nonzero()[0]])
        raise DataError(file, scene, field, f"non-positive focal length at frame {frame}")
    rotations = cameras[:, 6:].reshape(-1, 3, 4)[:, :, :3]
    valid = rotation_is_valid(rotations)
    if not valid.all():
        frame = int(numbers[(~valid).nonzero()[0]])
        raise DataError(file, scene, field, f"singular or non-rotation world-to-camera matrix at frame {frame}")


def check_scene_structure(file: str, scene, required_keys: tuple[str, ...] = (), check_values: bool = True) -> int:
    """Check keys and field layouts (and, with ``check_values``, the values of every frame);
    return the number of frames."""
    name = scene_name(scene)
    if not isinstance(scene, dict):
        raise DataError(file, name, None, f"scene entry is a {type(scene).__name__}, not a dict")
    for key in ("key", "cameras", "images", *required_keys):
        if key not in scene:
            raise DataError(file, name, key, "missing key", kind=f"missing:{key}")
    if not isinstance(scene["key"], str):
        raise DataError(file, name, "key", f"expected a string, got {type(scene['key']).__name__}")
    images = scene["images"]
    if not isinstance(images, (list, tuple)):
        raise DataError(file, name, "images", f"expected a list of encoded frames, got {type(images).__name__}")
    for frame, encoded in enumerate(images):
        if not isinstance(encoded, torch.Tensor) or encoded.dtype != torch.uint8 or encoded.ndim != 1:
            raise DataError(file, name, "images", f"frame {frame} is not a 1-D uint8 tensor of encoded bytes")
    num_frames = len(images)
    if num_frames == 0:
        raise DataError(file, name, "images", "scene has no frames")
    check_camera_vectors(file, name, "cameras", scene["cameras"], num_frames, check_values)
    if "vggt_camera" in scene:
        check_camera_vectors(file, name, "vggt_camera", scene["vggt_camera"], num_frames, check_values)
    if "timestamps" in scene:
        timestamps = scene["timestamps"]
        if not isinstance(timestamps, torch.Tensor) or timestamps.shape != (num_frames,):
            raise DataError(file, name, "timestamps", f"expected {num_frames} timestamps")
    if "depth" in scene:
        check_depth_range(file, name, scene["depth"], num_frames, None if check_values else torch.zeros(0, dtype=torch.int64))
    if "depth_maps" in scene:
        depth_maps = scene["depth_maps"]
        if not isinstance(depth_maps, torch.Tensor) or depth_maps.ndim != 3 or depth_maps.shape[0] != num_frames:
            raise DataError(file, name, "depth_maps", f"expected a [{num_frames}, H, W] tensor")
    return num_frames


def check_depth_range(file: str, scene: str, depth, num_frames: int, frames: torch.Tensor | None = None) -> None:
    """``depth`` is [N, 2] = (max, min) per frame, with 0 < min <= max (checked for ``frames``,
    default all)."""
    if not isinstance(depth, torch.Tensor) or depth.shape != (num_frames, 2):
        shape = list(depth.shape) if isinstance(depth, torch.Tensor) else type(depth).__name__
        raise DataError(file, scene, "depth", f"expected shape [{num_frames}, 2] (max, min), got {shape}")
    numbers = torch.arange(num_frames) if frames is None else frames.to(torch.int64).cpu()
    far, near = depth[numbers, 0].double(), depth[numbers, 1].double()
    bad = ~(torch.isfinite(far) & torch.isfinite(near) & (near > 0) & (far >= near))
    if bad.any():
        frame = int(numbers[bad.nonzero()[0]])
        raise DataError(file, scene, "depth", f"invalid (max, min) depth range at frame {frame}: {depth[frame].tolist()}")


def check_frame_indices(file: str, scene: str, indices: torch.Tensor, num_frames: int, what: str) -> None:
    bad = [int(i) for i in indices.tolist() if not 0 <= int(i) < num_frames]
    if bad:
        raise DataError(file, scene, what, f"frame {bad[0]} out of range (scene has {num_frames} frames)")


def camera_matrices(file: str, scene: dict, field: str):
    """c2w and normalised K of one camera field (assumes check_scene_structure passed)."""
    return camera_vectors_to_matrices(scene[field])
