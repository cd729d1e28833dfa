"""Check and benchmark the native VGGT-1B with generated weights (no download, nothing carried).

Checks (fp32, TF32 off):
  * golden: our model vs the reference implementation's recorded outputs at full size
    (tests/vggt/golden/vggt_1b_*.npz, see its README), on this device;
  * fp32 vs bf16 (aggregator under bf16 autocast, heads fp32) on a few 518-wide frames;
  * every output finite.
  * attention kernels (GPU): each usable SDPA backend in bf16 against an fp32 math reference
    (16 heads x 8192 tokens), and cuDNN against FlashAttention at the full global-attention length.
Benchmark (bf16, aggregator weights stored in bf16): seconds per frame and peak GPU memory of the
whole forward (aggregator + camera + depth heads) and of the aggregator alone, per frame count and
input size, median over repeats, with the attention backend that served each call
(--attention, default auto: the Triton kernel for global attention on Hopper, cuDNN else, then
FlashAttention; --compare-attention adds aggregator-only
runs with other backends). --profile: torch.profiler over one aggregator pass (top kernels by
share of GPU time, attention vs the rest, kernel count), in profile.json / profile.md.

    python scripts/bench_vggt.py --out outputs/vggt --sizes 392x518 --profile   # GPU
    python scripts/bench_vggt.py --smoke --profile --out /tmp/vggt             # CPU: tiny model, 4 frames

Writes results.json and summary.md under --out and prints the table.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
if not torch.cuda.is_available():  # Triton kernels (elementwise=triton) run through the interpreter on a CPU
    os.environ.setdefault("TRITON_INTERPRET", "1")

from splatbench.geometry.rotation import relative_rotation_error  # noqa: E402
from splatbench.model.kernels import attention as triton_kernel  # noqa: E402
from splatbench.model.vggt import VGGT, vggt_preset  # noqa: E402
from splatbench.model.vggt.attention import ATTENTION_BACKENDS, AttentionKernel  # noqa: E402
from splatbench.model.vggt.elementwise import ELEMENTWISE_MODES, elementwise_ops, resolve_mode  # noqa: E402
from splatbench.model.vggt.weights import generated_vggt_tensor  # noqa: E402
from splatbench.utils.io import atomic_write_json, atomic_write_text  # noqa: E402

logger = logging.getLogger("bench_vggt")
GOLDEN = Path(__file__).resolve().parents[1] / "tests" / "vggt" / "golden"
GOLDEN_TOLERANCE = {"fp32": 1e-3}


def build_model(preset: str, device: torch.device, threads: int = 8) -> VGGT:
    """The model on ``device`` with generated weights, generated on the CPU in parallel threads."""
    with torch.device("meta"):
        model = VGGT(vggt_preset(preset))
    model = model.to_empty(device=device).eval().requires_grad_(False)
    parameters = dict(model.state_dict(keep_vars=True))
    with ThreadPoolExecutor(threads) as pool:
        futures = {name: pool.submit(generated_vggt_tensor, name, tensor.shape) for name, tensor in parameters.items()}
        for name, future in futures.items():
            parameters[name].data.copy_(future.result())
    return model


def synchronize(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def scene_images(frames: int, height: int, width: int, device: torch.device, seed: int = 0) -> torch.Tensor:
    """A smooth texture panned across frames (a camera sliding sideways), in [0, 1]."""
    generator = torch.Generator().manual_seed(seed)
    base = torch.rand(1, 3, height // 8 + 2, (width + frames * 4) // 8 + 2, generator=generator)
    base = torch.nn.functional.interpolate(base, scale_factor=8, mode="bicubic", align_corners=False).clamp(0, 1)
    shifts = torch.arange(frames) * 4
    return torch.stack([base[0, :, :height, s: s + width] for s in shifts.tolist()]).to(device)


def compare_golden(model: VGGT, device: torch.device, preset: str) -> dict:
    files = sorted(GOLDEN.glob("vggt_1b_*.npz" if preset == "vggt-1b" else "vggt_tiny_*.npz"))
    if not files:
        return {"status": "no golden file"}
    results = {}
    for path in files:
        with np.load(path) as data:
            golden = {key: data[key] for key in data.files}
        images = torch.from_numpy(golden["image_u8"]).float().div(255).to(device)
        prediction = model(images, chunk_frames=2, head_chunk_frames=2)
        ours = {"pose_enc": prediction.pose_encoding[0], "extrinsics": prediction.extrinsics[0],
                "intrinsics": prediction.intrinsics[0], "depth": prediction.depth[0],
                "depth_conf": prediction.depth_conf[0]}
        differences = {key: float((value.cpu() - torch.from_numpy(golden[key])).abs().max()) for key, value in ours.items()}
        results[path.stem] = {"max_abs_difference": differences,
                              "passed": all(d < GOLDEN_TOLERANCE["fp32"] for d in differences.values())}
    return results


def compare_precisions(model: VGGT, device: torch.device, frames: int, height: int, width: int,
                       half_elementwise: str = "eager") -> dict:
    """fp32 (eager) against bf16 with the aggregator's element-wise work in ``half_elementwise``."""
    images = scene_images(frames, height, width, device, seed=1)
    model.aggregator.elementwise = "eager"
    full = model(images)
    model.aggregator.elementwise = half_elementwise
    half = model(images, compute_dtype=torch.bfloat16)
    model.aggregator.elementwise = "eager"
    finite = all(bool(torch.isfinite(t).all()) for p in (full, half)
                 for t in (p.extrinsics, p.intrinsics, p.depth, p.depth_conf))
    relative_depth = ((half.depth - full.depth).abs() / full.depth.abs()).flatten()
    rotation_deg = relative_rotation_error(half.extrinsics[0, :, :3, :3].double(), full.extrinsics[0, :, :3, :3].double())
    focal = (half.intrinsics[..., 0, 0] / full.intrinsics[..., 0, 0] - 1).abs()
    result = {
        "frames": frames, "height": height, "width": width, "all_finite": finite,
        "depth_relative_difference_median": float(relative_depth.median()),
        "depth_relative_difference_p99": float(torch.quantile(relative_depth.float()[:1_000_000], 0.99)),
        "rotation_difference_deg_max": float(rotation_deg.max()),
        "translation_difference_max": float((half.extrinsics[..., 3] - full.extrinsics[..., 3]).abs().max()),
        "focal_relative_difference_max": float(focal.max()),
    }
    result["passed"] = finite and result["depth_relative_difference_median"] < 0.02 and result["rotation_difference_deg_max"] < 2.0
    return result


