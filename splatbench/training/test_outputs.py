"""Files written in test mode, in the reference layout, plus the per-scene CSV and rank aggregation.

Layout (``<output_dir>`` = the run's output folder)::

    images/<scene>/color/{idx:06d}.png, {idx:06d}_gt.png, input_{idx:06d}.png
    images/<scene>/depth/{idx:06d}.png (.npy)
    metrics/scores_{psnr,ssim,lpips}_all.json, scores_all_avg.json, benchmark.json, peak_memory.json
    metrics/scores_per_scene.csv, metrics/summary.md      (splatbench additions)
"""

from __future__ import annotations

import csv
import io
import logging
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch
from jaxtyping import Float
from PIL import Image
from torch import Tensor

from splatbench.utils.io import atomic_write_bytes, atomic_write_json, atomic_write_text

logger = logging.getLogger(__name__)

from splatbench.evaluation.depth_metrics import DEPTH_METRIC_NAMES

IMAGE_METRIC_NAMES = ("psnr", "ssim", "lpips")
# Depth metrics appear when the context views carry ground-truth depth (dataset.load_depth_maps).
METRIC_NAMES = IMAGE_METRIC_NAMES + DEPTH_METRIC_NAMES


@dataclass
class SceneResult:
    """One evaluated scene: its key, views, and the mean of each metric over its target views."""

    scene: str
    context_indices: list[int]
    target_indices: list[int]
    metrics: dict[str, float]
    # (batch index on its rank, rank): sorting by it restores the single-process order when the
    # evaluation set is dealt round-robin to ranks.
    order: tuple[int, int] = (0, 0)


@dataclass
class TestReport:
    """Everything gathered from all ranks at the end of a test run."""

    scenes: list[SceneResult]
    skipped: list[str]
    # Every recorded call (benchmark.json) and how many leading calls to leave out of the averages.
    timings: dict[str, list[float]]
    timing_skip: dict[str, int] = field(default_factory=dict)
    # After merging ranks: the calls that count for the averages (each rank skipped its own first ones).
    kept_timings: dict[str, list[float]] | None = None
    # Peak memory in bytes (the largest over ranks once merged).
    peak_memory: int = 0

    def averages(self) -> dict[str, float]:
        """Mean over scenes of the per-scene means (the reference's final score)."""
        if not self.scenes:
            return {}
        return {
            name: float(np.mean([s.metrics[name] for s in self.scenes]))
            for name in METRIC_NAMES
            if all(name in s.metrics for s in self.scenes)
        }

    def timing_summary(self) -> dict[str, list[float]]:
        summary = {}
        for tag, times in self.timings.items():
            kept = self.kept_timings[tag] if self.kept_timings is not None else times[int(self.timing_skip.get(tag, 0)) :]
            summary[tag] = [len(kept), float(np.mean(kept)) if kept else float("nan")]
        return summary


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


def gather_reports(local: TestReport, world_size: int) -> TestReport:
    """Merge every rank's report: de-duplicate scenes by key (samplers pad by repeating), keep the
    single-process order, concatenate timings. Collective: every rank must call it."""
    if world_size > 1 and torch.distributed.is_available() and torch.distributed.is_initialized():
        gathered: list[TestReport | None] = [None] * world_size
        torch.distributed.all_gather_object(gathered, local)
        reports = [r for r in gathered if r is not None]
    else:
        reports = [local]
    seen: set[str] = set()
    scenes = []
    for result in sorted((s for r in reports for s in r.scenes), key=lambda s: s.order):
        if result.scene in seen:
            continue
        seen.add(result.scene)
        scenes.append(result)
    skipped = sorted({key for r in reports for key in r.skipped} - seen)
    timings: dict[str, list[float]] = {}
    kept_timings: dict[str, list[float]] = {}
    for report in reports:
        for tag, times in report.timings.items():
            timings.setdefault(tag, []).extend(times)
            kept_timings.setdefault(tag, []).extend(times[int(report.timing_skip.get(tag, 0)) :])
    peak_memory = max(report.peak_memory for report in reports)
    return TestReport(scenes=scenes, skipped=skipped, timings=timings, kept_timings=kept_timings, peak_memory=peak_memory)


def write_per_scene_csv(path: Path, scenes: list[SceneResult]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    names = [n for n in METRIC_NAMES if scenes and all(n in s.metrics for s in scenes)]
    writer.writerow(["scene", "context_indices", "target_indices", *names])
    for s in scenes:
        writer.writerow(
            [
                s.scene,
                " ".join(map(str, s.context_indices)),
                " ".join(map(str, s.target_indices)),
                *(f"{s.metrics[n]:.6f}" for n in names),
            ]
        )
    atomic_write_text(path, buffer.getvalue())


def format_metrics_table(rows: list[dict[str, object]], columns: list[str]) -> str:
    """A GitHub-markdown table; floats get 4 decimals (PSNR 2)."""

    def cell(name: str, value: object) -> str:
        if isinstance(value, float):
            if math.isnan(value):
                return "-"
            return f"{value:.2f}" if name == "psnr" else f"{value:.4f}"
        return str(value)

    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(cell(c, row.get(c, "")) for c in columns) + " |")
    return "\n".join(lines)


SUMMARY_COLUMNS = ["scenes", "skipped", "psnr", "ssim", "lpips", "encoder_s", "decoder_s"]


def summary_row(report: TestReport) -> dict[str, object]:
    averages = report.averages()
    timing = report.timing_summary()
    return {
        "scenes": len(report.scenes),
        "skipped": len(report.skipped),
        **averages,
        "encoder_s": timing.get("encoder", [0, float("nan")])[1],
        "decoder_s": timing.get("decoder", [0, float("nan")])[1],
    }


def write_test_metrics(metrics_dir: Path, report: TestReport, compute_scores: bool) -> dict:
    """Write the reference's metric files plus the CSV and summary; return scores_all_avg's content."""
    atomic_write_json(metrics_dir / "benchmark.json", report.timings, indent=None)
    atomic_write_json(metrics_dir / "peak_memory.json", report.peak_memory, indent=None)
    if not compute_scores:
        return {}
    saved: dict[str, object] = {}
    for name, value in report.averages().items():
        saved[name] = value
        atomic_write_json(metrics_dir / f"scores_{name}_all.json", [s.metrics[name] for s in report.scenes], indent=None)
    # No timed call left after eval_time_skip_steps: write null, not NaN (NaN is not valid JSON).
    saved.update({tag: [n, None if math.isnan(mean) else mean] for tag, (n, mean) in report.timing_summary().items()})
    atomic_write_json(metrics_dir / "scores_all_avg.json", saved, indent=None)
    write_per_scene_csv(metrics_dir / "scores_per_scene.csv", report.scenes)
    atomic_write_json(
        metrics_dir / "scene_counts.json",
        {"evaluated": len(report.scenes), "skipped": len(report.skipped), "skipped_scenes": report.skipped},
    )
    table = format_metrics_table([summary_row(report)], SUMMARY_COLUMNS)
    atomic_write_text(metrics_dir / "summary.md", table + "\n")
    return saved

