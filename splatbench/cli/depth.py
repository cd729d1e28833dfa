"""``splatbench depth IMAGES_DIR --out DIR``: a depth map for every image of a posed scene.

Example::

    splatbench depth my_scene --out my_scene_depth \\
        --checkpoint pretrained/depthsplat-depth-small-352x640-randview2-8-e807bd82.pth --preset small

``IMAGES_DIR`` holds the images with their poses, found as ``splatbench reconstruct`` finds
them: a COLMAP model (``images/`` + ``sparse/0``, text or binary), a ``transforms.json``, or
cameras estimated by a pose backend (``--poses colmap|vggt``). Each image is matched against
``--views`` neighbouring images (nearest cameras looking the same way); the image and its
neighbours are scaled so their cameras span ``--baseline`` (the model's range is ``--near`` to
``--far`` in those units) and the depth is scaled back to the poses' units. Outputs (see
:mod:`splatbench.model.depth_inference`): ``depth/<stem>.png`` (16-bit, depth = value x scale
from ``depth/<stem>.json``), ``preview/<stem>.png`` and, with ``--npy``, ``npy/<stem>.npy``.
Images whose outputs exist are skipped (``--overwrite`` redoes them).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

import torch

from splatbench.data.errors import DataError

logger = logging.getLogger(__name__)

DEPTH_PRESETS = ("small", "base", "tiny")


class DepthCommandError(ValueError):
    """Bad input for ``splatbench depth`` (message names the file or option)."""


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
    from tqdm import tqdm

    from splatbench.model.depth_inference import (
        output_paths,
        predict_depths,
        processing_shape,
        select_neighbours,
        write_depth_outputs,
    )
    from splatbench.reconstruct.normalize import SceneNormalization
    from splatbench.reconstruct.photos import load_photo_set

    src, out = Path(args.images_dir), Path(args.out)
    if not 0 < args.near < args.far:
        raise DepthCommandError(f"--near/--far: need 0 < near < far, got {args.near} and {args.far}")
    if args.views < 1:
        raise DepthCommandError(f"--views: need at least 1 neighbour, got {args.views}")
    if args.baseline < 0:
        raise DepthCommandError(f"--baseline: must be >= 0, got {args.baseline}")
    photos = load_photo_set(src, args.poses)
    names = photos.names
    stems = [Path(name).stem for name in names]
    duplicates = sorted({s for s in stems if stems.count(s) > 1})
    if duplicates:
        raise DepthCommandError(f"{src}: image names {duplicates[:3]} share a stem; outputs would collide")

    todo = [i for i, stem in enumerate(stems) if args.overwrite or not output_paths(out, stem, args.npy).depth_png.exists()]
    logger.info("%s (%s): %d images, %d to do, %d already done", src, photos.pose_source, len(names), len(todo), len(names) - len(todo))
    if not todo:
        print(f"nothing to do: all {len(names)} depth maps exist in {out} (--overwrite redoes them)")
        return 0

    device = torch.device(args.device if args.device != "auto" else ("cuda" if torch.cuda.is_available() else "cpu"))
    encoder = _build_encoder(args.preset, Path(args.checkpoint), device)
    height, width = photos.image_size
    shape = processing_shape(height, width, args.max_side, encoder.size_multiple)
    neighbours = select_neighbours(photos.extrinsics, args.views, args.max_angle)

    bar = tqdm(total=len(todo), desc="depth maps", unit="image")
    for view in todo:
        # Each image's context (itself + neighbours) is moved and scaled into the model's range.
        context = [view, *neighbours[view].tolist()]
        normalization = SceneNormalization.from_cameras(photos.extrinsics[context], args.baseline)
        extrinsics = normalization.cameras_to_model(photos.extrinsics[context]).float()
        # Decoded per image (a large capture never sits in memory as floats).
        images = torch.nn.functional.interpolate(photos.images_at(context), size=shape, mode="bilinear", antialias=True, align_corners=False)
        ((_, depth),) = predict_depths(
            encoder, images.clamp(0, 1).to(device), extrinsics.to(device), photos.intrinsics[context].float().to(device),
            torch.arange(1, len(context))[None], args.near, args.far, [0],
        )
        full = torch.nn.functional.interpolate(depth[None, None], size=(height, width), mode="bilinear", align_corners=False)[0, 0]
        files = output_paths(out, stems[view], args.npy)
        write_depth_outputs(files, (full / normalization.scale).cpu().numpy(), {
            "image": names[view],
            "neighbours": [names[j] for j in neighbours[view].tolist()],
            "pose_source": photos.pose_source,
            "model_scale": normalization.scale,
            "near": args.near / normalization.scale,
            "far": args.far / normalization.scale,
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
    parser.add_argument("--poses", default="auto", help="auto (COLMAP model, then transforms.json), colmap-model, transforms, "
                        "or a pose backend to run (colmap, vggt)")
    parser.add_argument("--baseline", type=float, default=1.0,
                        help="each image's context is scaled so its cameras span this distance (model units); 0 keeps the poses' units")
    parser.add_argument("--near", type=float, default=0.5, help="nearest depth searched, model units")
    parser.add_argument("--far", type=float, default=100.0, help="farthest depth searched, model units")
    parser.add_argument("--npy", action="store_true", help="also write float32 .npy depth")
    parser.add_argument("--overwrite", action="store_true", help="redo images whose outputs exist")
    parser.add_argument("--device", default="auto", help="cpu, cuda, cuda:1 or auto")
    parser.set_defaults(handler=_handle)
