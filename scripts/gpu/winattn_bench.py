"""The multi-view transformer's window attention schedules side by side (scripts/gpu/winattn.sh runs it):
``reference`` (roll + window split + float-masked attention, as the reference) against ``grouped``
(mask-free attention per window region, keys projected once per view; the ``auto`` choice on CUDA
with float16 attention), at DepthSplat-small's 12 views of 512x960.

1. The transformer alone (name-generated weights of DepthSplat-small, features [1, 12, 128, 128,
   240], each view against its 2 nearest views as the encoder gives it) in the two bf16 plans'
   settings: ``bf16_all`` (bf16 autocast, attention in float16) and ``bf16`` (float32 transformer,
   attention in float16). Latency with CUDA events (median), peak memory, and the max / median abs
   difference of the grouped output against the reference output, next to the difference of the
   reference output itself against the float32 transformer (what float16 attention costs anyway).
2. The whole encoder (eager, ``bf16_all``) with either schedule: latency and max / median relative
   depth difference between the two.
3. The top CUDA operators of the grouped transformer (``torch.profiler``).
4. One unshifted self-attention call of the grouped path: PyTorch's SDPA kernels against the Triton
   flash-attention kernel of ``splatbench/model/kernels/attention.py`` at a few launch shapes.

Writes ``transformer.json`` / ``transformer.md`` under ``--out``. ``--smoke``: tiny sizes on the CPU.

    python scripts/gpu/winattn_bench.py --out outputs/winattn
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import sys
from pathlib import Path

import torch

from splatbench.evaluation.speed import build_encoder, median_event_ms, set_precision, synthetic_views
from splatbench.model.encoder.depthsplat import nearest_view_index
from splatbench.utils.io import atomic_write_json, atomic_write_text

logger = logging.getLogger("winattn")
BACKENDS = ("reference", "grouped")


def _plan_context(plan: str, device: torch.device):
    """What the encoder's precision plan puts around its transformer: bf16 autocast for bf16_all."""
    if plan == "bf16_all":
        return torch.autocast(device.type, dtype=torch.bfloat16)
    return contextlib.nullcontext()


def _differences(a: torch.Tensor, b: torch.Tensor) -> dict[str, float]:
    diff = (a.float() - b.float()).abs()
    return {"max_abs": diff.max().item(), "median_abs": diff.median().item(), "scale_max_abs": b.float().abs().max().item()}


def bench_transformer(args, device: torch.device) -> dict:
    encoder = build_encoder(args.preset, device)
    transformer = encoder.depth_predictor.transformer
    channels = transformer.d_model
    h, w = args.height // 4, args.width // 4  # DepthSplat-small's transformer runs at 1/4 resolution
    generator = torch.Generator(device="cpu").manual_seed(0)
    features = torch.randn(1, args.views, channels, h, w, generator=generator).to(device)
    extrinsics = synthetic_views(args.views, 64, 64, device)["extrinsics"]
    neighbours = nearest_view_index(extrinsics, 2)
    splits = encoder.depth_predictor.attn_splits
    result: dict = {"shape": {"views": args.views, "channels": channels, "height": h, "width": w, "splits": splits,
                              "key_views": neighbours.shape[-1] - 1}}

    def run(backend: str, plan: str, dtype: torch.dtype | None):
        transformer.window_backend = backend
        with torch.no_grad(), _plan_context(plan, device):
            return transformer(features, splits, neighbours, attention_dtype=dtype)[0]

    with torch.no_grad():
        transformer.window_backend = "reference"
        exact = transformer(features, splits, neighbours)[0]  # float32 throughout (TF32 off)
    for plan in ("bf16_all", "bf16"):
        try:
            result[plan] = _bench_plan(plan, run, exact, device, args)
        except Exception as error:  # noqa: BLE001 - record and go on to the next measurement
            logger.exception("transformer %s failed", plan)
            result[plan] = {"error": repr(error)}
    if args.profile:
        try:
            result["profile_grouped_bf16_all"] = _profile(lambda: run("grouped", "bf16_all", torch.float16), device)
        except Exception as error:  # noqa: BLE001
            logger.exception("profile failed")
            result["profile_error"] = repr(error)
    transformer.window_backend = "auto"
    return result


def _bench_plan(plan: str, run, exact: torch.Tensor, device: torch.device, args) -> dict:
    """Latency, peak memory and output differences of both schedules in one plan's setting."""
    figures: dict = {}
    outputs = {}
    for backend in BACKENDS:
        outputs[backend] = run(backend, plan, torch.float16)
        ms = median_event_ms(lambda: run(backend, plan, torch.float16), device, args.repeats, args.warmup)
        peak = None
        if device.type == "cuda":
            torch.cuda.synchronize(device)
            torch.cuda.reset_peak_memory_stats(device)
            run(backend, plan, torch.float16)
            torch.cuda.synchronize(device)
            peak = torch.cuda.max_memory_allocated(device) / 2**30
        figures[backend] = {"ms": ms, "peak_gib": peak}
        logger.info("transformer %s %s: %.2f ms", plan, backend, ms)
    figures["speedup"] = figures["reference"]["ms"] / figures["grouped"]["ms"]
    figures["grouped_vs_reference"] = _differences(outputs["grouped"], outputs["reference"])
    figures["reference_vs_fp32"] = _differences(outputs["reference"], exact)
    figures["grouped_vs_fp32"] = _differences(outputs["grouped"], exact)
    return figures


