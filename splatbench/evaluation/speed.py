"""Speed benchmark behind ``splatbench bench``: encoder and end-to-end latency, render latency,
peak memory, the precision modes' drift from fp32, and (optionally) the reference encoder timed
in the same process.

Every figure is the median of ``repeats`` timed calls after ``warmup`` untimed ones, with the
device synchronised before the clock is read (what a caller waits). Weights are the
deterministic name-generated ones (:mod:`splatbench.model.generated_weights`), inputs a fixed
synthetic scene per case (smooth random textures, cameras on a short arc, near 1, far 100).

Precision modes: ``fp32`` (TF32 off), ``tf32`` (TF32 matrix products and convolutions),
``bf16`` (the encoder's ``bf16`` plan: ViT, depth U-Net and depth upsampler in bf16, the rest
float32 with TF32 off; see :mod:`splatbench.model.encoder.precision`), ``bf16_tf32`` (the same
plan, TF32 on for the float32 parts), ``bf16_all`` (the ``bf16-all`` plan: everything but the
cost volume and Gaussian heads in bf16, TF32 on). Each mode is compared with fp32 on the same inputs: max / median relative depth difference and the PSNR of
its renders against the fp32 renders. On CUDA the encoder is also timed as a replayed CUDA graph
(:class:`splatbench.model.encoder.graphed.GraphedEncoder`); end to end = encoder (graphed when
available) + rendering ``targets`` novel views.

    from splatbench.evaluation.speed import BenchOptions, run_benchmark
    report = run_benchmark(BenchOptions(device="cuda", cases=["small_2v_256"]))
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import logging
import math
import platform
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import torch

from splatbench.model.encoder import EncoderDepthSplat, EncoderMVSplat, encoder_preset, get_encoder
from splatbench.model.encoder.graphed import GraphedEncoder, compile_encoder
from splatbench.model.encoder.unimatch.windows import tiled_window_mask
from splatbench.model.generated_weights import fill_weights_from_names

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Case:
    name: str
    preset: str
    views: int
    height: int
    width: int
    targets: int = 3

    @property
    def label(self) -> str:
        return f"{self.preset}, {self.views} views {self.height}x{self.width}"


CASES: dict[str, Case] = {
    case.name: case
    for case in (
        Case("small_2v_256", "small", 2, 256, 256),
        Case("base_2v_256", "base", 2, 256, 256),
        Case("large_2v_256", "large", 2, 256, 256),
        Case("small_6v_256x448", "small", 6, 256, 448),
        Case("small_12v_512x960", "small", 12, 512, 960),
        # MVSplat and ReSplat RE10K base (2 refinement steps), beside DepthSplat small.
        Case("mvsplat_2v_256", "mvsplat", 2, 256, 256),
        Case("resplat_base_2v_256", "resplat-base", 2, 256, 256),
        # Tiny sizes for a CPU smoke run.
        Case("tiny_2v_32", "tiny", 2, 32, 32, targets=1),
        Case("tiny_4v_32x48", "tiny", 4, 32, 48, targets=1),
        Case("mvsplat_tiny_2v_32", "mvsplat_tiny", 2, 32, 32, targets=1),
        Case("resplat_tiny_2v_32", "resplat-tiny", 2, 32, 32, targets=1),
    )
}
DEFAULT_CASES = ("small_2v_256", "base_2v_256", "large_2v_256", "small_6v_256x448", "small_12v_512x960")
SMOKE_CASES = ("tiny_2v_32", "tiny_4v_32x48", "mvsplat_tiny_2v_32")


@dataclass(frozen=True)
class Precision:
    tf32: bool
    encoder_precision: str


PRECISIONS: dict[str, Precision] = {
    "fp32": Precision(tf32=False, encoder_precision="fp32"),
    "tf32": Precision(tf32=True, encoder_precision="fp32"),
    "bf16": Precision(tf32=False, encoder_precision="bf16"),
    "bf16_tf32": Precision(tf32=True, encoder_precision="bf16"),
    "bf16_all": Precision(tf32=True, encoder_precision="bf16-all"),
}
DEFAULT_PRECISIONS = ("fp32", "tf32", "bf16", "bf16_tf32", "bf16_all")
# Off CUDA there is no TF32; the bf16 plans run through CPU autocast (slow, but it checks them).
CPU_PRECISIONS = ("fp32", "bf16", "bf16_all")


@dataclass
class BenchOptions:
    device: str = "auto"
    cases: list[str] = field(default_factory=lambda: list(DEFAULT_CASES))
    precisions: list[str] = field(default_factory=lambda: list(DEFAULT_PRECISIONS))
    repeats: int = 20
    warmup: int = 5
    graphs: bool = True
    reference_src: Path | None = None
    reference_dinov2: Path | None = None
    reference_precision: str = "tf32"
    profile: list[str] = field(default_factory=list)  # "case:precision" entries to profile
    render_backend: str = "auto"
    channels_last: bool = False  # convolution weights (and so activations) in NHWC
    compile: bool = False  # torch.compile the encoder before timing (and graph capture)
    cost_volume: str = "auto"  # the encoders' cost_volume_backend: auto, torch or triton (fused kernel)
    render: bool = True  # False: encoder figures only (no renders, no gsplat build)


# ---------------------------------------------------------------------------------- timing


def resolve_device(name: str) -> torch.device:
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(name)


def synchronize(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


SLOW_CALL_SECONDS = 0.2  # calls slower than this get at most SLOW_CALL_REPEATS timed repeats
SLOW_CALL_REPEATS = 5


def median_ms(function: Callable[[], Any], device: torch.device, repeats: int, warmup: int) -> float:
    """Median wall time of ``function`` in milliseconds, the device synchronised around each call.
    Calls slower than ``SLOW_CALL_SECONDS`` (a 12-view encoder in fp32) are repeated less."""
    times = []
    for index in range(warmup):
        start = time.perf_counter()
        function()
        synchronize(device)
        if index == 0 and time.perf_counter() - start > SLOW_CALL_SECONDS:
            repeats = min(repeats, SLOW_CALL_REPEATS)
            break
    synchronize(device)
    for _ in range(max(1, repeats)):
        start = time.perf_counter()
        function()
        synchronize(device)
        times.append(time.perf_counter() - start)
    return 1e3 * statistics.median(times)


def median_event_ms(function: Callable[[], Any], device: torch.device, repeats: int, warmup: int = 1) -> float:
    """Median of ``repeats`` timed calls after ``warmup`` untimed ones, in milliseconds: CUDA events
    around each call on a GPU (the device time of the call, for kernel benchmarks), the wall clock
    otherwise."""
    for _ in range(warmup):
        function()
    synchronize(device)
    times = []
    for _ in range(max(1, repeats)):
        if device.type == "cuda":
            start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
            start.record()
            function()
            end.record()
            end.synchronize()
            times.append(start.elapsed_time(end))
        else:
            began = time.perf_counter()
            function()
            times.append(1e3 * (time.perf_counter() - began))
    return statistics.median(times)


def peak_memory_gib(function: Callable[[], Any], device: torch.device) -> float | None:
    """Peak allocated device memory of one call (GiB), or None off CUDA."""
    if device.type != "cuda":
        return None
    synchronize(device)
    gc.collect()
    torch.cuda.empty_cache()
    torch.cuda.reset_peak_memory_stats(device)
    function()
    synchronize(device)
    return torch.cuda.max_memory_allocated(device) / 2**30  # weights and inputs included


@contextlib.contextmanager
def precision_flags(precision: Precision, device: torch.device):
    """TF32 switches for the duration of a measurement (restored afterwards)."""
    previous = (torch.backends.cuda.matmul.allow_tf32, torch.backends.cudnn.allow_tf32)
    if device.type == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = precision.tf32
        torch.backends.cudnn.allow_tf32 = precision.tf32
    try:
        yield
    finally:
        torch.backends.cuda.matmul.allow_tf32, torch.backends.cudnn.allow_tf32 = previous


# ---------------------------------------------------------------------------------- inputs


def synthetic_views(views: int, height: int, width: int, device: torch.device, seed: int = 0, offset: float = 0.0) -> dict:
    """A batch-1 set of posed views: smooth random textures, cameras on a short arc looking at
    the scene, normalised intrinsics (fx = fy = 0.9 of the width), near 1 and far 100."""
    generator = torch.Generator().manual_seed(seed)
    coarse = torch.rand(views, 3, max(2, height // 16), max(2, width // 16), generator=generator)
    images = torch.nn.functional.interpolate(coarse, size=(height, width), mode="bicubic", align_corners=False)
    images = images.clamp(0, 1).unsqueeze(0)
    angles = torch.linspace(-0.15, 0.15, views, dtype=torch.float64) + offset
    extrinsics = torch.eye(4, dtype=torch.float64).repeat(1, views, 1, 1)
    for i, angle in enumerate(angles.tolist()):
        c, s = math.cos(angle), math.sin(angle)
        extrinsics[0, i, :3, :3] = torch.tensor([[c, 0, s], [0, 1, 0], [-s, 0, c]], dtype=torch.float64)
        extrinsics[0, i, :3, 3] = torch.tensor([2.0 * s, 0.0, 2.0 * (1 - c)], dtype=torch.float64)
    intrinsics = torch.tensor([[0.9, 0, 0.5], [0, 0.9 * width / height, 0.5], [0, 0, 1]]).repeat(1, views, 1, 1)
    return {
        "image": images.float().to(device),
        "extrinsics": extrinsics.float().to(device),
        "intrinsics": intrinsics.float().to(device),
        "near": torch.full((1, views), 1.0, device=device),
        "far": torch.full((1, views), 100.0, device=device),
    }


def build_encoder(
    preset: str, device: torch.device, channels_last: bool = False, cost_volume: str = "auto"
) -> torch.nn.Module:
    """Any registered encoder preset (DepthSplat, MVSplat, ReSplat ``resplat-*``, ...) with
    name-generated weights; ``cost_volume``: its ``cost_volume_backend`` (where it has one)."""
    cfg = encoder_preset(preset)
    if hasattr(cfg, "cost_volume_backend"):
        cfg = dataclasses.replace(cfg, cost_volume_backend=cost_volume)
    encoder, _ = get_encoder(cfg)
    encoder = encoder.eval()
    fill_weights_from_names(encoder, prefix="encoder.")
    encoder = encoder.to(device)
    if channels_last:
        # 4-D weights in NHWC: cuDNN then keeps the activations NHWC from conv to conv instead
        # of transposing around each call.
        encoder = encoder.to(memory_format=torch.channels_last)
    return encoder


def set_precision(encoder: torch.nn.Module, precision: str) -> None:
    """DepthSplat and MVSplat read ``cfg.precision`` (a plan of splatbench.model.encoder.precision);
    ReSplat's bf16 autocast regions are its three amp switches."""
    if hasattr(encoder.cfg, "precision"):
        encoder.cfg.precision = precision
        return
    amp = precision.startswith("bf16")
    encoder.cfg.use_amp = encoder.cfg.pt_head_amp = encoder.cfg.pt_update_amp = amp


