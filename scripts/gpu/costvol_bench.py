"""The fused Triton cost volume against the PyTorch path on one GPU (scripts/gpu/costvol.sh runs it):

1. accuracy at full size: ``correlation_cost_volume`` with ``backend="triton"`` against
   ``backend="torch"`` (TF32 off) at the shapes DepthSplat-small gives it at 12 views of 512x960
   (batch 12 reference views, 2 nearest other views, 128 channels, 128 planes, 128x240 features),
   with the coarse scale's shared planes, per-pixel planes (refinement scales) and log depth;
2. latency (CUDA events, median) and peak memory of both paths at those shapes and at 2 views of
   256x256;
3. the recorded reference goldens (tests/encoder/golden) on CUDA, fp32 with TF32 off, with the
   PyTorch path and with the kernel forced side by side (and the two against each other): the
   kernel's outputs must stay within 1e-4. ``--goldens [NAME ...]`` runs only this step (with
   ``--smoke`` on the CPU, the kernel interpreted: minutes).

Writes ``kernel.json`` and ``kernel.md`` under ``--out``. ``--training`` instead measures the
differentiable fused cost volume (Triton forward + Triton backward) against the PyTorch path's
autograd at DepthSplat-small's training shapes (batch 8 x 2 context views at 256x256: 16 reference
views, 1 other view, 128 channels, 32 planes, 64x64 features; small has one scale, so the planes are
shared by all pixels; a per-pixel-plane row checks the refinement scales' form at the same size):
forward+backward and forward-alone medians (CUDA events), peak memory, and the max abs / relative
difference of the output and of both gradients against the PyTorch path, with float32 and bf16
features; then a few launch shapes of the backward kernel: ``training.json``, ``training.md``.
``--sweep`` instead times a few launch
shapes of the kernel (pixels per program, warps, planes per program, stages) at the 12-view
shapes, each checked against the default launch: ``sweep.json``, ``sweep.md``. ``--smoke``: tiny sizes on the CPU
through Triton's interpreter (TRITON_INTERPRET=1 set by costvol.sh).

    python scripts/gpu/costvol_bench.py --out outputs/costvol
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from dataclasses import asdict, dataclass, replace
from unittest.mock import patch
from pathlib import Path

import numpy as np
import torch

from splatbench.evaluation.speed import (
    PRECISIONS,
    build_encoder,
    median_event_ms,
    precision_flags,
    set_precision,
    synthetic_views,
)
from splatbench.model.encoder import encoder_preset, get_encoder
from splatbench.model.encoder.depthsplat import nearest_view_index
from splatbench.model.encoder.unimatch.cost_volume import (
    correlation_cost_volume,
    local_inverse_depth_candidates,
    uniform_inverse_depth_candidates,
)
from splatbench.model.encoder.unimatch import cost_volume_triton
from splatbench.model.encoder.unimatch.cost_volume_triton import LaunchShape, fused_correlation, launch_shape
from splatbench.model.encoder.unimatch.mv_transformer import gather_views
from splatbench.model.encoder.sync_free import invert
from splatbench.model.generated_weights import fill_weights_from_names
from splatbench.utils.io import atomic_write_json, atomic_write_text

logger = logging.getLogger("costvol")
GOLDEN = Path(__file__).resolve().parents[2] / "tests" / "encoder" / "golden"


@dataclass(frozen=True)
class Shape:
    """What ``correlation_cost_volume`` receives: ``views`` reference views (the batch), each
    against its ``others`` nearest views, features at ``1/stride`` of ``height x width``."""

    name: str
    views: int
    others: int
    channels: int
    planes: int
    height: int
    width: int
    stride: int = 4


SHAPES = {
    "small_12v_512x960": Shape("small_12v_512x960", 12, 2, 128, 128, 512, 960),
    "small_2v_256": Shape("small_2v_256", 2, 1, 128, 128, 256, 256),
    "smoke": Shape("smoke", 4, 2, 16, 8, 48, 80),
}
# DepthSplat-small training (batch 8, 2 context views at 256x256, 32 depth candidates): each of the
# 16 views is a reference view with the other view of its pair as its one neighbour.
TRAINING_SHAPES = {
    "small_train_b8_2v_256": Shape("small_train_b8_2v_256", 16, 1, 128, 32, 256, 256),
    "smoke": Shape("smoke_train", 4, 1, 16, 4, 32, 48),
}


def cost_volume_inputs(shape: Shape, device: torch.device, candidates: str, seed: int = 0):
    """Random unit-variance features on the bench's synthetic cameras (an arc, near 1, far 100),
    other views chosen as the encoder chooses them; candidates ``shared`` (coarse scale),
    ``per_pixel`` (a refinement band around a random coarse map) or ``log`` (log depth, shared)."""
    views = synthetic_views(shape.views, shape.height, shape.width, device)
    b, v = 1, shape.views
    h, w = shape.height // shape.stride, shape.width // shape.stride
    generator = torch.Generator(device=device).manual_seed(seed)
    features = torch.randn(b, v, shape.channels, h, w, device=device, generator=generator)
    k = views["intrinsics"].clone()
    k[:, :, 0] *= w
    k[:, :, 1] *= h
    extrinsics = views["extrinsics"]
    index = nearest_view_index(extrinsics, shape.others)[:, :, 1:]  # itself first, then the nearest
    near, far = views["near"].reshape(-1), views["far"].reshape(-1)
    if candidates == "log":
        low, high = torch.log(near), torch.log(far)
    else:
        low, high = 1.0 / far, 1.0 / near
    planes = uniform_inverse_depth_candidates(low, high, shape.planes).expand(-1, -1, h, w)
    if candidates == "per_pixel":
        coarse = low.view(-1, 1, 1, 1) + (high - low).view(-1, 1, 1, 1) * torch.rand(
            v, 1, h, w, device=device, generator=generator
        )
        planes = local_inverse_depth_candidates(coarse, low, high, shape.planes, 4 * shape.planes, 1)
    return (
        features.flatten(0, 1),
        gather_views(features, index).flatten(0, 1),
        k.flatten(0, 1),
        extrinsics.flatten(0, 1),
        gather_views(extrinsics, index).flatten(0, 1),
        planes,
    )


def synchronize(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def peak_gib(function, device: torch.device) -> float | None:
    if device.type != "cuda":
        return None
    synchronize(device)
    torch.cuda.empty_cache()
    torch.cuda.reset_peak_memory_stats(device)
    before = torch.cuda.memory_allocated(device)
    function()
    synchronize(device)
    return (torch.cuda.max_memory_allocated(device) - before) / 2**30


def accuracy(shape: Shape, device: torch.device) -> list[dict]:
    rows = []
    for candidates in ("shared", "per_pixel", "log"):
        inputs = cost_volume_inputs(shape, device, candidates)
        to_depth = torch.exp if candidates == "log" else torch.reciprocal
        expected = correlation_cost_volume(*inputs, candidates_to_depth=to_depth, backend="torch")
        fused = correlation_cost_volume(*inputs, candidates_to_depth=to_depth, backend="triton")
        difference = (fused - expected).abs()
        rows.append({
            "shape": shape.name, "candidates": candidates,
            "max_abs": float(difference.max()), "median_abs": float(difference.median()),
            "max_relative_to_range": float(difference.max() / expected.abs().max()),
            "value_max_abs": float(expected.abs().max()),
        })  # fmt: skip
        logger.info("accuracy %s", rows[-1])
        del inputs, expected, fused, difference
    return rows


def timing(shape: Shape, device: torch.device, repeats: int, warmup: int) -> dict:
    inputs = cost_volume_inputs(shape, device, "shared")
    row = {"shape": asdict(shape)}
    for backend in ("torch", "triton"):
        call = lambda: correlation_cost_volume(*inputs, backend=backend)  # noqa: E731
        row[f"{backend}_ms"] = median_event_ms(call, device, repeats, warmup)
        row[f"{backend}_peak_gib"] = peak_gib(call, device)
    row["speedup"] = row["torch_ms"] / row["triton_ms"]
    # bf16 features (the bf16-all plan): the kernel gathers half the bytes.
    half = (inputs[0].bfloat16(), inputs[1].bfloat16(), *inputs[2:])
    row["triton_bf16_ms"] = median_event_ms(lambda: correlation_cost_volume(*half, backend="triton"), device, repeats, warmup)
    logger.info("timing %s", row)
    return row


def _leaf_features(inputs, dtype: torch.dtype):
    ref, others = (t.detach().to(dtype).requires_grad_(True) for t in inputs[:2])
    return ref, others, *inputs[2:]


def _difference(ours: torch.Tensor, expected: torch.Tensor) -> dict:
    difference = (ours.float() - expected.float()).abs()
    scale = float(expected.float().abs().max())
    return {"max_abs": float(difference.max()), "max_relative": float(difference.max()) / max(scale, 1e-30),
            "value_max_abs": scale}  # fmt: skip


def training_step(shape: Shape, device: torch.device, repeats: int, warmup: int) -> list[dict]:
    """Forward+backward of ``correlation_cost_volume`` with both backends (float32 and bf16
    features; TF32 off): medians, peak memory and the fused path's differences from the PyTorch
    path (output, gradient of the reference and of the other views' features)."""
    rows = []
    for candidates in ("shared", "per_pixel"):
        base = cost_volume_inputs(shape, device, candidates)
        b, d, h, w = base[5].shape
        grad_out = torch.randn(b, d, h, w, device=device, generator=torch.Generator(device=device).manual_seed(1))
        for dtype in (torch.float32, torch.bfloat16):
            inputs = _leaf_features(base, dtype)
            row = {"shape": asdict(shape), "candidates": candidates, "dtype": str(dtype).removeprefix("torch.")}
            results = {}
            for backend in ("torch", "triton"):
                def forward_backward(backend=backend):
                    out = correlation_cost_volume(*inputs, backend=backend)
                    return (out, *torch.autograd.grad(out, inputs[:2], grad_out))

                def forward(backend=backend):
                    return correlation_cost_volume(*inputs, backend=backend)

                results[backend] = [t.detach() for t in forward_backward()]
                if candidates == "shared":  # timing at the training form only
                    row[f"{backend}_fwd_bwd_ms"] = median_event_ms(forward_backward, device, repeats, warmup)
                    row[f"{backend}_fwd_ms"] = median_event_ms(forward, device, repeats, warmup)
                    row[f"{backend}_peak_gib"] = peak_gib(forward_backward, device)
            for name, ours, expected in zip(("output", "grad_ref", "grad_others"), results["triton"], results["torch"]):
                row[name] = _difference(ours, expected)
            if "torch_fwd_bwd_ms" in row:
                row["speedup"] = row["torch_fwd_bwd_ms"] / row["triton_fwd_bwd_ms"]
            rows.append(row)
            logger.info("training %s", row)
            del inputs, results
    return rows


def encoder_training_step(device: torch.device, repeats: int, warmup: int, smoke: bool) -> list[dict]:
    """One training step of the DepthSplat-small encoder (batch 8, 2 context views at 256x256,
    generated weights, train mode; a loss on the depths and Gaussian means, no renderer) with each
    cost volume backend: median forward+backward ms (CUDA events), peak memory, and how far the
    fused backend's loss and parameter gradients are from the PyTorch path's. ``fp32`` (TF32 off:
    the gradients' agreement), ``tf32`` (TF32 matmuls, as ``splatbench train``) and ``bf16_all``.
    Under TF32 the PyTorch path's sample positions come from a TF32 bmm (10-bit mantissas) and the
    kernels' from float32 arithmetic, so those rows' differences include the PyTorch path's error."""
    preset, batch, size, modes = ("tiny", 2, 32, ("fp32",)) if smoke else ("small", 8, 256, ("fp32", "tf32", "bf16_all"))
    views = synthetic_views(2, size, size, device)
    context = {k: v.expand(batch, *v.shape[1:]).contiguous() for k, v in views.items()}
    encoder = build_encoder(preset, device).train()
    rows = []
    for mode in modes:
        precision = PRECISIONS[mode]
        set_precision(encoder, precision.encoder_precision)
        row = {"preset": preset, "batch": batch, "views": 2, "size": size, "precision": mode}
        grads = {}
        with precision_flags(precision, device):
            for backend in ("torch", "triton"):
                encoder.depth_predictor.cost_volume_backend = backend

                def step():
                    encoder.zero_grad(set_to_none=True)
                    out = encoder(context)
                    loss = out["depths"].float().log().square().mean() + out["gaussians"].means.float().square().mean()
                    loss.backward()
                    return loss.detach()

                torch.manual_seed(0)
                row[f"{backend}_loss"] = float(step())
                grads[backend] = {n: p.grad.detach().clone() for n, p in encoder.named_parameters() if p.grad is not None}
                row[f"{backend}_step_ms"] = median_event_ms(step, device, repeats, warmup)
                row[f"{backend}_peak_gib"] = peak_gib(step, device)
        row["speedup"] = row["torch_step_ms"] / row["triton_step_ms"]
        row["loss_relative_difference"] = abs(row["triton_loss"] - row["torch_loss"]) / max(abs(row["torch_loss"]), 1e-30)
        # Per parameter: max |fused - torch| / max |torch|, the latter floored at 1e-3 of the largest
        # gradient of any parameter (a bias before a normalisation gets rounding noise only).
        floor = 1e-3 * max(float(g.abs().max()) for g in grads["torch"].values())
        relative = {n: float((grads["triton"][n] - g).abs().max()) / max(float(g.abs().max()), floor)
                    for n, g in grads["torch"].items()}  # fmt: skip
        worst = max(relative, key=relative.get)
        row["grad_worst_relative"], row["grad_worst_parameter"] = relative[worst], worst
        row["grad_median_relative"] = float(np.median(list(relative.values())))
        rows.append(row)
        logger.info("encoder training step %s", row)
        del grads
    return rows


# Beside the default (16 pixels, 8 warps at 128 channels): 4 warps (~250 registers, no spill on
# sm_90), 32 pixels with 8 warps (~190 registers), 8 pixels with 4 warps (half the tile).
BACKWARD_SWEEP = tuple(cost_volume_triton.BackwardLaunchShape(p, w) for p, w in ((16, 4), (32, 8), (8, 4)))


def backward_sweep(shape: Shape, device: torch.device, repeats: int, warmup: int, launches=BACKWARD_SWEEP) -> list[dict]:
    """The backward kernel alone (both gradients, float32 features) with the default launch and
    those of ``launches``, each checked against the default's gradients."""
    ref, others, k, ref_c2w, other_c2w, planes = cost_volume_inputs(shape, device, "shared")
    ref_to_other = torch.matmul(invert(other_c2w), ref_c2w.unsqueeze(1))
    b, d, h, w = planes.shape
    grad_out = torch.randn(b, d, h, w, device=device, generator=torch.Generator(device=device).manual_seed(2))
    default = cost_volume_triton.backward_launch_shape(shape.channels)
    args = (ref, others, k, ref_to_other, planes, "reciprocal", grad_out)
    expected = cost_volume_triton.fused_correlation_backward(*args, launch=default)
    rows = []
    for launch in (default, *launches):
        row = {"launch": asdict(launch), "default": launch == default}
        call = lambda: cost_volume_triton.fused_correlation_backward(*args, launch=launch)  # noqa: E731
        try:
            grads = call()
            row["max_abs_vs_default"] = max(float((g - e).abs().max()) for g, e in zip(grads, expected))
            row["ms"] = median_event_ms(call, device, repeats, warmup)
        except Exception as error:  # a launch the SM cannot take is a result, not a failure
            row["error"] = f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"
        rows.append(row)
        logger.info("backward launch %s", row)
    return rows


def training_markdown(report: dict) -> str:
    lines = [f"Device: {report['device']}; torch {report['torch']}, triton {report['triton']}", ""]
    timed = [r for r in report["training"] if "torch_fwd_bwd_ms" in r]
    if timed:
        lines += ["| shape (views, others, C, D, h x w) | features | PyTorch fwd+bwd ms | fused fwd+bwd ms | speed-up "
                  "| PyTorch fwd ms | fused fwd ms | PyTorch peak GiB | fused peak GiB |",
                  "|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
        for r in timed:
            s = r["shape"]
            dims = f"{s['views']}, {s['others']}, {s['channels']}, {s['planes']}, {s['height'] // s['stride']}x{s['width'] // s['stride']}"
            peaks = [f"{r[k]:.2f}" if r[k] is not None else "-" for k in ("torch_peak_gib", "triton_peak_gib")]
            lines.append(f"| {s['name']} ({dims}) | {r['dtype']} | {r['torch_fwd_bwd_ms']:.2f} | {r['triton_fwd_bwd_ms']:.2f} "
                         f"| {r['speedup']:.1f}x | {r['torch_fwd_ms']:.2f} | {r['triton_fwd_ms']:.2f} | {peaks[0]} | {peaks[1]} |")
    lines += ["", "| candidates | features | output max abs (rel) | grad ref max abs (rel) | grad others max abs (rel) |",
              "|---|---|---|---|---|"]  # fmt: skip
    for r in report["training"]:
        cells = [f"{r[k]['max_abs']:.2e} ({r[k]['max_relative']:.1e})" for k in ("output", "grad_ref", "grad_others")]
        lines.append(f"| {r['candidates']} | {r['dtype']} | " + " | ".join(cells) + " |")
    if report.get("encoder_step"):
        lines += ["", "| encoder training step (fwd+bwd, no renderer) | precision | PyTorch cost volume ms | fused ms "
                  "| speed-up | PyTorch peak GiB | fused peak GiB | loss rel diff | grads: median / worst rel diff (parameter) |",
                  "|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
        for r in report["encoder_step"]:
            peaks = [f"{r[k]:.2f}" if r[k] is not None else "-" for k in ("torch_peak_gib", "triton_peak_gib")]
            lines.append(f"| {r['preset']}, batch {r['batch']} x {r['views']} views {r['size']}x{r['size']} | {r['precision']} "
                         f"| {r['torch_step_ms']:.1f} | {r['triton_step_ms']:.1f} | {r['speedup']:.2f}x | {peaks[0]} | {peaks[1]} "
                         f"| {r['loss_relative_difference']:.1e} | {r['grad_median_relative']:.1e} / {r['grad_worst_relative']:.1e} "
                         f"(`{r['grad_worst_parameter']}`) |")
        lines.append("\nUnder TF32 (tf32, bf16_all) the PyTorch path computes its sample positions with a TF32 bmm, the "
                     "kernels in float32: those rows' differences include the PyTorch path's rounding.")
    if report.get("backward_launches"):
        lines += ["", "| backward: pixels/program | warps | ms | max abs vs default |", "|---|---|---|---|"]
        for r in report["backward_launches"]:
            launch = r["launch"]
            figures = r.get("error") or f"{r['ms']:.2f} | {r['max_abs_vs_default']:.1e}"
            lines.append(f"| {launch['block_p']}{' (default)' if r['default'] else ''} | {launch['warps']} | {figures} |")
    return "\n".join(lines) + "\n"


# Beside the default (16 pixels, 4 warps, 32 planes, 1 stage): the runners-up of the earlier H200
# sweep (32 pixels, 8 warps, 2 or 4 stages and 2 planes per program were slower).
# Last: the default with PyTorch's channel-sum order (LaunchShape.torch_sum_order), what it costs.
SWEEP = (LaunchShape(16, 4, planes_per_program=8), LaunchShape(16, 4, planes_per_program=16),
         LaunchShape(16, 4, torch_sum_order=True))  # fmt: skip


def sweep(shape: Shape, device: torch.device, repeats: int, warmup: int, launches=SWEEP, on_row=None) -> list[dict]:
    """The default launch and those of SWEEP on the shared-plane inputs; a launch that fails to
    compile or run is recorded with its error. ``on_row(rows)`` after each launch (a run cut
    short by its time limit keeps what it measured)."""
    ref, others, k, ref_c2w, other_c2w, planes = cost_volume_inputs(shape, device, "shared")
    ref_to_other = torch.matmul(invert(other_c2w), ref_c2w.unsqueeze(1))
    default = launch_shape(shape.channels)
    expected = fused_correlation(ref, others, k, ref_to_other, planes, "reciprocal", default)
    rows = []
    for launch in (default, *launches):
        row = {"launch": asdict(launch), "default": launch == default}
        call = lambda: fused_correlation(ref, others, k, ref_to_other, planes, "reciprocal", launch)  # noqa: E731
        try:
            row["max_abs_vs_default"] = float((call() - expected).abs().max())
            row["ms"] = median_event_ms(call, device, repeats, warmup)
        except Exception as error:  # a launch too large for the SM is a result, not a failure
            row["error"] = f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"
        rows.append(row)
        logger.info("sweep %s", row)
        if on_row is not None:
            on_row(rows)
    return rows


def sweep_markdown(rows: list[dict]) -> str:
    lines = ["| pixels/program | warps | planes/program | stages | channel sum | ms | max abs vs default |",
             "|---|---|---|---|---|---|---|"]  # fmt: skip
    for r in rows:
        launch = r["launch"]
        name = f"{launch['block_p']}{' (default)' if r['default'] else ''}"
        figures = r.get("error") or f"{r['ms']:.2f} | {r['max_abs_vs_default']:.1e}"
        order = "PyTorch's order" if launch.get("torch_sum_order") else "tree"
        lines.append(f"| {name} | {launch['warps']} | {launch['planes_per_program']} | {launch['stages']} | {order} | {figures} |")
    return "\n".join(lines) + "\n"


# MVSplat first: the most sensitive (a step cut short by its time limit keeps the rows done).
GOLDENS = (("mvsplat_v4_64", "mvsplat"), ("mvsplat_v2_64", "mvsplat"), ("depthsplat_small_v2_64", "small"),
           ("depthsplat_base_v2_64", "base"), ("depthsplat_small_v4_64", "small"))  # fmt: skip


def encoder_outputs(preset: str, golden: dict, backend: str, device: torch.device) -> dict[str, torch.Tensor]:
    """The encoder's outputs on a golden's input (fields the golden stores), copied to the CPU."""
    encoder = get_encoder(encoder_preset(preset, cost_volume_backend=backend))[0].eval()
    encoder = fill_weights_from_names(encoder, prefix="encoder.").to(device)
    context = {"image": torch.from_numpy(golden["image_u8"]).float().div(255).to(device)}
    context.update({k: torch.from_numpy(golden[k]).to(device) for k in ("intrinsics", "extrinsics", "near", "far")})
    with torch.no_grad():
        out = encoder(context)
    index = torch.from_numpy(golden["gaussian_index"]).to(device)
    gaussians = out["gaussians"]
    ours = {"depths": out["depths"], "opacities": gaussians.opacities,
            **{f: getattr(gaussians, f)[:, index] for f in ("means", "covariances", "harmonics")}}  # fmt: skip
    return {k: v.float().cpu() for k, v in ours.items()}


def goldens(device: torch.device, rows: list, on_row, names=None) -> None:
    """The recorded reference outputs (fp32, TF32 off) with the PyTorch path and with the kernel
    forced, side by side, and the two against each other; appended to ``rows``, ``on_row()``
    after each. Two scales in base: per-pixel planes."""
    for name, preset in GOLDENS:
        if names and name not in names:
            continue
        with np.load(GOLDEN / f"{name}.npz") as data:
            golden = {key: data[key] for key in data.files}
        outputs = {backend: encoder_outputs(preset, golden, backend, device) for backend in ("torch", "triton")}
        row = {"golden": name}
        for backend, ours in outputs.items():
            errors = {k: float((v - torch.from_numpy(golden[k]).float()).abs().max()) for k, v in ours.items()}
            row[f"{backend}_max_abs"] = max(errors.values())
            row[f"{backend}_worst_field"] = max(errors, key=errors.get)
        row["triton_vs_torch"] = max(float((outputs["triton"][k] - v).abs().max()) for k, v in outputs["torch"].items())
        # The kernel again with PyTorch's channel-sum order: whether what is left is that order.
        try:
            with patch.object(cost_volume_triton, "launch_shape", lambda c: replace(launch_shape(c), torch_sum_order=True)):
                ordered = encoder_outputs(preset, golden, "triton", device)
            row["ordered_max_abs"] = max(float((v - torch.from_numpy(golden[k]).float()).abs().max()) for k, v in ordered.items())
            row["ordered_vs_torch"] = max(float((ordered[k] - v).abs().max()) for k, v in outputs["torch"].items())
        except Exception as error:  # an experiment: its failure is a result, not the step's end
            row["ordered_error"] = f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"
        row["pass"] = row["triton_max_abs"] <= 1e-4
        rows.append(row)
        logger.info("golden %s", row)
        on_row()


def markdown(report: dict) -> str:
    lines = [f"Device: {report['device']}; torch {report['torch']}, triton {report['triton']}", ""]
    if report["accuracy"]:
        lines += ["| shape | candidates | max abs diff | median abs diff | max diff / max value |", "|---|---|---|---|---|"]
        lines += [f"| {r['shape']} | {r['candidates']} | {r['max_abs']:.2e} | {r['median_abs']:.2e} "
              f"| {r['max_relative_to_range']:.2e} |" for r in report["accuracy"]]  # fmt: skip
    if report["timing"]:
        lines += ["", "| shape (views, others, C, D, h x w) | PyTorch ms | fused ms | speed-up | fused, bf16 features ms "
              "| PyTorch peak GiB | fused peak GiB |", "|---|---|---|---|---|---|---|"]  # fmt: skip
    for r in report["timing"]:
        s = r["shape"]
        dims = f"{s['views']}, {s['others']}, {s['channels']}, {s['planes']}, {s['height'] // s['stride']}x{s['width'] // s['stride']}"
        peaks = [f"{r[k]:.2f}" if r[k] is not None else "-" for k in ("torch_peak_gib", "triton_peak_gib")]
        lines.append(f"| {s['name']} ({dims}) | {r['torch_ms']:.2f} | {r['triton_ms']:.2f} | {r['speedup']:.1f}x "
                     f"| {r['triton_bf16_ms']:.2f} | {peaks[0]} | {peaks[1]} |")
    if report.get("goldens"):
        lines += ["", "| golden (fp32, TF32 off) | PyTorch path max abs diff | fused kernel max abs diff "
                  "| kernel vs PyTorch path | kernel within 1e-4 | kernel, PyTorch's channel-sum order: max abs diff "
                  "| same vs PyTorch path |", "|---|---|---|---|---|---|---|"]  # fmt: skip
        for r in report["goldens"]:
            ordered = (f"{r['ordered_max_abs']:.2e} | {r['ordered_vs_torch']:.2e}" if "ordered_max_abs" in r
                       else f"{r.get('ordered_error', '-')} | -")  # fmt: skip
            lines.append(f"| {r['golden']} | {r['torch_max_abs']:.2e} ({r['torch_worst_field']}) "
                         f"| {r['triton_max_abs']:.2e} ({r['triton_worst_field']}) | {r['triton_vs_torch']:.2e} "
                         f"| {'yes' if r['pass'] else 'NO'} | {ordered} |")
    return "\n".join(lines) + "\n"


def run_training(args, device: torch.device, repeats: int, warmup: int) -> int:
    import triton

    shape = TRAINING_SHAPES["smoke" if args.smoke else "small_train_b8_2v_256"]
    report = {
        "device": torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu (Triton interpreter)",
        "torch": torch.__version__, "triton": triton.__version__, "training": [], "backward_launches": [], "encoder_step": [],
    }  # fmt: skip

    def save() -> None:
        args.out.mkdir(parents=True, exist_ok=True)
        atomic_write_json(args.out / "training.json", report)
        atomic_write_text(args.out / "training.md", training_markdown(report))

    report["training"] = training_step(shape, device, repeats, warmup)
    save()
    report["encoder_step"] = encoder_training_step(device, repeats, warmup, args.smoke)
    save()
    report["backward_launches"] = backward_sweep(shape, device, repeats, warmup, BACKWARD_SWEEP[:1] if args.smoke else BACKWARD_SWEEP)
    save()
    print(training_markdown(report))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True, help="folder for kernel.json and kernel.md")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes on the CPU (Triton interpreter)")
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--sweep", action="store_true", help="time launch shapes instead (sweep.json, sweep.md)")
    parser.add_argument("--training", action="store_true",
                        help="forward+backward at the training shapes instead (training.json, training.md)")
    parser.add_argument("--goldens", nargs="*", metavar="NAME", choices=[n for n, _ in GOLDENS],
                        help="only the goldens (all, or those named), both backends; with --smoke on the CPU")  # fmt: skip
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    device = torch.device("cpu" if args.smoke else "cuda")
    if device.type == "cuda" and not torch.cuda.is_available():
        print("costvol_bench.py: no CUDA device (use --smoke on a CPU)", file=sys.stderr)
        return 2
    torch.backends.cuda.matmul.allow_tf32 = torch.backends.cudnn.allow_tf32 = False
    import triton

    names = ["smoke"] if args.smoke else ["small_12v_512x960", "small_2v_256"]
    repeats, warmup = (1, 1) if args.smoke else (args.repeats, 3)
    if args.training:
        return run_training(args, device, repeats, warmup)
    if args.sweep:
        def save_sweep(rows: list[dict]) -> None:
            args.out.mkdir(parents=True, exist_ok=True)
            atomic_write_json(args.out / "sweep.json", rows)
            atomic_write_text(args.out / "sweep.md", sweep_markdown(rows))

        with torch.no_grad():
            rows = sweep(SHAPES[names[0]], device, repeats, warmup, SWEEP[-1:] if args.smoke else SWEEP, save_sweep)
        print(sweep_markdown(rows))
        return 0
    report = {
        "device": torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu (Triton interpreter)",
        "torch": torch.__version__, "triton": triton.__version__, "accuracy": [], "timing": [], "goldens": [],
    }  # fmt: skip

    def save() -> None:
        args.out.mkdir(parents=True, exist_ok=True)
        atomic_write_json(args.out / "kernel.json", report)
        atomic_write_text(args.out / "kernel.md", markdown(report))

    if args.goldens is None:
        with torch.no_grad():
            report["accuracy"] = accuracy(SHAPES[names[0]], device)
            save()
            for name in names:
                report["timing"].append(timing(SHAPES[name], device, repeats, warmup))
                save()
    if not args.smoke or args.goldens is not None:
        goldens(device, report["goldens"], save, args.goldens)
    save()
    print(markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
