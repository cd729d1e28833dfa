"""DepthSplat's full-resolution part (DPT feature upsampler, Gaussian regressor and head, Gaussian
adapter) before and after the fast paths of splatbench/model/encoder/heads/gaussian_heads.py, on one
GPU (scripts/gpu/heads12.sh runs it).

For each precision mode (bench's names: bf16_all, bf16, tf32) the depth predictor runs once; then,
for each variant of the full-resolution part, CUDA-event medians of

* ``full_res_ms``: ``EncoderDepthSplat._raw_gaussians`` (feature upsampler + heads, per chunk of views),
* ``adapter_ms``: the Gaussian adapter on that output (its layout differs between variants),
* ``encoder_ms``: the whole encoder forward (``plain`` and ``fast`` only),

and the peak memory of the full-resolution part. Variants: ``plain`` (the modules as before),
``nhwc_upsampler`` (DPT on NHWC maps only), ``fused_heads`` (fused NHWC heads only),
``fast_eager_adapter`` (both, eager adapter), ``fast`` (both and the Triton adapter kernel,
splatbench/model/kernels/gaussian_adapter.py: the CUDA default). Then the chunk size (``HEAD_CHUNK_PIXELS``) of the fast path, the accuracy of the
fast path against the plain one (raw outputs and Gaussians, fp32 with TF32 off, then TF32 and
bf16_all for information), and a torch.profiler operator table of the fast full-resolution part
plus adapter in bf16_all.

Writes ``heads12.json``, ``heads12.md`` and ``profile.md`` under ``--out``.

    python scripts/gpu/heads12_bench.py --out outputs/heads12
    python scripts/gpu/heads12_bench.py --smoke --out /tmp/heads12     # CPU, small preset, 32x32
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from pathlib import Path
from typing import Callable

import torch
from einops import rearrange

from splatbench.evaluation.speed import (
    PRECISIONS,
    build_encoder,
    median_event_ms,
    peak_memory_gib,
    precision_flags,
    set_precision,
    synthetic_views,
)
from splatbench.model.encoder import depthsplat
from splatbench.model.encoder.depthsplat import EncoderDepthSplat, nearest_view_index
from splatbench.utils.io import atomic_write_json, atomic_write_text

logger = logging.getLogger("heads12")

VARIANTS = {  # name -> (nhwc_feature_upsampler, fused_heads, adapter kernel)
    "plain": (False, False, False),
    "nhwc_upsampler": (True, False, False),
    "fused_heads": (False, True, False),
    "fast_eager_adapter": (True, True, False),
    "fast": (True, True, True),
}
WHOLE_ENCODER = ("plain", "fast")  # variants also timed as a whole forward pass
FIELDS = ("means", "covariances", "harmonics", "opacities", "scales", "rotations")


def set_variant(encoder: EncoderDepthSplat, variant: str) -> None:
    encoder.nhwc_feature_upsampler, encoder.fused_heads, encoder.gaussian_adapter.use_kernel = VARIANTS[variant]


class FullResolution:
    """The encoder's forward split at the depth predictor: ``predict()`` once, then the
    full-resolution part and the adapter as separate calls (as ``EncoderDepthSplat.forward``)."""

    def __init__(self, encoder: EncoderDepthSplat, context: dict) -> None:
        self.encoder, self.context = encoder, context
        self.images = context["image"]
        self.prediction = self.depth = None

    def predict(self) -> None:
        encoder, context = self.encoder, self.context
        v = self.images.shape[1]
        neighbours = nearest_view_index(context["extrinsics"], encoder.cfg.local_mv_match) if v > 3 else None
        precision = encoder._precision(self.images.device)
        with precision.outer():
            self.prediction = encoder.depth_predictor(
                self.images, context["intrinsics"], context["extrinsics"], context["near"], context["far"], neighbours, precision
            )  # fmt: skip
        self.depth = self.prediction.depth_preds[-1].float()

    def raw(self) -> torch.Tensor:
        precision = self.encoder._precision(self.images.device)
        with precision.outer():
            raw, _ = self.encoder._raw_gaussians(self.images, self.depth, self.prediction, precision)
        return raw

    def adapt(self, raw: torch.Tensor):
        b, v = self.images.shape[:2]
        raw = rearrange(raw.float(), "(b v) c h w -> b v c h w", b=b, v=v)
        context = self.context
        return self.encoder.gaussian_adapter(raw, self.depth, context["extrinsics"], context["intrinsics"], self.images)


def max_difference(a: torch.Tensor, b: torch.Tensor) -> dict[str, float]:
    a, b = a.double(), b.double()
    scale = b.abs().max().item()
    difference = (a - b).abs().max().item()
    return {"max_abs": difference, "max_relative_to_largest": difference / scale if scale else 0.0}


def compare_variants(encoder: EncoderDepthSplat, context: dict, device: torch.device, mode: str) -> dict:
    """Raw outputs and Gaussians of ``fast`` against ``plain`` in one mode."""
    precision = PRECISIONS[mode]
    set_precision(encoder, precision.encoder_precision)
    part = FullResolution(encoder, context)
    outputs = {}
    with precision_flags(precision, device), torch.no_grad():
        part.predict()
        for variant in ("plain", "fast"):
            set_variant(encoder, variant)
            raw = part.raw()
            gaussians = part.adapt(raw)
            outputs[variant] = (raw.float().clone(), {f: getattr(gaussians, f).clone() for f in FIELDS})
            del raw, gaussians
    result = {"raw": max_difference(outputs["fast"][0], outputs["plain"][0])}
    for field in FIELDS:
        result[field] = max_difference(outputs["fast"][1][field], outputs["plain"][1][field])
    return result


def time_mode(encoder: EncoderDepthSplat, context: dict, device: torch.device, mode: str, repeats: int, warmup: int) -> dict:
    precision = PRECISIONS[mode]
    set_precision(encoder, precision.encoder_precision)
    part = FullResolution(encoder, context)
    figures: dict[str, dict] = {}
    with precision_flags(precision, device), torch.no_grad():
        part.predict()
        for variant in VARIANTS:
            set_variant(encoder, variant)
            try:
                raw = part.raw()
                part.adapt(raw)
            except Exception as error:  # noqa: BLE001 - report the variant, time the others
                logger.error("%s %s failed: %s: %s", mode, variant, type(error).__name__, error)
                figures[variant] = {"error": f"{type(error).__name__}: {error}"}
                continue
            row = {
                "full_res_ms": median_event_ms(part.raw, device, repeats, warmup),
                "adapter_ms": median_event_ms(lambda: part.adapt(raw), device, repeats, warmup),
                "encoder_ms": median_event_ms(lambda: encoder(context), device, repeats, warmup)
                if variant in WHOLE_ENCODER else None,
                "full_res_peak_gib": peak_memory_gib(part.raw, device),
            }
            del raw
            figures[variant] = row
            logger.info("%s %s: %s", mode, variant, {k: round(v, 3) if v is not None else None for k, v in row.items()})
    return figures


def chunk_sweep(encoder: EncoderDepthSplat, context: dict, device: torch.device, mode: str, repeats: int, warmup: int) -> dict:
    """The fast path's full-resolution part with 1, 2, 4 (default), 8 views and all views per chunk."""
    precision = PRECISIONS[mode]
    set_precision(encoder, precision.encoder_precision)
    set_variant(encoder, "fast")
    part = FullResolution(encoder, context)
    views, (h, w) = context["image"].shape[1], context["image"].shape[-2:]
    results = {}
    default = depthsplat.HEAD_CHUNK_PIXELS
    with precision_flags(precision, device), torch.no_grad():
        part.predict()
        try:
            for per_chunk in sorted({1, 2, 4, 8, views}):
                if per_chunk > views:
                    continue
                depthsplat.HEAD_CHUNK_PIXELS = per_chunk * h * w
                results[per_chunk] = {
                    "full_res_ms": median_event_ms(part.raw, device, repeats, warmup),
                    "full_res_peak_gib": peak_memory_gib(part.raw, device),
                }
        finally:
            depthsplat.HEAD_CHUNK_PIXELS = default
    return results