# ---------------------------------------------------------------------------------- accuracy


def psnr(a: torch.Tensor, b: torch.Tensor) -> float:
    mse = (a.float() - b.float()).square().mean().item()
    return float("inf") if mse == 0 else 10 * math.log10(1.0 / mse)


def depth_difference(depths: torch.Tensor, reference: torch.Tensor) -> dict[str, float]:
    relative = ((depths.float() - reference.float()).abs() / reference.float().abs().clamp_min(1e-6)).flatten()
    return {"max": float(relative.max()), "median": float(relative.median())}


# ---------------------------------------------------------------------------------- one case


def _render(gaussians, targets: dict, image_shape: tuple[int, int], backend: str):
    from splatbench.render import render_gaussians

    return render_gaussians(
        gaussians, targets["extrinsics"], targets["intrinsics"], targets["near"], targets["far"], image_shape,
        backend=backend,
    )  # fmt: skip


def _release(device: torch.device) -> None:
    """Free what the last mode left. Called only once its CUDA graphs are gone: they read the
    cached shifted-window masks in place, which are dropped here so that the next mode's peak
    memory counts its own mask (2 GB in float32 at 12 views 512x960), not a previous mode's too."""
    tiled_window_mask.cache_clear()
    gc.collect()
    if device.type == "cuda":
        torch.cuda.empty_cache()


