"""The benchmark report folder, built from unit results only (so it can be rebuilt any time)::

    leaderboard.md / leaderboard.csv    measured rows (mean, 95 % bootstrap interval, scene counts,
                                        encoder ms, peak memory) and published rows, labelled
    splits.md, pose_sources.md          per-split and per-pose-source tables (paired differences vs gt)
    per_scene.csv                       every scene of every unit
    quality_vs_overlap.png, quality_vs_pose_noise.png, pose_error_vs_render_error.png
    scenes_<unit>.png                   best and worst scenes (prediction | ground truth)
    viewers/<unit>_{best,worst}.html    3D viewer pages of those scenes (each run's first evaluation)
    index.html                          one static page with all of the above
"""

from __future__ import annotations

import csv
import html
import io
import logging
import math
from collections import defaultdict
from pathlib import Path
from typing import Any

from splatbench.evaluation.benchmark.published import PUBLISHED, find_published
from splatbench.evaluation.statistics import paired_difference
from splatbench.utils.io import atomic_write_bytes, atomic_write_text

logger = logging.getLogger(__name__)

METRICS = ("psnr", "ssim", "lpips")
# Split names recognised as input-overlap bins, in increasing overlap, with the bin centres of
# NoPoSplat's thresholds (small 0.05-0.30, medium 0.30-0.55, high 0.55-0.80).
OVERLAP_BINS = {"small": 0.175, "medium": 0.425, "high": 0.675, "large": 0.675}


def _fmt(value: Any, name: str = "") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if isinstance(value, float):
        return f"{value:.2f}" if name in ("psnr", "encoder_ms", "peak_mb", "diff_psnr") else f"{value:.4f}"
    return str(value)


def _with_interval(result: dict, name: str) -> str:
    mean = result["averages"].get(name)
    low, high = result["intervals"].get(name, [None, None])
    if mean is None:
        return "-"
    if low is None or (isinstance(low, float) and math.isnan(low)):
        return _fmt(mean, name)
    return f"{_fmt(mean, name)} [{_fmt(low, name)}, {_fmt(high, name)}]"


def markdown_table(columns: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _unit(result: dict) -> dict:
    return result["unit"]


def _row_name(result: dict) -> tuple[str, str, str, str]:
    unit = _unit(result)
    return unit["track"], unit["run"], unit["pose_label"], unit["split"]


def leaderboard_rows(results: list[dict]) -> list[dict[str, Any]]:
    """One flat row per measured unit (best PSNR first within a track) plus the published rows."""
    rows = []
    for result in results:
        unit = _unit(result)
        row: dict[str, Any] = {
            "kind": "measured",
            "track": unit["track"],
            "run": unit["run"],
            "method": unit.get("method"),
            "parameters": result.get("parameters"),
            "pose_source": unit["pose_label"],
            "split": unit["split"],
            "protocol": result["protocol_id"],
            "scenes_asked": result["counts"]["asked"],
            "scenes_evaluated": result["counts"]["evaluated"],
            "scenes_skipped": result["counts"]["skipped"],
            "encoder_ms": result["encoder_ms"],
            "peak_mb": result["peak_memory_bytes"] / 2**20,
            "checkpoint_sha256": result["record"]["checkpoint_sha256"],
            "device": result["record"]["device"],
        }
        for name in METRICS:
            row[name] = result["averages"].get(name)
            low, high = result["intervals"].get(name, [None, None])
            row[f"{name}_ci_low"], row[f"{name}_ci_high"] = low, high
        published = find_published(unit["published"], unit.get("protocol")) if unit.get("published") else None
        if published is not None:
            row["published_method"] = published.method
            for name in METRICS:
                row[f"published_{name}"] = getattr(published, name)
                row[f"diff_{name}"] = None if row[name] is None else row[name] - getattr(published, name)
        rows.append(row)
    rows.sort(key=lambda r: (r["track"], -(r["psnr"] or -1e9)))
    # Always listed, for orientation; a difference is only computed for a run that names its
    # published counterpart under the same protocol (spec key "published").
    for published in PUBLISHED:
        rows.append({
            "kind": "published", "track": "published", "run": published.method, "pose_source": "gt",
            "split": "standard", "protocol": published.protocol, "psnr": published.psnr, "ssim": published.ssim,
            "lpips": published.lpips, "source": published.source + ("" if published.verified else " (unverified)"),
        })  # fmt: skip
    return rows


LEADERBOARD_CSV_COLUMNS = [
    "kind", "track", "run", "method", "parameters", "pose_source", "split", "protocol", "scenes_asked",
    "scenes_evaluated", "scenes_skipped",
    "psnr", "psnr_ci_low", "psnr_ci_high", "ssim", "ssim_ci_low", "ssim_ci_high", "lpips", "lpips_ci_low", "lpips_ci_high",
    "encoder_ms", "peak_mb", "published_method", "published_psnr", "published_ssim", "published_lpips",
    "diff_psnr", "diff_ssim", "diff_lpips", "checkpoint_sha256", "device", "source",
]  # fmt: skip


def _csv_text(columns: list[str], rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if v is None else (repr(v) if isinstance(v, float) else v)) for k, v in row.items()})
    return buffer.getvalue()


