"""The gsplat render path, former against new (issue 12), run by scripts/gpu/render.sh.

Paths (``render_gaussians(..., conversion=...)``): "matrix" is the fifth session's path (3x3
camera-space covariances into ``gsplat.rasterization``, which gathers their upper triangle);
"elementwise" and "triton" hand six covariance values to gsplat's lower-level calls, the
conversion done by PyTorch kernels or by the fused Triton kernel. For each Gaussian source
("encoder": DepthSplat-small with generated weights on synthetic views, 131,072 Gaussians per batch
element; "synthetic": ``random_scene``, the same count):

* accuracy against "matrix": max abs difference of colour, depth and alpha; relative difference
  (norm of the difference over the norm) of the gradients of a loss w.r.t. means, covariances
  (raw and symmetric part), harmonics and opacities (batch 2 x 4 targets);
* inference: one ``render_gaussians`` call of 3 target views at 256x256 (batch 1), medians of
  wall time (device synchronised) and of CUDA-event time, after warm-up; kernel count and device
  time of one call (torch.profiler);
* training: forward + backward of the render at batch 8 x 4 targets, the same figures.

Writes ``render.json`` and ``render.md`` under ``--out``. ``--smoke``: CPU, tiny sizes, the torch
backend (gsplat needs CUDA), Triton interpreted.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

import torch

from splatbench.evaluation.speed import build_encoder, median_event_ms, median_ms, profile_call, synchronize, synthetic_views
from splatbench.geometry.gaussians import Gaussians
from splatbench.render import camera_space_kernel, render_gaussians
from splatbench.render.inputs import resolve_conversion
from splatbench.render.synthetic import random_scene

logger = logging.getLogger("render_bench")
PATHS = ("matrix", "elementwise", "triton")
FIELDS = ("means", "covariances", "harmonics", "opacities")


def repeat_batch(views: dict, batch: int) -> dict:
    return {key: value.expand(batch, *value.shape[1:]).contiguous() for key, value in views.items()}


def encoder_gaussians(batch: int, size: int, device: torch.device, encoder) -> Gaussians:
    """DepthSplat-small's Gaussians (generated weights) for ``batch`` copies of 2 synthetic views."""
    context = repeat_batch(synthetic_views(2, size, size, device), batch)
    with torch.no_grad():
        gaussians = encoder(context)["gaussians"]
    return Gaussians(*(getattr(gaussians, field).float().contiguous() for field in FIELDS))


def synthetic_gaussians(batch: int, count: int, size: int, device: torch.device) -> Gaussians:
    scene = random_scene(batch=batch, views=1, count=count, image_shape=(size, size), sh_degree=2, seed=3)
    return Gaussians(*(getattr(scene.gaussians, field).to(device).contiguous() for field in FIELDS))


def targets(batch: int, views: int, size: int, device: torch.device) -> tuple:
    cameras = repeat_batch(synthetic_views(views, size, size, device, seed=1, offset=0.05), batch)
    return cameras["extrinsics"], cameras["intrinsics"], cameras["near"], cameras["far"]


def render(gaussians: Gaussians, cameras: tuple, size: int, backend: str, path: str):
    return render_gaussians(gaussians, *cameras, (size, size), backend=backend, conversion=path)


def loss_of(output) -> torch.Tensor:
    return (output.color.square()).mean() + 0.01 * output.depth.mean() + 0.1 * output.alpha.mean()


def leaves_of(gaussians: Gaussians) -> Gaussians:
    return Gaussians(*(getattr(gaussians, field).detach().clone().requires_grad_(True) for field in FIELDS))


def train_step(leaves: Gaussians, cameras: tuple, size: int, backend: str, path: str):
    for field in FIELDS:
        getattr(leaves, field).grad = None
    output = render(leaves, cameras, size, backend, path)
    loss_of(output).backward()
    return output


def relative(a: torch.Tensor, b: torch.Tensor) -> float:
    return float((a.double() - b.double()).norm() / b.double().norm().clamp_min(1e-30))