def bench_case(
    case: Case, options: BenchOptions, device: torch.device, on_mode: Callable[[dict], None] | None = None
) -> dict:
    """All precision modes of one case; ``{"case", "precisions": {mode: figures}, "reference"}``.
    ``on_mode(partial)`` is called after each mode (a run cut short keeps what it measured)."""
    context = synthetic_views(case.views, case.height, case.width, device)
    targets = synthetic_views(case.targets, case.height, case.width, device, seed=1, offset=0.05)
    image_shape = (case.height, case.width)
    encoder = build_encoder(case.preset, device, options.channels_last, options.cost_volume)
    compiled = _compiled(encoder, options)
    parameters = sum(p.numel() for p in encoder.parameters())
    result: dict[str, Any] = {"case": dataclasses.asdict(case), "parameters": parameters, "precisions": {}}
    fp32_outputs = None
    modes = [m for m in options.precisions if device.type == "cuda" or m in CPU_PRECISIONS]
    encoder.precision_on_cpu = device.type == "cpu"
    yardstick_only = "fp32" not in modes
    if yardstick_only:
        modes = ["fp32", *modes]  # the others are compared with fp32 outputs, computed once untimed
    if options.compile and "bf16" in modes and device.type == "cuda":
        logger.warning("--compile with the bf16 plan: on the H200 it compiled for minutes and ran 2x slower than eager")
    for mode in modes:
        precision = PRECISIONS[mode]
        set_precision(encoder, precision.encoder_precision)
        figures: dict[str, Any] = {}
        if mode == "fp32" and yardstick_only:
            with precision_flags(precision, device), torch.no_grad():
                output = encoder(context)
                render = _render(output["gaussians"], targets, image_shape, options.render_backend) if options.render else None
                fp32_outputs = (output["depths"].float().clone(), None if render is None else render.color.float().clone())
            del output, render
            _release(device)
            continue
        with precision_flags(precision, device), torch.no_grad():
            figures["encoder_ms"] = median_ms(lambda: compiled(context), device, options.repeats, options.warmup)
            figures["encoder_peak_gib"] = peak_memory_gib(lambda: compiled(context), device)
            run_encoder: Callable[[dict], dict] = compiled
            # ReSplat reads near from the host and searches neighbours per batch element: no graph.
            if options.graphs and device.type == "cuda" and isinstance(encoder, (EncoderDepthSplat, EncoderMVSplat)):
                graphed = GraphedEncoder(compiled)
                graphed(context)
                if graphed._graphs:
                    figures["encoder_graphed_ms"] = median_ms(lambda: graphed(context), device, options.repeats, options.warmup)
                    run_encoder = graphed
            output = run_encoder(context)
            gaussians = output["gaussians"]
            render = None
            if options.render:
                render = _render(gaussians, targets, image_shape, options.render_backend)
                figures["render_ms_per_view"] = (
                    median_ms(lambda: _render(gaussians, targets, image_shape, options.render_backend), device, options.repeats, options.warmup)
                    / case.targets
                )
                figures["end_to_end_ms"] = median_ms(
                    lambda: _render(run_encoder(context)["gaussians"], targets, image_shape, options.render_backend),
                    device, options.repeats, options.warmup,
                )  # fmt: skip
                figures["end_to_end_peak_gib"] = peak_memory_gib(
                    lambda: _render(compiled(context)["gaussians"], targets, image_shape, options.render_backend), device
                )
            if mode == "fp32":
                fp32_outputs = (output["depths"].float().clone(), None if render is None else render.color.float().clone())
            else:
                figures["depth_relative_difference"] = depth_difference(output["depths"], fp32_outputs[0])
                if render is not None and fp32_outputs[1] is not None:
                    figures["render_psnr_vs_fp32_db"] = psnr(render.color, fp32_outputs[1])
            if f"{case.name}:{mode}" in options.profile:
                # Module ranges hook the eager modules; a torch.compile'd encoder would recompile around them.
                figures["profile"] = profile_call(
                    lambda: compiled(context), device, model=encoder if compiled is encoder else None
                )
                if run_encoder is not compiled:
                    figures["profile_graphed"] = profile_call(lambda: run_encoder(context), device)
                if options.render:
                    figures["profile_render"] = profile_call(
                        lambda: _render(gaussians, targets, image_shape, options.render_backend), device
                    )
            del output, render, gaussians, run_encoder
            graphed = None
        _release(device)
        result["precisions"][mode] = figures
        if on_mode is not None:
            on_mode(result)
        logger.info("%s %s: %s", case.name, mode, {k: v for k, v in figures.items() if k != "profile"})
    set_precision(encoder, "fp32")
    del encoder, compiled
    _release(device)
    if options.reference_src is not None:  # (DepthSplat presets only: others are recorded as skipped)
        result["reference"] = bench_reference(case, options, device, context)
    return result


