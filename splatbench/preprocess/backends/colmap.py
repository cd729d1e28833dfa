"""``colmap``: SIFT features, matching and incremental mapping with pycolmap on the CPU.

The frames are written as PNG (downscaled so that the longer side is at most ``max_image_size``) into a
temporary folder; each frame gets a PINHOLE camera with its known intrinsics, which bundle adjustment keeps
fixed. Pairs are matched exhaustively for short scenes and sequentially (each frame with the next
``sequential_overlap`` frames, plus loop detection off) for scenes longer than ``exhaustive_max_frames``.
Incremental mapping keeps the largest reconstruction; frames it did not register are marked invalid.
The poses are expressed in the first registered camera's frame at COLMAP's arbitrary scale, like the study's
VGGT poses (nothing aligns them to the ground truth). A frame's depth range is the ``(high, low)`` percentiles (``depth_percentile_high`` / ``_low``) of
the z-depths of the sparse points it observes.

A scene fails (``PoseBackendFailure``) if fewer than 2 frames register or the reconstruction is empty.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Any, Mapping

import numpy as np
import torch

from splatbench.data.images import tensor_to_pil
from splatbench.preprocess.backends import (
    FrameBatch,
    OptionReader,
    PoseBackendFailure,
    PoseBackendOptionError,
    PoseBackendUnavailable,
    PoseEstimate,
)

logger = logging.getLogger(__name__)

MIN_POINTS_PER_FRAME = 3


def _import_pycolmap():
    try:
        import pycolmap
    except ImportError as error:
        raise PoseBackendUnavailable(f"colmap backend needs pycolmap (pip install pycolmap==4.2.1): {error}") from error
    pycolmap.logging.minloglevel = 2  # COLMAP's INFO/WARNING lines would drown the progress bar
    return pycolmap


class ColmapBackend:
    name = "colmap"
    max_frames_per_pass = None

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        self.pycolmap = _import_pycolmap()

    def _write_frames(self, frames: FrameBatch, folder: Path) -> tuple[list[str], list[tuple[int, int]]]:
        names, sizes = [], []
        limit = self.options["max_image_size"]
        for number, image in enumerate(frames.images):
            picture = tensor_to_pil(image)
            width, height = picture.size
            factor = min(1.0, limit / max(width, height)) if limit > 0 else 1.0
            if factor < 1.0:
                picture = picture.resize((max(1, round(width * factor)), max(1, round(height * factor))), resample=3)  # LANCZOS
            name = f"{number:06d}.png"
            picture.save(folder / name)
            names.append(name)
            sizes.append(picture.size)
        return names, sizes

    def _set_known_cameras(self, database: Path, intrinsics: torch.Tensor, sizes: list[tuple[int, int]]) -> None:
        pycolmap = self.pycolmap
        with pycolmap.Database.open(database) as db:
            for image in db.read_all_images():
                frame = int(Path(image.name).stem)
                camera = db.read_camera(image.camera_id)
                width, height = sizes[frame]
                k = intrinsics[frame].to(torch.float64)
                # normalised K uses the pixel-centre convention, like COLMAP's pixel coordinates
                camera.params = [float(k[0, 0]) * width, float(k[1, 1]) * height, float(k[0, 2]) * width, float(k[1, 2]) * height]
                camera.has_prior_focal_length = True
                db.update_camera(camera)

    def _pipeline_options(self):
        pycolmap, options = self.pycolmap, self.options
        mapping = pycolmap.IncrementalPipelineOptions(
            ba_refine_focal_length=False,
            ba_refine_principal_point=False,
            ba_refine_extra_params=False,
            random_seed=options["seed"],
            multiple_models=False,
            num_threads=options["num_threads"],
            min_num_matches=options["min_num_matches"],
        )
        mapping.mapper.abs_pose_refine_focal_length = False
        mapping.mapper.abs_pose_refine_extra_params = False
        mapping.mapper.init_min_num_inliers = options["init_min_num_inliers"]
        mapping.mapper.abs_pose_min_num_inliers = options["abs_pose_min_num_inliers"]
        mapping.mapper.init_min_tri_angle = options["init_min_tri_angle"]
        return mapping

    def estimate(self, frames: FrameBatch) -> PoseEstimate:
        try:
            return self._estimate(frames)
        except (RuntimeError, ValueError) as error:  # COLMAP's own checks on degenerate input
            first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise PoseBackendFailure(f"COLMAP error: {first_line}") from None

    def _estimate(self, frames: FrameBatch) -> PoseEstimate:
        pycolmap, options = self.pycolmap, self.options
        count = frames.num_frames
        if count < 2:
            raise PoseBackendFailure("COLMAP needs at least 2 frames")
        with tempfile.TemporaryDirectory(prefix="splatbench-colmap-") as work:
            work = Path(work)
            (work / "images").mkdir()
            names, sizes = self._write_frames(frames, work / "images")
            database = work / "database.db"
            extraction = pycolmap.FeatureExtractionOptions()
            extraction.num_threads = options["num_threads"]
            extraction.sift.peak_threshold = options["peak_threshold"]
            extraction.sift.max_num_features = options["max_num_features"]
            pycolmap.extract_features(
                database,
                work / "images",
                image_names=names,
                camera_mode=pycolmap.CameraMode.PER_IMAGE,
                reader_options=pycolmap.ImageReaderOptions(camera_model="PINHOLE"),
                extraction_options=extraction,
                device=pycolmap.Device.cpu,
            )
            self._set_known_cameras(database, frames.intrinsics, sizes)
            if count <= options["exhaustive_max_frames"]:
                pycolmap.match_exhaustive(database, device=pycolmap.Device.cpu)
            else:
                pairing = pycolmap.SequentialPairingOptions(overlap=options["sequential_overlap"], quadratic_overlap=True)
                pycolmap.match_sequential(database, pairing_options=pairing, device=pycolmap.Device.cpu)
            reconstructions = pycolmap.incremental_mapping(database, work / "images", work / "sparse", self._pipeline_options())
            if not reconstructions:
                raise PoseBackendFailure("COLMAP found no initial pair (too few matches or degenerate motion)")
            best = max(reconstructions.values(), key=lambda reconstruction: reconstruction.num_reg_images())
            return self._read_reconstruction(best, count, frames.intrinsics)

    def _read_reconstruction(self, reconstruction, count: int, intrinsics: torch.Tensor) -> PoseEstimate:
        low, high = self.options["depth_percentile_low"], self.options["depth_percentile_high"]
        extrinsics = torch.full((count, 4, 4), float("nan"), dtype=torch.float64)
        depth_range = torch.full((count, 2), float("nan"), dtype=torch.float64)
        valid = torch.zeros(count, dtype=torch.bool)
        for image_id in reconstruction.reg_image_ids():
            image = reconstruction.images[image_id]
            frame = int(Path(image.name).stem)
            cam_from_world = np.eye(4)
            cam_from_world[:3] = image.cam_from_world().matrix()
            point_ids = [point.point3D_id for point in image.points2D if point.has_point3D()]
            if len(point_ids) < MIN_POINTS_PER_FRAME:
                continue
            world = np.stack([reconstruction.points3D[point_id].xyz for point_id in point_ids])
            depths = world @ cam_from_world[:3, :3].T[:, 2] + cam_from_world[2, 3]
            depths = depths[depths > 0]
            if len(depths) < MIN_POINTS_PER_FRAME:
                continue
            depth_range[frame] = torch.tensor([np.percentile(depths, high), np.percentile(depths, low)])
            extrinsics[frame] = torch.from_numpy(np.linalg.inv(cam_from_world))
            valid[frame] = True
        registered = int(valid.sum())
        if registered < 2:
            raise PoseBackendFailure(f"COLMAP registered {registered} of {count} frames (too few matches or degenerate motion)")
        # COLMAP's world frame is arbitrary; express it in the first registered camera's frame, as VGGT's
        # output (which the study stores) is. Scale stays COLMAP's: depth ranges are in the same units.
        first = int(valid.nonzero()[0])
        extrinsics[valid] = torch.linalg.inv(extrinsics[first]) @ extrinsics[valid]
        return PoseEstimate(
            extrinsics=extrinsics.to(torch.float32),
            intrinsics=intrinsics.to(torch.float32),
            depth_range=depth_range.to(torch.float32),
            valid=valid,
        )


def create_backend(options: Mapping[str, str]) -> ColmapBackend:
    reader = OptionReader("colmap", options)
    reader.get("max_image_size", int, 640)
    reader.get("num_threads", int, -1)
    reader.get("seed", int, 0)
    reader.get("peak_threshold", float, 0.004)
    reader.get("max_num_features", int, 8192)
    reader.get("min_num_matches", int, 15)
    reader.get("init_min_num_inliers", int, 50)
    reader.get("abs_pose_min_num_inliers", int, 15)
    reader.get("init_min_tri_angle", float, 8.0)
    reader.get("exhaustive_max_frames", int, 60)
    reader.get("sequential_overlap", int, 10)
    low = reader.get("depth_percentile_low", float, 2.0)
    high = reader.get("depth_percentile_high", float, 98.0)
    resolved = reader.finish()
    if not 0 <= low < high <= 100:
        raise PoseBackendOptionError(f"colmap options depth_percentile_low/high: need 0 <= low < high <= 100, got {low}, {high}")
    return ColmapBackend(resolved)