def accuracy(gaussians: Gaussians, cameras: tuple, size: int, backend: str, paths: list[str]) -> dict:
    """Forward and gradient differences of each path against "matrix"."""
    results, reference = {}, None
    for path in paths:
        leaves = leaves_of(gaussians)
        try:
            output = train_step(leaves, cameras, size, backend, path)
        except Exception as error:
            logger.exception("path %s failed", path)
            results[path] = {"error": f"{type(error).__name__}: {error}"[:300]}
            continue
        grads = {field: getattr(leaves, field).grad.detach().clone() for field in FIELDS}
        images = {field: getattr(output, field).detach().clone() for field in ("color", "depth", "alpha")}
        if reference is None:
            reference = (images, grads)
            continue
        symmetric = lambda g: 0.5 * (g + g.transpose(-1, -2))  # noqa: E731
        results[path] = {
            **{f"{field}_max_abs": float((images[field] - reference[0][field]).abs().max()) for field in images},
            **{f"grad_{field}_relative": relative(grads[field], reference[1][field]) for field in FIELDS},
            "grad_covariances_symmetric_relative": relative(symmetric(grads["covariances"]), symmetric(reference[1]["covariances"])),
        }
    return results


def guarded(measure) -> dict:
    """``measure()``, or ``{"error": ...}``: one path failing still lets the others be timed."""
    try:
        return measure()
    except Exception as error:
        logger.exception("measurement failed")
        return {"error": f"{type(error).__name__}: {error}"[:300]}


def timings(function, device: torch.device, repeats: int, warmup: int) -> dict:
    figures = {
        "wall_ms": median_ms(function, device, repeats, warmup),
        "event_ms": median_event_ms(function, device, repeats, warmup=1),
    }
    if device.type == "cuda":
        profile = profile_call(function, device, top=8)
        figures.update({key: profile[key] for key in ("kernel_count", "device_ms", "host_overhead_ms")})
        figures["top_kernels"] = profile["top_kernels"]
    return figures


def bench_source(name: str, make_gaussians, args, device: torch.device, backend: str, paths: list[str]) -> dict:
    result: dict = {}
    began = time.perf_counter()
    small = make_gaussians(2)
    result["gaussians_per_element"] = int(small.means.shape[1])
    result["accuracy_vs_matrix"] = accuracy(small, targets(2, args.train_targets, args.size, device), args.size, backend, paths)
    logger.info("%s accuracy: %s", name, json.dumps(result["accuracy_vs_matrix"]))
    del small

    one = make_gaussians(1)
    cameras = targets(1, args.views, args.size, device)
    result["inference"] = {}
    for path in paths:
        with torch.no_grad():
            result["inference"][path] = guarded(lambda: timings(lambda: render(one, cameras, args.size, backend, path), device, args.repeats, args.warmup))
        logger.info("%s inference %s: %s", name, path, result["inference"][path])
    del one

    batch = make_gaussians(args.batch)
    leaves = leaves_of(batch)
    cameras = targets(args.batch, args.train_targets, args.size, device)
    result["training"] = {}
    for path in paths:
        result["training"][path] = guarded(lambda: timings(lambda: train_step(leaves, cameras, args.size, backend, path), device, args.repeats, args.warmup))
        logger.info("%s training %s: %s", name, path, {k: v for k, v in result["training"][path].items() if k != "top_kernels"})
    result["seconds"] = time.perf_counter() - began
    return result