def measure(run, device: torch.device, repeats: int) -> tuple[float, float, float]:
    """(median seconds, peak allocated GB, peak reserved GB) of ``run()``."""
    times = []
    if device.type == "cuda":
        torch.cuda.empty_cache()
        torch.cuda.reset_peak_memory_stats(device)
    for _ in range(repeats):
        synchronize(device)
        start = time.perf_counter()
        run()
        synchronize(device)
        times.append(time.perf_counter() - start)
    if device.type == "cuda":
        return statistics.median(times), torch.cuda.max_memory_allocated(device) / 1e9, torch.cuda.max_memory_reserved(device) / 1e9
    return statistics.median(times), float("nan"), float("nan")


def check_attention_kernels(device: torch.device, long_tokens: int, heads: int = 16, head_dim: int = 64) -> dict:
    """Each backend in bf16 against an fp32 math reference on 8192 tokens, then cuDNN against
    FlashAttention at ``long_tokens`` (the global attention length, too long for a reference)."""
    if device.type != "cuda":
        return {"status": "skipped off CUDA"}
    from torch.nn.attention import SDPBackend, sdpa_kernel

    generator = torch.Generator(device).manual_seed(0)

    def inputs(tokens: int) -> list[torch.Tensor]:
        return [torch.randn(1, heads, tokens, head_dim, device=device, generator=generator, dtype=torch.bfloat16)
                for _ in range(3)]

    def run(backend: str, tensors: list[torch.Tensor]) -> torch.Tensor | str:
        try:
            with torch.inference_mode():
                return AttentionKernel(backend)(*tensors)
        except (RuntimeError, ValueError) as error:  # ValueError: the Triton kernel's own refusal
            return f"unusable: {str(error).splitlines()[0][:160]}"

    short = inputs(8192)
    with sdpa_kernel([SDPBackend.MATH]), torch.inference_mode():
        reference = torch.nn.functional.scaled_dot_product_attention(*(t.float() for t in short))
    result: dict = {"short_tokens": 8192, "long_tokens": long_tokens, "max_abs_error_vs_fp32": {}}
    for backend in ("triton", "cudnn", "flash", "efficient"):
        out = run(backend, short)
        result["max_abs_error_vs_fp32"][backend] = out if isinstance(out, str) else float((out.float() - reference).abs().max())
    result["auto_picks"] = AttentionKernel("auto").pick(*short)
    del short, reference
    long = inputs(long_tokens)
    result["auto_picks_long"] = AttentionKernel("auto").pick(*long)
    cudnn = run("cudnn", long)
    for other in ("flash", "triton"):
        out = run(other, long)
        if isinstance(cudnn, str) or isinstance(out, str):
            result[f"long_cudnn_vs_{other}"] = cudnn if isinstance(cudnn, str) else out
        else:
            result[f"long_cudnn_vs_{other}"] = float((cudnn.float() - out.float()).abs().max())
        del out
    errors = [v for v in result["max_abs_error_vs_fp32"].values() if not isinstance(v, str)]
    # bf16 rounding of the output alone is ~4e-3 at these magnitudes; anything far above is a wrong kernel.
    result["passed"] = bool(errors) and max(errors) < 2e-2 and all(
        isinstance(result[f"long_cudnn_vs_{other}"], str) or result[f"long_cudnn_vs_{other}"] < 2e-2
        for other in ("flash", "triton"))
    return result