def profile_table(encoder: EncoderDepthSplat, context: dict, device: torch.device, mode: str) -> str:
    """torch.profiler operators of the fast full-resolution part and the adapter (one call each)."""
    from torch.profiler import ProfilerActivity, profile

    precision = PRECISIONS[mode]
    set_precision(encoder, precision.encoder_precision)
    set_variant(encoder, "fast")
    part = FullResolution(encoder, context)
    activities = [ProfilerActivity.CPU] + ([ProfilerActivity.CUDA] if device.type == "cuda" else [])
    tables = []
    with precision_flags(precision, device), torch.no_grad():
        part.predict()
        raw = part.raw()
        part.adapt(raw)
        for name, function in (("full-resolution part (fast)", part.raw), ("Gaussian adapter", lambda: part.adapt(raw))):
            with profile(activities=activities, record_shapes=True) as profiler:
                function()
                if device.type == "cuda":
                    torch.cuda.synchronize(device)
            averages = profiler.key_averages(group_by_input_shape=True)
            table = None
            for key in (("self_device_time_total", "self_cuda_time_total") if device.type == "cuda" else ()) + ("self_cpu_time_total",):
                try:
                    table = averages.table(sort_by=key, row_limit=30, max_name_column_width=60, max_shapes_column_width=70)
                    break
                except Exception:  # noqa: BLE001 - the key's name moved between torch versions
                    continue
            tables.append(f"## {name}, {mode}\n\n```\n{table}\n```\n")
    return "\n".join(tables)