def _format_parameters(count: int | None) -> str:
    return "-" if count is None else f"{count / 1e6:.2f} M"


def leaderboard_markdown(results: list[dict], rows: list[dict]) -> str:
    parts = ["# Leaderboard", ""]
    measured = [r for r in rows if r["kind"] == "measured"]
    result_for = {_row_name(r): r for r in results}
    for track in sorted({r["track"] for r in measured}):
        columns = ["run", "params", "pose source", "split", "scenes (eval/asked, skipped)", "PSNR [95% CI]", "SSIM [95% CI]",
                   "LPIPS [95% CI]", "encoder ms", "peak MB", "published (PSNR/SSIM/LPIPS)", "measured - published"]
        table = []
        for row in (r for r in measured if r["track"] == track):
            result = result_for[(track, row["run"], row["pose_source"], row["split"])]
            published = diff = "-"
            if row.get("published_method"):
                published = f"{row['published_method']} (published): " + " / ".join(_fmt(row[f"published_{n}"], n) for n in METRICS)
                diff = " / ".join(f"{row[f'diff_{n}']:+.3f}" for n in METRICS)
            table.append([
                row["run"] + (f" ({row['method']})" if row.get("method") else ""), _format_parameters(row.get("parameters")),
                row["pose_source"], row["split"],
                f"{row['scenes_evaluated']}/{row['scenes_asked']}, {row['scenes_skipped']}",
                *(_with_interval(result, n) for n in METRICS), _fmt(row["encoder_ms"], "encoder_ms"),
                _fmt(row["peak_mb"], "peak_mb"), published, diff,
            ])  # fmt: skip
        parts += [f"## Track: {track}", "", markdown_table(columns, table), ""]
    published_rows = [r for r in rows if r["kind"] == "published"]
    if published_rows:
        table = [[r["run"], r["protocol"], *(_fmt(r[n], n) for n in METRICS), r["source"]] for r in published_rows]
        parts += ["## Published numbers (not measured here; the protocol column names the test set, views and size)", "",
                  markdown_table(["method (published)", "protocol", "PSNR", "SSIM", "LPIPS", "source"], table), ""]
    parts += depth_markdown(results)
    protocols = sorted({r["protocol_id"] for r in results})
    parts += ["Protocols: " + ", ".join(protocols) + ". Intervals: 95 % percentile bootstrap over scenes.", ""]
    return "\n".join(parts)


# Depth metrics of the encoder's context-view depth, when a unit's data carried ground-truth depth.
DEPTH_REPORT_METRICS = ("depth_abs_rel", "depth_delta1", "depth_abs_rel_scaled", "depth_delta1_scaled")


def depth_markdown(results: list[dict]) -> list[str]:
    """A "Depth" section (lines) for the units whose averages hold depth metrics; none otherwise."""
    with_depth = [r for r in results if "depth_abs_rel" in r["averages"]]
    if not with_depth:
        return []
    table = []
    for result in sorted(with_depth, key=_row_name):
        track, run, pose, split = _row_name(result)
        table.append([track, run, pose, split, str(result["counts"]["evaluated"]),
                      *(_with_interval(result, name) for name in DEPTH_REPORT_METRICS)])  # fmt: skip
    columns = ["track", "run", "pose source", "split", "scenes", "AbsRel", "delta < 1.25",
               "AbsRel (median-scaled)", "delta < 1.25 (median-scaled)"]  # fmt: skip
    return ["## Depth (context views vs ground-truth depth)", "", markdown_table(columns, table), ""]