def markdown(report: dict) -> str:
    lines = [f"Device: {report['device']}; torch {report['torch']}; gsplat {report['gsplat']}; backend {report['backend']}; "
             f"conversion='auto' takes {report['auto_conversion']!r} (kernel: {report['kernel_problem'] or 'usable'})", ""]
    lines += [f"Inference: 1 call, {report['views']} views {report['size']}x{report['size']}; training: forward + backward, "
              f"batch {report['batch']} x {report['train_targets']} targets. Medians of {report['repeats']} after warm-up.", ""]  # fmt: skip
    lines += ["| source | path | inference wall ms | inference events ms | kernels | training wall ms | training events ms | kernels |",
              "|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for source, result in report["sources"].items():
        if "error" in result:
            lines.append(f"| {source} | error: {result['error'][:200]} | | | | | | |")
            continue
        for path in result["inference"]:
            inf, train = result["inference"][path], result["training"][path]
            if "error" in inf or "error" in train:
                lines.append(f"| {source} | {path} | error: {(inf.get('error') or train.get('error'))[:200]} | | | | | |")
                continue
            lines.append(f"| {source} ({result['gaussians_per_element']} G) | {path} | {inf['wall_ms']:.3f} | {inf['event_ms']:.3f} "
                         f"| {inf.get('kernel_count', '-')} | {train['wall_ms']:.3f} | {train['event_ms']:.3f} | {train.get('kernel_count', '-')} |")  # fmt: skip
    lines += ["", "Against the former path (\"matrix\"): max abs differences of the images, relative differences of the gradients.", ""]
    lines += ["| source | path | colour | depth | alpha | d means | d covariances (sym. part) | d harmonics | d opacities |",
              "|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for source, result in report["sources"].items():
        for path, a in result.get("accuracy_vs_matrix", {}).items():
            if "error" in a:
                lines.append(f"| {source} | {path} | error: {a['error'][:200]} | | | | | | |")
                continue
            lines.append(f"| {source} | {path} | {a['color_max_abs']:.2e} | {a['depth_max_abs']:.2e} | {a['alpha_max_abs']:.2e} "
                         f"| {a['grad_means_relative']:.2e} | {a['grad_covariances_relative']:.2e} ({a['grad_covariances_symmetric_relative']:.2e}) "
                         f"| {a['grad_harmonics_relative']:.2e} | {a['grad_opacities_relative']:.2e} |")  # fmt: skip
    for source, result in report["sources"].items():
        for stage in ("inference", "training"):
            for path, figures in result.get(stage, {}).items():
                if figures.get("top_kernels"):
                    lines += ["", f"Top kernels, {source}, {stage}, {path} ({figures['kernel_count']} kernels, "
                              f"{figures['device_ms']:.3f} ms device, {figures['host_overhead_ms']:.3f} ms host overhead):", ""]  # fmt: skip
                    lines += [f"- {k['ms']:.3f} ms, {k['calls']} calls: `{k['name'][:90]}`" for k in figures["top_kernels"][:6]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--smoke", action="store_true", help="CPU, tiny sizes, torch backend")
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--sources", nargs="+", default=["encoder", "synthetic"], choices=["encoder", "synthetic"])
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    device = torch.device("cuda" if torch.cuda.is_available() and not args.smoke else "cpu")
    backend = "gsplat" if device.type == "cuda" else "torch"
    args.size, args.views, args.batch, args.train_targets = (32, 3, 2, 2) if args.smoke else (256, 3, 8, 4)
    if args.smoke:
        args.repeats, args.warmup = 2, 1
    try:
        import gsplat

        gsplat_version = gsplat.__version__
    except ImportError:
        gsplat_version = "not installed"
    report = {"device": torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu", "torch": torch.__version__,
              "gsplat": gsplat_version, "backend": backend, "size": args.size, "views": args.views, "batch": args.batch,
              "train_targets": args.train_targets, "repeats": args.repeats, "sources": {}}  # fmt: skip
    probe = synthetic_gaussians(1, 16, args.size, device)
    cameras = targets(1, 1, args.size, device)
    report["auto_conversion"] = resolve_conversion("auto", probe, cameras)
    report["kernel_problem"] = camera_space_kernel.problem(probe, cameras)
    logger.info("conversion='auto' takes %s here (kernel: %s)", report["auto_conversion"], report["kernel_problem"] or "usable")
    encoder = None
    for source in args.sources:
        try:
            if source == "encoder":
                encoder = encoder or build_encoder("tiny" if args.smoke else "small", device)
                make = lambda b: encoder_gaussians(b, args.size, device, encoder)  # noqa: E731
            else:
                count = 2 * args.size * args.size
                make = lambda b: synthetic_gaussians(b, count, args.size, device)  # noqa: E731
            report["sources"][source] = bench_source(source, make, args, device, backend, list(PATHS))
        except Exception as error:  # one source failing still reports the other
            logger.exception("source %s failed", source)
            report["sources"][source] = {"error": f"{type(error).__name__}: {error}"}
        synchronize(device)
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "render.json").write_text(json.dumps(report, indent=1))
        (args.out / "render.md").write_text(markdown(report))
    print(markdown(report))
    failed = any("error" in r or any("error" in f for stage in ("inference", "training") for f in r.get(stage, {}).values())
                 for r in report["sources"].values())  # fmt: skip
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
