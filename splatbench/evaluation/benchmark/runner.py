"""Run a benchmark spec's units, reusing every result whose key is unchanged.

Layout of ``--out DIR``::

    DIR/units/<key16>/result.json          one unit's result (written last, atomically: its presence = done)
    DIR/units/<key16>/metrics/...          the unit's test-mode metric files (scores_all_avg.json, ...)
    DIR/units/<key16>/extremes/*.png       best / worst scenes (prediction | ground truth)
    DIR/prepared/<source>-<hash>/          datasets with preprocessed pose sources (gt_noise, colmap)
    DIR/poses_eval/<source>-<hash>.json    poses-eval of each preprocessed pose source
    DIR/report/                            leaderboard, tables, plots, index.html (report.py)

A killed benchmark resumes: finished units are reused, the unit that was running starts again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch
from tqdm.auto import tqdm

from splatbench.errors import SplatbenchError
from splatbench.evaluation.benchmark.spec import BenchmarkSpec, Unit, dataset_fingerprint
from splatbench.evaluation.evaluate import EvaluationOptions, evaluate
from splatbench.evaluation.outputs import image_to_uint8, save_png
from splatbench.evaluation.protocols import check_protocol_inputs, get_protocol, with_dataset_options
from splatbench.evaluation.records import run_record
from splatbench.evaluation.report import SceneRow, write_test_metrics
from splatbench.evaluation.statistics import bootstrap_mean
from splatbench.utils.io import atomic_write_json

logger = logging.getLogger(__name__)

RESULT_NAME = "result.json"
RESULT_VERSION = 1
EXTREME_SCENES = 3


class BenchmarkError(SplatbenchError, ValueError):
    """A unit could not run (bad data, missing pose source support); the message names it."""


class ExtremeScenes:
    """Keeps the prediction and ground truth of the best and worst scenes by PSNR (first target view).

    With ``viewer_splats`` > 0 it also keeps each candidate scene's Gaussians (the most opaque
    ``viewer_splats``, colour only) and writes a ``viewer.html`` for the best and the worst scene, with
    the context cameras drawn: the report links them.
    """

    def __init__(self, count: int = EXTREME_SCENES, viewer_splats: int = 0) -> None:
        self.count = count
        self.viewer_splats = viewer_splats
        self.kept: list[tuple[float, str, np.ndarray]] = []
        self.splats: dict[str, tuple[bytes, dict]] = {}
        self._pending: tuple[str, bytes, dict] | None = None

    def context(self, scene, context) -> None:
        pass

    def encoded(self, scene, context, encoded) -> None:
        gaussians = encoded.get("gaussians") if isinstance(encoded, dict) else None
        if self.viewer_splats <= 0 or gaussians is None:
            return
        from splatbench.reconstruct.viewer import viewer_config
        from splatbench.training.ply_export import gaussians_ply_bytes

        opacities = gaussians.opacities[0].detach().float()
        keep = torch.zeros_like(opacities, dtype=torch.bool)
        keep[torch.argsort(opacities, descending=True)[: self.viewer_splats]] = True
        data, _ = gaussians_ply_bytes(gaussians, keep.cpu(), sh_degree=0)
        centre = gaussians.means[0][keep].detach().double().median(dim=0).values.cpu().numpy()
        extrinsics = context["extrinsics"][0].detach().double().cpu().numpy()
        intrinsics = context["intrinsics"][0].detach().double().cpu().numpy()
        self._pending = (scene, data, viewer_config(extrinsics, intrinsics, centre))

    def rendered(self, scene, target, color) -> None:
        pass

    def scored(self, row: SceneRow, prediction) -> None:
        tile = np.concatenate([image_to_uint8(prediction.color[0]), image_to_uint8(prediction.ground_truth[0])], axis=1)
        self.kept.append((row.metrics["psnr"], row.scene, tile))
        self.kept.sort(key=lambda item: item[0])
        if len(self.kept) > 2 * self.count:
            # keep the lowest and highest ``count``
            self.kept = self.kept[: self.count] + self.kept[-self.count :]
        if self._pending is not None and self._pending[0] == row.scene:
            self.splats[row.scene] = self._pending[1:]
        self._pending = None
        # only the current best and worst scene can still get a viewer page
        candidates = {self.kept[0][1], self.kept[-1][1]}
        self.splats = {scene: value for scene, value in self.splats.items() if scene in candidates}

    def save(self, folder: Path) -> list[dict[str, Any]]:
        saved = []
        # With few scenes, each scene appears once: the better half is "best", the rest "worst".
        best_count = min(self.count, (len(self.kept) + 1) // 2)
        worst_count = min(self.count, len(self.kept) - best_count)
        best = list(reversed(self.kept[len(self.kept) - best_count :]))
        worst = self.kept[:worst_count]
        for kind, items in (("best", best), ("worst", worst)):
            for rank, (psnr, scene, tile) in enumerate(items):
                path = folder / f"{kind}_{rank}.png"
                save_png(tile, path)
                entry = {"kind": kind, "rank": rank, "scene": scene, "psnr": psnr, "image": path.name}
                if rank == 0 and scene in self.splats:
                    from splatbench.reconstruct.viewer import write_viewer_html

                    data, config = self.splats[scene]
                    viewer = write_viewer_html(folder / f"{kind}_{rank}_viewer.html", data, config, title=f"{kind} scene: {scene}")
                    entry["viewer"] = viewer.name
                saved.append(entry)
        return saved


@dataclass
class RunSummary:
    computed: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    results: list[dict] = field(default_factory=list)


def _short_hash(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:12]


def prepared_root(unit: Unit, out_dir: Path) -> str:
    """The dataset root that holds the unit's pose source (made with ``splatbench preprocess`` when needed)."""
    if not unit.pose.needs_preprocess:
        return unit.dataset_root
    try:
        from splatbench.preprocess.runner import run_preprocess
    except ImportError as error:
        raise BenchmarkError(f"pose source {unit.pose.label}: needs splatbench.preprocess ({error})") from None
    options = sorted(unit.pose.backend_options.items())
    target = out_dir / "prepared" / f"{unit.pose.name}-{_short_hash(dataset_fingerprint(unit.dataset_root), options)}"
    if not (target / "preprocess.json").is_file():
        logger.info("preprocessing %s with pose source %s -> %s", unit.dataset_root, unit.pose.label, target)
        run_preprocess(unit.pose.name, unit.dataset_root, target, options=unit.pose.backend_options)
    return str(target)


