"""Depth maps for every image of a posed scene: neighbour choice, prediction, the output files.

For each image the encoder sees the image first plus ``count`` neighbouring views (its context)
and the first view's depth is kept. Neighbours are the nearest camera centres among cameras whose
optical axes are within ``max_angle_deg`` of the image's (falling back to the smallest angle),
leaving out cameras at the same position, which give no parallax.

Output layout under ``OUT`` (one stem per image; stems are the image file names without suffix)::

    depth/<stem>.png    16-bit PNG; metric z-depth = value * scale, 0 = no depth
    depth/<stem>.json   {"scale", "height", "width", "near", "far", "neighbours", ...}
    preview/<stem>.png  colourised inverse depth (plasma)
    npy/<stem>.npy      float32 z-depth [H, W] (with --npy)
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import numpy as np
import torch
import torch.nn.functional as F
from jaxtyping import Float, Int64
from PIL import Image
from torch import Tensor

from splatbench.utils.io import atomic_write_bytes, atomic_write_json

UINT16_MAX = 65535
OUTPUT_FOLDERS = {"depth": "depth", "preview": "preview", "npy": "npy"}


def select_neighbours(
    extrinsics: Float[Tensor, "view 4 4"], count: int, max_angle_deg: float = 60.0
) -> Int64[Tensor, "view count"]:
    """For each camera (c2w), ``count`` other cameras to match against (see module docstring)."""
    views = extrinsics.shape[0]
    if views < 2:
        raise ValueError(f"depth needs at least 2 posed images, got {views}")
    count = min(count, views - 1)
    centres = extrinsics[:, :3, 3].double()
    axes = F.normalize(extrinsics[:, :3, 2].double(), dim=-1)
    distance = torch.cdist(centres, centres)
    cosine = axes @ axes.T
    positive = distance[distance > 0]
    same_place = distance <= (1e-6 * positive.median() if positive.numel() else 0.0)
    chosen = []
    for i in range(views):
        others = [j for j in range(views) if j != i]
        good = [j for j in others if cosine[i, j] >= np.cos(np.deg2rad(max_angle_deg)) and not same_place[i, j]]
        picked = sorted(good, key=lambda j: float(distance[i, j]))[:count]
        if len(picked) < count:
            rest = sorted((j for j in others if j not in picked), key=lambda j: (bool(same_place[i, j]), -float(cosine[i, j])))
            picked += rest[: count - len(picked)]
        chosen.append(picked)
    return torch.tensor(chosen, dtype=torch.int64)


def processing_shape(height: int, width: int, max_side: int, multiple: int) -> tuple[int, int]:
    """Aspect-preserving size with the long side at most ``max_side``, each side a multiple of ``multiple``."""
    scale = min(1.0, max_side / max(height, width))
    return (
        max(multiple, int(round(height * scale / multiple)) * multiple),
        max(multiple, int(round(width * scale / multiple)) * multiple),
    )


@torch.no_grad()
def predict_depths(
    encoder: torch.nn.Module,
    images: Float[Tensor, "view 3 height width"],
    extrinsics: Float[Tensor, "view 4 4"],
    intrinsics: Float[Tensor, "view 3 3"],
    neighbours: Int64[Tensor, "view count"],
    near: float,
    far: float,
    order: list[int] | None = None,
) -> Iterator[tuple[int, Float[Tensor, "height width"]]]:
    """Yield ``(view, depth)`` for each view in ``order``: the encoder's depth of the view, matched
    against its neighbours. Images are [0, 1], resized to a size the encoder accepts; ``intrinsics``
    normalised; depth on the images' device."""
    for view in order if order is not None else range(images.shape[0]):
        indices = torch.cat([torch.tensor([view]), neighbours[view]]).to(images.device)
        context = {
            "image": images[indices][None],
            "extrinsics": extrinsics[indices][None],
            "intrinsics": intrinsics[indices][None],
            "near": torch.full((1, len(indices)), near, device=images.device),
            "far": torch.full((1, len(indices)), far, device=images.device),
        }
        output = encoder(context, 0, deterministic=True)
        depths = output["depths"] if isinstance(output, dict) else None
        if depths is None:
            raise ValueError("the encoder returned no depth (model.encoder.return_depth must be true)")
        yield view, depths[-1, 0].float()


@dataclass
class DepthFiles:
    depth_png: Path
    sidecar: Path
    preview: Path
    npy: Path | None


def output_paths(out_dir: Path, stem: str, npy: bool) -> DepthFiles:
    return DepthFiles(
        out_dir / OUTPUT_FOLDERS["depth"] / f"{stem}.png",
        out_dir / OUTPUT_FOLDERS["depth"] / f"{stem}.json",
        out_dir / OUTPUT_FOLDERS["preview"] / f"{stem}.png",
        out_dir / OUTPUT_FOLDERS["npy"] / f"{stem}.npy" if npy else None,
    )


def encode_depth_png(depth: np.ndarray) -> tuple[bytes, float]:
    """16-bit PNG bytes and the scale with ``depth ~= value * scale`` (0 where depth is not finite/positive)."""
    valid = np.isfinite(depth) & (depth > 0)
    largest = float(depth[valid].max()) if valid.any() else 1.0
    scale = largest / UINT16_MAX
    values = np.zeros(depth.shape, dtype=np.uint16)
    values[valid] = np.clip(np.round(depth[valid] / scale), 1, UINT16_MAX).astype(np.uint16)
    buffer = io.BytesIO()
    Image.fromarray(values).save(buffer, format="PNG")
    return buffer.getvalue(), scale


def read_depth_png(path: str | Path) -> np.ndarray:
    """Metric depth (float32, 0 = none) from a ``depth/<stem>.png`` and its sidecar JSON."""
    path = Path(path)
    scale = float(json.loads(path.with_suffix(".json").read_text())["scale"])
    values = np.asarray(Image.open(path)).astype(np.float64)
    return (values * scale).astype(np.float32)


def write_depth_outputs(files: DepthFiles, depth: np.ndarray, metadata: dict) -> None:
    """Write the PNG, sidecar, preview and optional .npy of one image atomically (sidecar last
    but one, PNG last, so a present PNG means a complete set)."""
    from splatbench.evaluation.outputs import colorize_inverse_depth

    png, scale = encode_depth_png(depth)
    height, width = depth.shape
    valid = np.isfinite(depth) & (depth > 0)
    preview = colorize_inverse_depth(torch.from_numpy(np.where(valid, depth, depth[valid].max() if valid.any() else 1.0)))
    buffer = io.BytesIO()
    Image.fromarray(preview).save(buffer, format="PNG")
    atomic_write_bytes(files.preview, buffer.getvalue())
    if files.npy is not None:
        array = io.BytesIO()
        np.save(array, depth.astype(np.float32))
        atomic_write_bytes(files.npy, array.getvalue())
    atomic_write_json(files.sidecar, {"scale": scale, "height": height, "width": width,
                                      "depth": "value * scale, z-depth in the units of the camera poses; 0 = none",
                                      **metadata})
    atomic_write_bytes(files.depth_png, png)
