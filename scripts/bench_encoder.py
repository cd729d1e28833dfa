"""Encoder speed, memory and precision benchmark (GPU figures go into docs/benchmarks.md).

For each preset: forward latency and forward+backward time at a given resolution and view count,
peak memory, SDPA vs explicit-softmax attention, and opt-in bf16 autocast against fp32 (latency
and the depth drift it causes). Weights are the deterministic name-seeded ones, so no checkpoint
is needed. On CUDA it also re-checks the recorded golden outputs with TF32 off.

    python scripts/bench_encoder.py --device cuda --presets small base mvsplat --size 256 --views 2
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import time
from pathlib import Path

import numpy as np
import torch

from splatbench.model.encoder.config import encoder_preset
from splatbench.model.encoder.depthsplat import EncoderDepthSplat
from splatbench.model.generated_weights import fill_weights_from_names

logger = logging.getLogger("bench_encoder")
GOLDEN_DIR = Path(__file__).resolve().parents[1] / "tests" / "encoder" / "golden"
GOLDEN_CASES = {"depthsplat_small_v2_64": "small", "depthsplat_small_v4_64": "small", "depthsplat_base_v2_64": "base"}


def synchronize(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def median_seconds(fn, device: torch.device, repeats: int, warmup: int = 3) -> float:
    for _ in range(warmup):
        fn()
    synchronize(device)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        synchronize(device)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def build(preset: str, device: torch.device, **overrides) -> EncoderDepthSplat:
    encoder = EncoderDepthSplat(encoder_preset(preset, **overrides)).eval()
    fill_weights_from_names(encoder, prefix="encoder.")
    return encoder.to(device)


def golden_context(name: str, device: torch.device) -> tuple[dict, dict]:
    golden = dict(np.load(GOLDEN_DIR / f"{name}.npz"))
    context = {"image": torch.from_numpy(golden["image_u8"]).float().div(255).to(device)}
    for key in ("intrinsics", "extrinsics", "near", "far"):
        context[key] = torch.from_numpy(golden[key]).to(device)
    return context, golden


def resized_context(context: dict, size: int, views: int) -> dict:
    batch, base_views = context["image"].shape[:2]
    repeat = -(-views // base_views)
    out = {}
    for key, value in context.items():
        value = torch.cat([value] * repeat, dim=1)[:, :views]
        out[key] = value
    images = out["image"].flatten(0, 1)
    images = torch.nn.functional.interpolate(images, size=(size, size), mode="bilinear", align_corners=False)
    out["image"] = images.unflatten(0, (batch, views))
    if views > base_views:  # distinct cameras for the repeated views: shift them sideways a little
        shift = torch.linspace(0, 0.05 * views, views, device=images.device)
        out["extrinsics"] = out["extrinsics"].clone()
        out["extrinsics"][:, :, 0, 3] += shift
    return out


def outputs_of(result: dict, index=None) -> dict[str, torch.Tensor]:
    gaussians = result["gaussians"]
    fields = {"depths": result["depths"], "opacities": gaussians.opacities}
    for name in ("means", "covariances", "harmonics"):
        value = getattr(gaussians, name)
        fields[name] = value if index is None else value[:, index]
    return {k: v.float().cpu() for k, v in fields.items()}


def check_goldens(device: torch.device) -> dict:
    report = {}
    for name, preset in GOLDEN_CASES.items():
        context, golden = golden_context(name, device)
        encoder = build(preset, device)
        with torch.no_grad():
            ours = outputs_of(encoder(context), torch.from_numpy(golden["gaussian_index"]).to(device))
        report[name] = {k: float((v - torch.from_numpy(golden[k]).float()).abs().max()) for k, v in ours.items()}
        logger.info("golden %s: %s", name, report[name])
    return report


def bench_preset(preset: str, context: dict, device: torch.device, repeats: int) -> dict:
    result: dict = {}
    for backend in ("sdpa", "math"):
        encoder = build(preset, device, attention_backend=backend)
        with torch.no_grad():
            result[f"forward_fp32_{backend}_ms"] = 1e3 * median_seconds(lambda: encoder(context), device, repeats)
        if backend == "sdpa":
            with torch.no_grad():
                reference = outputs_of(encoder(context))
                if device.type == "cuda":
                    encoder.cfg.precision = "bf16"
                    result["forward_bf16_ms"] = 1e3 * median_seconds(lambda: encoder(context), device, repeats)
                    low = outputs_of(encoder(context))
                    encoder.cfg.precision = "fp32"
                    drift = (low["depths"] - reference["depths"]).abs() / reference["depths"]
                    result["bf16_depth_relative_drift_median"] = float(drift.median())
                    result["bf16_depth_absolute_drift_max"] = float((low["depths"] - reference["depths"]).abs().max())
            encoder.train()

            def step():
                out = encoder(context)
                loss = out["gaussians"].means.square().mean() + out["gaussians"].harmonics.square().mean()
                loss.backward()

            if device.type == "cuda":
                torch.cuda.reset_peak_memory_stats(device)
            result["forward_backward_fp32_ms"] = 1e3 * median_seconds(step, device, max(3, repeats // 2), warmup=2)
            if device.type == "cuda":
                result["peak_memory_gib"] = torch.cuda.max_memory_allocated(device) / 2**30
        del encoder
        if device.type == "cuda":
            torch.cuda.empty_cache()
    logger.info("%s: %s", preset, result)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--presets", nargs="+", default=["small", "base", "mvsplat"])
    parser.add_argument("--size", type=int, default=256)
    parser.add_argument("--views", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--out", type=Path, default=None, help="write bench_encoder.json here")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    device = torch.device(args.device)
    if device.type == "cuda":  # exact fp32 so the golden check and fp32 timings are comparable with CPU
        torch.backends.cuda.matmul.allow_tf32 = False
        torch.backends.cudnn.allow_tf32 = False
    report = {"device": torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu",
              "torch": torch.__version__, "size": args.size, "views": args.views}
    report["golden_max_abs_diff"] = check_goldens(device)
    base_context, _ = golden_context("depthsplat_small_v2_64", device)
    context = resized_context(base_context, args.size, args.views)
    report["presets"] = {p: bench_preset(p, context, device, args.repeats) for p in args.presets}
    text = json.dumps(report, indent=1)
    logger.info("%s", text)
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "bench_encoder.json").write_text(text + "\n")


if __name__ == "__main__":
    main()
