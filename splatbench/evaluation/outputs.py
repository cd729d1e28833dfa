"""Files written per scene during an evaluation (test mode's ``test.save_*`` switches), in the
reference layout (``<output_dir>`` = the run's output folder)::

    images/<scene>/color/{idx:06d}.png, {idx:06d}_gt.png, input_{idx:06d}.png
    images/<scene>/depth/{idx:06d}.png (.npy), img_depth_<scene>.png
    gaussians/<scene>.ply
    videos/<scene>_frame_<context indices joined by _>.mp4   (the rendered targets in order)

``SceneOutputWriter`` is called by ``evaluate()`` at three points of each scene: after the data
shim (context images), after encoding (Gaussians, depths) and after rendering (targets).
"""

from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import Any

import numpy as np
import torch
from jaxtyping import Float
from PIL import Image
from torch import Tensor

from splatbench.utils.io import atomic_write_bytes

logger = logging.getLogger(__name__)

# Reference test outputs that the evaluation does not write yet (accepted, warned about).
UNSUPPORTED_TEST_OUTPUTS = ("stablize_camera",)


def image_to_uint8(image: Float[Tensor, "3 height width"]) -> np.ndarray:
    """Clip to [0,1] and truncate to uint8, as the reference's ``prep_image``."""
    array = (image.detach().clip(min=0, max=1) * 255).to(torch.uint8)
    return array.permute(1, 2, 0).cpu().numpy()


def save_png(array: np.ndarray, path: Path) -> None:
    buffer = io.BytesIO()
    Image.fromarray(array).save(buffer, format="PNG")
    atomic_write_bytes(path, buffer.getvalue())


def save_image(image: Float[Tensor, "3 height width"], path: Path) -> None:
    save_png(image_to_uint8(image), path)


def colorize_inverse_depth(depth: Float[Tensor, "height width"]) -> np.ndarray:
    """Plasma colouring of 1/depth with vmin = min and vmax = 95th percentile, as the reference."""
    from matplotlib import cm, colors

    disparity = (1.0 / depth.detach().float().cpu()).numpy()
    normalizer = colors.Normalize(vmin=disparity.min(), vmax=np.percentile(disparity, 95))
    mapper = cm.ScalarMappable(norm=normalizer, cmap="plasma")
    return (mapper.to_rgba(disparity)[:, :, :3] * 255).astype(np.uint8)


def scene_image_dir(output_dir: Path, scene: str) -> Path:
    return output_dir / "images" / scene


class SceneOutputWriter:
    """Writes what ``test_cfg`` (a ``TestCfg``: ``save_image``, ``save_depth``, ...) asks for."""

    def __init__(self, test_cfg: Any, output_dir: str | Path) -> None:
        self.cfg = test_cfg
        self.output_dir = Path(output_dir)
        self._context_indices: dict[str, list[int]] = {}  # for the video's name (reference naming)
        unsupported = [name for name in UNSUPPORTED_TEST_OUTPUTS if getattr(test_cfg, name, False)]
        if unsupported:
            logger.warning("test.%s: not implemented in splatbench yet; ignored", ", test.".join(unsupported))

    def context(self, scene: str, context: dict) -> None:
        if getattr(self.cfg, "save_video", False):
            self._context_indices[scene] = context["index"][0].tolist()
        if self.cfg.save_input_images:
            for index, image in zip(context["index"][0].tolist(), context["image"][0]):
                save_image(image, scene_image_dir(self.output_dir, scene) / "color" / f"input_{index:06d}.png")

    def encoded(self, scene: str, context: dict, encoded: dict) -> None:
        if self.cfg.save_gaussian and encoded.get("gaussians") is not None:
            from splatbench.training.ply_export import border_mask, export_gaussians_ply

            gaussians = encoded["gaussians"]
            num_views, _, height, width = context["image"].shape[1:]
            per_pixel = gaussians.means.shape[1] == num_views * height * width
            keep = border_mask(num_views, height, width) if per_pixel else None
            export_gaussians_ply(gaussians, self.output_dir / "gaussians" / f"{scene}.ply", keep)
        depths = encoded.get("depths")
        if self.cfg.save_depth and depths is not None:
            depth_dir = scene_image_dir(self.output_dir, scene) / "depth"
            indices = context["index"][0].tolist()
            for index, depth in zip(indices, depths[0]):
                save_png(colorize_inverse_depth(depth), depth_dir / f"{index:06d}.png")
                if self.cfg.save_depth_npy:
                    buffer = io.BytesIO()
                    np.save(buffer, depth.detach().float().cpu().numpy())
                    atomic_write_bytes(depth_dir / f"{index:06d}.npy", buffer.getvalue())
            if self.cfg.save_depth_concat_img:
                # The context images in one row over their colourised inverse depths.
                images = np.concatenate([image_to_uint8(image) for image in context["image"][0]], axis=1)
                colored = np.concatenate([colorize_inverse_depth(depth) for depth in depths[0]], axis=1)
                save_png(np.concatenate([images, colored], axis=0), depth_dir / f"img_depth_{scene}.png")

    def rendered(self, scene: str, target: dict, color: Float[Tensor, "view 3 height width"]) -> None:
        if self.cfg.save_image:
            color_dir = scene_image_dir(self.output_dir, scene) / "color"
            for index, image, gt in zip(target["index"][0].tolist(), color, target["image"][0]):
                save_image(image, color_dir / f"{index:06d}.png")
                if self.cfg.save_gt_image:
                    save_image(gt, color_dir / f"{index:06d}_gt.png")
        if getattr(self.cfg, "save_video", False):
            from splatbench.reconstruct.video import write_mp4

            indices = "_".join(map(str, self._context_indices.pop(scene, [])))
            write_mp4([image_to_uint8(image) for image in color], self.output_dir / "videos" / f"{scene}_frame_{indices}.mp4")