def _paired(results_a: dict, results_b: dict, metric: str, resamples: int) -> tuple[str, float | None]:
    first = {row["scene"]: row[metric] for row in results_a["rows"]}
    second = {row["scene"]: row[metric] for row in results_b["rows"]}
    interval = paired_difference(first, second, resamples=resamples)
    if interval.count == 0:
        return "-", None
    if interval.count < 2:  # one scene has no interval
        return f"{interval.mean:+.3f} (n={interval.count})", interval.mean
    text = f"{interval.mean:+.3f} [{interval.low:+.3f}, {interval.high:+.3f}] (n={interval.count})"
    return text, interval.mean


def _pivot(results: list[dict], column: int) -> tuple[list[str], dict[tuple, dict[str, dict]]]:
    """Group results by their (track, run, pose, split) name minus ``column``; columns in first-seen order."""
    columns = list(dict.fromkeys(_row_name(r)[column] for r in results))
    groups: dict[tuple, dict[str, dict]] = defaultdict(dict)
    for r in results:
        name = _row_name(r)
        groups[name[:column] + name[column + 1 :]][name[column]] = r
    return columns, dict(sorted(groups.items()))


def _mean_cell(result: dict) -> str:
    return f"{_with_interval(result, 'psnr')} (n={result['counts']['evaluated']})"


def split_table(results: list[dict]) -> str:
    splits, groups = _pivot(results, 3)
    rows = [[*name, *(_mean_cell(by[s]) if s in by else "-" for s in splits)] for name, by in groups.items()]
    return markdown_table(["track", "run", "pose source", *(f"PSNR {s}" for s in splits)], rows)


def pose_source_table(results: list[dict], resamples: int) -> str:
    poses, groups = _pivot(results, 2)
    rows = []
    for name, by_pose in groups.items():
        cells = []
        for pose in poses:
            if pose not in by_pose:
                cells.append("-")
                continue
            text = _mean_cell(by_pose[pose])
            if pose != "gt" and "gt" in by_pose:
                paired, _ = _paired(by_pose["gt"], by_pose[pose], "psnr", resamples)
                text += f"; vs gt: {paired}"
            cells.append(text)
        rows.append([*name, *cells])
    note = "Differences vs gt are paired over the scenes both evaluated (mean, 95 % paired bootstrap interval, n)."
    return markdown_table(["track", "run", "split", *(f"PSNR {p}" for p in poses)], rows) + "\n\n" + note


PER_SCENE_COLUMNS = ["track", "run", "pose_source", "split", "scene", "context", "target", "psnr", "ssim", "lpips"]


def per_scene_rows(results: list[dict]) -> tuple[list[str], list[dict]]:
    extra: list[str] = []
    rows = []
    for r in results:
        track, run, pose, split = _row_name(r)
        for scene in r["rows"]:
            row = {"track": track, "run": run, "pose_source": pose, "split": split, **scene,
                   "context": " ".join(map(str, scene["context"])), "target": " ".join(map(str, scene["target"]))}
            extra += [k for k in scene if k not in PER_SCENE_COLUMNS and k not in extra]
            rows.append(row)
    return PER_SCENE_COLUMNS + extra, rows


# ---------------------------------------------------------------------------------------------- plots
def _figure():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _save(figure, plt, path: Path) -> Path:
    buffer = io.BytesIO()
    figure.tight_layout()
    figure.savefig(buffer, format="png", dpi=100)
    plt.close(figure)
    return atomic_write_bytes(path, buffer.getvalue())


def _error_bar(result: dict, name: str = "psnr") -> tuple[float, list[float]]:
    mean = result["averages"][name]
    low, high = result["intervals"].get(name, [mean, mean])
    low = mean if low is None or math.isnan(low) else low
    high = mean if high is None or math.isnan(high) else high
    return mean, [mean - low, high - mean]


