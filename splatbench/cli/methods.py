"""``splatbench methods``: the methods splatbench runs (the registry shared by the benchmark, the
API and the other commands), with parameter counts, published numbers and official checkpoints.

Example:
  splatbench methods
  splatbench methods --json
"""

from __future__ import annotations

import argparse
import json


def method_rows() -> list[dict]:
    from splatbench.evaluation.benchmark.published import find_published
    from splatbench.model.methods import METHODS, method_names, parameter_count

    rows = []
    for name in method_names():
        method = METHODS[name]
        published = find_published(method.published) if method.published else None
        rows.append({
            "method": name, "family": method.family, "aliases": list(method.aliases), "preset": method.preset,
            "parameters": parameter_count(method), "experiment": method.experiment, "checkpoint": method.checkpoint,
            "published": None if published is None else {"psnr": published.psnr, "ssim": published.ssim, "lpips": published.lpips,
                                                          "protocol": published.protocol},
            "summary": method.summary,
        })  # fmt: skip
    return rows


def _run(args: argparse.Namespace) -> int:
    rows = method_rows()
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    from splatbench.evaluation.benchmark.report import markdown_table

    table = [
        [
            row["method"] + (f" ({', '.join(row['aliases'])})" if row["aliases"] else ""),
            f"{row['parameters'] / 1e6:.2f} M",
            f"+experiment={row['experiment']}" if row["experiment"] else "-",
            f"{row['published']['psnr']:.2f} / {row['published']['ssim']:.3f} / {row['published']['lpips']:.3f}" if row["published"] else "-",
            row["checkpoint"] or "-",
            row["summary"],
        ]
        for row in rows
    ]
    print(markdown_table(["method (aliases)", "params", "test settings", "published PSNR/SSIM/LPIPS", "checkpoint", "what"], table))
    return 0


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "methods",
        help="List the methods (DepthSplat, MVSplat, ...) with parameter counts and published numbers.",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.set_defaults(handler=_run)
    return parser