def pose_errors(unit: Unit, root: str, out_dir: Path) -> dict[str, dict[str, float]]:
    """Per-scene pose errors of the unit's pose source (``poses-eval``), cached; {} for ground truth."""
    if unit.pose.name == "gt":
        return {}
    cache = out_dir / "poses_eval" / f"{unit.pose.name}-{_short_hash(dataset_fingerprint(root), unit.pose.options)}.json"
    if cache.is_file():
        result = json.loads(cache.read_text())
    else:
        try:
            from splatbench.evaluation.pose_metrics import evaluate_dataset_poses
        except ImportError:
            return {}
        result = evaluate_dataset_poses(root, unit.pose.name)
        atomic_write_json(cache, result)
    return {
        s["scene"]: {k: s.get(k) for k in ("rotation_error_mean", "translation_error_mean", "ate_over_baseline")}
        for s in result.get("scenes", [])
        if s.get("status") == "evaluated"
    }


def _overrides(unit: Unit, root: str, unit_dir: Path) -> list[str]:
    overrides = [
        f"+experiment={unit.experiment}",
        f"dataset.roots=[{root}]",
        "dataset/view_sampler=evaluation",
        f"dataset.view_sampler.index_path={unit.index_path}",
        f"dataset.view_sampler.num_context_views={unit.num_context_views}",
        f"dataset.pose_source={unit.pose.name}",
        f"output_dir={unit_dir}",
        "mode=test",
    ]
    if unit.pose.near_far_source is not None:
        overrides.append(f"dataset.near_far_source={unit.pose.near_far_source}")
    if unit.model[0] == "checkpoint":
        overrides.append(f"checkpointing.pretrained_model={unit.model[1]}")
    return overrides + list(unit.overrides)


def _build(unit: Unit, cfg: Any, unit_dir: Path, device: torch.device):
    """The unit's evaluation model (and the checkpoint it came from)."""
    if unit.model[0] == "baseline":
        from splatbench.evaluation.baselines import NearestContextModel
        from splatbench.model.encoder import get_encoder

        _, data_shim = get_encoder(cfg.model.encoder)
        return NearestContextModel(data_shim, device), None
    from splatbench.training.run import _build_model, _load_pretrained

    torch.manual_seed(cfg.seed)
    wrapper = _build_model(cfg, None, unit_dir)
    _load_pretrained(wrapper, cfg)
    wrapper.to(device).eval()
    return wrapper.splat_model(), unit.model[1]


