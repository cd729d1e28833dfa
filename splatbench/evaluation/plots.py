"""Plots people would rather look at than tables: training curves against a baseline."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

from splatbench.utils.io import atomic_write_bytes


def read_metric_series(metrics_csv: str | Path, column: str) -> tuple[list[float], list[float]]:
    """(steps, values) of ``column`` from a Lightning CSVLogger ``metrics.csv`` (empty cells skipped)."""
    steps, values = [], []
    with open(metrics_csv, newline="") as handle:
        for row in csv.DictReader(handle):
            value, step = row.get(column, ""), row.get("step", "")
            if value not in ("", None) and step not in ("", None) and math.isfinite(float(value)):
                steps.append(float(step))
                values.append(float(value))
    return steps, values


def plot_training_curves(
    metrics_csvs: list[str | Path],
    out_png: str | Path,
    baseline_psnr: float | None = None,
    test_psnr: float | None = None,
) -> Path:
    """Training loss and training PSNR against the step; horizontal lines for test and baseline PSNR."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    series: dict[str, tuple[list[float], list[float]]] = {"loss/total": ([], []), "train/psnr": ([], [])}
    for path in metrics_csvs:  # a resumed run logs into several version folders
        for column in series:
            steps, values = read_metric_series(path, column)
            series[column][0].extend(steps)
            series[column][1].extend(values)
    figure, (loss_axis, psnr_axis) = plt.subplots(1, 2, figsize=(10, 3.6))
    loss_axis.plot(*series["loss/total"], color="tab:blue")
    loss_axis.set(xlabel="step", ylabel="training loss", yscale="log", title="loss")
    psnr_axis.plot(*series["train/psnr"], color="tab:green", label="training batches")
    if test_psnr is not None:
        psnr_axis.axhline(test_psnr, color="tab:green", linestyle="--", label=f"test: {test_psnr:.2f} dB")
    if baseline_psnr is not None:
        psnr_axis.axhline(baseline_psnr, color="tab:red", linestyle=":", label=f"copy nearest context: {baseline_psnr:.2f} dB")
    psnr_axis.set(xlabel="step", ylabel="PSNR (dB)", title="PSNR")
    psnr_axis.legend(loc="lower right", fontsize=8)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110)
    plt.close(figure)
    return atomic_write_bytes(out_png, buffer.getvalue())