def plot_quality_vs_overlap(results: list[dict], path: Path) -> Path | None:
    groups: dict[tuple, list[tuple[float, dict]]] = defaultdict(list)
    for r in results:
        split = _unit(r)["split"].lower()
        if split in OVERLAP_BINS:
            track, run, pose, _ = _row_name(r)
            groups[(track, run, pose)].append((OVERLAP_BINS[split], r))
    groups = {k: sorted(v, key=lambda item: item[0]) for k, v in groups.items() if len(v) >= 2}
    if not groups:
        return None
    plt = _figure()
    figure, axis = plt.subplots(figsize=(6.4, 4))
    for (track, run, pose), points in sorted(groups.items()):
        xs = [x for x, _ in points]
        bars = [_error_bar(r) for _, r in points]
        axis.errorbar(xs, [m for m, _ in bars], yerr=list(zip(*[e for _, e in bars])), marker="o", capsize=3, label=f"{run} / {pose}")
    axis.set_xticks(sorted(set(OVERLAP_BINS.values())), ["small\n0.05-0.30", "medium\n0.30-0.55", "high\n0.55-0.80"])
    axis.set(xlabel="context-view overlap", ylabel="PSNR (dB), 95 % CI", title="Quality against input overlap")
    axis.legend(fontsize=7)
    return _save(figure, plt, path)


def plot_quality_vs_noise(results: list[dict], path: Path) -> Path | None:
    groups: dict[tuple, list[tuple[float, dict]]] = defaultdict(list)
    for r in results:
        level = _unit(r).get("noise_level")
        if level is not None and _unit(r)["pose"]["name"] in ("gt", "gt_noise"):
            track, run, _, split = _row_name(r)
            groups[(track, run, split)].append((level, r))
    groups = {k: sorted(v, key=lambda item: item[0]) for k, v in groups.items() if len({x for x, _ in v}) >= 2}
    if not groups:
        return None
    plt = _figure()
    figure, axis = plt.subplots(figsize=(6.4, 4))
    for (track, run, split), points in sorted(groups.items()):
        bars = [_error_bar(r) for _, r in points]
        axis.errorbar([x for x, _ in points], [m for m, _ in bars], yerr=list(zip(*[e for _, e in bars])), marker="o", capsize=3,
                      label=f"{run} / {split}")
    axis.set(xlabel="pose noise: rotation per frame (degrees; 0 = ground truth)", ylabel="PSNR (dB), 95 % CI",
             title="Quality against pose noise")
    axis.legend(fontsize=7)
    return _save(figure, plt, path)


def plot_pose_vs_render_error(results: list[dict], path: Path) -> Path | None:
    """Per scene: the pose source's rotation error (poses-eval) against the PSNR lost relative to
    ground-truth poses on the same scene (the PSNR itself when no gt unit exists)."""
    gt_psnr: dict[tuple, dict[str, float]] = {}
    for r in results:
        if _unit(r)["pose"]["name"] == "gt":
            track, run, _, split = _row_name(r)
            gt_psnr[(track, run, split)] = {row["scene"]: row["psnr"] for row in r["rows"]}
    series = {}
    relative = True
    for r in results:
        points = [(row["pose_rotation_error_mean"], row["scene"], row["psnr"]) for row in r["rows"]
                  if row.get("pose_rotation_error_mean") is not None and math.isfinite(row["pose_rotation_error_mean"])]
        if not points:
            continue
        track, run, pose, split = _row_name(r)
        reference = gt_psnr.get((track, run, split))
        if reference is None:
            relative = False
        series[f"{run} / {pose} / {split}"] = [(x, (reference[s] - p) if reference and s in reference else p) for x, s, p in points]
    if not series:
        return None
    plt = _figure()
    figure, axis = plt.subplots(figsize=(6.4, 4))
    for label, points in sorted(series.items()):
        axis.scatter([x for x, _ in points], [y for _, y in points], s=14, label=label)
    ylabel = "PSNR lost vs ground-truth poses (dB)" if relative else "PSNR (dB)"
    axis.set(xlabel="pose error: mean relative rotation error (degrees)", ylabel=ylabel, title="Pose error against rendering error, per scene")
    axis.legend(fontsize=7)
    return _save(figure, plt, path)


