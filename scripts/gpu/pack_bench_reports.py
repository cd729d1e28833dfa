"""Gather the `splatbench bench` reports of a GPU job (WORK/<stage>/bench.json) into
RESULTS/reports.json and one RESULTS/summary.md (a section per stage, its non-default switches in the
heading), print each training configuration's throughput and start-up, and how many were packed.
Used by scripts/gpu/speed.sh and scripts/gpu/train.sh.

    python scripts/gpu/pack_bench_reports.py WORK RESULTS
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from splatbench.evaluation.speed import markdown_report  # noqa: E402
from splatbench.utils.io import atomic_write_text  # noqa: E402


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: pack_bench_reports.py WORK RESULTS", file=sys.stderr)
        return 2
    work, results = Path(argv[0]), Path(argv[1])
    reports, sections = {}, []
    for path in sorted(work.glob("*/bench.json")):
        report = json.loads(path.read_text())
        reports[path.parent.name] = report
        options = report.get("options", {})
        switches = ", ".join(k for k in ("channels_last", "compile") if options.get(k)) or "default switches"
        sections.append(f"## {path.parent.name} ({switches})\n\n{markdown_report(report)}")
    atomic_write_text(results / "reports.json", json.dumps(reports, indent=1))
    atomic_write_text(results / "summary.md", "\n".join(sections))
    for report in reports.values():
        for config, figures in report.get("training", {}).items():
            if "error" in figures:
                print(f"{config}: {figures['error']}")
            else:
                print(f"{config}: {figures['samples_per_second']:.1f} samples/s, {figures['step_ms']:.1f} ms/step, "
                      f"start-up {figures.get('startup_s', {})}")
    print(f"packed {len(reports)} reports: {', '.join(reports)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
