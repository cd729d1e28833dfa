"""The bf16 convolution fast paths (splatbench/model/encoder/fast_convs.py) switched off and on in one
process, on one GPU (scripts/gpu/conv12.sh runs it).

Cases: DepthSplat-small at 12 views 512x960 in ``bf16_all`` and at 2 views 256x256 in ``bf16_tf32``
and ``bf16_all`` (bench's precision modes). For each case the fp32 outputs (TF32 off) are the
yardstick; then each variant (``off``: every switch off, ``on``: the defaults, ``only_<switch>``: that
switch alone) is captured as a CUDA graph (:class:`GraphedEncoder`) and the graphs are replayed in
turn, round after round, so that clock drift hits every variant alike. Per variant: the median
graphed encoder time, the kernel count and GPU time of one profiled replay, the depth difference
against fp32 (max / median, relative) and, at 2 views, the PSNR of 3 gsplat renders against the fp32
renders. For ``off`` and ``on`` of the first case also the GPU time per encoder module (eager
profile, four levels deep) and the top operators with their shapes.

Writes ``conv12.json`` and ``conv12.md`` under ``--out``.

    python scripts/gpu/conv12_bench.py --out outputs/conv12
    python scripts/gpu/conv12_bench.py --smoke --out /tmp/conv12     # CPU: 2 views of 32x32, eager
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import logging
import statistics
import sys
import time
from pathlib import Path

import torch

from splatbench.evaluation.speed import (
    CASES,
    PRECISIONS,
    _render,
    build_encoder,
    depth_difference,
    precision_flags,
    profile_call,
    psnr,
    set_precision,
    synthetic_views,
)
from splatbench.model.encoder.fast_convs import SWITCHES, conv_fast_paths
from splatbench.model.encoder.graphed import GraphedEncoder
from splatbench.model.encoder.unimatch.windows import tiled_window_mask
from splatbench.utils.io import atomic_write_json, atomic_write_text

logger = logging.getLogger("conv12")

SWITCH_NAMES = [field.name for field in dataclasses.fields(SWITCHES)]
BF16_ALL_ONLY = ("bf16_heads", "fewer_casts")  # no effect under the bf16 plan
# (case, bench precision mode, variants); a variant is a dict of switches for conv_fast_paths.
PLAN = [
    ("small_12v_512x960", "bf16_all", ["off", "on", *(f"only_{name}" for name in SWITCH_NAMES)]),
    ("small_2v_256", "bf16_tf32", ["off", "on", *(f"only_{name}" for name in SWITCH_NAMES if name not in BF16_ALL_ONLY)]),
    ("small_2v_256", "bf16_all", ["off", "on"]),
]
SMOKE_PLAN = [("tiny_2v_32", "bf16_all", ["off", "on", "only_fused_epilogues"])]


def switches(variant: str) -> dict:
    if variant == "on":
        return {"enabled": True}
    if variant == "off":
        return {"enabled": False}
    return {"enabled": False, variant.removeprefix("only_"): True}


def release(device: torch.device) -> None:
    tiled_window_mask.cache_clear()
    gc.collect()
    if device.type == "cuda":
        torch.cuda.empty_cache()


def synchronize(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def run_case(case_name: str, mode: str, variants: list[str], device: torch.device, repeats: int, warmup: int,
             render: bool, module_profile: bool) -> dict:  # fmt: skip
    case = CASES[case_name]
    context = synthetic_views(case.views, case.height, case.width, device)
    targets = synthetic_views(case.targets, case.height, case.width, device, seed=1, offset=0.05)
    shape = (case.height, case.width)
    encoder = build_encoder(case.preset, device)
    encoder.precision_on_cpu = device.type == "cpu"
    result: dict = {"case": case_name, "mode": mode, "variants": {}}

    def render_colour(gaussians):
        if not render:
            return None
        try:
            return _render(gaussians, targets, shape, "auto").color.float()
        except Exception as error:  # a missing rasteriser must not cost the timings
            logger.warning("renders skipped: %s: %s", type(error).__name__, error)
            return None

    with torch.no_grad():
        set_precision(encoder, "fp32")
        with precision_flags(PRECISIONS["fp32"], device):
            output = encoder(context)
            fp32_depths = output["depths"].float().clone()
            fp32_colour = render_colour(output["gaussians"])
        del output
        release(device)

        precision = PRECISIONS[mode]
        set_precision(encoder, precision.encoder_precision)
        runners = {}
        with precision_flags(precision, device):
            for variant in variants:
                with conv_fast_paths(**switches(variant)):
                    start = time.perf_counter()
                    if device.type == "cuda":
                        runner = GraphedEncoder(encoder)
                        output = runner(context)  # warm-up and capture under these switches
                        if not runner._graphs:
                            logger.warning("%s %s %s: no CUDA graph; timed eagerly", case_name, mode, variant)
                    else:
                        runner = encoder
                        output = runner(context)
                    figures = {"first_call_s": time.perf_counter() - start}
                    figures["depth_difference"] = depth_difference(output["depths"], fp32_depths)
                    colour = render_colour(output["gaussians"]) if fp32_colour is not None else None
                    if colour is not None:
                        figures["render_psnr_vs_fp32_db"] = psnr(colour, fp32_colour)
                    del output, colour
                    if device.type == "cuda":
                        replay = runner
                        profile = profile_call(lambda: replay(context), device, top=10)
                        figures["kernels"] = profile["kernel_count"]
                        figures["device_ms"] = profile["device_ms"]
                    if module_profile and variant in ("off", "on"):
                        # Eager, with module ranges (the graph replays have none); the bf16 copies are remade under them.
                        eager = profile_call(lambda: encoder(context), device, top=25, model=encoder)
                        figures["eager_profile"] = {key: eager[key] for key in ("device_ms", "kernel_count", "top_kernels", "top_ops", "modules")}
                runners[variant] = runner
                result["variants"][variant] = figures
                logger.info("%s %s %s: %s", case_name, mode, variant,
                            {k: v for k, v in figures.items() if k != "eager_profile"})  # fmt: skip

            # Round-robin replays: every variant sees the same clocks and neighbours.
            times: dict[str, list[float]] = {variant: [] for variant in variants}
            for round_index in range(warmup + repeats):
                for variant, runner in runners.items():
                    synchronize(device)
                    start = time.perf_counter()
                    runner(context)
                    synchronize(device)
                    if round_index >= warmup:
                        times[variant].append(1e3 * (time.perf_counter() - start))
            for variant, values in times.items():
                result["variants"][variant]["encoder_graphed_ms"] = statistics.median(values)
        runners.clear()
        runner = replay = None  # the graphs and their memory pools go before the next case
        release(device)
    set_precision(encoder, "fp32")
    del encoder
    release(device)
    return result


def markdown(report: dict) -> str:
    lines = [f"Device: {report['device']}; torch {report['torch']}; commit {report.get('commit') or '?'}", ""]
    lines += [
        "| case | mode | variant | encoder graphed ms | vs off | kernels | GPU ms (one replay) | depth diff max / median | render PSNR vs fp32 dB |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for case in report["cases"]:
        base = case["variants"].get("off", {}).get("encoder_graphed_ms")
        for variant, figures in case["variants"].items():
            ms = figures.get("encoder_graphed_ms")
            ratio = f"{base / ms:.3f}x" if base and ms else "-"
            diff = figures.get("depth_difference", {})
            lines.append(
                f"| {case['case']} | {case['mode']} | {variant} | {ms:.2f} | {ratio} | {figures.get('kernels', '-')} | "
                f"{figures.get('device_ms', float('nan')):.2f} | {100 * diff.get('max', float('nan')):.3f}% / "
                f"{100 * diff.get('median', float('nan')):.4f}% | {figures.get('render_psnr_vs_fp32_db', float('nan')):.2f} |"
            )
    for case in report["cases"]:
        for variant in ("off", "on"):
            profile = case["variants"].get(variant, {}).get("eager_profile")
            if not profile:
                continue
            lines += ["", f"### {case['case']} {case['mode']} `{variant}`: eager profile, {profile['kernel_count']} kernels, "
                          f"{profile['device_ms']:.2f} ms GPU", "",
                      "| module | calls | ms |", "|---|---|---|"]  # fmt: skip
            lines += [f"| `{row['module']}` | {row['calls_per_step']:g} | {row['ms_per_step']:.3f} |" for row in profile["modules"][:45]]
            lines += ["", "| kernel | calls | ms |", "|---|---|---|"]
            lines += [f"| `{row['name'][:100]}` | {row['calls']} | {row['ms']:.3f} |" for row in profile["top_kernels"]]
            lines += ["", "| operator | input shapes | calls | own GPU ms |", "|---|---|---|---|"]
            for row in profile["top_ops"]:
                lines.append(f"| `{row['op']}` | `{row['shapes'][:110]}` | {row['calls_per_step']:g} | {row['ms_per_step']:.3f} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--smoke", action="store_true", help="CPU, tiny preset, 2 views of 32x32, eager")
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--cases", nargs="*", help="subset of the plan's case names")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    device = torch.device("cpu" if args.smoke or not torch.cuda.is_available() else "cuda")
    plan = SMOKE_PLAN if args.smoke else PLAN
    if args.cases:
        plan = [entry for entry in plan if entry[0] in args.cases]
    if device.type == "cuda":
        torch.backends.cudnn.benchmark = False
    from splatbench.evaluation.speed import environment

    report = {**environment(device), "switches": SWITCH_NAMES, "cases": []}
    args.out.mkdir(parents=True, exist_ok=True)
    for index, (case_name, mode, variants) in enumerate(plan):
        repeats = 1 if args.smoke else (args.repeats if CASES[case_name].views <= 2 else max(3, args.repeats // 3))
        try:
            report["cases"].append(
                run_case(case_name, mode, variants, device, repeats, 0 if args.smoke else args.warmup,
                         render=CASES[case_name].views <= 2, module_profile=index == 0)  # fmt: skip
            )
        except Exception as error:  # one failing case must not cost the others
            logger.exception("%s %s failed", case_name, mode)
            report["cases"].append({"case": case_name, "mode": mode, "error": f"{type(error).__name__}: {error}", "variants": {}})
            release(device)
        atomic_write_json(args.out / "conv12.json", report)
        atomic_write_text(args.out / "conv12.md", markdown(report))
    print(markdown(report))
    return 0 if all("error" not in case for case in report["cases"]) else 1


if __name__ == "__main__":
    sys.exit(main())
