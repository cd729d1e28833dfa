"""``splatbench reconstruct IMAGES_DIR --out DIR``: your own photos to a .ply, videos, depth maps and a viewer page."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

EXAMPLE = """Example:
  splatbench reconstruct ../shared/data/real_scenes/fountain-P11/images --out outputs/fountain \\
      --checkpoint pretrained/depthsplat-gs-small-re10k-256x256-view2-cfeab6b1.pth --preset small --views 3

Cameras come from a COLMAP model next to the images (sparse/0), a transforms.json, or a pose
backend (--poses colmap|vggt). Writes OUT/gaussians.ply, OUT/viewer.html (open it in any browser,
works offline), OUT/videos/{interpolate,wobble}.mp4, OUT/depth/*.npy|png, OUT/reconstruction.json.
"""


def _positive_int(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text}")
    return value


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "reconstruct",
        help="Reconstruct your own photos: .ply, fly-through videos, depth maps, offline viewer page.",
        description="Your own photos to a .ply, fly-through videos, depth maps and an offline viewer page.\n\n" + EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("images_dir", type=Path, help="folder of photos (JPEG/PNG, one size)")
    parser.add_argument("--out", type=Path, required=True, help="output folder (must be new or empty unless --overwrite)")
    parser.add_argument("--checkpoint", type=Path, required=True, help="model file (.pth, .ckpt or .safetensors)")
    parser.add_argument("--preset", default="small", help="method (splatbench methods): depthsplat-small (small), depthsplat-base (base), "
                        "depthsplat-large (large), mvsplat, tiny, ... (default small)")
    parser.add_argument("--poses", default="auto", help="auto (COLMAP model, then transforms.json), colmap-model, transforms, or a pose backend: colmap, vggt")
    parser.add_argument("--pose-option", action="append", default=[], metavar="KEY=VALUE", help="option of the pose backend, e.g. weights=pretrained/vggt-1b.safetensors for vggt (repeatable)")
    parser.add_argument("--views", default="3", help="context views: a number N (the N that cover the scene best), 'all', or file names 'a.jpg,b.jpg' (default 3)")
    parser.add_argument("--image-shape", type=_positive_int, nargs=2, metavar=("H", "W"), help="model input size (default: short side 256, multiples of 16)")
    parser.add_argument("--baseline", type=float, default=1.0, help="scene scale: largest distance between context cameras in model units (default 1); 0 keeps your units")
    parser.add_argument("--near", type=float, default=0.5, help="near depth in model units (default 0.5)")
    parser.add_argument("--far", type=float, default=100.0, help="far depth in model units (default 100)")
    parser.add_argument("--trim-border", type=int, default=8, help="leave out the Gaussians of this many border pixels of each view (default 8, as the reference)")
    parser.add_argument("--min-opacity", type=float, default=0.0, help="prune Gaussians fainter than this from the .ply (default 0: keep all)")
    parser.add_argument("--viewer-max-splats", type=_positive_int, default=400_000, help="splats embedded in viewer.html, most opaque first (default 400000)")
    parser.add_argument("--video-frames", type=_positive_int, default=60, help="frames per video (default 60)")
    parser.add_argument("--fps", type=_positive_int, default=30)
    parser.add_argument("--video-format", choices=("mp4", "png"), default="mp4", help="mp4 (default), or png: a folder of frames per path")
    parser.add_argument("--evaluate-held-out", action="store_true", help="render the photos that are not context views and report their PSNR")
    parser.add_argument("--device", default="auto", help="auto (CUDA if available), cpu, cuda, cuda:1, ...")
    parser.add_argument("--overwrite", action="store_true", help="write into an existing, non-empty --out")
    parser.set_defaults(handler=run)


def _fail(message: str) -> int:
    print(f"splatbench reconstruct: {message}", file=sys.stderr)
    return 2


def run(args) -> int:
    from splatbench.data.errors import DataError
    from splatbench.reconstruct.pipeline import OutputExistsError, ReconstructOptions, reconstruct_photos

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    pose_options = {}
    for item in args.pose_option:
        if "=" not in item:
            return _fail(f"--pose-option: expected KEY=VALUE, got {item!r}")
        key, value = item.split("=", 1)
        pose_options[key.strip()] = value.strip()
    view_names = [name.strip() for name in args.views.split(",") if name.strip()] if "," in args.views else None
    if view_names is None and args.views != "all" and not (args.views.isdigit() and int(args.views) >= 2):
        return _fail(f"--views: expected 'all', an integer >= 2 or comma-separated file names, got {args.views!r}")
    if not args.checkpoint.is_file():
        return _fail(f"{args.checkpoint}: checkpoint file not found")
    if not 0 < args.near < args.far:
        return _fail(f"--near/--far: need 0 < near < far, got {args.near} and {args.far}")
    if args.baseline < 0 or args.trim_border < 0 or not 0 <= args.min_opacity < 1:
        return _fail("--baseline must be >= 0, --trim-border >= 0 and --min-opacity in [0, 1)")
    options = ReconstructOptions(
        checkpoint=args.checkpoint,
        preset=args.preset,
        pose_source=args.poses,
        pose_options=pose_options,
        num_views=None if args.views == "all" or view_names else int(args.views),
        view_names=view_names,
        image_shape=tuple(args.image_shape) if args.image_shape else None,
        baseline=args.baseline,
        near=args.near,
        far=args.far,
        trim_border=args.trim_border,
        min_opacity=args.min_opacity,
        video_frames=args.video_frames,
        fps=args.fps,
        video_format=args.video_format,
        viewer_max_splats=args.viewer_max_splats,
        evaluate_held_out=args.evaluate_held_out,
        device=args.device,
        overwrite=args.overwrite,
    )
    try:
        summary = reconstruct_photos(args.images_dir, args.out, options)
    except (DataError, OutputExistsError) as error:
        return _fail(str(error))
    except RuntimeError as error:  # a pose backend that cannot be imported (PoseBackendUnavailable)
        if type(error).__name__ != "PoseBackendUnavailable":
            raise
        return _fail(f"--poses {args.poses}: {error}")
    except ValueError as error:  # bad checkpoint / preset / shapes: one line, named by the raiser
        return _fail(f"{args.images_dir}: {error}")
    print(
        f"{summary['gaussians']['ply']} Gaussians -> {args.out / 'gaussians.ply'}; open {args.out / 'viewer.html'}; "
        f"videos in {args.out / 'videos'}; depth maps in {args.out / 'depth'}"
    )
    return 0