def plot_extremes(result: dict, unit_dir: Path, path: Path) -> Path | None:
    from PIL import Image

    extremes = result.get("extremes") or []
    if not extremes:
        return None
    plt = _figure()
    best = [e for e in extremes if e["kind"] == "best"]
    worst = [e for e in extremes if e["kind"] == "worst"]
    columns = max(len(best), len(worst))
    figure, axes = plt.subplots(2, columns, figsize=(3.2 * columns, 3.6), squeeze=False)
    for row, items in enumerate((best, worst)):
        for column in range(columns):
            axis = axes[row][column]
            axis.axis("off")
            if column < len(items):
                item = items[column]
                with Image.open(unit_dir / "extremes" / item["image"]) as image:
                    axis.imshow(image.convert("RGB"))
                axis.set_title(f"{item['kind']}: {item['scene'][:18]}\nPSNR {item['psnr']:.2f} (pred | gt)", fontsize=7)
    track, run, pose, split = _row_name(result)
    figure.suptitle(f"{run} / {pose} / {split}: best (top) and worst (bottom) scenes", fontsize=9)
    return _save(figure, plt, path)


def copy_viewers(result: dict, unit_dir: Path, viewer_dir: Path) -> list[dict[str, str]]:
    """Copy a unit's viewer pages (best / worst scene) next to the report; their links, relative to it."""
    links = []
    for item in result.get("extremes") or []:
        source = unit_dir / "extremes" / item["viewer"] if item.get("viewer") else None
        if source is None or not source.is_file():
            continue
        target = viewer_dir / f"{result['key'][:16]}_{item['kind']}.html"
        data = source.read_bytes()
        if not target.is_file() or target.read_bytes() != data:
            atomic_write_bytes(target, data)
        links.append({"kind": item["kind"], "scene": item["scene"], "href": f"{viewer_dir.name}/{target.name}"})
    return links


# ----------------------------------------------------------------------------------------------- html
def _html_table(markdown: str) -> str:
    lines = [line for line in markdown.splitlines() if line.startswith("|")]
    if len(lines) < 2:
        return ""
    cells = [[html.escape(c.strip()) for c in line.strip("|").split("|")] for line in lines]
    head = "".join(f"<th>{c}</th>" for c in cells[0])
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in cells[2:])
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def protocol_table(protocols: dict[str, dict]) -> str:
    """One row per setting, one column per protocol id (the record every result carries)."""
    def flat(record: dict, prefix: str = "") -> dict[str, str]:
        out = {}
        for key, value in record.items():
            if isinstance(value, dict):
                out.update(flat(value, f"{prefix}{key}."))
            elif key != "id":
                out[f"{prefix}{key}"] = str(value)
        return out

    flattened = {pid: flat(record) for pid, record in sorted(protocols.items())}
    keys = list(dict.fromkeys(k for f in flattened.values() for k in f))
    rows = [[key, *(f.get(key, "-") for f in flattened.values())] for key in keys]
    return markdown_table(["setting", *flattened], rows)


def _html_blocks(markdown: str) -> str:
    """Headings, tables and paragraphs of a report markdown file (the page's top heading dropped)."""
    parts = []
    for block in markdown.split("\n\n"):
        block = block.strip()
        if block.startswith("## "):
            parts.append(f"<h3>{html.escape(block[3:])}</h3>")
        elif block.startswith("|"):
            parts.append(_html_table(block))
        elif block and not block.startswith("# "):
            parts.append(f"<p>{html.escape(block)}</p>")
    return "\n".join(parts)


HTML_STYLE = """
body{font-family:sans-serif;margin:2em;max-width:1400px}table{border-collapse:collapse;margin:1em 0;font-size:13px}
td,th{border:1px solid #ccc;padding:3px 6px;text-align:left}th{background:#f0f0f0}img{max-width:100%;margin:.5em 0}
.published{color:#555}
"""
# Marks the page as checked once every image has loaded (the Chromium test reads #status).
HTML_SCRIPT = """
window.addEventListener('load', function () {
  var images = Array.from(document.images);
  var loaded = images.filter(function (i) { return i.complete && i.naturalWidth > 0; }).length;
  var tables = document.querySelectorAll('table').length;
  var rows = document.querySelectorAll('tbody tr').length;
  var status = document.getElementById('status');
  status.textContent = 'images ' + loaded + '/' + images.length + '; tables ' + tables + '; rows ' + rows;
  status.setAttribute('data-images-loaded', loaded);
  status.setAttribute('data-images-total', images.length);
  status.setAttribute('data-tables', tables);
});
"""


