"""``splatbench benchmark SPEC.yaml --out DIR``: evaluate every run of a spec and write the report.

Example::

    splatbench benchmark bench.yaml --out results/bench
    # -> results/bench/report/{leaderboard.md,leaderboard.csv,index.html,...}

Runs already evaluated with the same settings are reused (a second call computes nothing; a
changed run recomputes only itself). See splatbench/evaluation/benchmark/spec.py for the spec.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

logger = logging.getLogger(__name__)

SPEC_EXAMPLE = """\
protocol: custom
runs:
  - name: tiny
    checkpoint: outputs/demo/run/checkpoints/epoch_0-step_200.ckpt
    experiment: demo_tiny
    dataset_root: outputs/demo/data
    pose_sources: [gt, {vggt: {near_far_source: depth_range}}, {gt_noise: {rotation_deg: 2}}]
    indices: {all: outputs/demo/data/evaluation_index.json}
  - name: copy-nearest
    baseline: nearest-context
    experiment: demo_tiny
    dataset_root: outputs/demo/data
    indices: {all: outputs/demo/data/evaluation_index.json}
"""


def run(args) -> int:
    from splatbench.errors import SplatbenchError, report_one_line
    from splatbench.evaluation.benchmark.report import write_report
    from splatbench.evaluation.benchmark.runner import run_benchmark
    from splatbench.evaluation.benchmark.spec import load_spec

    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        spec = load_spec(args.spec)
        summary = run_benchmark(spec, args.out, device=args.device, progress=not args.no_progress, devices=args.devices)
    except (SplatbenchError, FileNotFoundError) as error:
        return report_one_line("splatbench benchmark", error)
    page = write_report(summary.results, args.out, resamples=spec.resamples, title=f"splatbench benchmark: {Path(args.spec).name}")
    print((Path(args.out) / "report" / "leaderboard.md").read_text())
    print(f"{len(summary.computed)} evaluated, {len(summary.reused)} reused; report: {page}")
    return 0


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "benchmark",
        help="Evaluate models x pose sources x indices from a YAML spec; leaderboard, plots, HTML report.",
        description=__doc__ + "\nA spec:\n\n" + SPEC_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("spec", help="benchmark spec (YAML)")
    parser.add_argument("--out", required=True, help="output folder (results are reused from it)")
    parser.add_argument("--device", default=None, help="cuda, cuda:1 or cpu (default: cuda when available)")
    parser.add_argument("--devices", type=int, default=1,
                        help="evaluate pending runs in N worker processes, one per GPU (cuda:0..N-1); each run stays on one GPU")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.set_defaults(handler=run)
    return parser