def aggregator_pass(model: VGGT, images: torch.Tensor, chunk_frames: int) -> None:
    with torch.inference_mode(), torch.autocast(images.device.type, dtype=torch.bfloat16):
        model.aggregator(images[None], lambda *args: None, chunk_frames=chunk_frames)


def benchmark(model: VGGT, device: torch.device, frames: int, height: int, width: int, repeats: int,
              chunk_frames: int, attention: str = "auto", whole_model: bool = True, elementwise: str = "eager") -> dict:
    images = scene_images(frames, height, width, device)
    outputs = {"finite": True}
    kernel = model.aggregator.attention
    kernel.backend = attention
    model.aggregator.elementwise = elementwise
    nan = float("nan")
    warmup_seconds = nan
    ops = elementwise_ops(elementwise)
    used_before = Counter(ops.used)
    if elementwise != "eager":  # compilation happens in this untimed pass
        start = time.perf_counter()
        aggregator_pass(model, images, chunk_frames)
        synchronize(device)
        warmup_seconds = time.perf_counter() - start

    def full() -> None:
        prediction = model(images, compute_dtype=torch.bfloat16, chunk_frames=chunk_frames)
        outputs["finite"] = bool(torch.isfinite(prediction.depth).all() and torch.isfinite(prediction.extrinsics).all())

    kernel.used.clear()
    seconds, allocated, reserved = measure(full, device, repeats) if whole_model else (nan, nan, nan)
    aggregator_seconds, aggregator_allocated, aggregator_reserved = measure(
        lambda: aggregator_pass(model, images, chunk_frames), device, 1 if whole_model else repeats)
    return {
        "frames": frames, "height": height, "width": width, "attention": attention, "elementwise": elementwise,
        "warmup_seconds": warmup_seconds, "attention_used": dict(kernel.used),
        # calls of the element-wise functions per path (triton: "triton" or "eager" fallbacks)
        "elementwise_used": dict(Counter(ops.used) - used_before), "repeats": repeats, "chunk_frames": chunk_frames,
        "seconds": seconds, "seconds_per_frame": seconds / frames, "peak_allocated_gb": allocated,
        "peak_reserved_gb": reserved, "aggregator_seconds": aggregator_seconds,
        "aggregator_seconds_per_frame": aggregator_seconds / frames,
        "aggregator_peak_allocated_gb": aggregator_allocated, "aggregator_peak_reserved_gb": aggregator_reserved,
        "outputs_finite": outputs["finite"],
    }