def write_html(path: Path, title: str, sections: list[tuple[str, str]]) -> Path:
    body = [f"<h1>{html.escape(title)}</h1>", '<p id="status">loading</p>']
    for heading, content in sections:
        body.append(f"<h2>{html.escape(heading)}</h2>\n{content}")
    page = (
        "<!DOCTYPE html>\n<html><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>{HTML_STYLE}</style><script>{HTML_SCRIPT}</script></head>"
        "<body>\n" + "\n".join(body) + "\n</body></html>\n"
    )
    return atomic_write_text(path, page)


# --------------------------------------------------------------------------------------------- report
def write_report(results: list[dict], bench_dir: str | Path, resamples: int = 2000, title: str = "splatbench benchmark") -> Path:
    """Write ``bench_dir/report/`` from unit results; returns the HTML page's path."""
    from splatbench.evaluation.benchmark.runner import unit_dir_for

    bench_dir = Path(bench_dir)
    out_dir = bench_dir / "report"
    rows = leaderboard_rows(results)
    board = leaderboard_markdown(results, rows)
    atomic_write_text(out_dir / "leaderboard.md", board + "\n")
    atomic_write_text(out_dir / "leaderboard.csv", _csv_text(LEADERBOARD_CSV_COLUMNS, rows))
    splits = split_table(results)
    poses = pose_source_table(results, resamples)
    atomic_write_text(out_dir / "splits.md", "# PSNR per split\n\n" + splits + "\n")
    atomic_write_text(out_dir / "pose_sources.md", "# PSNR per pose source\n\n" + poses + "\n")
    columns, scene_rows = per_scene_rows(results)
    atomic_write_text(out_dir / "per_scene.csv", _csv_text(columns, scene_rows))

    plots = []
    for name, make in (
        ("quality_vs_overlap.png", plot_quality_vs_overlap),
        ("quality_vs_pose_noise.png", plot_quality_vs_noise),
        ("pose_error_vs_render_error.png", plot_pose_vs_render_error),
    ):
        if make(results, out_dir / name) is not None:
            plots.append(name)
    grids = []
    for result in results:
        key = result["key"]
        grid = plot_extremes(result, unit_dir_for(bench_dir, key), out_dir / f"scenes_{key[:16]}.png")
        if grid is not None:
            grids.append((result, grid.name, copy_viewers(result, unit_dir_for(bench_dir, key), out_dir / "viewers")))

    sections = [("Leaderboard", _html_blocks(board))]
    sections.append(("PSNR per split", _html_table(splits)))
    sections.append(("PSNR per pose source", _html_table(poses) + f"<p>{html.escape(poses.splitlines()[-1])}</p>"))
    if plots:
        sections.append(("Plots", "".join(f'<img src="{p}" alt="{p}">' for p in plots)))
    if grids:
        blocks = []
        for _, grid, viewers in grids:
            links = " · ".join(f'<a href="{html.escape(v["href"])}">{html.escape(v["kind"])}: {html.escape(v["scene"])}</a>' for v in viewers)
            blocks.append(f'<img src="{grid}" alt="{grid}">' + (f"<p>3D viewer: {links}</p>" if links else ""))
        sections.append(("Best and worst scenes", "".join(blocks)))
    protocols = {r["protocol_id"]: r["record"]["protocol"] for r in results}
    protocol_md = protocol_table(protocols)
    atomic_write_text(out_dir / "protocols.md", "# Protocols\n\n" + protocol_md + "\n")
    sections.append(("Protocols", _html_table(protocol_md)))
    downloads = ["protocols.md", "leaderboard.csv", "leaderboard.md", "splits.md", "pose_sources.md", "per_scene.csv"]
    sections.append(("Files", " ".join(f'<a href="{d}">{d}</a>' for d in downloads)))
    return write_html(out_dir / "index.html", title, sections)
