"""``splatbench depth IMAGES_DIR --out DIR``: a depth map for every image of a posed scene.

Example::

    splatbench depth my_scene --out my_scene_depth \\
        --checkpoint pretrained/depthsplat-depth-small-352x640-randview2-8-e807bd82.pth --preset small

``IMAGES_DIR`` holds the images with their poses: a COLMAP model (``images/`` + ``sparse/0``,
text or binary, as ``splatbench data convert colmap``) or a ``transforms.json`` (nerfstudio).
Each image is matched against ``--views`` neighbouring images (nearest cameras looking the same
way). Outputs (see :mod:`splatbench.model.depth_inference`): ``depth/<stem>.png`` (16-bit,
metric depth = value x scale from ``depth/<stem>.json``), ``preview/<stem>.png`` and, with
``--npy``, ``npy/<stem>.npy``. Images whose outputs exist are skipped (``--overwrite`` redoes
them). Depth is in the units of the poses; ``--near``/``--far`` must bracket the scene in those
units (the cost volume searches inverse depth between them).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

import numpy as np
import torch

from splatbench.data.errors import DataError

logger = logging.getLogger(__name__)

DEPTH_PRESETS = ("small", "base", "tiny")


class DepthCommandError(ValueError):
    """Bad input for ``splatbench depth`` (message names the file or option)."""


def _frame_names(src: Path) -> tuple[str, list[str], dict]:
    """(format, image names in the importer's frame order, scene dict)."""
    from splatbench.data.importers.colmap import colmap_scene, find_model_dir, read_colmap_model
    from splatbench.data.importers.nerfstudio import nerfstudio_scene

    if (src / "transforms.json").is_file():
        meta_path = src / "transforms.json"
        try:
            frames = json.loads(meta_path.read_text()).get("frames", [])
        except (OSError, json.JSONDecodeError) as error:
            raise DataError(str(meta_path), src.name, None, f"cannot read transforms.json ({error})") from None
        names = [Path(f.get("file_path", "")).name for f in sorted(frames, key=lambda f: f.get("file_path", ""))]
        return "transforms.json", names, nerfstudio_scene(meta_path)
    scene_dir = src
    if find_model_dir(src) is None and src.name == "images" and find_model_dir(src.parent) is not None:
        scene_dir = src.parent
    model_dir = find_model_dir(scene_dir)
    if model_dir is None or not (scene_dir / "images").is_dir():
        raise DepthCommandError(
            f"{src}: no poses found: expected transforms.json, or images/ with a COLMAP model (sparse/0/cameras.txt|.bin)"
        )
    _, images = read_colmap_model(model_dir)
    names = [image.name for image in sorted(images.values(), key=lambda image: image.name)]
    return "colmap", names, colmap_scene(scene_dir)


def _build_encoder(preset: str, checkpoint: Path, device: torch.device):
    from splatbench.model.checkpoints import CheckpointFormatError, load_pretrained_weights
    from splatbench.model.encoder.config import depth_preset
    from splatbench.model.encoder.depthsplat import EncoderDepthSplat

    if not checkpoint.is_file():
        raise DepthCommandError(f"--checkpoint: file not found: {checkpoint}")
    encoder = EncoderDepthSplat(depth_preset(preset))
    try:
        load_pretrained_weights(encoder, checkpoint, kind="depth")
    except CheckpointFormatError:
        # A full DepthSplat model: its depth predictor is the depth model; the Gaussian head is not needed.
        full = EncoderDepthSplat(depth_preset(preset, train_depth_only=False))
        load_pretrained_weights(full, checkpoint, kind="model")
        encoder.depth_predictor = full.depth_predictor
    return encoder.to(device).eval()


def run_depth(args) -> int:
    from PIL import Image
    from tqdm import tqdm

    from splatbench.data.images import decode_frames
    from splatbench.geometry.camera import camera_vectors_to_matrices
    from splatbench.model.depth_inference import (
        output_paths,
        predict_depths,
        processing_shape,
        select_neighbours,
        write_depth_outputs,
    )

    src, out = Path(args.images_dir), Path(args.out)
    if not src.is_dir():
        raise DepthCommandError(f"{src}: not a folder")
    if not 0 < args.near < args.far:
        raise DepthCommandError(f"--near/--far: need 0 < near < far, got {args.near} and {args.far}")
    if args.views < 1:
        raise DepthCommandError(f"--views: need at least 1 neighbour, got {args.views}")
    pose_format, names, scene = _frame_names(src)
    if len(names) < 2:
        raise DepthCommandError(f"{src}: {len(names)} posed image(s); depth needs at least 2")
    stems = [Path(name).stem for name in names]
    duplicates = sorted({s for s in stems if stems.count(s) > 1})
    if duplicates:
        raise DepthCommandError(f"{src}: image names {duplicates[:3]} share a stem; outputs would collide")

    todo = [i for i, stem in enumerate(stems) if args.overwrite or not output_paths(out, stem, args.npy).depth_png.exists()]
    logger.info("%s (%s): %d images, %d to do, %d already done", src, pose_format, len(names), len(todo), len(names) - len(todo))
    if not todo:
        print(f"nothing to do: all {len(names)} depth maps exist in {out} (--overwrite redoes them)")
        return 0

    device = torch.device(args.device if args.device != "auto" else ("cuda" if torch.cuda.is_available() else "cpu"))
    encoder = _build_encoder(args.preset, Path(args.checkpoint), device)
    extrinsics, intrinsics = camera_vectors_to_matrices(scene["cameras"])
    frames = decode_frames(scene["images"])
    heights = {frame.size[1] for frame in frames}
    widths = {frame.size[0] for frame in frames}
    height, width = frames[0].size[1], frames[0].size[0]
    if len(heights) > 1 or len(widths) > 1:
        raise DepthCommandError(f"{src}: images have different sizes; give them one size first")
    shape = processing_shape(height, width, args.max_side, encoder.size_multiple)
    images = torch.stack([
        torch.from_numpy(np.asarray(frame.resize((shape[1], shape[0]), Image.BICUBIC), dtype=np.float32) / 255.0).permute(2, 0, 1)
        for frame in frames
    ]).clamp(0, 1)
    neighbours = select_neighbours(extrinsics, args.views, args.max_angle)

    bar = tqdm(total=len(todo), desc="depth maps", unit="image")
    predictions = predict_depths(
        encoder, images.to(device), extrinsics.to(device), intrinsics.to(device), neighbours, args.near, args.far, todo
    )
    for view, depth in predictions:
        full = torch.nn.functional.interpolate(depth[None, None], size=(height, width), mode="bilinear", align_corners=False)[0, 0]
        files = output_paths(out, stems[view], args.npy)
        write_depth_outputs(files, full.cpu().numpy(), {
            "image": names[view],
            "neighbours": [names[j] for j in neighbours[view].tolist()],
            "near": args.near,
            "far": args.far,
            "predicted_at": list(shape),
            "preset": args.preset,
            "checkpoint": str(args.checkpoint),
        })
        bar.update(1)
    bar.close()
    print(f"wrote {len(todo)} depth map(s) to {out / 'depth'} (previews in {out / 'preview'})")
    return 0


def _handle(args) -> int:
    try:
        return run_depth(args)
    except (DepthCommandError, DataError, FileNotFoundError) as error:
        print(f"splatbench depth: {error}", file=sys.stderr)
        return 2
    except ValueError as error:  # checkpoint mismatch, bad image, encoder input
        print(f"splatbench depth: {str(error).splitlines()[0] if str(error) else type(error).__name__}", file=sys.stderr)
        return 2


def add_parser(subparsers) -> None:
    doc = __doc__ or ""
    parser = subparsers.add_parser(
        "depth",
        help="Depth map for every image of a posed scene (COLMAP or transforms.json).",
        description=doc,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("images_dir", help="scene folder: images/ + COLMAP sparse model, or transforms.json")
    parser.add_argument("--out", required=True, help="output folder (depth/, preview/, npy/)")
    parser.add_argument("--checkpoint", required=True, help="depth model {'model': ...} (depthsplat-depth-*.pth) or full DepthSplat model")
    parser.add_argument("--preset", choices=DEPTH_PRESETS, default="small", help="architecture of the checkpoint")
    parser.add_argument("--views", type=int, default=2, help="neighbouring images each image is matched against")
    parser.add_argument("--max-angle", type=float, default=60.0, help="largest angle between optical axes of neighbours (degrees)")
    parser.add_argument("--max-side", type=int, default=640, help="long side of the processing size (pixels)")
    parser.add_argument("--near", type=float, default=0.5, help="nearest depth searched, in pose units")
    parser.add_argument("--far", type=float, default=100.0, help="farthest depth searched, in pose units")
    parser.add_argument("--npy", action="store_true", help="also write float32 .npy depth")
    parser.add_argument("--overwrite", action="store_true", help="redo images whose outputs exist")
    parser.add_argument("--device", default="auto", help="cpu, cuda, cuda:1 or auto")
    parser.set_defaults(handler=_handle)