def markdown(result: dict) -> str:
    lines = [f"# Full-resolution part: {result['case']} on {result['device']}", ""]
    lines += ["| mode | variant | full-res ms | adapter ms | full-res + adapter ms | encoder ms | full-res peak GiB |",
              "|---|---|---|---|---|---|---|"]  # fmt: skip
    for mode, variants in result["timings"].items():
        for variant, row in variants.items():
            if "error" in row:
                lines.append(f"| {mode} | {variant} | failed: {row['error'][:80]} | | | | |")
                continue
            peak = row["full_res_peak_gib"]
            encoder_ms = row["encoder_ms"]
            lines.append(
                f"| {mode} | {variant} | {row['full_res_ms']:.2f} | {row['adapter_ms']:.2f} | "
                f"{row['full_res_ms'] + row['adapter_ms']:.2f} | {'-' if encoder_ms is None else f'{encoder_ms:.2f}'} | "
                f"{'-' if peak is None else f'{peak:.2f}'} |"
            )
    lines += ["", f"Views per chunk of the fast path ({result['chunk_mode']}):", "", "| views per chunk | full-res ms | peak GiB |", "|---|---|---|"]
    for per_chunk, row in result["chunks"].items():
        peak = row["full_res_peak_gib"]
        lines.append(f"| {per_chunk} | {row['full_res_ms']:.2f} | {'-' if peak is None else f'{peak:.2f}'} |")
    lines += ["", "fast vs plain (max abs difference; relative to the largest value):", "",
              "| mode | output | max abs | relative |", "|---|---|---|---|"]  # fmt: skip
    for mode, fields in result["accuracy"].items():
        for field, value in fields.items():
            lines.append(f"| {mode} | {field} | {value['max_abs']:.3g} | {value['max_relative_to_largest']:.3g} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--smoke", action="store_true", help="CPU, small preset, 2 views of 32x32, one repeat")
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--modes", nargs="+", default=["bf16_all", "bf16", "tf32"])
    parser.add_argument("--no-profile", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
    unknown = [m for m in args.modes if m not in PRECISIONS]
    if unknown:
        print(f"heads12_bench: unknown mode(s) {unknown}; choose from {sorted(PRECISIONS)}", file=sys.stderr)
        return 2

    if args.smoke:
        device, (views, height, width), repeats, warmup = torch.device("cpu"), (2, 32, 32), 1, 0
        depthsplat.HEAD_CHUNK_PIXELS = height * width  # two chunks: the chunked path runs too
    elif torch.cuda.is_available():
        device, (views, height, width), repeats, warmup = torch.device("cuda"), (12, 512, 960), args.repeats, args.warmup
    else:
        print("heads12_bench: no CUDA device (use --smoke for a CPU check)", file=sys.stderr)
        return 2
    encoder = build_encoder("small", device)
    encoder.precision_on_cpu = device.type == "cpu"  # the bf16 plans run on the CPU too (as bench does)
    context = synthetic_views(views, height, width, device)
    result = {
        "case": f"small {views} views {height}x{width}",
        "device": torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu",
        "torch": torch.__version__,
        "head_chunk_pixels": depthsplat.HEAD_CHUNK_PIXELS,
        "timings": {},
        "accuracy": {},
    }
    args.out.mkdir(parents=True, exist_ok=True)

    def save() -> None:
        atomic_write_json(args.out / "heads12.json", result)

    # Accuracy first (the claim), then speed; each step saved as it completes.
    for mode in ("fp32",) if args.smoke else ("fp32", "tf32", "bf16_all"):
        try:
            result["accuracy"][mode] = compare_variants(encoder, context, device, mode)
        except Exception as error:  # noqa: BLE001 - e.g. the adapter kernel failing to build: time the rest
            logger.error("accuracy %s failed: %s: %s", mode, type(error).__name__, error)
            result.setdefault("errors", []).append(f"accuracy {mode}: {type(error).__name__}: {error}")
            continue
        logger.info("accuracy %s: raw %s", mode, result["accuracy"][mode]["raw"])
        save()
    for mode in args.modes:
        result["timings"][mode] = time_mode(encoder, context, device, mode, repeats, warmup)
        save()
    result["chunk_mode"] = args.modes[0]
    result["chunks"] = chunk_sweep(encoder, context, device, args.modes[0], repeats, warmup)
    save()
    atomic_write_text(args.out / "heads12.md", markdown(result))
    print(markdown(result))
    if not args.no_profile:
        try:
            atomic_write_text(args.out / "profile.md", profile_table(encoder, context, device, args.modes[0]))
        except Exception as error:  # noqa: BLE001 - the figures above are saved already
            logger.error("profile failed: %s: %s", type(error).__name__, error)
            return 1
    return 0


if __name__ == "__main__":
    with contextlib.suppress(BrokenPipeError):
        sys.exit(main())