def _compiled(encoder: torch.nn.Module, options: BenchOptions) -> Callable[[dict], dict]:
    """``torch.compile`` of the encoder (``--compile``); the eager module otherwise. Shapes are
    static per case; a change of precision mode recompiles (the plan is read from the config)."""
    if not options.compile:
        return encoder
    # .eval() on the wrapper too: GraphedEncoder reads its `training` flag to decide on capture.
    return compile_encoder(encoder).eval()


def bench_reference(case: Case, options: BenchOptions, device: torch.device, context: dict) -> dict:
    from splatbench.evaluation.reference_encoder import ReferenceUnavailable, build_reference_encoder

    try:
        reference = build_reference_encoder(options.reference_src, encoder_preset(case.preset), options.reference_dinov2)
    except ReferenceUnavailable as error:
        logger.warning("reference encoder skipped for %s: %s", case.name, error)
        return {"skipped": str(error)}
    reference = reference.eval().to(device)
    precision = PRECISIONS[options.reference_precision]
    figures: dict[str, Any] = {"precision": options.reference_precision}
    with precision_flags(precision, device), torch.no_grad():
        call = lambda: reference(context, 0)  # noqa: E731
        try:
            figures["encoder_ms"] = median_ms(call, device, options.repeats, options.warmup)
            figures["encoder_peak_gib"] = peak_memory_gib(call, device)
        except torch.OutOfMemoryError as error:
            figures["error"] = f"out of memory: {str(error).splitlines()[0]}"
    del reference
    _release(device)
    logger.info("%s reference: %s", case.name, figures)
    return figures


