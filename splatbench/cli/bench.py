"""``splatbench bench``: speed and memory on whatever device is present (see
:mod:`splatbench.evaluation.speed`). Writes ``bench.json`` and ``bench.md`` under ``--out`` and
prints the markdown table.

Examples:
  splatbench bench --out outputs/bench                               # every case, fp32/TF32/bf16
  splatbench bench --reference-src ~/src/depthsplat --reference-dinov2 ~/src/dinov2 --out outputs/bench
  splatbench bench --cases small_2v_256 --precisions bf16 --train-data datasets/example --out outputs/bench
  splatbench bench --smoke --out /tmp/bench                          # tiny sizes, CPU, seconds
  splatbench bench --cases small_12v_512x960 --precisions tf32 --cost-volume torch --out outputs/cv_torch
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from splatbench.utils.io import atomic_write_json, atomic_write_text

logger = logging.getLogger(__name__)


def _error(message: str) -> int:
    print(f"splatbench bench: {message}", file=sys.stderr)
    return 2


def _run(args) -> int:
    import torch

    from splatbench.evaluation.speed import (
        CASES, DEFAULT_CASES, PRECISIONS, SMOKE_CASES, BenchOptions, markdown_report, resolve_device, run_benchmark,
    )  # fmt: skip

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    cases = list(SMOKE_CASES if args.smoke else DEFAULT_CASES) if args.cases is None else args.cases
    for name in cases:
        if name not in CASES:
            return _error(f"--cases: unknown case {name!r}; choose from {', '.join(CASES)}")
    for name in args.precisions:
        if name not in PRECISIONS:
            return _error(f"--precisions: unknown mode {name!r}; choose from {', '.join(PRECISIONS)}")
    if args.device not in ("auto", "cpu") and not args.device.startswith("cuda"):
        return _error(f"--device: {args.device!r} is not auto, cpu or cuda[:N]")
    if args.device.startswith("cuda") and not torch.cuda.is_available():
        return _error(f"--device {args.device}: CUDA is not available on this machine")
    for flag, path in (("--reference-src", args.reference_src), ("--reference-dinov2", args.reference_dinov2), ("--train-data", args.train_data)):
        if path is not None and not path.is_dir():
            return _error(f"{flag}: {path} is not a directory")
    if args.out.exists() and not args.out.is_dir():
        return _error(f"--out: {args.out} exists and is not a directory")
    if (args.out / "bench.json").exists() and not args.overwrite:
        return _error(f"--out: {args.out / 'bench.json'} exists; pass --overwrite to replace it")
    from splatbench.model.encoder.unimatch.cost_volume import COST_VOLUME_BACKENDS

    if args.cost_volume not in COST_VOLUME_BACKENDS:
        return _error(f"--cost-volume: unknown backend {args.cost_volume!r}; choose from {', '.join(COST_VOLUME_BACKENDS)}")
    if args.cost_volume == "triton":
        from splatbench.model.encoder.unimatch import cost_volume_triton

        reason = cost_volume_triton.device_problem(resolve_device(args.device))
        if reason is not None:
            return _error(f"--cost-volume triton: {reason}")
    for entry in args.profile:
        case, _, mode = entry.partition(":")
        if case not in cases or mode not in args.precisions:
            return _error(f"--profile: {entry!r} is not CASE:MODE among the cases and precisions run")
    options = BenchOptions(
        device=args.device,
        cases=cases,
        precisions=list(args.precisions),
        repeats=1 if args.smoke and args.repeats is None else (args.repeats or 20),
        warmup=1 if args.smoke and args.warmup is None else (args.warmup if args.warmup is not None else 5),
        graphs=not args.no_graphs,
        reference_src=args.reference_src,
        reference_dinov2=args.reference_dinov2,
        profile=list(args.profile),
        render_backend=args.render_backend,
        channels_last=args.channels_last,
        compile=args.compile,
        cost_volume=args.cost_volume,
        render=not args.no_render,
    )
    args.out.mkdir(parents=True, exist_ok=True)

    def save(partial: dict) -> None:
        atomic_write_json(args.out / "bench.json", partial)
        atomic_write_text(args.out / "bench.md", markdown_report(partial))

    report = run_benchmark(options, on_case=save)
    if args.train_data is not None:

        def save_training(results: dict) -> None:  # a run cut short keeps the configurations it finished
            report["training"] = results
            save(report)

        report["training"] = _run_training(args, options, on_result=save_training)
    if not report["cases"] and not report.get("training"):
        return _error("nothing was measured")
    save(report)
    print(markdown_report(report))
    return 0


def _run_training(args, options, on_result=None) -> dict:
    from splatbench.evaluation.speed import resolve_device
    from splatbench.evaluation.speed_training import bench_training

    device = resolve_device(options.device)
    smoke = args.smoke
    results = {}
    for precision in args.train_precisions:
        for lpips in {"off": (False,), "on": (True,), "both": (False, True)}[args.train_lpips]:
            name = f"{args.train_preset} {'MSE+LPIPS' if lpips else 'MSE'} {precision}{' NHWC' if args.train_channels_last else ''}"
            name += "".join(f" {override}" for override in args.train_overrides)
            try:
                results[name] = bench_training(
                    args.train_data, device, preset=args.train_preset, batch_size=args.train_batch_size,
                    image_shape=tuple(args.train_image_shape), lpips=lpips, precision=precision,
                    steps=args.train_steps, warmup=1 if smoke else args.train_warmup, num_workers=args.train_workers,
                    profile_steps=args.train_profile, channels_last=args.train_channels_last,
                    overrides=args.train_overrides,
                )  # fmt: skip
            except Exception as error:  # one failed configuration must not lose the others' figures
                logger.exception("training benchmark %s failed", name)
                results[name] = {"error": f"{type(error).__name__}: {error}"}
            if on_result is not None:
                on_result(dict(results))
    return results


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "bench",
        help="Measure encoder / end-to-end / render latency, memory and training throughput.",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--out", type=Path, default=Path("outputs/bench"), help="folder for bench.json and bench.md")
    parser.add_argument("--overwrite", action="store_true", help="replace an existing bench.json in --out")
    parser.add_argument("--device", default="auto", help="auto (CUDA if present), cpu, cuda or cuda:N")
    parser.add_argument("--cases", nargs="*", default=None, help="case names (default: the five standard cases; none: training only)")
    parser.add_argument(
        "--precisions", nargs="+", default=["fp32", "tf32", "bf16", "bf16_tf32", "bf16_all"],
        help="fp32 tf32 bf16 bf16_tf32 bf16_all (see splatbench/evaluation/speed.py); the CPU runs fp32 bf16 bf16_all",
    )
    parser.add_argument("--channels-last", action="store_true", help="convolutions in NHWC (channels-last) memory format")
    parser.add_argument(
        "--compile", action="store_true",
        help="torch.compile the encoder (graphed on top); pays off in tf32, bf16_tf32 and bf16_all (the bf16 plan, "
        "with TF32 off, compiled slower than it runs eagerly on the H200)",
    )
    parser.add_argument(
        "--cost-volume", default="auto", metavar="BACKEND",
        help="auto (fused Triton kernel on CUDA), torch (grid_sample path) or triton (force the kernel)",
    )  # fmt: skip
    parser.add_argument("--repeats", type=int, default=None, help="timed calls per figure (median; default 20)")
    parser.add_argument("--warmup", type=int, default=None, help="untimed calls first (default 5)")
    parser.add_argument("--no-graphs", action="store_true", help="do not time the CUDA-graph encoder")
    parser.add_argument("--no-render", action="store_true", help="encoder figures only: no renders, no end to end")
    parser.add_argument("--render-backend", default="auto", help="auto (gsplat on CUDA), torch or gsplat")
    parser.add_argument("--profile", nargs="*", default=[], metavar="CASE:MODE", help="profile these (top kernels)")
    parser.add_argument("--smoke", action="store_true", help="tiny cases, one repeat: checks the command runs")
    parser.add_argument("--reference-src", type=Path, default=None, help="cvg/depthsplat checkout (outside the repo)")
    parser.add_argument("--reference-dinov2", type=Path, default=None, help="facebookresearch/dinov2 checkout")
    parser.add_argument("--train-data", type=Path, default=None, help="chunk dataset root: also time training")
    parser.add_argument("--train-preset", default="small")
    parser.add_argument("--train-batch-size", type=int, default=8)
    parser.add_argument("--train-image-shape", type=int, nargs=2, default=[256, 256], metavar=("H", "W"))
    parser.add_argument("--train-steps", type=int, default=20)
    parser.add_argument("--train-warmup", type=int, default=5)
    parser.add_argument("--train-workers", type=int, default=8)
    parser.add_argument("--train-precisions", nargs="+", default=["fp32", "bf16"], choices=["fp32", "bf16", "bf16-all"])
    parser.add_argument("--train-profile", type=int, default=0, metavar="STEPS", help="profile this many more steps (top kernels)")
    parser.add_argument("--train-lpips", default="both", choices=["on", "off", "both"], help="LPIPS loss term")
    parser.add_argument("--train-channels-last", action="store_true", help="training: encoder convolutions in NHWC")
    parser.add_argument(
        "--train-overrides", nargs="+", default=[], metavar="KEY=VALUE",
        help="training: more config overrides, e.g. train.step_guard=sync loss.lpips.fused_distance=false",
    )  # fmt: skip
    parser.set_defaults(handler=_run)
    return parser
