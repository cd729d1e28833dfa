"""``splatbench reconstruct``: a folder of photos -> Gaussians (.ply), depth maps, videos, viewer.

Steps: read the photos and cameras (:mod:`.photos`), pick the context views (:mod:`.views`),
move and scale the scene into the model's range (:mod:`.normalize`), resize / crop and shim the
images exactly as in training (:meth:`splatbench.api.FeedForwardSplatter.encode`), predict,
map the Gaussians and depths back into the user's world frame, then write::

    OUT/gaussians.ply              standard 3DGS .ply, user's world frame (border-trimmed, optionally pruned)
    OUT/viewer.html                offline viewer of the Gaussians with the context cameras drawn
    OUT/videos/interpolate.mp4     path through the context views, colour | depth
    OUT/videos/wobble.mp4          circle around the context views, colour | depth
    OUT/depth/<photo>.npy|.png     z-depth per context pixel (user units) and its colourised inverse
    OUT/context/<photo>.png        the context images as the model saw them (after resize / crop)
    OUT/reconstruction.json        views, cameras (user frame), image size, normalisation, counts
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch

from splatbench.api import from_checkpoint
from splatbench.data.errors import DataError
from splatbench.reconstruct.normalize import SceneNormalization
from splatbench.reconstruct.photos import PhotoSet, load_photo_set
from splatbench.reconstruct.video import CAMERA_PATHS, render_path_frames, write_mp4
from splatbench.reconstruct.viewer import viewer_config, write_viewer_html
from splatbench.reconstruct.views import select_context_views, views_by_name
from splatbench.training.ply_export import border_mask, export_gaussians_ply, gaussians_ply_bytes
from splatbench.evaluation.outputs import colorize_inverse_depth, image_to_uint8, save_png
from splatbench.utils.io import atomic_write_bytes, atomic_write_json

logger = logging.getLogger(__name__)

DEFAULT_SHORT_SIDE = 256


class OutputExistsError(FileExistsError):
    pass


@dataclass
class ReconstructOptions:
    checkpoint: Path | None
    preset: str = "small"
    pose_source: str = "auto"  # auto | colmap-model | transforms | <pose backend name>
    pose_options: dict[str, str] | None = None  # the backend's --option KEY=VALUE strings
    num_views: int | None = 3  # None: every photo
    view_names: list[str] | None = None  # explicit context views (file names), instead of num_views
    image_shape: tuple[int, int] | None = None  # None: short side 256, both sides multiples of 16
    baseline: float = 1.0  # largest distance between context cameras, in model units; 0: keep the user's units
    near: float = 0.5  # model units
    far: float = 100.0
    trim_border: int = 8  # pixels of each context view whose Gaussians are left out of the .ply
    min_opacity: float = 0.0  # .ply pruning
    viewer_min_opacity: float = 0.02
    viewer_max_splats: int = 400_000  # the page embeds the splats; the most opaque are kept
    video_frames: int = 60
    fps: int = 30
    video_format: str = "mp4"  # mp4, or png: one folder of frames per path (no ffmpeg needed)
    evaluate_held_out: bool = False  # render the photos that are not context views and report PSNR
    device: str = "auto"
    overwrite: bool = False


def default_image_shape(height: int, width: int, short_side: int = DEFAULT_SHORT_SIDE) -> tuple[int, int]:
    """Keep the aspect ratio, short side ``short_side`` (never upsampling), sides multiples of 16."""
    scale = min(1.0, short_side / min(height, width))
    return max(16, int(height * scale) // 16 * 16), max(16, int(width * scale) // 16 * 16)


def check_output_dir(out: Path, overwrite: bool) -> None:
    if out.exists() and not out.is_dir():
        raise OutputExistsError(f"{out}: exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not overwrite:
        raise OutputExistsError(f"{out}: folder exists and is not empty; choose another --out or pass --overwrite")


def _device(name: str) -> torch.device:
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(name)


def reconstruct_photos(images_dir: Path, out: Path, options: ReconstructOptions, photos: PhotoSet | None = None) -> dict:
    """Run every step; return the summary written to ``reconstruction.json``."""
    out = Path(out)
    check_output_dir(out, options.overwrite)
    photos = photos or load_photo_set(Path(images_dir), options.pose_source, options.pose_options)
    if options.view_names:
        views = views_by_name(photos.names, options.view_names, str(images_dir))
    else:
        views = select_context_views(photos.extrinsics, options.num_views)
    names = [photos.names[i] for i in views]
    logger.info("%d photo(s) with cameras from %s; context views: %s", len(photos.names), photos.pose_file, ", ".join(names))

    height, width = photos.image_size
    image_shape = tuple(options.image_shape) if options.image_shape else default_image_shape(height, width)
    if image_shape[0] > height or image_shape[1] > width:
        raise DataError(str(images_dir), None, "image_shape", f"{image_shape[0]}x{image_shape[1]} is larger than the photos ({height}x{width})")
    normalization = SceneNormalization.from_cameras(photos.extrinsics[views], options.baseline)

    device = _device(options.device)
    model = from_checkpoint(options.checkpoint, preset=options.preset, device=device)
    result = model.encode(
        photos.images_at(views),
        normalization.cameras_to_model(photos.extrinsics[views]).float(),
        photos.intrinsics[views].float(),
        options.near,
        options.far,
        image_shape=image_shape,
        intrinsics_units="normalized",
    )
    context = result.context
    model_shape = tuple(context["image"].shape[-2:])
    model_extrinsics = context["extrinsics"][0].double().cpu()
    model_intrinsics = context["intrinsics"][0].double().cpu()

    # Everything written is in the user's frame; videos are rendered in the model's (same pictures).
    user_gaussians = normalization.gaussians_to_user(result.gaussians)
    user_extrinsics = normalization.cameras_to_user(model_extrinsics)
    per_pixel = user_gaussians.means.shape[1] == len(views) * model_shape[0] * model_shape[1]
    keep = border_mask(len(views), *model_shape, trim=options.trim_border) if per_pixel and options.trim_border > 0 else None
    ply_count = export_gaussians_ply(user_gaussians, out / "gaussians.ply", keep, min_opacity=options.min_opacity)
    viewer_keep = viewer_mask(user_gaussians.opacities[0].cpu(), keep, options.viewer_min_opacity, options.viewer_max_splats)
    viewer_ply, viewer_count = gaussians_ply_bytes(user_gaussians, viewer_keep, sh_degree=0)

    depths_user = None
    if result.depths is not None:
        depths_user = (result.depths[0].float() / normalization.scale).cpu()
        for name, image, depth in zip(names, context["image"][0], depths_user):
            stem = Path(name).stem
            save_png(image_to_uint8(image), out / "context" / f"{stem}.png")
            save_png(colorize_inverse_depth(depth), out / "depth" / f"{stem}.png")
            buffer = _npy_bytes(depth.numpy())
            atomic_write_bytes(out / "depth" / f"{stem}.npy", buffer)

    held_out = held_out_psnr(model, result.gaussians, photos, views, normalization, image_shape, options) if options.evaluate_held_out else None

    videos = {}
    for kind in ("interpolate", "wobble"):
        path_extrinsics, path_intrinsics = CAMERA_PATHS[kind](model_extrinsics, model_intrinsics, options.video_frames)
        frames = render_path_frames(model, result.gaussians, path_extrinsics, path_intrinsics, model_shape, options.near, options.far, progress=True)
        if options.video_format == "png":
            for number, frame in enumerate(frames):
                save_png(frame, out / "videos" / kind / f"{number:05d}.png")
            written = f"videos/{kind}/"
        else:
            write_mp4(frames, out / "videos" / f"{kind}.mp4", fps=options.fps)
            written = f"videos/{kind}.mp4"
        videos[kind] = {"path": written, "frames": len(frames), "size": [int(frames[0].shape[1]), int(frames[0].shape[0])]}

    kept_means = user_gaussians.means[0][keep.to(user_gaussians.means.device)] if keep is not None else user_gaussians.means[0]
    scene_centre = kept_means.double().median(dim=0).values.cpu().numpy()
    config = viewer_config(user_extrinsics.numpy(), model_intrinsics.numpy(), scene_centre)
    write_viewer_html(out / "viewer.html", viewer_ply, config, title=f"splatbench: {scene_name(Path(images_dir))}")

    summary = {
        "images_dir": str(images_dir),
        "pose_source": photos.pose_source,
        "pose_file": photos.pose_file,
        "photos": len(photos.names),
        "photos_without_camera": photos.ignored,
        "context_views": names,
        "image_shape": list(model_shape),
        "cameras": [
            {"name": n, "c2w": e.tolist(), "intrinsics_normalized": k.tolist()}
            for n, e, k in zip(names, user_extrinsics.numpy(), model_intrinsics.numpy())
        ],
        "normalization": {"centre": list(normalization.centre), "scale": normalization.scale, "near": options.near, "far": options.far},
        "gaussians": {"predicted": int(user_gaussians.means.shape[1]), "ply": ply_count, "viewer": viewer_count},
        "videos": videos,
        "held_out_psnr": held_out,
        "options": {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(options).items()},
    }
    atomic_write_json(out / "reconstruction.json", summary)
    logger.info("wrote %s (%d Gaussians), viewer.html, %d video(s), %d depth map(s)", out / "gaussians.ply", ply_count, len(videos), len(names))
    return summary


def held_out_psnr(model, gaussians, photos: PhotoSet, views: list[int], normalization, image_shape, options) -> dict | None:
    """PSNR of every photo that is not a context view, rendered from its camera after the same
    resize / crop as the context (a novel-view check of the reconstruction)."""
    from splatbench.evaluation.metrics import compute_psnr

    others = [i for i in range(len(photos.names)) if i not in views]
    if not others:
        return None
    scores = {}
    for start in range(0, len(others), 8):
        chunk = others[start : start + 8]
        target = model.prepare_context(
            photos.images_at(chunk), normalization.cameras_to_model(photos.extrinsics[chunk]).float(),
            photos.intrinsics[chunk].float(), options.near, options.far, image_shape, "normalized",
        )  # fmt: skip
        device = gaussians.means.device
        rendered = model.render(gaussians, target["extrinsics"][0].to(device), target["intrinsics"][0].to(device), tuple(target["image"].shape[-2:]), options.near, options.far, "normalized")
        values = compute_psnr(target["image"][0].to(device), rendered.color[0])
        scores.update({photos.names[i]: float(v) for i, v in zip(chunk, values)})
    logger.info("held-out views: mean PSNR %.2f dB over %d photo(s)", float(np.mean(list(scores.values()))), len(scores))
    return {"per_photo": scores, "mean": float(np.mean(list(scores.values())))}


def viewer_mask(opacities: torch.Tensor, keep: torch.Tensor | None, min_opacity: float, max_splats: int) -> torch.Tensor:
    """The .ply's Gaussians at least ``min_opacity`` opaque, at most ``max_splats`` (most opaque first)."""
    mask = (opacities >= min_opacity) & (keep if keep is not None else torch.ones_like(opacities, dtype=torch.bool))
    if int(mask.sum()) > max_splats:
        # by index, not by an opacity threshold: a trained model saturates many opacities at exactly 1.0
        chosen = torch.topk(torch.where(mask, opacities, torch.full_like(opacities, -1.0)), max_splats).indices
        mask = torch.zeros_like(mask)
        mask[chosen] = True
    return mask


def scene_name(images_dir: Path) -> str:
    resolved = images_dir.resolve()
    return resolved.parent.name if resolved.name == "images" else resolved.name


def _npy_bytes(array: np.ndarray) -> bytes:
    import io

    buffer = io.BytesIO()
    np.save(buffer, array.astype(np.float32))
    return buffer.getvalue()