# Kernel categories for the profile, first match wins (lower-case substrings of kernel / op names).
KERNEL_CATEGORIES = (
    ("fused norms (Triton)", ("_layer_norm_rows_kernel", "_qk_norm_rope_kernel")),
    ("attention", ("sdpa", "flash", "fmha", "attention", "attn", "mha")),
    ("matmul", ("gemm", "nvjet", "xmma", "cutlass", "matmul", "addmm", "aten::mm", "aten::linear", "conv")),
    ("layer_norm", ("layer_norm", "layernorm")),
    ("gelu", ("gelu",)),
    ("copy / cast", ("copy", "cat", "flip", "to_copy", "direct_copy")),
    ("elementwise", ("elementwise", "vectorized", "unrolled", "aten::add", "aten::mul")),
)


def kernel_category(name: str) -> str:
    lowered = name.lower()
    for category, keys in KERNEL_CATEGORIES:
        if any(key in lowered for key in keys):
            return category
    return "other"


def profile_aggregator(model: VGGT, device: torch.device, frames: int, height: int, width: int,
                       chunk_frames: int, top: int = 25) -> dict:
    """GPU kernels (CUDA) or operators (CPU) of one aggregator pass, by self time."""
    from torch.autograd import DeviceType
    from torch.profiler import ProfilerActivity, profile

    images = scene_images(frames, height, width, device)
    aggregator_pass(model, images, chunk_frames)  # warm-up outside the profile
    synchronize(device)
    activities = [ProfilerActivity.CPU] + ([ProfilerActivity.CUDA] if device.type == "cuda" else [])
    start = time.perf_counter()
    with profile(activities=activities) as profiler:
        aggregator_pass(model, images, chunk_frames)
        synchronize(device)
    wall = time.perf_counter() - start
    on_gpu = device.type == "cuda"
    rows = []
    for event in profiler.key_averages():
        if on_gpu and event.device_type != DeviceType.CUDA:
            continue
        self_us = event.self_device_time_total if on_gpu else event.self_cpu_time_total
        if self_us > 0:
            rows.append({"name": event.key, "self_ms": self_us / 1e3, "count": event.count,
                         "category": kernel_category(event.key)})
    total = sum(row["self_ms"] for row in rows) or float("nan")
    rows.sort(key=lambda row: row["self_ms"], reverse=True)
    for row in rows:
        row["share"] = row["self_ms"] / total
    categories: dict[str, dict] = {}
    for row in rows:
        entry = categories.setdefault(row["category"], {"ms": 0.0, "count": 0})
        entry["ms"] += row["self_ms"]
        entry["count"] += row["count"]
    for entry in categories.values():
        entry["share"] = entry["ms"] / total
    attention_ms = categories.get("attention", {}).get("ms", 0.0)
    return {
        "frames": frames, "height": height, "width": width, "chunk_frames": chunk_frames,
        "unit": "GPU kernels" if on_gpu else "CPU operators (self time)", "wall_seconds_profiled": wall,
        "total_ms": total, "kernel_count": sum(row["count"] for row in rows),
        "attention_ms": attention_ms, "rest_ms": total - attention_ms, "attention_share": attention_ms / total,
        "categories": dict(sorted(categories.items(), key=lambda item: -item[1]["ms"])),
        "top": rows[:top],
    }