# ---------------------------------------------------------------------------------- profile


def profile_call(
    function: Callable[[], Any], device: torch.device, top: int = 30, model: torch.nn.Module | None = None
) -> dict:
    """Kernel count, device time against wall time (host overhead), the top kernels, the top
    operators with their input shapes, and (``model`` given, eager calls only) device time per
    submodule down to four levels."""
    from torch.profiler import ProfilerActivity, profile

    from splatbench.evaluation.profiling import is_annotation, module_ranges, module_times, top_ops
    from splatbench.model.encoder.precision import fresh_bf16_weights

    activities = [ProfilerActivity.CPU] + ([ProfilerActivity.CUDA] if device.type == "cuda" else [])
    bf16_copies = contextlib.nullcontext() if model is None else fresh_bf16_weights(model)
    with module_ranges(model, max_depth=4), bf16_copies:
        function()  # warm-up; also makes the bf16 weight copies, with the ranges' hooks
        synchronize(device)
        with profile(activities=activities, record_shapes=True) as profiler:
            start = time.perf_counter()
            function()
            synchronize(device)
            wall_ms = 1e3 * (time.perf_counter() - start)
    kernels: dict[str, list[float]] = {}
    for event in profiler.events():
        if device.type == "cuda" and event.device_type == torch.autograd.DeviceType.CUDA and not is_annotation(event):
            kernels.setdefault(event.name, []).append(event.device_time / 1e3)
    device_ms = sum(sum(v) for v in kernels.values())
    ranked = sorted(kernels.items(), key=lambda item: -sum(item[1]))[:top]
    return {
        "wall_ms": wall_ms,
        "device_ms": device_ms,
        "kernel_count": sum(len(v) for v in kernels.values()),
        "host_overhead_ms": max(0.0, wall_ms - device_ms),
        "top_kernels": [
            {"name": name[:120], "calls": len(times), "ms": sum(times), "share": sum(times) / device_ms if device_ms else 0.0}
            for name, times in ranked
        ],
        "top_ops": top_ops(profiler, device, top=top),
        "modules": module_times(profiler, device, total_ms=device_ms)[: 3 * top] if model is not None else [],
    }


# ---------------------------------------------------------------------------------- report


def environment(device: torch.device) -> dict:
    import splatbench

    info = {
        "device": torch.cuda.get_device_name(device) if device.type == "cuda" else platform.processor() or "cpu",
        "torch": torch.__version__,
        "cuda": torch.version.cuda,
        "cudnn": torch.backends.cudnn.version() if torch.backends.cudnn.is_available() else None,
        "python": platform.python_version(),
        "splatbench": splatbench.__version__,
        "commit": _git_commit(),
    }
    with contextlib.suppress(Exception):
        from importlib.metadata import version

        info["gsplat"] = version("gsplat")
    return info


