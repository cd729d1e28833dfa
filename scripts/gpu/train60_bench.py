"""Issue 12, training throughput (run by scripts/gpu/train60.sh): samples/s of DepthSplat-small
(batch 8, 2 context + 4 target views, 256x256, MSE + LPIPS, bf16-all, NHWC encoder) with the step's
levers switched on one after the other, the variants interleaved over rounds (medians), plus:

* ``lpips``: the LPIPS loss alone at the training shape (32 rendered 256x256 images against their
  ground truth): fp32 (the evaluation arithmetic, the oracle), bf16 eager, bf16 with the fused
  distance kernel: value and gradient differences against fp32 and forward+backward time;
* ``syncs``: the host synchronisations of the timed steps of the default configuration, counted by
  ``torch.cuda.set_sync_debug_mode("warn")`` and grouped by the Python line that caused them.

Results: ``<out>/throughput.json``, ``lpips.json``, ``syncs.json`` and ``summary.md``.

    python scripts/gpu/train60_bench.py --data DATA --out OUT [--variants before sync_free fused_lpips]
    python scripts/gpu/train60_bench.py --data DATA --out OUT --smoke      # CPU, tiny model
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import statistics
import sys
import time
import warnings
from pathlib import Path

import torch

logger = logging.getLogger("train60")

# Cumulative: each variant adds one lever to the previous one (the last one is the code's default).
VARIANTS: dict[str, dict] = {
    # the step as it was: guard read back before the update, loss/total a progress-bar metric
    # (Lightning reads those back after every step), LPIPS distance in eager float32, the reference
    # window attention (roll + masked attention), eager encoder
    "before": {"overrides": ["train.step_guard=sync", "loss.lpips.fused_distance=false",
                             "model.encoder.window_attention_backend=reference", "train.graph_encoder=false"],
               "progress_bar_loss": True},
    # no host synchronisation in the step: device-side skip (fused AdamW found_inf), no progress-bar read
    "sync_free": {"overrides": ["loss.lpips.fused_distance=false", "model.encoder.window_attention_backend=reference",
                                "train.graph_encoder=false"]},
    # + the LPIPS layer distance as one Triton pass
    "fused_lpips": {"overrides": ["model.encoder.window_attention_backend=reference", "train.graph_encoder=false"]},
    # + the grouped window-attention schedule (auto now takes it in bf16-all training too)
    "grouped": {"overrides": ["train.graph_encoder=false"]},
    # + the encoder's forward and backward replayed as CUDA graphs: the defaults
    "defaults": {"overrides": []},
    # + the graphs capture torch.compile's form of the encoder (train.compile_encoder)
    "compiled": {"overrides": ["train.compile_encoder=true"]},
}
DEFAULT_VARIANT = "defaults"


@contextlib.contextmanager
def progress_bar_loss():
    """``loss/total`` logged as a progress-bar metric again, as before (the "before" variant)."""
    from splatbench.training.model_wrapper import ModelWrapper

    original = ModelWrapper.log

    def log(self, name, value, *args, **kwargs):
        if name == "loss/total":
            kwargs["prog_bar"] = True
        return original(self, name, value, *args, **kwargs)

    ModelWrapper.log = log
    try:
        yield
    finally:
        ModelWrapper.log = original


def run_variant(name: str, args, device: torch.device, callbacks=()) -> dict:
    from splatbench.evaluation.speed_training import bench_training

    variant = VARIANTS[name]
    # Each variant as in a fresh process: Dynamo's caches and recompile counts from an earlier
    # variant's model would otherwise carry over (Inductor's on-disk cache still shortens compiles).
    torch._dynamo.reset()
    context = progress_bar_loss() if variant.get("progress_bar_loss") else contextlib.nullcontext()
    with context:
        return bench_training(
            args.data, device, preset=args.preset, batch_size=args.batch_size, image_shape=tuple(args.image_shape),
            lpips=True, precision=args.precision, steps=args.steps, warmup=args.warmup, num_workers=args.workers,
            channels_last=device.type == "cuda", overrides=variant["overrides"], callbacks=callbacks,
        )  # fmt: skip


def throughput_round(args, device: torch.device, runs: dict[str, list[dict]], round_index: int, on_update=None) -> dict:
    """One run of every variant (appended to ``runs``); the summary so far."""
    for name in args.variants:
        began = time.perf_counter()
        try:
            figures = run_variant(name, args, device)
        except Exception as error:  # one failing variant must not lose the others' figures
            logger.exception("variant %s failed", name)
            figures = {"error": f"{type(error).__name__}: {error}"}
        figures["wall_s"] = round(time.perf_counter() - began, 1)
        runs.setdefault(name, []).append(figures)
        logger.info("round %d %s: %s samples/s, %s ms/step (%.0f s), encoder graphs %s", round_index, name,
                    figures.get("samples_per_second"), figures.get("step_ms"), figures["wall_s"], figures.get("encoder_graphs"))  # fmt: skip
        write_json(args.out / "throughput.json", summarise(runs))
        if on_update is not None:
            on_update(summarise(runs))
    return summarise(runs)


def summarise(runs: dict[str, list[dict]]) -> dict:
    summary = {}
    for name, figures in runs.items():
        good = [f for f in figures if "error" not in f]
        rates = [f["samples_per_second"] for f in good]
        summary[name] = {
            "overrides": VARIANTS[name]["overrides"],
            "samples_per_second_median": statistics.median(rates) if rates else None,
            "step_ms_median": statistics.median(f["step_ms"] for f in good) if good else None,
            "samples_per_second_runs": [round(r, 2) for r in rates],
            "peak_gib": max((f["peak_gib"] or 0.0) for f in good) if good else None,
            "peak_reserved_gib": max((f.get("peak_reserved_gib") or 0.0) for f in good) if good else None,
            "loader_wait_ms_median": statistics.median(f["loader_wait_ms"] or 0.0 for f in good) if good else None,
            "errors": [f["error"] for f in figures if "error" in f],
            "encoder_graphs_runs": [f.get("encoder_graphs") for f in good],
        }
    return summary


def lpips_agreement(args, device: torch.device) -> dict:
    """The loss alone at the training shape: fp32 is the oracle (the evaluation arithmetic)."""
    from splatbench.data.example import make_synthetic_scene
    from splatbench.data.images import decode_images
    from splatbench.evaluation.speed_training import _lpips_weights_or_generated
    from splatbench.loss import LossLpips, LossLpipsCfg, LossOptions, Predictions, ScalePrediction

    height, width = args.image_shape
    views = args.batch_size * 4
    frames = decode_images(make_synthetic_scene("train60", 0, num_frames=min(views, 8), image_shape=(height, width))["images"])
    target = frames.repeat((views + len(frames) - 1) // len(frames), 1, 1, 1)[:views].to(device)
    generator = torch.Generator(device="cpu").manual_seed(0)
    blurred = torch.nn.functional.avg_pool2d(torch.nn.functional.pad(target, (1, 1, 1, 1), mode="replicate"), 3, 1)
    prediction = (blurred + 0.02 * torch.randn(target.shape, generator=generator).to(device)).clamp(0, 1)
    target, prediction = target.view(args.batch_size, 4, 3, height, width), prediction.view(args.batch_size, 4, 3, height, width)
    batch = {"target": {"image": target}, "scene": ["train60"] * args.batch_size}
    settings = {"fp32": ("fp32", False), "bf16_eager": ("bf16", False), "bf16_fused": ("bf16", True)}
    results, gradients = {}, {}
    with _lpips_weights_or_generated() as weights:
        for name, (precision, fused) in settings.items():
            if device.type != "cuda":
                LossLpips.bf16_on_cpu = precision == "bf16"
            loss = LossLpips(LossLpipsCfg(weight=1.0, apply_after_step=0, precision=precision, fused_distance=fused),
                             LossOptions()).to(device)  # fmt: skip
            times = []
            for repeat in range(args.lpips_warmup + args.lpips_repeats):
                colour = prediction.clone().requires_grad_()
                start, end = timer(device)
                value = loss(Predictions([ScalePrediction(color=colour)]), batch, 0)
                value.backward()
                times.append(elapsed_ms(start, end, device))
            results[name] = {"loss": value.item(), "forward_backward_ms_median": statistics.median(times[args.lpips_warmup:])}
            gradients[name] = colour.grad.detach().double().flatten()
        LossLpips.bf16_on_cpu = False
    reference_value, reference_gradient = results["fp32"]["loss"], gradients["fp32"]
    for name in settings:
        gradient = gradients[name]
        results[name].update({
            "loss_relative_difference": abs(results[name]["loss"] - reference_value) / abs(reference_value),
            "gradient_cosine": torch.nn.functional.cosine_similarity(gradient, reference_gradient, dim=0).item(),
            "gradient_relative_l2": ((gradient - reference_gradient).norm() / reference_gradient.norm()).item(),
            "gradient_max_abs_over_max": ((gradient - reference_gradient).abs().max() / reference_gradient.abs().max()).item(),
        })  # fmt: skip
    fused, eager = gradients["bf16_fused"], gradients["bf16_eager"]
    results["bf16_fused_vs_bf16_eager"] = {
        "loss_relative_difference": abs(results["bf16_fused"]["loss"] - results["bf16_eager"]["loss"]) / abs(results["bf16_eager"]["loss"]),
        "gradient_cosine": torch.nn.functional.cosine_similarity(fused, eager, dim=0).item(),
        "gradient_relative_l2": ((fused - eager).norm() / eager.norm()).item(),
    }  # fmt: skip
    results["images"] = f"{views} x 3 x {height} x {width}"
    results["weights"] = weights
    return results


def timer(device: torch.device):
    if device.type == "cuda":
        start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        start.record()
        return start, end
    return time.perf_counter(), None


def elapsed_ms(start, end, device: torch.device) -> float:
    if device.type == "cuda":
        end.record()
        end.synchronize()
        return start.elapsed_time(end)
    return 1e3 * (time.perf_counter() - start)


def count_syncs(args, device: torch.device) -> dict:
    """Host synchronisations in the timed steps of the default configuration, by source line."""
    import pytorch_lightning as pl

    if device.type != "cuda":
        return {"skipped": "needs CUDA (torch.cuda.set_sync_debug_mode)"}
    records: list[warnings.WarningMessage] = []
    catcher = warnings.catch_warnings(record=True)

    class Watch(pl.Callback):
        def on_train_batch_end(self, trainer, module, outputs, batch, batch_idx):
            # After the step-timer's own synchronisation of the last warm-up step (callbacks run in order).
            if trainer.global_step == args.warmup:
                caught = catcher.__enter__()
                warnings.simplefilter("always")
                self.caught = caught
                torch.cuda.set_sync_debug_mode("warn")
            elif trainer.global_step == args.warmup + args.steps:
                torch.cuda.set_sync_debug_mode("default")
                records.extend(self.caught)
                catcher.__exit__(None, None, None)

    run_variant(DEFAULT_VARIANT, args, device, callbacks=[Watch()])
    torch.cuda.set_sync_debug_mode("default")
    syncs = [r for r in records if "synchroniz" in str(r.message).lower()]
    by_line: dict[str, int] = {}
    for record in syncs:
        key = f"{Path(record.filename).name}:{record.lineno}: {str(record.message)[:80]}"
        by_line[key] = by_line.get(key, 0) + 1
    # The step timer's own synchronisation of the last timed step is one of them (outside the steps).
    return {"steps": args.steps, "synchronisations": len(syncs), "per_step": len(syncs) / args.steps,
            "by_line": dict(sorted(by_line.items(), key=lambda item: -item[1]))}  # fmt: skip


def graph_agreement(args, device: torch.device) -> dict:
    """The encoder's outputs and parameter gradients on one real training batch: eager twice (the
    run-to-run noise of atomics in the backward) and graphed (capture, then a replay), each against
    the first eager run. The loss is a fixed random projection of every output."""
    import tempfile

    from splatbench.cli.hydra_main import compose, load_config
    from splatbench.data.data_module import DataModule
    from splatbench.data.step_tracker import StepTracker
    from splatbench.evaluation.speed_training import training_overrides
    from splatbench.training.graphed_encoder import GraphedTrainingEncoder, flatten_tensors
    from splatbench.training.run import _build_model

    if device.type != "cuda" and not args.smoke:  # the smoke run checks this code, every encoder eager
        return {"skipped": "needs CUDA"}
    with tempfile.TemporaryDirectory(prefix="train60_graph_") as output_dir:
        overrides = training_overrides(args.data, Path(output_dir), args.preset, args.batch_size, tuple(args.image_shape),
                                       True, args.precision, 10, 0, "gpu")  # fmt: skip
        if device.type == "cuda":
            overrides.append("train.channels_last=true")
        cfg = load_config(compose(overrides))
        torch.manual_seed(cfg.seed)
        model = _build_model(cfg, StepTracker(), Path(output_dir)).to(device)
        model.train()
        batch = next(iter(DataModule(cfg.dataset, cfg.data_loader, StepTracker()).train_dataloader()))
    batch = model.data_shim(move(batch, device))
    context = batch["context"]
    parameters = [(n, p) for n, p in model.encoder.named_parameters() if p.requires_grad]
    generator = torch.Generator(device="cpu").manual_seed(1)
    projections: list[torch.Tensor] = []

    def run(encoder) -> tuple[list[torch.Tensor], list[torch.Tensor | None]]:
        for _, parameter in parameters:
            parameter.grad = None
        outputs, _ = flatten_tensors(encoder(context, 0, deterministic=False))
        if not projections:
            projections.extend(torch.randn(o.shape, generator=generator).to(device) for o in outputs)
        loss = sum((o.float() * r).sum() for o, r in zip(outputs, projections) if o.requires_grad)
        loss.backward()
        return [o.detach().float().clone() for o in outputs], [None if p.grad is None else p.grad.float().clone() for _, p in parameters]

    def compare(a, b) -> dict:
        (outputs_a, grads_a), (outputs_b, grads_b) = a, b
        output_rel = [((x - y).abs().max() / x.abs().max().clamp_min(1e-30)).item() for x, y in zip(outputs_a, outputs_b)]
        output_rel_l2 = [((x.double() - y.double()).norm() / x.double().norm().clamp_min(1e-30)).item() for x, y in zip(outputs_a, outputs_b)]
        grad_rel = [((x - y).abs().max() / x.abs().max().clamp_min(1e-30)).item()
                    for x, y in zip(grads_a, grads_b) if x is not None and y is not None]  # fmt: skip
        missing = sum((x is None) != (y is None) for x, y in zip(grads_a, grads_b))
        flat_a = torch.cat([x.flatten() for x, y in zip(grads_a, grads_b) if x is not None and y is not None]).double()
        flat_b = torch.cat([y.flatten() for x, y in zip(grads_a, grads_b) if x is not None and y is not None]).double()
        return {"outputs_max_rel": max(output_rel), "outputs_rel_l2": [float(f"{v:.3g}") for v in output_rel_l2],
                "grads_max_rel": max(grad_rel), "grads_median_rel": statistics.median(grad_rel),
                "grads_all_rel_l2": ((flat_a - flat_b).norm() / flat_a.norm()).item(),
                "grads_all_cosine": torch.nn.functional.cosine_similarity(flat_a, flat_b, dim=0).item(),
                "grads_compared": len(grad_rel), "grads_missing_on_one_side": missing}  # fmt: skip

    def oracle() -> tuple[list[torch.Tensor], list[torch.Tensor | None]]:
        """The same batch through the float32 plan, TF32 off: the truth both bf16 forms approximate."""
        precision, tf32 = model.encoder.cfg.precision, (torch.backends.cuda.matmul.allow_tf32, torch.backends.cudnn.allow_tf32)
        model.encoder.cfg.precision = "fp32"
        torch.backends.cuda.matmul.allow_tf32 = torch.backends.cudnn.allow_tf32 = False
        try:
            return run(model.encoder)
        finally:
            model.encoder.cfg.precision = precision
            torch.backends.cuda.matmul.allow_tf32, torch.backends.cudnn.allow_tf32 = tf32

    eager = run(model.encoder)
    eager_again = run(model.encoder)
    result: dict = {"eager_vs_eager": compare(eager, eager_again), "output_shapes": [list(o.shape) for o in eager[0]]}
    truth = oracle() if args.precision != "fp32" or args.smoke else None
    if truth is not None:
        result["eager_vs_fp32"] = compare(truth, eager)
    for form, compiled in (("", False), ("compiled_", True)):
        if compiled and not args.graph_compiled:
            continue
        graphed_encoder = GraphedTrainingEncoder(model.encoder, compile=compiled)
        captured = run(graphed_encoder)  # capture (the warm-up runs use autograd.grad: no .grad touched)
        replayed = run(graphed_encoder)
        result.update({f"{form}graphs": len(graphed_encoder._graphs), f"{form}failed": len(graphed_encoder._failed),
                       f"{form}captured_forms": graphed_encoder.captured_forms,
                       f"{form}captured_vs_eager": compare(eager, captured),
                       f"{form}replayed_vs_eager": compare(eager, replayed)})  # fmt: skip
        if truth is not None:
            result[f"{form}replayed_vs_fp32"] = compare(truth, replayed)
        # The optimizer updates the parameters in place: the replay must see the new values.
        with torch.no_grad():
            saved = [p.detach().clone() for _, p in parameters]
            for _, parameter in parameters:
                parameter.add_(1e-3 * parameter.abs().mean() * torch.randn_like(parameter))
        updated_eager, updated_replay = run(model.encoder), run(graphed_encoder)
        result[f"{form}updated_replay_vs_eager"] = compare(updated_eager, updated_replay)
        result[f"{form}updated_eager_vs_eager"] = compare(eager, updated_eager)  # how far the update moved them
        with torch.no_grad():
            for (_, parameter), value in zip(parameters, saved):
                parameter.copy_(value)
        del graphed_encoder
    return result


def move(value, device: torch.device):
    if isinstance(value, torch.Tensor):
        return value.to(device, non_blocking=True)
    if isinstance(value, dict):
        return {key: move(item, device) for key, item in value.items()}
    if isinstance(value, list):
        return [move(item, device) for item in value]
    return value


def write_json(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data, indent=2) + "\n")
    temporary.replace(path)


def markdown(throughput_summary: dict, lpips: dict | None, syncs: dict | None, graph: dict | None, args) -> str:
    lines = [
        f"# Training throughput (issue 12): {args.preset}, batch {args.batch_size}, {args.image_shape[0]}x{args.image_shape[1]}, "
        f"2 context + 4 target views, MSE + LPIPS, {args.precision}; {args.rounds} rounds of {args.steps} steps after {args.warmup}",
        "",
        "| variant | overrides | samples/s (median) | step ms (median) | runs samples/s | encoder graphs (per run) | peak allocated / reserved GiB | loader wait ms |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, row in throughput_summary.items():
        rate, step = row["samples_per_second_median"], row["step_ms_median"]
        lines.append(
            f"| {name} | {' '.join(row['overrides']) or '(defaults)'} | {rate and round(rate, 2)} | {step and round(step, 1)} | "
            f"{row['samples_per_second_runs']} | {row.get('encoder_graphs_runs')} | {row['peak_gib'] and round(row['peak_gib'], 2)} / "
            f"{row['peak_reserved_gib'] and round(row['peak_reserved_gib'], 2)} | "
            f"{row['loader_wait_ms_median'] and round(row['loader_wait_ms_median'], 2)} |"
            + (f" errors: {row['errors']}" if row["errors"] else "")
        )
    if lpips and "skipped" in lpips:
        lines += ["", f"LPIPS loss alone: {lpips['skipped']}"]
    elif lpips:
        lines += ["", f"LPIPS loss alone ({lpips['images']}, weights {lpips['weights']}), against fp32 (the oracle):", "",
                  "| setting | loss | loss rel. diff | gradient cosine | gradient rel. L2 | max abs diff / max | fwd+bwd ms |",
                  "|---|---|---|---|---|---|---|"]  # fmt: skip
        for name in ("fp32", "bf16_eager", "bf16_fused"):
            row = lpips[name]
            lines.append(f"| {name} | {row['loss']:.6f} | {row['loss_relative_difference']:.2e} | {row['gradient_cosine']:.6f} | "
                         f"{row['gradient_relative_l2']:.3e} | {row['gradient_max_abs_over_max']:.3e} | {row['forward_backward_ms_median']:.2f} |")  # fmt: skip
        row = lpips["bf16_fused_vs_bf16_eager"]
        lines.append(f"\nbf16 fused against bf16 eager: loss {row['loss_relative_difference']:.2e} relative, gradient cosine "
                     f"{row['gradient_cosine']:.7f}, rel. L2 {row['gradient_relative_l2']:.2e}")  # fmt: skip
    if graph:
        lines += ["", "CUDA-graphed encoder against eager on one training batch (max / median relative differences):", ""]
        if "skipped" in graph:
            lines.append(str(graph))
        else:
            lines.append(f"graphs captured {graph['graphs']}, failed {graph['failed']}"
                         + (f"; compiled: captured {graph['compiled_graphs']} ({graph['compiled_captured_forms']}), failed {graph['compiled_failed']}"
                            if "compiled_graphs" in graph else ""))
            names = ("eager_vs_eager", "eager_vs_fp32", "captured_vs_eager", "replayed_vs_eager", "replayed_vs_fp32",
                     "updated_eager_vs_eager", "updated_replay_vs_eager", "compiled_captured_vs_eager", "compiled_replayed_vs_eager",
                     "compiled_replayed_vs_fp32", "compiled_updated_replay_vs_eager")  # fmt: skip
            lines.append(f"outputs: {graph.get('output_shapes')}")
            for name in names:
                row = graph.get(name)
                if row is None:
                    continue
                lines.append(f"- {name}: outputs {row['outputs_max_rel']:.2e} (rel. L2 each {row['outputs_rel_l2']}); per-parameter gradients max {row['grads_max_rel']:.2e} / "
                             f"median {row['grads_median_rel']:.2e} over {row['grads_compared']} (missing {row['grads_missing_on_one_side']}); "
                             f"all gradients rel. L2 {row['grads_all_rel_l2']:.2e}, cosine {row['grads_all_cosine']:.7f}")  # fmt: skip
    if syncs:
        lines += ["", "Host synchronisations in the timed steps (`set_sync_debug_mode('warn')`, default configuration): "
                  + (syncs.get("skipped") or f"{syncs['synchronisations']} in {syncs['steps']} steps ({syncs['per_step']:.2f} per step)")]
        for where, count in (syncs.get("by_line") or {}).items():
            lines.append(f"- {count} x `{where}`")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True, help="chunk dataset root (splatbench data example)")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--smoke", action="store_true", help="CPU, tiny model, 32x32, batch 1")
    parser.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=list(VARIANTS))
    parser.add_argument("--stages", nargs="+", default=["lpips", "throughput", "syncs", "graph", "rounds"],
                        choices=["lpips", "throughput", "graph", "syncs", "rounds"],
                        help="throughput: the first round of every variant; rounds: the other rounds")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=4)
    parser.add_argument("--workers", type=int, default=12)
    parser.add_argument("--lpips-repeats", type=int, default=10)
    parser.add_argument("--lpips-warmup", type=int, default=2)
    parser.add_argument("--keep-lpips", action="store_true", help="report the lpips.json of an earlier run in --out")
    parser.add_argument("--graph-compiled", action="store_true",
                        help="the graph stage also checks the graphs of the compiled encoder (train.compile_encoder; compiles for minutes)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    args.preset, args.batch_size, args.image_shape, args.precision = "small", 8, (256, 256), "bf16-all"
    if args.smoke:
        args.preset, args.batch_size, args.image_shape, args.precision = "tiny", 1, (32, 32), "fp32"
        args.rounds, args.steps, args.warmup, args.workers, args.lpips_repeats, args.lpips_warmup = 1, 1, 2, 0, 1, 0
    device = torch.device("cuda" if torch.cuda.is_available() and not args.smoke else "cpu")
    args.out.mkdir(parents=True, exist_ok=True)
    results: dict = {"summary": {}, "lpips": None, "syncs": None, "graph": None}

    def report() -> str:  # rewritten after every stage and run: a run cut short keeps what it measured
        text = markdown(results["summary"], results["lpips"], results["syncs"], results["graph"], args)
        (args.out / "summary.md").write_text(text)
        return text

    def stage(name: str, function) -> None:  # a failing stage must not lose the others' figures
        try:
            result = function(args, device)
        except Exception as error:
            logger.exception("stage %s failed", name)
            result = {"skipped": f"failed: {type(error).__name__}: {error}"}
        write_json(args.out / f"{name}.json", result)
        results[name] = result
        report()

    if args.keep_lpips and "lpips" not in args.stages and (args.out / "lpips.json").exists():
        results["lpips"] = json.loads((args.out / "lpips.json").read_text())
    runs: dict[str, list[dict]] = {}
    update = lambda summary: (results.update(summary=summary), report())  # noqa: E731
    for name in args.stages:
        if name == "throughput":  # the first round; "rounds" runs the others (after the checks, in case time runs out)
            results["summary"] = throughput_round(args, device, runs, 0, update)
        elif name == "rounds":
            for round_index in range(1, args.rounds):
                results["summary"] = throughput_round(args, device, runs, round_index, update)
        else:
            stage(name, {"lpips": lpips_agreement, "graph": graph_agreement, "syncs": count_syncs}[name])
            if device.type == "cuda":
                torch.cuda.empty_cache()
    print(report())
    summary = results["summary"]
    failed = any(row["samples_per_second_median"] is None for row in summary.values())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
