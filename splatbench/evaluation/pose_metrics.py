"""Camera-pose accuracy against the ground truth: relative angle errors, AUC, ATE.

The relative-pose protocol is VGGT's (RealEstate10K / Co3D camera evaluation): for every frame pair
``i < j`` the relative pose is ``w2c_i @ c2w_j`` (camera j in camera i's frame) for both the estimate and
the ground truth;

* rotation error: the angle of ``R_rel_gt^T R_rel_est`` (degrees);
* translation error: the angle between the two relative translations (degrees), folded to
  ``min(a, 180 - a)`` because the translation's sign is ambiguous for two-view geometry, as VGGT does;
* ``AUC@T``: with ``e = max(rotation error, translation error)`` per pair, the mean over k = 1..T of the
  fraction of pairs with ``e < k`` (the last bin includes ``e = T``): the area under the accuracy curve
  on a 1-degree grid, normalised to [0, 1].

A pair with a frame the source did not estimate counts as a total failure (error 180 degrees) in the AUC
and the accuracy figures, and is left out of the mean/median errors.

Scale-free frames (VGGT, COLMAP) need no alignment for these angles. The absolute trajectory error (ATE)
aligns the estimated camera centres to the ground truth by a similarity (Umeyama, scale included) and gives
the RMS centre distance in ground-truth units, also divided by the ground truth's mean consecutive baseline;
the mean per-frame rotation error after that alignment is reported too.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import Tensor
from tqdm import tqdm

from splatbench.data.chunks import list_chunks, read_chunk, split_folders
from splatbench.data.errors import DataError
from splatbench.data.pose_sources import get_pose_source
from splatbench.data.scene_checks import check_scene_structure, scene_name
from splatbench.geometry.camera import camera_vectors_to_matrices
from splatbench.geometry.rotation import relative_rotation_error, umeyama, vector_angle

AUC_THRESHOLDS = (5, 10, 30)
FAILED_PAIR_ERROR = 180.0


def pair_indices(num_frames: int) -> tuple[Tensor, Tensor]:
    first, second = torch.triu_indices(num_frames, num_frames, offset=1)
    return first, second


def relative_pose_errors(estimate_c2w: Tensor, gt_c2w: Tensor) -> tuple[Tensor, Tensor]:
    """Per pair (i < j, row-major order) rotation and folded translation-direction errors in degrees."""
    estimate_c2w = estimate_c2w.to(torch.float64)
    gt_c2w = gt_c2w.to(torch.float64)
    first, second = pair_indices(len(gt_c2w))

    def relative(c2w: Tensor) -> tuple[Tensor, Tensor]:
        rotations, centres = c2w[:, :3, :3], c2w[:, :3, 3]
        rotation = rotations[first].transpose(-1, -2) @ rotations[second]
        translation = (rotations[first].transpose(-1, -2) @ (centres[second] - centres[first])[..., None])[..., 0]
        return rotation, translation

    gt_rotation, gt_translation = relative(gt_c2w)
    estimate_rotation, estimate_translation = relative(estimate_c2w)
    rotation_error = relative_rotation_error(gt_rotation, estimate_rotation)
    translation_error = vector_angle(gt_translation, estimate_translation)
    return rotation_error, torch.minimum(translation_error, (180.0 - translation_error).abs())


def pose_auc(rotation_errors: Tensor, translation_errors: Tensor, threshold: int) -> float:
    """Mean over k = 1..threshold of the fraction of pairs with max(errors) below k (last bin inclusive)."""
    errors = torch.maximum(torch.as_tensor(rotation_errors), torch.as_tensor(translation_errors)).to(torch.float64)
    if errors.numel() == 0:
        return float("nan")
    fractions = [float((errors < k).to(torch.float64).mean()) for k in range(1, threshold)]
    fractions.append(float((errors <= threshold).to(torch.float64).mean()))
    return sum(fractions) / threshold


class PooledAuc:
    """AUC over all pairs of many scenes from running counts (RealEstate10K has millions of pairs)."""

    def __init__(self, thresholds: tuple[int, ...] = AUC_THRESHOLDS) -> None:
        self.thresholds = thresholds
        self.below = torch.zeros(max(thresholds), dtype=torch.int64)  # below[k - 1] = #pairs with error < k
        self.at_most = {threshold: 0 for threshold in thresholds}  # #pairs with error <= threshold
        self.pairs = 0

    def add(self, rotation_errors: Tensor, translation_errors: Tensor) -> None:
        errors = torch.maximum(rotation_errors, translation_errors).to(torch.float64)
        levels = torch.arange(1, len(self.below) + 1, dtype=torch.float64)
        self.below += (errors[:, None] < levels).sum(0)
        for threshold in self.thresholds:
            self.at_most[threshold] += int((errors <= threshold).sum())
        self.pairs += int(errors.numel())

    def auc(self, threshold: int) -> float:
        if self.pairs == 0:
            return float("nan")
        counts = self.below[: threshold - 1].tolist() + [self.at_most[threshold]]
        return sum(counts) / (threshold * self.pairs)


def absolute_trajectory_error(estimate_c2w: Tensor, gt_c2w: Tensor) -> dict[str, float]:
    """Similarity-aligned RMS centre error (GT units and per mean baseline) and mean aligned rotation error."""
    estimate_c2w = estimate_c2w.to(torch.float64)
    gt_c2w = gt_c2w.to(torch.float64)
    scale, rotation, translation = umeyama(estimate_c2w[:, :3, 3], gt_c2w[:, :3, 3])
    aligned = scale * estimate_c2w[:, :3, 3] @ rotation.T + translation
    ate = float((aligned - gt_c2w[:, :3, 3]).square().sum(-1).mean().sqrt())
    baselines = (gt_c2w[1:, :3, 3] - gt_c2w[:-1, :3, 3]).norm(dim=-1)
    baseline = float(baselines.mean()) if len(baselines) else float("nan")
    rotation_errors = relative_rotation_error(gt_c2w[:, :3, :3], rotation @ estimate_c2w[:, :3, :3])
    return {
        "ate": ate,
        "ate_over_baseline": ate / baseline if baseline > 0 else float("nan"),
        "aligned_rotation_error_deg": float(rotation_errors.mean()),
        "alignment_scale": scale,
    }


def evaluate_scene_poses(estimate_c2w: Tensor, gt_c2w: Tensor, valid: Tensor | None = None) -> tuple[dict[str, Any], Tensor, Tensor]:
    """Per-scene figures plus the per-pair errors used for the AUC (failed pairs at 180 degrees)."""
    num_frames = len(gt_c2w)
    valid = torch.ones(num_frames, dtype=torch.bool) if valid is None else torch.as_tensor(valid).bool()
    first, second = pair_indices(num_frames)
    pair_ok = valid[first] & valid[second]
    safe = torch.where(valid[:, None, None], estimate_c2w.to(torch.float64), torch.eye(4, dtype=torch.float64))
    rotation_errors, translation_errors = relative_pose_errors(safe, gt_c2w)
    rotation_errors = torch.where(pair_ok, rotation_errors, torch.full_like(rotation_errors, FAILED_PAIR_ERROR))
    translation_errors = torch.where(pair_ok, translation_errors, torch.full_like(translation_errors, FAILED_PAIR_ERROR))
    figures: dict[str, Any] = {
        "frames": num_frames,
        "valid_frames": int(valid.sum()),
        "pairs": int(len(first)),
        "valid_pairs": int(pair_ok.sum()),
    }
    if bool(pair_ok.any()):
        figures.update(
            rotation_error_mean=float(rotation_errors[pair_ok].mean()),
            rotation_error_median=float(rotation_errors[pair_ok].median()),
            translation_error_mean=float(translation_errors[pair_ok].mean()),
            translation_error_median=float(translation_errors[pair_ok].median()),
        )
    else:
        figures.update({name: float("nan") for name in ("rotation_error_mean", "rotation_error_median", "translation_error_mean", "translation_error_median")})
    for threshold in AUC_THRESHOLDS:
        figures[f"auc@{threshold}"] = pose_auc(rotation_errors, translation_errors, threshold)
    if int(valid.sum()) >= 3:
        figures.update(absolute_trajectory_error(estimate_c2w[valid], gt_c2w[valid]))
    else:
        figures.update(ate=math.nan, ate_over_baseline=math.nan, aligned_rotation_error_deg=math.nan, alignment_scale=math.nan)
    return figures, rotation_errors, translation_errors


def nanmean(values: list[float]) -> float:
    array = np.asarray(values, dtype=np.float64)
    finite = array[np.isfinite(array)]
    return float(finite.mean()) if finite.size else float("nan")


def evaluate_dataset_poses(root, source: str, progress: bool = False) -> dict[str, Any]:
    """Every scene of a chunk dataset: the source's cameras against ``cameras``.

    Returns ``{"source", "root", "scenes": [per-scene dicts with "scene", "split", "chunk", "status"], "mean":
    figures averaged over evaluated scenes, "pooled": AUC and errors over all pairs of all scenes, "counts"}``.
    A scene without the source's keys (e.g. one the estimator failed on) has status ``missing``; an unusable
    scene ``skipped``; both are listed and counted, and excluded from the averages.
    """
    root = Path(root)
    keys = get_pose_source(source)
    splits = split_folders(root)
    if not splits:
        raise DataError(str(root), None, None, "no chunk files (*.torch) in it or in its train/ or test/ folders")
    scenes: list[dict[str, Any]] = []
    pooled_auc = PooledAuc()
    chunks = [(split, chunk) for split in splits for chunk in list_chunks(split)]
    for split, chunk_path in tqdm(chunks, desc=f"poses-eval {source}", unit="chunk", disable=not progress):
        split_name = "" if split == root else split.name
        try:
            stored = read_chunk(chunk_path)
        except DataError as error:
            scenes.append({"scene": None, "split": split_name, "chunk": chunk_path.name, "status": "skipped", "reason": str(error)})
            continue
        for scene in stored:
            entry: dict[str, Any] = {"scene": scene_name(scene), "split": split_name, "chunk": chunk_path.name}
            try:
                check_scene_structure(str(chunk_path), scene)
            except DataError as error:
                scenes.append({**entry, "status": "skipped", "reason": str(error)})
                continue
            if keys.camera_key not in scene:
                scenes.append({**entry, "status": "missing", "reason": f"no {keys.camera_key} key"})
                continue
            gt_c2w, _ = camera_vectors_to_matrices(scene["cameras"], dtype=torch.float64)
            valid = scene.get(keys.valid_key) if keys.valid_key else None
            estimate_vectors = torch.as_tensor(scene[keys.camera_key]).to(torch.float64)
            if valid is None:
                valid = torch.isfinite(estimate_vectors).all(dim=1)
            valid = torch.as_tensor(valid).bool() & torch.isfinite(estimate_vectors).all(dim=1)
            if estimate_vectors.shape != (len(gt_c2w), 18):
                scenes.append({**entry, "status": "skipped", "reason": f"{keys.camera_key} has shape {list(estimate_vectors.shape)}"})
                continue
            estimate_vectors = torch.where(valid[:, None], estimate_vectors, scene["cameras"].to(torch.float64))
            estimate_c2w, _ = camera_vectors_to_matrices(estimate_vectors, dtype=torch.float64)
            figures, rotation_errors, translation_errors = evaluate_scene_poses(estimate_c2w, gt_c2w, valid)
            pooled_auc.add(rotation_errors, translation_errors)
            scenes.append({**entry, "status": "evaluated", "reason": None, **figures})
    evaluated = [scene for scene in scenes if scene["status"] == "evaluated"]
    figure_names = [name for name in (evaluated[0] if evaluated else {}) if name not in ("scene", "split", "chunk", "status", "reason")]
    mean = {name: nanmean([scene[name] for scene in evaluated]) for name in figure_names}
    pooled: dict[str, Any] = {}
    if pooled_auc.pairs:
        pooled = {f"auc@{t}": pooled_auc.auc(t) for t in AUC_THRESHOLDS}
        pooled["pairs"] = pooled_auc.pairs
    counts = {status: sum(scene["status"] == status for scene in scenes) for status in ("evaluated", "missing", "skipped")}
    return {"source": source, "root": str(root), "thresholds": list(AUC_THRESHOLDS), "scenes": scenes, "mean": mean, "pooled": pooled, "counts": counts}
