"""Check and benchmark the native VGGT-1B with generated weights (no download, nothing carried).

Checks (fp32, TF32 off):
  * golden: our model vs the reference implementation's recorded outputs at full size
    (tests/vggt/golden/vggt_1b_*.npz, see its README), on this device;
  * fp32 vs bf16 (aggregator under bf16 autocast, heads fp32) on a few 518-wide frames;
  * every output finite.
Benchmark (bf16, aggregator weights stored in bf16): seconds per frame and peak GPU memory of the
whole forward (aggregator + camera + depth heads) and of the aggregator alone, per frame count and
input size, median over repeats.

    python scripts/bench_vggt.py --out outputs/vggt            # GPU: 100 and 200 frames at 518 px
    python scripts/bench_vggt.py --smoke --out /tmp/vggt       # CPU: tiny model, 4 frames

Writes results.json and summary.md under --out and prints the table.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from splatbench.geometry.rotation import relative_rotation_error  # noqa: E402
from splatbench.model.vggt import VGGT, vggt_preset  # noqa: E402
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


def compare_precisions(model: VGGT, device: torch.device, frames: int, height: int, width: int) -> dict:
    images = scene_images(frames, height, width, device, seed=1)
    full = model(images)
    half = model(images, compute_dtype=torch.bfloat16)
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


def attention_backends(name: str):
    """``default``: PyTorch's choice; ``cudnn``: cuDNN attention first (Hopper), then the others."""
    if name == "default":
        return contextlib.nullcontext()
    from torch.nn.attention import SDPBackend, sdpa_kernel

    order = [SDPBackend.CUDNN_ATTENTION, SDPBackend.FLASH_ATTENTION, SDPBackend.EFFICIENT_ATTENTION, SDPBackend.MATH]
    return sdpa_kernel(order, set_priority=True)


def benchmark(model: VGGT, device: torch.device, frames: int, height: int, width: int, repeats: int,
              chunk_frames: int, attention: str = "default", aggregator_alone: bool = True) -> dict:
    images = scene_images(frames, height, width, device)
    outputs = {}

    def full() -> None:
        prediction = model(images, compute_dtype=torch.bfloat16, chunk_frames=chunk_frames)
        outputs["finite"] = bool(torch.isfinite(prediction.depth).all() and torch.isfinite(prediction.extrinsics).all())

    def aggregator_only() -> None:
        with torch.inference_mode(), torch.autocast(device.type, dtype=torch.bfloat16):
            model.aggregator(images[None], lambda *args: None, chunk_frames=chunk_frames)

    with attention_backends(attention):
        seconds, allocated, reserved = measure(full, device, repeats)
        nan = float("nan")
        aggregator_seconds, aggregator_allocated, aggregator_reserved = (
            measure(aggregator_only, device, 1) if aggregator_alone else (nan, nan, nan))
    return {
        "frames": frames, "height": height, "width": width, "attention": attention, "repeats": repeats,
        "chunk_frames": chunk_frames,
        "seconds": seconds, "seconds_per_frame": seconds / frames, "peak_allocated_gb": allocated,
        "peak_reserved_gb": reserved, "aggregator_seconds": aggregator_seconds,
        "aggregator_peak_allocated_gb": aggregator_allocated, "aggregator_peak_reserved_gb": aggregator_reserved,
        "outputs_finite": outputs["finite"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help="folder for results.json and summary.md")
    parser.add_argument("--smoke", action="store_true", help="tiny model, 4 frames, small images (CPU check)")
    parser.add_argument("--frames", type=int, nargs="+", default=[100, 200])
    parser.add_argument("--sizes", nargs="+", default=["294x518", "392x518", "518x518"],
                        help="HxW input sizes (16:9, 4:3, square)")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--chunk-frames", type=int, default=16)
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    preset = "tiny" if args.smoke else "vggt-1b"
    if args.smoke:
        args.frames, args.sizes, args.repeats = [4], ["42x70", "56x56"], 1
    device = torch.device(args.device)
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    results: dict = {"preset": preset, "device": torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu",
                     "torch": torch.__version__}

    start = time.perf_counter()
    model = build_model(preset, device)
    results["weight_generation_seconds"] = time.perf_counter() - start
    logger.info("generated weights in %.1f s", results["weight_generation_seconds"])

    results["golden"] = compare_golden(model, device, preset)
    logger.info("golden: %s", json.dumps(results["golden"]))
    precision_size = (42, 70) if args.smoke else (294, 518)
    results["fp32_vs_bf16"] = compare_precisions(model, device, 4 if args.smoke else 8, *precision_size)
    logger.info("fp32 vs bf16: %s", json.dumps(results["fp32_vs_bf16"]))

    model.store_aggregator_weights(torch.bfloat16)
    torch.backends.cudnn.allow_tf32 = True  # PyTorch's default, as the reference runs its fp32 heads
    if device.type == "cuda":  # warm-up: kernels and cuDNN plans
        model(scene_images(4, 294, 518, device), compute_dtype=torch.bfloat16)
    plan = [(size, frames, "default", args.repeats, True) for size in args.sizes for frames in args.frames]
    if device.type == "cuda":
        plan += [(size, max(args.frames), "cudnn", 1, False) for size in args.sizes]
    runs, failures = [], []
    for size, frames, attention, repeats, aggregator_alone in plan:
        height, width = (int(v) for v in size.split("x"))
        try:
            run = benchmark(model, device, frames, height, width, repeats, args.chunk_frames, attention, aggregator_alone)
        except Exception as error:  # one failed configuration (e.g. a kernel missing) must not hide the others
            failures.append({"size": size, "frames": frames, "attention": attention, "error": str(error).splitlines()[0]})
            logger.warning("failed: %s", failures[-1])
            continue
        logger.info("%s", json.dumps(run))
        runs.append(run)
    results["runs"], results["failures"] = runs, failures

    lines = [
        f"VGGT-1B native ({preset}), generated weights, bf16 aggregator + fp32 heads, {results['device']}, torch {results['torch']}",
        "",
        "| frames | H x W | attention | s / frame | total s | peak GB (alloc / reserved) | aggregator s | aggregator peak GB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        lines.append(
            f"| {run['frames']} | {run['height']} x {run['width']} | {run['attention']} | {run['seconds_per_frame']:.4f} "
            f"| {run['seconds']:.2f} "
            f"| {run['peak_allocated_gb']:.1f} / {run['peak_reserved_gb']:.1f} | {run['aggregator_seconds']:.2f} "
            f"| {run['aggregator_peak_allocated_gb']:.1f} |"
        )
    golden_ok = all(v.get("passed", False) for v in results["golden"].values()) if "status" not in results["golden"] else None
    lines += ["", f"golden vs reference (fp32, tol {GOLDEN_TOLERANCE['fp32']}): {golden_ok}",
              f"fp32 vs bf16: {results['fp32_vs_bf16']}",
              "anchor (VGGT README, H100, aggregator only, 200 frames): 8.75 s, 40.63 GB",
              f"failures: {failures}"]
    summary = "\n".join(lines)
    print(summary)
    out = Path(args.out)
    atomic_write_json(out / "results.json", results)
    atomic_write_text(out / "summary.md", summary + "\n")
    finite = all(run["outputs_finite"] for run in runs) and results["fp32_vs_bf16"]["all_finite"]
    return 0 if not failures and finite and golden_ok is not False and results["fp32_vs_bf16"]["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