def _profile(function, device: torch.device, rows: int = 15) -> list[dict]:
    from torch.profiler import ProfilerActivity, profile

    activities = [ProfilerActivity.CPU] + ([ProfilerActivity.CUDA] if device.type == "cuda" else [])
    function()
    with profile(activities=activities, record_shapes=True) as prof:
        function()
        if device.type == "cuda":
            torch.cuda.synchronize(device)
    table = []
    for event in prof.key_averages(group_by_input_shape=True):
        device_us = getattr(event, "self_device_time_total", None) or getattr(event, "self_cuda_time_total", 0)
        if device.type != "cuda":
            device_us = event.self_cpu_time_total
        table.append({"op": event.key, "shapes": str(event.input_shapes)[:120], "calls": event.count,
                      "self_device_ms": device_us / 1e3})
    table.sort(key=lambda row: -row["self_device_ms"])
    return table[:rows]


def bench_encoder(args, device: torch.device) -> dict:
    encoder = build_encoder(args.preset, device)
    set_precision(encoder, "bf16-all")
    if device.type != "cuda":
        encoder.precision_on_cpu = True  # the plan runs on the CPU too (through CPU autocast)
    transformer = encoder.depth_predictor.transformer
    context = synthetic_views(args.views, args.height, args.width, device)
    result: dict = {}
    depths = {}
    for backend in BACKENDS:
        transformer.window_backend = backend

        def call():
            with torch.no_grad():
                return encoder(context)

        depths[backend] = call()["depths"].float()
        result[backend] = {"ms": median_event_ms(call, device, max(1, args.repeats // 2), args.warmup)}
        logger.info("encoder bf16_all %s: %.1f ms", backend, result[backend]["ms"])
    transformer.window_backend = "auto"
    relative = (depths["grouped"] - depths["reference"]).abs() / depths["reference"].abs().clamp_min(1e-6)
    result["depth_relative_difference"] = {"max": relative.max().item(), "median": relative.median().item()}
    result["speedup"] = result["reference"]["ms"] / result["grouped"]["ms"]
    return result


def bench_attention_kernels(args, device: torch.device) -> list[dict]:
    """One unshifted self-attention call of the grouped path, [views, 4 windows, tokens, 128] in float16:
    PyTorch's SDPA (its own choice, cuDNN and FlashAttention-2 forced) against the Triton kernel of
    splatbench/model/kernels/attention.py at a few launch shapes (is a Triton kernel at head dim 128
    anywhere near cuDNN here?). Median ms, TFLOP/s, max abs difference from SDPA's output."""
    import torch.nn.functional as F
    from torch.nn.attention import SDPBackend, sdpa_kernel

    from splatbench.model.kernels.attention import FALLBACK_TILES, AttentionTiles, flash_attention, problem

    tokens = (args.height // 4) * (args.width // 4) // 4
    generator = torch.Generator(device="cpu").manual_seed(1)
    q, k, v = (torch.randn(args.views, 4, tokens, 128, generator=generator).to(device, torch.float16) for _ in range(3))
    flops = 4 * args.views * 4 * tokens * tokens * 128
    expected = F.scaled_dot_product_attention(q, k, v)
    variants = {
        "sdpa (auto)": lambda: F.scaled_dot_product_attention(q, k, v),
        "sdpa cuDNN": (SDPBackend.CUDNN_ATTENTION, lambda: F.scaled_dot_product_attention(q, k, v)),
        "sdpa FlashAttention-2": (SDPBackend.FLASH_ATTENTION, lambda: F.scaled_dot_product_attention(q, k, v)),
    }
    tiles = [FALLBACK_TILES, AttentionTiles(128, 64, 4, 3, True), AttentionTiles(128, 64, 8, 3, True),
             AttentionTiles(128, 128, 8, 3, True), AttentionTiles(128, 64, 8, 2, False)]
    for tile in tiles:
        if problem(q, k, v, tile) is None:
            variants[f"triton {tile.block_m}x{tile.block_n} w{tile.warps} s{tile.stages}{' tma' if tile.tma else ''}"] = (
                lambda tile=tile: flash_attention(q, k, v, tile))
    rows = []
    for name, variant in variants.items():
        backend, function = variant if isinstance(variant, tuple) else (None, variant)
        context = sdpa_kernel(backend) if backend is not None else contextlib.nullcontext()
        try:
            with torch.no_grad(), context:
                out = function()
                ms = median_event_ms(function, device, args.repeats, args.warmup)
            rows.append({"kernel": name, "ms": ms, "tflops": flops / ms / 1e9,
                         "max_abs_vs_sdpa": (out.float() - expected.float()).abs().max().item()})
            logger.info("attention %s: %.3f ms", name, ms)
        except Exception as error:  # noqa: BLE001 - a backend PyTorch cannot run here
            rows.append({"kernel": name, "error": repr(error)[:200]})
    return rows


def markdown(report: dict) -> str:
    shape = report["transformer"]["shape"]
    lines = [
        f"Multi-view transformer, {shape['views']} views, {shape['channels']} channels at {shape['height']}x{shape['width']}, "
        f"{shape['splits']}x{shape['splits']} windows, {shape['key_views']} key views ({report['device']}).",
        "",
        "| plan | reference ms | grouped ms | speed-up | grouped vs reference max / median abs | reference vs fp32 max / median abs | peak GiB ref / grouped |",
        "|---|---|---|---|---|---|---|",
    ]
    for plan in ("bf16_all", "bf16"):
        f = report["transformer"][plan]
        if "error" in f:
            lines.append(f"| {plan} | failed: {f['error'][:200]} | | | | | |")
            continue
        g, r = f["grouped_vs_reference"], f["reference_vs_fp32"]
        peaks = " / ".join("-" if f[b]["peak_gib"] is None else f"{f[b]['peak_gib']:.2f}" for b in BACKENDS)
        lines.append(f"| {plan} | {f['reference']['ms']:.2f} | {f['grouped']['ms']:.2f} | {f['speedup']:.2f}x | "
                     f"{g['max_abs']:.2e} / {g['median_abs']:.2e} | {r['max_abs']:.2e} / {r['median_abs']:.2e} | {peaks} |")
    if "encoder" in report and "error" in report["encoder"]:
        lines += ["", f"Whole encoder: failed: {report['encoder']['error'][:300]}"]
    elif "encoder" in report:
        e = report["encoder"]
        d = e["depth_relative_difference"]
        lines += ["", "| whole encoder, bf16_all, eager | reference ms | grouped ms | speed-up | depth rel. diff max / median |",
                  "|---|---|---|---|---|",
                  f"| {report['case']} | {e['reference']['ms']:.1f} | {e['grouped']['ms']:.1f} | {e['speedup']:.2f}x | "
                  f"{d['max']:.2e} / {d['median']:.2e} |"]
    kernels = report.get("attention_kernels")
    if kernels:
        lines += ["", "One unshifted self-attention call of the grouped path, float16, 4 windows, head dim 128:", "",
                  "| kernel | ms | TFLOP/s | max abs vs SDPA |", "|---|---|---|---|"]
        for row in kernels:
            if "error" in row:
                lines.append(f"| {row['kernel']} | failed: {row['error'][:120]} | | |")
            else:
                lines.append(f"| {row['kernel']} | {row['ms']:.3f} | {row['tflops']:.0f} | {row['max_abs_vs_sdpa']:.1e} |")
    profile = report["transformer"].get("profile_grouped_bf16_all")
    if profile:
        lines += ["", "Top operators of the grouped transformer (bf16_all, one forward):", "",
                  "| operator | shapes | calls | self device ms |", "|---|---|---|---|"]
        lines += [f"| `{row['op']}` | `{row['shapes']}` | {row['calls']} | {row['self_device_ms']:.3f} |" for row in profile]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for transformer.json / transformer.md")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes on the CPU")
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--no-encoder", dest="encoder", action="store_false", help="the transformer alone")
    parser.add_argument("--no-profile", dest="profile", action="store_false")
    parser.add_argument("--no-kernels", dest="kernels", action="store_false", help="skip SDPA vs Triton at head dim 128")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.smoke:
        device = torch.device("cpu")
        args.preset, args.views, args.height, args.width = "tiny", 4, 32, 48
        args.repeats, args.warmup = 1, 0
    else:
        if not torch.cuda.is_available():
            print("winattn_bench.py: no CUDA device (use --smoke on the CPU)", file=sys.stderr)
            return 2
        device = torch.device("cuda")
        args.preset, args.views, args.height, args.width = "small", 12, 512, 960
        torch.backends.cuda.matmul.allow_tf32 = False
        torch.backends.cudnn.allow_tf32 = False
    report = {"device": torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu",
              "case": f"{args.preset}, {args.views} views {args.height}x{args.width}", "torch": torch.__version__}
    args.out.mkdir(parents=True, exist_ok=True)

    def write() -> str:  # after every stage: a run cut short keeps what it measured
        atomic_write_json(args.out / "transformer.json", report)
        text = markdown(report)
        atomic_write_text(args.out / "transformer.md", text)
        return text

    report["transformer"] = bench_transformer(args, device)
    write()
    if args.encoder:
        torch.backends.cuda.matmul.allow_tf32 = torch.backends.cudnn.allow_tf32 = True  # as bench's bf16_all
        try:
            report["encoder"] = bench_encoder(args, device)
        except Exception as error:  # noqa: BLE001 - keep the transformer figures
            logger.exception("encoder failed")
            report["encoder"] = {"error": repr(error)}
        write()
    if args.kernels:
        report["attention_kernels"] = bench_attention_kernels(args, device)
    print(write())
    return 0


if __name__ == "__main__":
    sys.exit(main())