def _git_commit() -> str | None:
    import subprocess

    with contextlib.suppress(Exception):
        root = Path(__file__).resolve().parents[2]
        out = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=5)
        if out.returncode == 0:
            return out.stdout.strip()
    return None


def run_benchmark(options: BenchOptions, progress: bool = True, on_case: Callable[[dict], None] | None = None) -> dict:
    """Run every case of ``options``; returns the report (see :func:`markdown_report`).
    ``on_case(report)`` is called after each case (e.g. to save partial results)."""
    from tqdm import tqdm

    device = resolve_device(options.device)
    unknown = [name for name in options.cases if name not in CASES]
    if unknown:
        raise ValueError(f"unknown case(s) {', '.join(unknown)}; choose from {', '.join(CASES)}")
    report: dict[str, Any] = {"environment": environment(device), "options": _jsonable(dataclasses.asdict(options)), "cases": {}}
    try:
        for name in tqdm(options.cases, desc="bench cases", disable=not progress):
            def save_partial(partial: dict, name: str = name) -> None:
                report["cases"][name] = partial
                if on_case is not None:
                    on_case(report)

            try:
                report["cases"][name] = bench_case(CASES[name], options, device, on_mode=save_partial)
            except torch.OutOfMemoryError as error:
                logger.warning("%s: out of memory (%s)", name, str(error).splitlines()[0])
                report["cases"][name] = {"case": dataclasses.asdict(CASES[name]), "error": "out of memory"}
                _release(device)
            if on_case is not None:
                on_case(report)
    finally:  # also when a case fails: the compiled code must not outlive CUDA
        if options.compile:
            _drop_compiled_code(device)
    return report


def _drop_compiled_code(device: torch.device) -> None:
    """Free Dynamo's caches and the Inductor kernels they hold while CUDA is still up: left to the
    interpreter's shutdown, their destruction can run after CUDA's own (a segfault at exit, status
    139, after the report was written)."""
    synchronize(device)
    torch._dynamo.reset()
    _release(device)
    synchronize(device)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    return value


def _fmt(value: Any, digits: int = 1) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


PROFILE_LABELS = {"profile": "(eager)", "profile_graphed": "(CUDA graph)", "profile_render": "(render of the targets)"}