def evaluate_unit(unit: Unit, out_dir: Path, unit_dir: Path, resamples: int, device: torch.device, viewer_splats: int = 0) -> dict:
    """Evaluate one unit into ``unit_dir``; return its result (also written to result.json).

    ``viewer_splats`` > 0: viewer pages of the best and worst scene with that many splats (see ExtremeScenes).
    """
    from splatbench.cli.hydra_main import compose, load_config
    from splatbench.data.evaluation_index import count_non_null, load_evaluation_index
    from splatbench.training.run import CountingDataModule

    from hydra.errors import HydraException
    from omegaconf.errors import OmegaConfBaseException

    from splatbench.cli.hydra_main import hydra_error_line

    protocol = get_protocol(unit.protocol)
    root = prepared_root(unit, out_dir)
    try:
        cfg = load_config(compose(_overrides(unit, root, unit_dir)))
    except (HydraException, OmegaConfBaseException) as error:
        raise BenchmarkError(f"{unit.label}: config: {hydra_error_line(error)}") from None
    except SplatbenchError as error:
        raise BenchmarkError(f"{unit.label}: {error}") from None
    protocol = with_dataset_options(protocol, cfg.dataset)
    try:
        index_sha = check_protocol_inputs(protocol, unit.index_path, cfg.dataset.image_shape, unit.num_context_views)
    except ValueError as error:
        raise BenchmarkError(f"{unit.label}: {error}") from None
    index = load_evaluation_index(unit.index_path)
    asked = {scene for scene, entry in index.items() if entry is not None}
    model, checkpoint = _build(unit, cfg, unit_dir, device)
    encoder = getattr(model, "encoder", None)
    parameters = sum(p.numel() for p in encoder.parameters()) if isinstance(encoder, torch.nn.Module) else None
    loader = CountingDataModule(cfg.dataset, cfg.data_loader, None, global_rank=0).test_dataloader()
    extremes = ExtremeScenes(viewer_splats=viewer_splats)
    if device.type == "cuda":
        torch.cuda.reset_peak_memory_stats(device)
    options = EvaluationOptions(evaluation_scenes=asked, timing_skip_batches=1 if device.type == "cuda" else 0, progress=False)
    started = time.perf_counter()
    report = evaluate(model, loader, protocol, extremes, options)
    seconds = time.perf_counter() - started
    if not report.scenes:
        raise BenchmarkError(f"{unit.label}: no scene was evaluated ({len(report.skipped)} skipped) in {root} with {unit.index_path}")
    write_test_metrics(unit_dir / "metrics", report, compute_scores=True)
    record = run_record(protocol, checkpoint, unit.pose.label, unit.index_path, cfg.dataset.image_shape,
                        num_context_views=unit.num_context_views, dataset_root=unit.dataset_root, pose_root=root)
    atomic_write_json(unit_dir / "metrics" / "run_record.json", record)
    averages = report.averages()
    intervals = {}
    for name in report.metric_names:
        interval = bootstrap_mean([row.metrics[name] for row in report.scenes], resamples=resamples)
        intervals[name] = [interval.low, interval.high]
    timing = report.timing_summary()
    errors = pose_errors(unit, root, out_dir)
    counts = {"asked": len(asked), "evaluated": len(report.scenes), "skipped": len(report.skipped)}
    counts["missing"] = counts["asked"] - counts["evaluated"] - counts["skipped"]
    return {
        "version": RESULT_VERSION,
        "key": unit.key(),
        "identity": unit.identity(),
        "unit": {**asdict(unit), "pose_label": unit.pose.label, "noise_level": unit.pose.noise_level},
        "protocol_id": protocol.protocol_id,
        "index_sha256": index_sha,
        "record": record,
        "counts": counts,
        "skipped_scenes": report.skipped,
        "averages": averages,
        "intervals": intervals,
        "encoder_ms": None if "encoder" not in timing or np.isnan(timing["encoder"][1]) else 1000 * timing["encoder"][1],
        "decoder_ms": None if "decoder" not in timing or np.isnan(timing["decoder"][1]) else 1000 * timing["decoder"][1],
        "peak_memory_bytes": report.peak_memory,
        "parameters": parameters,
        "seconds": seconds,
        "rows": [
            {"scene": r.scene, "context": r.context_indices, "target": r.target_indices, **r.metrics,
             **{f"pose_{k}": v for k, v in errors.get(r.scene, {}).items()}}
            for r in report.scenes
        ],
        "extremes": extremes.save(unit_dir / "extremes"),
    }


def unit_dir_for(out_dir: Path, key: str) -> Path:
    return out_dir / "units" / key[:16]


def load_result(out_dir: Path, unit: Unit, key: str | None = None) -> dict | None:
    key = key or unit.key()
    path = unit_dir_for(out_dir, key) / RESULT_NAME
    if not path.is_file():
        return None
    try:
        result = json.loads(path.read_text())
    except json.JSONDecodeError:
        return None
    return result if result.get("key") == key and result.get("version") == RESULT_VERSION else None


def _evaluate_and_store(unit: Unit, out_dir: Path, resamples: int, device: torch.device, viewer_splats: int = 0) -> dict:
    logger.info("evaluating %s on %s", unit.label, device)
    unit_dir = unit_dir_for(out_dir, unit.key())
    result = evaluate_unit(unit, out_dir, unit_dir, resamples, device, viewer_splats)
    atomic_write_json(unit_dir / RESULT_NAME, result)
    logger.info("%s: %s (%d scenes)", unit.label, {k: round(v, 4) for k, v in result["averages"].items()}, result["counts"]["evaluated"])
    return result


