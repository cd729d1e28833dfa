"""What an evaluation returns: one row per scene, the skipped scenes, timings and peak memory;
rank merging; and the metric files of test mode.

Metric files (``<output_dir>/metrics``), the reference's names plus splatbench's additions::

    scores_{psnr,ssim,lpips}_all.json, scores_all_avg.json, benchmark.json, peak_memory.json
    scores_per_scene.csv, scene_counts.json, summary.md
"""

from __future__ import annotations

import csv
from collections import Counter
import io
import logging
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch

from splatbench.evaluation.metric_groups import ordered_metric_names
from splatbench.utils.io import atomic_write_json, atomic_write_text

logger = logging.getLogger(__name__)


@dataclass
class SceneRow:
    """One evaluated scene: its key, views, and the mean of each metric over its target views.

    ``metrics`` is flat (``psnr``, ``ssim``, ``lpips``, then whatever other metric groups added);
    the group registry (``metric_groups.py``) keeps the names unique and ordered.
    """

    scene: str
    context_indices: list[int]
    target_indices: list[int]
    metrics: dict[str, float]
    # (batch index on its rank, rank): sorting by it restores the single-process order when the
    # evaluation set is dealt round-robin to ranks.
    order: tuple[int, int] = (0, 0)


@dataclass
class EvaluationReport:
    """Everything ``evaluate()`` (or the ranks of a test run, merged) produced."""

    scenes: list[SceneRow]
    skipped: list[str]
    # Every recorded call (benchmark.json) and how many leading calls to leave out of the averages.
    timings: dict[str, list[float]]
    timing_skip: dict[str, int] = field(default_factory=dict)
    # After merging ranks: the calls that count for the averages (each rank skipped its own first ones).
    kept_timings: dict[str, list[float]] | None = None
    # Peak memory in bytes (the largest over ranks once merged).
    peak_memory: int = 0
    # Every skipped scene's reason (``data.errors.SKIP_HINTS`` says how to fix each).
    skip_reasons: dict[str, str] = field(default_factory=dict)

    @property
    def metric_names(self) -> list[str]:
        """Metrics every scene has, in registry order."""
        if not self.scenes:
            return []
        common = set.intersection(*(set(s.metrics) for s in self.scenes))
        return ordered_metric_names(common)

    def averages(self) -> dict[str, float]:
        """Mean over scenes of the per-scene means (the reference's final score)."""
        return {name: float(np.mean([s.metrics[name] for s in self.scenes])) for name in self.metric_names}

    def timing_summary(self) -> dict[str, list[float]]:
        """``{tag: [calls counted, mean seconds per call]}``."""
        summary = {}
        for tag, times in self.timings.items():
            kept = self.kept_timings[tag] if self.kept_timings is not None else times[int(self.timing_skip.get(tag, 0)) :]
            summary[tag] = [len(kept), float(np.mean(kept)) if kept else float("nan")]
        return summary


# The names used before evaluation moved out of the training package.
SceneResult = SceneRow
TestReport = EvaluationReport


def gather_reports(local: EvaluationReport, world_size: int) -> EvaluationReport:
    """Merge every rank's report: de-duplicate scenes by key (samplers pad by repeating), keep the
    single-process order, concatenate timings. Collective: every rank must call it."""
    if world_size > 1 and torch.distributed.is_available() and torch.distributed.is_initialized():
        gathered: list[EvaluationReport | None] = [None] * world_size
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
    skip_reasons = {key: reason for r in reports for key, reason in r.skip_reasons.items() if key in skipped}
    timings: dict[str, list[float]] = {}
    kept_timings: dict[str, list[float]] = {}
    for report in reports:
        for tag, times in report.timings.items():
            timings.setdefault(tag, []).extend(times)
            kept_timings.setdefault(tag, []).extend(times[int(report.timing_skip.get(tag, 0)) :])
    peak_memory = max(report.peak_memory for report in reports)
    return EvaluationReport(
        scenes=scenes, skipped=skipped, timings=timings, kept_timings=kept_timings, peak_memory=peak_memory, skip_reasons=skip_reasons
    )


def write_per_scene_csv(path: Path, scenes: list[SceneRow], names: list[str]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
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
# Shown after the image metrics when some report has them (data with ground-truth depth).
OPTIONAL_SUMMARY_COLUMNS = ["depth_abs_rel", "depth_delta1", "depth_abs_rel_scaled", "depth_delta1_scaled"]


def summary_columns(reports: list[EvaluationReport]) -> list[str]:
    """:data:`SUMMARY_COLUMNS` plus the optional metric columns any of ``reports`` has."""
    present = {name for report in reports for name in report.metric_names}
    extra = [name for name in OPTIONAL_SUMMARY_COLUMNS if name in present]
    return SUMMARY_COLUMNS[:5] + extra + SUMMARY_COLUMNS[5:]


def summary_row(report: EvaluationReport) -> dict[str, object]:
    averages = report.averages()
    timing = report.timing_summary()
    return {
        "scenes": len(report.scenes),
        "skipped": len(report.skipped),
        **averages,
        "encoder_s": timing.get("encoder", [0, float("nan")])[1],
        "decoder_s": timing.get("decoder", [0, float("nan")])[1],
    }


def write_test_metrics(metrics_dir: Path, report: EvaluationReport, compute_scores: bool) -> dict:
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
    write_per_scene_csv(metrics_dir / "scores_per_scene.csv", report.scenes, report.metric_names)
    atomic_write_json(
        metrics_dir / "scene_counts.json",
        {
            "evaluated": len(report.scenes),
            "skipped": len(report.skipped),
            "skipped_by_reason": dict(Counter(report.skip_reasons.values())),
            "skipped_scenes": report.skipped,
            "skip_reasons": report.skip_reasons,
        },
    )
    table = format_metrics_table([summary_row(report)], summary_columns([report]))
    atomic_write_text(metrics_dir / "summary.md", table + "\n")
    return saved
