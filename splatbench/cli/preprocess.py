"""``splatbench preprocess``: add estimated (or noisy) cameras to every scene of a chunk dataset.

Examples::

    splatbench preprocess --source colmap datasets/real datasets/real_colmap -o max_image_size=480
    splatbench preprocess --source gt_noise datasets/re10k datasets/re10k_noise5 -o rotation_deg=5 -o translation=0.1
    splatbench preprocess --source vggt datasets/re10k datasets/re10k_vggt -o weights=pretrained/vggt/model.pt
"""

from __future__ import annotations

import argparse
import logging
import sys

from splatbench.preprocess.backends import POSE_BACKENDS, PoseBackendOptionError, PoseBackendUnavailable

logger = logging.getLogger(__name__)


def _parse_options(pairs: list[str]) -> dict[str, str]:
    options: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise PoseBackendOptionError(f"--option {pair!r}: expected KEY=VALUE")
        if key in options:
            raise PoseBackendOptionError(f"--option {key}: given twice")
        options[key] = value
    return options


def _print_summary(summary) -> None:
    counts = summary.counts()
    total = sum(counts.values())
    print(f"{'scene':<32} {'status':<10} {'frames':>6} {'valid':>6} {'windows':>7} {'residual':>9}  reason")
    for record in summary.scenes:
        residual = record.get("alignment_residual")
        print(
            f"{record['scene'][:32]:<32} {record['status']:<10} {record.get('frames', 0):>6} "
            f"{record.get('valid_frames', '-')!s:>6} {record.get('windows', '-')!s:>7} "
            f"{'-' if residual is None else f'{residual:.2e}':>9}  {record.get('reason') or ''}"
        )
    line = f"{total} scene(s): {counts['processed']} processed, {counts['failed']} failed, {counts['skipped']} skipped"
    if summary.already_complete:
        line += " (already complete: nothing to do)"
    elif summary.resumed:
        line += f"; {summary.resumed} reused from the interrupted run"
    if summary.unreadable_chunks:
        line += f"; {len(summary.unreadable_chunks)} unreadable chunk(s)"
    if summary.seconds and summary.frames_estimated:
        line += f"; {summary.frames_estimated / summary.seconds:.2f} frames/s"
    print(f"{line} -> {summary.out}")


def _run(args) -> int:
    from splatbench.data.errors import DataError
    from splatbench.preprocess.runner import PreprocessError, run_preprocess

    try:
        summary = run_preprocess(
            args.source,
            args.input,
            args.output,
            _parse_options(args.option),
            max_frames_per_pass=args.max_frames_per_pass,
            window_overlap=args.window_overlap,
            dense_shape=None if args.dense_shape is None else tuple(args.dense_shape),
            progress=not args.no_progress,
        )
    except (PreprocessError, PoseBackendOptionError, PoseBackendUnavailable, DataError) as error:
        print(f"splatbench preprocess: {error}", file=sys.stderr)
        return 2
    _print_summary(summary)
    counts = summary.counts()
    if sum(counts.values()) == 0:
        print(f"splatbench preprocess: {args.input}: no scene could be read", file=sys.stderr)
        return 2
    if counts["processed"] == 0:
        print(f"splatbench preprocess: no scene was processed by {args.source} (see the reasons above)", file=sys.stderr)
        return 1
    return 0


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "preprocess",
        help="Estimate cameras (vggt | colmap | gt_noise) for every frame and store them in the chunks.",
        description=__doc__
        + "\nOUT gets the same chunks with the source's keys (vggt: vggt_camera, depth; others: NAME_camera, "
        "NAME_depth, NAME_valid), index.json and preprocess.json. Rerun the same command to resume an interrupted run.\n"
        "Backend options (-o KEY=VALUE): colmap: max_image_size, num_threads, seed, peak_threshold, max_num_features, "
        "min_num_matches, init_min_num_inliers, abs_pose_min_num_inliers, init_min_tri_angle, exhaustive_max_frames, "
        "sequential_overlap, depth_percentile_low, depth_percentile_high; gt_noise: rotation_deg, translation "
        "(fraction of the mean baseline), seed, near, far; vggt: weights (required: the official model.pt), device, "
        "dtype, frames_per_pass, crop_mode, chunk_frames, head_chunk_frames, depth_percentile_low, depth_percentile_high, preset, attention, elementwise.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--source", required=True, choices=sorted(POSE_BACKENDS), help="pose estimator")
    parser.add_argument("input", metavar="IN", help="dataset root (train/, test/) or one folder of chunks; never modified")
    parser.add_argument("output", metavar="OUT", help="new dataset root to write (must not exist, be empty, or hold this run)")
    parser.add_argument("-o", "--option", action="append", default=[], metavar="KEY=VALUE", help="backend option (repeatable)")
    parser.add_argument("--max-frames-per-pass", type=int, help="split longer scenes into windows (default: the backend's limit)")
    parser.add_argument("--window-overlap", type=int, help="frames shared by consecutive windows (default: max(4, pass/8))")
    parser.add_argument("--dense-shape", type=int, nargs=2, metavar=("H", "W"), help="also store dense depth/confidence at H x W")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.set_defaults(handler=_run)
    return parser