_WORKER_DEVICE: torch.device | None = None


def _start_worker(devices, level: int, threads: int) -> None:
    """Process-pool initializer: take one device off the shared queue for this worker's lifetime.

    The worker uses the parent's intra-op thread count: CPU reductions split over a different number
    of threads sum in a different order, and the per-scene scores must equal a one-process run's.
    """
    global _WORKER_DEVICE
    logging.basicConfig(level=level, format="%(message)s")
    torch.set_num_threads(threads)
    _WORKER_DEVICE = torch.device(devices.get())
    if _WORKER_DEVICE.type == "cuda":
        torch.cuda.set_device(_WORKER_DEVICE)


def _worker_evaluate(unit: Unit, out_dir: Path, resamples: int, viewer_splats: int) -> dict:
    return _evaluate_and_store(unit, out_dir, resamples, _WORKER_DEVICE, viewer_splats)


def worker_devices(device: str | None, count: int) -> list[str]:
    """One device per worker: cuda:0 .. cuda:N-1 on a GPU machine, else the CPU N times."""
    if count < 1:
        raise BenchmarkError(f"--devices must be at least 1 (got {count})")
    if device not in (None, "cuda", "cpu") and count > 1:
        raise BenchmarkError(f"--devices {count} spreads units over cuda:0..cuda:{count - 1} or the CPU; drop --device {device}")
    if (device or ("cuda" if torch.cuda.is_available() else "cpu")) == "cpu":
        return ["cpu"] * count
    available = torch.cuda.device_count()
    if count > available:
        raise BenchmarkError(f"--devices {count}: this machine has {available} CUDA device(s)")
    return [f"cuda:{i}" for i in range(count)]


def run_benchmark(spec: BenchmarkSpec, out_dir: str | Path, device: str | None = None, progress: bool = True,
                  devices: int = 1) -> RunSummary:
    """Evaluate every unit of ``spec`` that has no up-to-date result under ``out_dir``.

    With ``devices`` > 1 the pending units are shared out over that many worker processes, one per
    GPU (cuda:0 .. cuda:N-1; on a CPU machine, N CPU processes). A unit always runs whole on one
    device, so its per-scene scores are the ones a single-device run gives; pose sources that need
    preprocessing are prepared (and their pose errors cached) by this process first, so the workers
    never write the same folder.
    """
    if devices != 1:
        worker_devices(device, devices)  # a bad count fails before anything is read or written
    out_dir = Path(out_dir)
    summary = RunSummary()
    # Viewer pages (a few MB each) only for each run's first unit: its first pose source on its first index.
    first_of_run = {}
    for position, unit in enumerate(spec.units):
        first_of_run.setdefault(unit.run, position)
    viewer_positions = set(first_of_run.values()) if spec.viewer_splats > 0 else set()
    results: dict[int, dict] = {}
    pending: list[tuple[int, Unit]] = []
    for position, unit in enumerate(spec.units):
        result = load_result(out_dir, unit)
        if result is not None:
            summary.reused.append(unit.label)
            results[position] = result
        else:
            pending.append((position, unit))
    bar = tqdm(total=len(pending), desc="benchmark", unit="eval", disable=not progress)
    if devices == 1:
        torch_device = torch.device(device or ("cuda" if torch.cuda.is_available() else "cpu"))
        for position, unit in pending:
            bar.set_postfix_str(unit.label)
            splats = spec.viewer_splats if position in viewer_positions else 0
            results[position] = _evaluate_and_store(unit, out_dir, spec.resamples, torch_device, splats)
            summary.computed.append(unit.label)
            bar.update()
    elif pending:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor, as_completed

        names = worker_devices(device, devices)
        for _, unit in pending:  # shared preprocessing happens once, here
            pose_errors(unit, prepared_root(unit, out_dir), out_dir)
        context = multiprocessing.get_context("spawn")
        queue = context.Queue()
        for name in names:
            queue.put(name)
        level = logging.getLogger().getEffectiveLevel()
        with ProcessPoolExecutor(len(names), mp_context=context, initializer=_start_worker,
                                 initargs=(queue, level, torch.get_num_threads())) as pool:
            futures = {
                pool.submit(_worker_evaluate, unit, out_dir, spec.resamples, spec.viewer_splats if position in viewer_positions else 0): (position, unit)
                for position, unit in pending
            }
            for future in as_completed(futures):
                position, unit = futures[future]
                results[position] = future.result()
                summary.computed.append(unit.label)
                bar.set_postfix_str(unit.label)
                bar.update()
    bar.close()
    summary.results = [results[position] for position in range(len(spec.units))]
    logger.info("benchmark: %d evaluated, %d reused", len(summary.computed), len(summary.reused))
    return summary