def markdown_report(report: dict) -> str:
    env = report["environment"]
    lines = [
        f"Device: {env['device']}; torch {env['torch']} (CUDA {env.get('cuda')}, cuDNN {env.get('cudnn')}), "
        f"Python {env['python']}, gsplat {env.get('gsplat', '-')}, splatbench {env['splatbench']} ({env.get('commit') or '?'}); "
        f"cost volume {report.get('options', {}).get('cost_volume', 'auto')}",
        "",
        "| case | mode | encoder ms | encoder graphed ms | end to end ms | render ms/view | encoder peak GiB "
        "| e2e peak GiB | depth diff max / median | render PSNR vs fp32 dB | reference ms (peak GiB) | speed-up e2e vs reference |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, case in report["cases"].items():
        if "error" in case:
            lines.append(f"| {name} | - | {case['error']} |" + " |" * 9)
            continue
        reference = case.get("reference") or {}
        reference_ms = reference.get("encoder_ms")
        reference_text = "-"
        if reference_ms is not None:
            reference_text = f"{reference_ms:.1f} ({_fmt(reference.get('encoder_peak_gib'), 2)}, {reference.get('precision')})"
        elif reference:
            reference_text = reference.get("error") or reference.get("skipped", "-")
        for mode, figures in case["precisions"].items():
            diff = figures.get("depth_relative_difference")
            diff_text = f"{100 * diff['max']:.3f}% / {100 * diff['median']:.4f}%" if diff else "-"
            speedup = f"{reference_ms / figures['end_to_end_ms']:.2f}x" if reference_ms and "end_to_end_ms" in figures else "-"
            lines.append(
                f"| {name} | {mode} | {_fmt(figures['encoder_ms'])} | {_fmt(figures.get('encoder_graphed_ms'))} "
                f"| {_fmt(figures.get('end_to_end_ms'))} | {_fmt(figures.get('render_ms_per_view'), 2)} "
                f"| {_fmt(figures['encoder_peak_gib'], 2)} | {_fmt(figures.get('end_to_end_peak_gib'), 2)} | {diff_text} "
                f"| {_fmt(figures.get('render_psnr_vs_fp32_db'))} | {reference_text} | {speedup} |"
            )
    counts = [f"{name} {case['parameters'] / 1e6:.2f} M" for name, case in report["cases"].items() if case.get("parameters")]
    if counts:
        lines += ["", "Encoder parameters: " + ", ".join(counts) + "."]
    profiles = [
        (name, f"{mode} {PROFILE_LABELS[key]}", figures[key])
        for name, case in report["cases"].items()
        for mode, figures in case.get("precisions", {}).items()
        for key in PROFILE_LABELS
        if key in figures
    ]
    for name, mode, profile in profiles:
        lines += [
            "",
            f"Profile {name} {mode}: wall {profile['wall_ms']:.2f} ms, device {profile['device_ms']:.2f} ms, "
            f"{profile['kernel_count']} kernels, host overhead {profile['host_overhead_ms']:.2f} ms",
            "",
            "| kernel | calls | ms | share |",
            "|---|---|---|---|",
        ]
        lines += [f"| `{k['name']}` | {k['calls']} | {k['ms']:.3f} | {100 * k['share']:.1f}% |" for k in profile["top_kernels"]]
        lines += _module_table(profile.get("modules"))
        if profile.get("top_ops"):
            lines += ["", "| operator | input shapes | calls | own device ms |", "|---|---|---|---|"]
            lines += [
                f"| `{o['op']}` | `{o['shapes']}` | {o['calls_per_step']:.0f} | {o['ms_per_step']:.3f} |"
                for o in profile["top_ops"]
            ]
    training = report.get("training")
    if training:
        lines += [
            "",
            "| training | batch | step ms | samples/s | peak GiB | loader wait ms/step | start-up s (to the first step's end) |",
            "|---|---|---|---|---|---|---|",
        ]
        for name, figures in training.items():
            if "error" in figures:
                lines.append(f"| {name} | - | {figures['error']} | | | | |")
                continue
            startup = figures.get("startup_s") or {}
            phases = ", ".join(f"{phase} {seconds:.1f}" for phase, seconds in startup.items() if phase != "total_to_first_step")
            total = startup.get("total_to_first_step")
            lines.append(
                f"| {name} | {figures['batch_size']} | {figures['step_ms']:.1f} | {figures['samples_per_second']:.1f} "
                f"| {_fmt(figures.get('peak_gib'), 2)} | {_fmt(figures.get('loader_wait_ms'), 2)} "
                f"| {_fmt(total, 1)}{f' ({phases})' if phases else ''} |"
            )
        for name, figures in training.items():
            profile = figures.get("profile")
            if not profile:
                continue
            lines += [
                "",
                f"Profile of training {name} ({profile['steps']} steps after the timed ones): per step wall "
                f"{profile['wall_ms_per_step']:.1f} ms, busy {profile['device_ms_per_step']:.1f} ms, "
                f"{profile['kernels_per_step']:.0f} kernels/ops"
                + (f" (profiler post-processing {profile['processing_s']:.1f} s)" if "processing_s" in profile else ""),
                "",
                "| kernel / op | calls per step | ms per step | share |",
                "|---|---|---|---|",
            ]
            lines += [
                f"| `{k['name']}` | {k['calls_per_step']:.0f} | {k['ms_per_step']:.3f} | {100 * k['share']:.1f}% |"
                for k in profile["top"]
            ]
            if figures.get("first_step_ops"):
                lines += ["", f"First step of {name}, host operators by own CPU time:", "",
                          "| operator | calls | own CPU s |", "|---|---|---|"]
                lines += [f"| `{o['op']}` | {o['calls']} | {o['own_cpu_s']:.3f} |" for o in figures["first_step_ops"]]
            if profile.get("top_ops"):
                lines += ["", "| operator | input shapes | calls per step | own ms per step |", "|---|---|---|---|"]
                lines += [
                    f"| `{o['op']}` | `{o['shapes']}` | {o['calls_per_step']:.0f} | {o['ms_per_step']:.3f} |"
                    for o in profile["top_ops"]
                ]
            lines += _module_table(profile.get("modules"))
    return "\n".join(lines) + "\n"


def _module_table(modules: list[dict] | None) -> list[str]:
    if not modules:
        return []
    lines = ["", "| module (forward, children included) | calls | ms | share |", "|---|---|---|---|"]
    return lines + [
        f"| `{m['module']}` | {m['calls_per_step']:.0f} | {m['ms_per_step']:.3f} | {100 * m.get('share', 0.0):.1f}% |"
        for m in modules
    ]
