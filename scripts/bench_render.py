"""Benchmark and cross-check the rendering backends on the same random scenes.

For every scene the script renders with each backend, reports max / mean absolute colour, depth
and alpha differences between backends (and the relative L2 difference of their gradients),
and the median forward and forward+backward times and peak memory of each. Results go to
``<out>/bench_render.json`` and ``<out>/bench_render.md``.

Backends compared:
  torch          PyTorch backend with the reference rasteriser's constants (3DGS: alpha clamp 0.99,
                 3-sigma square footprint)
  torch-gsplat   PyTorch backend with gsplat 1.5's constants (alpha clamp 0.999, opacity-aware box)
  gsplat         gsplat.rasterization (CUDA only)

Example (GPU): python scripts/bench_render.py --device cuda --out outputs/bench_render
Example (CPU smoke): python scripts/bench_render.py --device cpu --backends torch --count-scale 0.05 --repeats 1
"""

from __future__ import annotations

import argparse
import logging
import platform
import resource
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import torch

from splatbench.geometry.gaussians import Gaussians
from splatbench.render import GSPLAT_1_5, REFERENCE_3DGS, RasterSettings, render_gaussians
from splatbench.render.synthetic import SyntheticScene, random_scene
from splatbench.utils.io import atomic_write_json, atomic_write_text

logger = logging.getLogger("bench_render")


@dataclass(frozen=True)
class SceneSpec:
    name: str
    views: int
    count: int
    image_shape: tuple[int, int]


# One Gaussian per pixel of two context views, as DepthSplat predicts.
SCENES = {
    "2v_256x256": SceneSpec("2v_256x256", views=2, count=2 * 256 * 256, image_shape=(256, 256)),
    "4v_256x448": SceneSpec("4v_256x448", views=4, count=2 * 256 * 448, image_shape=(256, 448)),
}


@dataclass(frozen=True)
class BackendSpec:
    name: str
    backend: str
    settings: RasterSettings


BACKEND_SPECS = {
    "torch": BackendSpec("torch", "torch", REFERENCE_3DGS),
    "torch-gsplat": BackendSpec("torch-gsplat", "torch", GSPLAT_1_5),
    "gsplat": BackendSpec("gsplat", "gsplat", REFERENCE_3DGS),
}
PAIRS = [("torch", "gsplat"), ("torch-gsplat", "gsplat"), ("torch", "torch-gsplat")]


