"""Issue 12 probe: does torch.compile pay off for the small encoder's inference forward pass?

Small DepthSplat, 2 views 256x256 (and optionally 12 views 512x960), generated weights; for each
precision plan: the eager encoder under our CUDA graph (the baseline), then ``torch.compile`` of the
whole encoder (Inductor, no Inductor CUDA graphs) under our CUDA graph, and ``mode="reduce-overhead"``
(Inductor's own CUDA graphs). Prints medians, kernel counts, device time and the drift against the
eager outputs; every failure is logged with its traceback, recompilations with their reasons.

    PYTHONPATH=$PWD python3 scripts/gpu/compile_probe.py --out $OUT/compile_probe
"""

from __future__ import annotations

import argparse
import json
import logging
import time
import traceback
from pathlib import Path

import torch

from splatbench.evaluation.speed import (
    PRECISIONS, build_encoder, median_ms, precision_flags, profile_call, set_precision, synthetic_views,
)  # fmt: skip
from splatbench.model.encoder.graphed import GraphedEncoder

logger = logging.getLogger("compile_probe")


def depth_drift(depths: torch.Tensor, reference: torch.Tensor) -> float:
    return float(((depths.float() - reference.float()).abs() / reference.float().abs().clamp_min(1e-6)).median())


def probe(case: tuple[int, int, int], modes: list[str], variants: list[str], repeats: int) -> dict:
    views, height, width = case
    device = torch.device("cuda")
    context = synthetic_views(views, height, width, device)
    results = {}
    for mode in modes:
        precision = PRECISIONS[mode]
        encoder = build_encoder("small", device)
        set_precision(encoder, precision.encoder_precision)
        figures: dict = {}
        with precision_flags(precision, device), torch.no_grad():
            reference = encoder(context)["depths"].float().clone()
            for variant in variants:
                started = time.perf_counter()
                try:
                    torch._dynamo.reset()
                    if variant == "eager":
                        call = encoder
                    elif variant == "compile":
                        call = torch.compile(encoder, dynamic=False)
                    elif variant == "reduce-overhead":
                        call = torch.compile(encoder, dynamic=False, mode="reduce-overhead")
                    else:
                        raise ValueError(variant)
                    call(context)
                    call(context)
                    compile_s = time.perf_counter() - started
                    entry: dict = {"first_calls_s": compile_s}
                    if variant != "reduce-overhead":
                        graphed = GraphedEncoder(call)
                        graphed(context)
                        entry["graph_captured"] = bool(graphed._graphs)
                        runner = graphed if graphed._graphs else call
                    else:
                        runner = call
                    entry["ms"] = median_ms(lambda: runner(context), device, repeats, 3)
                    entry["depth_median_drift_vs_eager"] = depth_drift(runner(context)["depths"], reference)
                    profile = profile_call(lambda: runner(context), device, top=15)
                    entry["device_ms"] = profile["device_ms"]
                    entry["kernels"] = profile["kernel_count"]
                    entry["top_kernels"] = profile["top_kernels"]
                    logger.info("%s %s %s: %.2f ms, %d kernels, device %.2f ms, first calls %.0f s, drift %.2e",
                                views, mode, variant, entry["ms"], entry["kernels"], entry["device_ms"],
                                compile_s, entry["depth_median_drift_vs_eager"])
                except Exception as error:  # a probe: record and go on
                    entry = {"error": f"{type(error).__name__}: {str(error)[:2000]}", "traceback": traceback.format_exc()[-6000:]}
                    logger.error("%s %s %s failed after %.0f s: %s", views, mode, variant, time.perf_counter() - started, entry["error"][:500])
                figures[variant] = entry
        results[f"{views}v_{height}x{width}:{mode}"] = figures
        del encoder
        torch.cuda.empty_cache()
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--modes", nargs="+", default=["bf16_tf32", "bf16_all"])
    parser.add_argument("--variants", nargs="+", default=["eager", "compile", "reduce-overhead"])
    parser.add_argument("--cases", nargs="+", default=["2x256x256"])
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    torch._dynamo.config.cache_size_limit = 64
    args.out.mkdir(parents=True, exist_ok=True)
    results = {}
    for text in args.cases:
        case = tuple(int(v) for v in text.split("x"))
        results.update(probe(case, args.modes, args.variants, args.repeats))
        (args.out / "compile_probe.json").write_text(json.dumps(results, indent=1))
    for name, figures in results.items():
        for variant, entry in figures.items():
            summary = entry.get("error") or f"{entry['ms']:.2f} ms, {entry['kernels']} kernels, device {entry['device_ms']:.2f} ms"
            print(f"{name} {variant}: {summary[:300]}")


if __name__ == "__main__":
    main()