def profile_markdown(profile: dict) -> str:
    lines = [
        f"Profile of one aggregator pass, {profile['frames']} frames at {profile['height']} x {profile['width']} "
        f"({profile['unit']}): {profile['total_ms']:.1f} ms in {profile['kernel_count']} kernels / ops, "
        f"attention {profile['attention_ms']:.1f} ms ({100 * profile['attention_share']:.1f} %), "
        f"the rest {profile['rest_ms']:.1f} ms; wall {profile['wall_seconds_profiled']:.2f} s under the profiler.",
        "", "| category | ms | share | count |", "|---|---|---|---|",
    ]
    lines += [f"| {name} | {entry['ms']:.1f} | {100 * entry['share']:.1f} % | {entry['count']} |"
              for name, entry in profile["categories"].items()]
    lines += ["", "| kernel | category | ms | share | count |", "|---|---|---|---|---|"]
    lines += [f"| `{row['name'][:200]}` | {row['category']} | {row['self_ms']:.1f} | {100 * row['share']:.1f} % | {row['count']} |"
              for row in profile["top"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help="folder for results.json and summary.md")
    parser.add_argument("--smoke", action="store_true", help="tiny model, 4 frames, small images (CPU check)")
    parser.add_argument("--frames", type=int, nargs="+", default=[100, 200])
    parser.add_argument("--sizes", nargs="+", default=["336x518", "294x518", "392x518", "518x518"],
                        help="HxW input sizes (16:9, 4:3, square)")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--chunk-frames", type=int, default=16)
    parser.add_argument("--attention", choices=ATTENTION_BACKENDS, default="auto",
                        help="attention kernel of the aggregator (default: auto = cuDNN, else FlashAttention)")
    parser.add_argument("--compare-attention", nargs="*", choices=ATTENTION_BACKENDS, default=[],
                        help="also time the aggregator alone with these backends (fewest frames, first size)")
    parser.add_argument("--elementwise", choices=ELEMENTWISE_MODES, default="auto",
                        help="norms / RoPE / residuals: eager, fused by torch.compile, or the Triton kernels of "
                             "splatbench/model/kernels/norms.py (splatbench.model.vggt.elementwise); auto: the model's default")
    parser.add_argument("--compare-elementwise", nargs="*", choices=ELEMENTWISE_MODES, default=[],
                        help="also time the aggregator alone with these modes (fewest frames, first size); "
                             "each also repeats the fp32 vs bf16 check with its bf16 pass in that mode")
    parser.add_argument("--compare-chunk-frames", type=int, nargs="*", default=[],
                        help="also time the aggregator alone with these --chunk-frames (fewest frames, first size)")
    parser.add_argument("--aggregator-only", action="store_true",
                        help="time the aggregator alone for every size and frame count, --repeats times (no whole-model runs)")
    parser.add_argument("--profile", action="store_true",
                        help="profile one aggregator pass (fewest frames, first size) with torch.profiler")
    parser.add_argument("--skip-golden", action="store_true", help="skip the full-size golden and fp32/bf16 checks")
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    preset = "tiny" if args.smoke else "vggt-1b"
    for size in args.sizes:
        parts = size.split("x")
        if len(parts) != 2 or not all(part.isdigit() and int(part) > 0 for part in parts):
            print(f"bench_vggt.py: --sizes {size!r} is not HxW (e.g. 392x518)", file=sys.stderr)
            return 2
    if min(args.frames) < 1 or args.repeats < 1 or min([args.chunk_frames, *args.compare_chunk_frames]) < 1:
        print("bench_vggt.py: --frames, --repeats and chunk sizes must be positive", file=sys.stderr)
        return 2
    if args.smoke:
        args.frames, args.repeats = [4], 1
        args.sizes = [size for size in args.sizes if size in ("42x70", "56x56")] or ["42x70", "56x56"]
    device = torch.device(args.device)
    args.elementwise = resolve_mode(args.elementwise, device)
    args.compare_elementwise = [resolve_mode(mode, device) for mode in args.compare_elementwise]
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    results: dict = {"preset": preset, "device": torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu",
                     "torch": torch.__version__, "attention": args.attention}
    if device.type == "cuda":
        results["cudnn"] = torch.backends.cudnn.version()

    start = time.perf_counter()
    model = build_model(preset, device)
    results["weight_generation_seconds"] = time.perf_counter() - start
    logger.info("generated weights in %.1f s", results["weight_generation_seconds"])

    if args.skip_golden:
        results["golden"] = {"status": "skipped"}
        results["fp32_vs_bf16"] = {"status": "skipped", "passed": True, "all_finite": True}
    else:
        results["golden"] = compare_golden(model, device, preset)
        logger.info("golden: %s", json.dumps(results["golden"]))
        precision_size = (42, 70) if args.smoke else (294, 518)
        results["fp32_vs_bf16"] = compare_precisions(model, device, 4 if args.smoke else 8, *precision_size)
        logger.info("fp32 vs bf16: %s", json.dumps(results["fp32_vs_bf16"]))
        if device.type == "cuda" and triton_kernel.available():
            # The frames here are too few for "auto" to pick the Triton kernel: force it on every call.
            model.aggregator.attention.backend = "triton"
            try:
                results["fp32_vs_bf16_triton"] = compare_precisions(model, device, 8, *precision_size)
            except ValueError as error:  # the kernel refused (no triton, an older GPU): recorded
                results["fp32_vs_bf16_triton"] = {"error": str(error), "passed": False}
            model.aggregator.attention.backend = args.attention
            logger.info("fp32 vs bf16 (Triton attention): %s", json.dumps(results["fp32_vs_bf16_triton"]))
        for mode in sorted({args.elementwise, *args.compare_elementwise} - {"eager"}):
            start = time.perf_counter()  # the bf16 pass compiles (fp32 stays eager: half the graphs)
            key = f"fp32_vs_bf16_elementwise_{mode}"
            try:
                results[key] = compare_precisions(model, device, 4 if args.smoke else 8, *precision_size,
                                                  half_elementwise=mode)
            except Exception as error:  # a compiler failure is a result, not a reason to lose the rest
                results[key] = {"error": str(error).splitlines()[0][:300], "passed": False}
            results[key]["seconds"] = time.perf_counter() - start
            logger.info("fp32 vs bf16 (elementwise %s): %s", mode, json.dumps(results[key]))
    first_height, first_width = (int(v) for v in args.sizes[0].split("x"))
    patches = (first_height // 14) * (first_width // 14) + 5
    results["attention_kernels"] = check_attention_kernels(device, max(args.frames) * patches)
    logger.info("attention kernels: %s", json.dumps(results["attention_kernels"]))

    model.store_aggregator_weights(torch.bfloat16)
    torch.backends.cudnn.allow_tf32 = True  # PyTorch's default, as the reference runs its fp32 heads
    if device.type == "cuda":  # warm-up: kernels and cuDNN plans
        model(scene_images(4, 294, 518, device), compute_dtype=torch.bfloat16)
    # (size, frames, attention, chunk frames, elementwise, whole model too); the comparisons time the
    # aggregator alone at the fewest frames and first size, one setting changed at a time.
    first, fewest = args.sizes[0], min(args.frames)
    plan = [(size, frames, args.attention, args.chunk_frames, args.elementwise, not args.aggregator_only)
            for size in args.sizes for frames in args.frames]
    plan += [(first, fewest, backend, args.chunk_frames, args.elementwise, False) for backend in args.compare_attention
             if backend != args.attention]
    plan += [(first, fewest, args.attention, chunk, args.elementwise, False) for chunk in args.compare_chunk_frames
             if chunk != args.chunk_frames]
    plan += [(first, fewest, args.attention, args.chunk_frames, mode, False) for mode in args.compare_elementwise
             if mode != args.elementwise]
    runs, failures = [], []
    for size, frames, attention, chunk_frames, elementwise, whole_model in plan:
        height, width = (int(v) for v in size.split("x"))
        try:
            run = benchmark(model, device, frames, height, width, args.repeats, chunk_frames, attention, whole_model,
                            elementwise)
        except Exception as error:  # one failed configuration (e.g. a kernel missing) must not hide the others
            failures.append({"size": size, "frames": frames, "attention": attention, "chunk_frames": chunk_frames,
                             "elementwise": elementwise, "comparison": not whole_model,
                             "error": str(error).splitlines()[0][:300]})
            logger.warning("failed: %s", failures[-1])
            continue
        logger.info("%s", json.dumps(run))
        runs.append(run)
    results["runs"], results["failures"] = runs, failures
    model.aggregator.attention.backend = args.attention
    model.aggregator.elementwise = args.elementwise

    out = Path(args.out)
    if args.profile:
        results["profile"] = profile_aggregator(model, device, min(args.frames), first_height, first_width,
                                                args.chunk_frames)
        profile_text = profile_markdown(results["profile"])
        print(profile_text)
        atomic_write_json(out / "profile.json", results["profile"])
        atomic_write_text(out / "profile.md", profile_text + "\n")

    lines = [
        f"VGGT-1B native ({preset}), generated weights, bf16 aggregator + fp32 heads, {results['device']}, "
        f"torch {results['torch']}, cuDNN {results.get('cudnn', '-')}",
        "",
        "| frames | H x W | attention (calls per backend) | chunk | elementwise (calls per path) | s / frame | total s | peak GB (alloc / reserved) "
        "| aggregator s | aggregator s / frame | aggregator peak GB |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        used = ", ".join(f"{name} {count}" for name, count in sorted(run["attention_used"].items()))
        paths = ", ".join(f"{name} {count}" for name, count in sorted(run["elementwise_used"].items()))
        lines.append(
            f"| {run['frames']} | {run['height']} x {run['width']} | {run['attention']} ({used}) | {run['chunk_frames']} "
            f"| {run['elementwise']}{f' ({paths})' if paths else ''} "
            f"| {run['seconds_per_frame']:.4f} | {run['seconds']:.2f} "
            f"| {run['peak_allocated_gb']:.1f} / {run['peak_reserved_gb']:.1f} | {run['aggregator_seconds']:.2f} "
            f"| {run['aggregator_seconds_per_frame']:.4f} | {run['aggregator_peak_allocated_gb']:.1f} |"
        )
    golden_ok = all(v.get("passed", False) for v in results["golden"].values()) if "status" not in results["golden"] else None
    kernels_ok = results["attention_kernels"].get("passed")
    lines += ["", f"golden vs reference (fp32, tol {GOLDEN_TOLERANCE['fp32']}): {golden_ok}",
              f"fp32 vs bf16: {results['fp32_vs_bf16']}",
              *(f"fp32 vs bf16 ({key[13:]}): {value}" for key, value in results.items()
                if key.startswith("fp32_vs_bf16_")),
              f"attention kernels (bf16 vs fp32 math, cuDNN vs flash at full length): {results['attention_kernels']}",
              "anchor (VGGT README, H100, FlashAttention 3, aggregator only, 336 x 518 inputs: the size at which "
              "the reference's own memory matches the README's column, scripts/gpu/vggt_reference.py): "
              "100 frames 3.12 s, 200 frames 8.75 s / 40.63 GiB (our table: GB = 1e9 bytes)",
              f"failures: {failures}"]
    summary = "\n".join(lines)
    print(summary)
    atomic_write_json(out / "results.json", results)
    atomic_write_text(out / "summary.md", summary + "\n")
    finite = all(run["outputs_finite"] for run in runs) and results["fp32_vs_bf16"]["all_finite"]
    checks = golden_ok is not False and kernels_ok is not False and results["fp32_vs_bf16"]["passed"]
    # A comparison that fails (e.g. a backend or the compiler unusable here) is reported, not fatal.
    main_failures = [failure for failure in failures if not failure["comparison"]]
    return 0 if runs and not main_failures and finite and checks else 1


if __name__ == "__main__":
    sys.exit(main())