def _synchronize(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def _median_ms(function: Callable[[], object], device: torch.device, warmup: int, repeats: int) -> float:
    for _ in range(warmup):
        function()
    timings = []
    for _ in range(repeats):
        _synchronize(device)
        start = time.perf_counter()
        function()
        _synchronize(device)
        timings.append(1000.0 * (time.perf_counter() - start))
    return statistics.median(timings)


def _leaf_gaussians(gaussians: Gaussians) -> Gaussians:
    return Gaussians(
        means=gaussians.means.detach().clone().requires_grad_(True),
        covariances=gaussians.covariances.detach().clone().requires_grad_(True),
        harmonics=gaussians.harmonics.detach().clone().requires_grad_(True),
        opacities=gaussians.opacities.detach().clone().requires_grad_(True),
    )


def _render(scene: SyntheticScene, gaussians: Gaussians, spec: BackendSpec):
    return render_gaussians(
        gaussians,
        scene.extrinsics,
        scene.intrinsics,
        scene.near,
        scene.far,
        scene.image_shape,
        backend=spec.backend,
        settings=spec.settings,
    )


def _loss(output) -> torch.Tensor:
    # Fixed random-looking weights so that gradients exercise every pixel and channel.
    return (output.color * output.color).mean() + 0.01 * output.depth.mean()


def _run_backend(scene: SyntheticScene, spec: BackendSpec, device: torch.device, warmup: int, repeats: int) -> dict:
    with torch.no_grad():
        output = _render(scene, scene.gaussians, spec)
    leaves = _leaf_gaussians(scene.gaussians)
    _loss(_render(scene, leaves, spec)).backward()
    gradients = {name: getattr(leaves, name).grad.detach() for name in ("means", "covariances", "harmonics", "opacities")}
    # gsplat differentiates only the upper triangle of a covariance, we differentiate all nine entries
    # (the off-diagonal gradient split in two halves): compare the symmetric parts, which is what
    # reaches any symmetric parameterisation (scales and rotations) upstream.
    gradients["covariances"] = 0.5 * (gradients["covariances"] + gradients["covariances"].transpose(-1, -2))

    def forward() -> None:
        with torch.no_grad():
            _render(scene, scene.gaussians, spec)

    def forward_backward() -> None:
        inputs = _leaf_gaussians(scene.gaussians)
        _loss(_render(scene, inputs, spec)).backward()

    if device.type == "cuda":
        torch.cuda.reset_peak_memory_stats(device)
    forward_ms = _median_ms(forward, device, warmup, repeats)
    forward_backward_ms = _median_ms(forward_backward, device, warmup, repeats)
    if device.type == "cuda":
        peak = torch.cuda.max_memory_allocated(device) / 2**20
    else:  # whole-process peak resident memory so far (Linux reports KiB)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    timing = {"forward_ms": forward_ms, "forward_backward_ms": forward_backward_ms, "peak_memory_mib": peak}
    logger.info("%s: %s", spec.name, timing)
    return {"output": output, "gradients": gradients, "timing": timing}


def _difference(a, b) -> dict:
    result = {}
    for field in ("color", "depth", "alpha"):
        delta = (getattr(a, field) - getattr(b, field)).abs()
        result[f"{field}_max_abs"] = float(delta.max())
        result[f"{field}_mean_abs"] = float(delta.mean())
    return result


def _gradient_difference(a: dict, b: dict) -> dict:
    return {
        f"grad_{name}_rel_l2": float((a[name] - b[name]).norm() / b[name].norm().clamp_min(1e-30)) for name in a
    }


def run(args: argparse.Namespace) -> dict:
    device = torch.device(args.device)
    results: dict = {
        "command": args.command_line,
        "device": torch.cuda.get_device_name(device) if device.type == "cuda" else platform.processor() or "cpu",
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "repeats": args.repeats,
        "scenes": {},
    }
    if "gsplat" in args.backends:
        import gsplat

        results["gsplat"] = gsplat.__version__
    for scene_name in args.scenes:
        spec = SCENES[scene_name]
        count = max(1, int(spec.count * args.count_scale))
        scene = random_scene(1, spec.views, count, spec.image_shape, sh_degree=2, seed=args.seed)
        scene = replace(
            scene,
            gaussians=Gaussians(**{k: getattr(scene.gaussians, k).to(device) for k in ("means", "covariances", "harmonics", "opacities")}),
            extrinsics=scene.extrinsics.to(device),
            intrinsics=scene.intrinsics.to(device),
            near=scene.near.to(device),
            far=scene.far.to(device),
        )
        logger.info("scene %s: %d views, %d Gaussians, %s", scene_name, spec.views, count, spec.image_shape)
        runs = {name: _run_backend(scene, BACKEND_SPECS[name], device, args.warmup, args.repeats) for name in args.backends}
        agreement = {}
        for first, second in PAIRS:
            if first in runs and second in runs:
                key = f"{first}_vs_{second}"
                agreement[key] = _difference(runs[first]["output"], runs[second]["output"])
                agreement[key].update(_gradient_difference(runs[first]["gradients"], runs[second]["gradients"]))
                logger.info("%s %s", key, agreement[key])
        results["scenes"][scene_name] = {
            "views": spec.views,
            "gaussians": count,
            "image_shape": list(spec.image_shape),
            "timing": {name: run_["timing"] for name, run_ in runs.items()},
            "agreement": agreement,
            "color_mean": {name: float(run_["output"].color.mean()) for name, run_ in runs.items()},
            "alpha_mean": {name: float(run_["output"].alpha.mean()) for name, run_ in runs.items()},
        }
    return results


def to_markdown(results: dict) -> str:
    lines = [f"Device: {results['device']}, torch {results['torch']}, gsplat {results.get('gsplat', '-')}, "
             f"median of {results['repeats']} runs.", ""]
    lines += ["| scene | backend | forward ms | forward+backward ms | peak MiB (GPU: allocated; CPU: process RSS) |", "|---|---|---|---|---|"]
    for name, scene in results["scenes"].items():
        for backend, timing in scene["timing"].items():
            peak = f"{timing['peak_memory_mib']:.0f}" if timing["peak_memory_mib"] is not None else "-"
            lines.append(f"| {name} | {backend} | {timing['forward_ms']:.1f} | {timing['forward_backward_ms']:.1f} | {peak} |")
    lines += ["", "| scene | pair | colour max / mean abs | depth max / mean abs | alpha max / mean abs | grad rel. L2 (means, cov, SH, opacity) |",
              "|---|---|---|---|---|---|"]
    for name, scene in results["scenes"].items():
        for pair, diff in scene["agreement"].items():
            grads = ", ".join(f"{diff[f'grad_{k}_rel_l2']:.1e}" for k in ("means", "covariances", "harmonics", "opacities"))
            lines.append(
                f"| {name} | {pair} | {diff['color_max_abs']:.2e} / {diff['color_mean_abs']:.2e} "
                f"| {diff['depth_max_abs']:.2e} / {diff['depth_mean_abs']:.2e} "
                f"| {diff['alpha_max_abs']:.2e} / {diff['alpha_mean_abs']:.2e} | {grads} |"
            )
    return "\n".join(lines) + "\n"


def main() -> None:
    import sys

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--backends", nargs="+", default=["torch", "torch-gsplat", "gsplat"], choices=sorted(BACKEND_SPECS))
    parser.add_argument("--scenes", nargs="+", default=list(SCENES), choices=sorted(SCENES))
    parser.add_argument("--count-scale", type=float, default=1.0, help="multiply the Gaussian counts (CPU smoke runs)")
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path("outputs/bench_render"))
    args = parser.parse_args()
    args.command_line = "python " + " ".join(sys.argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    results = run(args)
    atomic_write_json(args.out / "bench_render.json", results)
    atomic_write_text(args.out / "bench_render.md", to_markdown(results))
    logger.info("wrote %s", args.out)


if __name__ == "__main__":
    main()
