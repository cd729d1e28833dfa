"""``splatbench poses-eval``: how far a stored pose source is from the ground-truth cameras.

Example::

    splatbench poses-eval datasets/real_colmap --source colmap
    splatbench poses-eval datasets/re10k_vggt --source vggt --out results/vggt_poses

Writes ``OUT/poses_<source>.json`` (per scene, mean over scenes, pooled over all pairs) and
``OUT/poses_<source>.csv`` (one row per scene, ``scene`` column first), and prints the table.
OUT defaults to ROOT/poses_eval. Existing result files are replaced only with --overwrite.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

CSV_COLUMNS = (
    "scene", "split", "chunk", "status", "frames", "valid_frames", "pairs", "valid_pairs",
    "rotation_error_mean", "rotation_error_median", "translation_error_mean", "translation_error_median",
    "auc@5", "auc@10", "auc@30", "ate", "ate_over_baseline", "aligned_rotation_error_deg", "alignment_scale", "reason",
)  # fmt: skip


def _format(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


def _table(result: dict) -> str:
    columns = ("scene", "status", "valid_frames", "frames", "rotation_error_mean", "translation_error_mean", "auc@5", "auc@10", "auc@30", "ate_over_baseline")
    headers = ("scene", "status", "valid", "frames", "RRE", "RTE", "AUC@5", "AUC@10", "AUC@30", "ATE/base")
    rows = [[_format(scene.get(column)) for column in columns] for scene in result["scenes"]]
    mean = result["mean"]
    rows.append(["mean", f"{result['counts']['evaluated']} sc."] + [_format(mean.get(column)) for column in columns[2:]])
    if result["pooled"]:
        pooled = result["pooled"]
        rows.append(["pooled pairs", str(pooled["pairs"]), "", "", "", ""] + [_format(pooled[f"auc@{t}"]) for t in (5, 10, 30)] + [""])
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(headers, widths))]
    lines += ["  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)) for row in rows]
    counts = result["counts"]
    lines.append(
        f"{sum(counts.values())} scene(s): {counts['evaluated']} evaluated, {counts['missing']} without {result['source']} poses, "
        f"{counts['skipped']} skipped. RRE/RTE: mean relative rotation / translation-direction error (degrees)."
    )
    return "\n".join(lines)


def _csv(result: dict) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for scene in result["scenes"]:
        writer.writerow({column: scene.get(column) for column in CSV_COLUMNS})
    return buffer.getvalue()


def _run(args) -> int:
    from splatbench.data.errors import DataError
    from splatbench.data.pose_sources import POSE_SOURCES
    from splatbench.evaluation.pose_metrics import evaluate_dataset_poses
    from splatbench.utils.io import atomic_write_json, atomic_write_text

    if args.source not in POSE_SOURCES or args.source == "gt":
        known = ", ".join(sorted(name for name in POSE_SOURCES if name != "gt"))
        print(f"splatbench poses-eval: --source {args.source!r} is not one of {known}", file=sys.stderr)
        return 2
    root = Path(args.root)
    if not root.is_dir():
        print(f"splatbench poses-eval: {root}: dataset folder does not exist", file=sys.stderr)
        return 2
    out = Path(args.out) if args.out else root / "poses_eval"
    json_path, csv_path = out / f"poses_{args.source}.json", out / f"poses_{args.source}.csv"
    existing = [path for path in (json_path, csv_path) if path.exists()]
    if existing and not args.overwrite:
        print(f"splatbench poses-eval: {existing[0]}: exists; pass --overwrite to replace it", file=sys.stderr)
        return 2
    try:
        result = evaluate_dataset_poses(root, args.source, progress=not args.no_progress)
    except DataError as error:
        print(f"splatbench poses-eval: {error}", file=sys.stderr)
        return 2
    if result["counts"]["evaluated"] == 0:
        print(_table(result))
        print(f"splatbench poses-eval: {root}: no scene has {args.source} poses", file=sys.stderr)
        return 2
    atomic_write_json(json_path, result)
    atomic_write_text(csv_path, _csv(result))
    print(_table(result))
    print(f"-> {json_path}, {csv_path}")
    return 0


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "poses-eval",
        help="Accuracy of a stored pose source against the ground truth (AUC@5/10/30, angle errors, ATE).",
        description=__doc__
        + "\nProtocol (VGGT / RealEstate10K): all frame pairs; rotation error and translation-direction error "
        "(sign-folded) of the relative pose; AUC@T = mean over 1..T degrees of the fraction of pairs whose larger "
        "error is below the threshold; frames the source could not place count as failed pairs. ATE: RMS camera-centre "
        "error after a similarity alignment, in ground-truth units and per mean consecutive baseline.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("root", metavar="ROOT", help="dataset root written by splatbench preprocess")
    parser.add_argument("--source", required=True, help="stored pose source: vggt, colmap, gt_noise, ...")
    parser.add_argument("--out", help="folder for poses_<source>.json / .csv (default ROOT/poses_eval)")
    parser.add_argument("--overwrite", action="store_true", help="replace existing result files")
    parser.add_argument("--no-progress", action="store_true")
    parser.set_defaults(handler=_run)
    return parser
