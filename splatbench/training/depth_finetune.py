"""Depth-only fine-tuning with ground-truth depth, measured before and after.

``run_depth_finetune`` builds the procedural example set (if missing), evaluates the depth model
on three sets, trains it with ``loss=[context_depth]`` on 2 to 8 context views per batch, and
evaluates again:

* ``train``: the training scenes themselves (fit),
* ``held_back``: the example set's test scenes, never trained on,
* ``middlebury``: the real Middlebury motorcycle pair (left view has ground truth).

Each evaluation is an ordinary ``mode=test`` run with ``dataset.load_depth_maps=true`` on the
scenes' evaluation index, so the depth metrics come from the same test loop, per scene and
averaged over scenes. The result (AbsRel, delta < 1.25 and the rest, before and after) goes to
``<out>/depth_finetune.json`` and a markdown table to ``<out>/depth_finetune.md``.

``--minutes`` trains for about that long: a short calibration run measures the step time and
sets ``trainer.max_steps`` (the learning-rate schedule needs the step count up front).
"""

from __future__ import annotations

import argparse
import logging
import math
import shutil
import time
from pathlib import Path

import pytorch_lightning as pl
import torch

from splatbench.evaluation.depth_metrics import DEPTH_METRIC_NAMES
from splatbench.training.checkpointing import CHECKPOINT_DIRNAME, find_latest_checkpoint
from splatbench.evaluation.report import format_metrics_table
from splatbench.utils.io import atomic_write_json, atomic_write_text

logger = logging.getLogger(__name__)

DEPTH_EXPERIMENT = "depth_tiny"
# Context gaps that fit the example scenes' 48 frames and leave room for 8 distinct views.
TRAIN_SAMPLER_OVERRIDES = [
    "dataset.view_sampler.num_target_views=1",
    "dataset.view_sampler.min_distance_between_context_views=8",
    "dataset.view_sampler.max_distance_between_context_views=16",
    "dataset.view_sampler.initial_min_distance_between_context_views=8",
    "dataset.view_sampler.initial_max_distance_between_context_views=16",
    "dataset.view_sampler.extra_views_sampling_strategy=farthest_point",
]
MIDDLEBURY_STORED_SHAPE = (500, 741)
CALIBRATION_STEPS = 12
REPORTED = ("depth_abs_rel", "depth_delta1", "depth_abs_rel_scaled", "depth_delta1_scaled")


def prepare_data(data_dir: Path, num_scenes: int, image_shape: tuple[int, int], progress: bool = True) -> dict[str, Path]:
    """Example set plus a root whose test split holds the training scenes; returns
    ``{evaluation set: root}`` (each root has ``test/`` and ``evaluation_index.json``)."""
    from splatbench.data.chunks import list_chunks, read_chunk
    from splatbench.data.evaluation_index import generate_evaluation_index
    from splatbench.data.example import make_example_dataset

    if not (data_dir / "evaluation_index.json").is_file():
        make_example_dataset(data_dir, num_scenes=num_scenes, image_shape=image_shape, progress=progress)
    fit_root = data_dir / "fit"
    if not (fit_root / "evaluation_index.json").is_file():
        counts = {}
        for chunk in list_chunks(data_dir / "train"):
            (fit_root / "test").mkdir(parents=True, exist_ok=True)
            shutil.copyfile(chunk, fit_root / "test" / chunk.name)
            counts.update({scene["key"]: len(scene["images"]) for scene in read_chunk(chunk)})
        shutil.copyfile(data_dir / "train" / "index.json", fit_root / "test" / "index.json")
        atomic_write_json(fit_root / "evaluation_index.json", generate_evaluation_index(counts, context_gap=12, num_targets=1))
    return {"train": fit_root, "held_back": data_dir, "middlebury": data_dir / "middlebury"}


def _compose(overrides: list[str]):
    from splatbench.cli.hydra_main import compose, load_config

    return load_config(compose(overrides))


def evaluate(
    root: Path,
    output_dir: Path,
    base: list[str],
    checkpoint: Path | None,
    shapes: tuple[tuple[int, int], tuple[int, int]] | None = None,
) -> dict:
    """Depth metrics of one test run on ``root``'s evaluation index (averages over scenes)."""
    from splatbench.training.run import test

    overrides = [
        *base,
        f"dataset.roots=[{root}]",
        f"output_dir={output_dir}",
        "mode=test",
        "dataset/view_sampler=evaluation",
        f"dataset.view_sampler.index_path={root / 'evaluation_index.json'}",
    ]
    if shapes is not None:  # (processing size, stored frame size) of a set unlike the example scenes
        (height, width), (stored_height, stored_width) = shapes
        overrides += [f"dataset.image_shape=[{height},{width}]", f"dataset.ori_image_shape=[{stored_height},{stored_width}]"]
    if checkpoint is not None:
        overrides.append(f"checkpointing.load={checkpoint}")
    reports = test(_compose(overrides))
    report = reports[""]
    averages = report.averages()
    return {"scenes": len(report.scenes), "skipped": len(report.skipped), **{k: averages[k] for k in DEPTH_METRIC_NAMES if k in averages}}


class StepTimer(pl.Callback):
    """Wall-clock time of each training step after the first ``warm_up`` (start-up excluded)."""

    def __init__(self, warm_up: int = 3) -> None:
        self.warm_up = warm_up
        self.stamps: list[float] = []

    def on_train_batch_end(self, trainer, module, outputs, batch, batch_idx) -> None:
        if torch.cuda.is_available():
            torch.cuda.synchronize()
        self.stamps.append(time.perf_counter())

    @property
    def seconds_per_step(self) -> float:
        timed = self.stamps[self.warm_up :]
        if len(timed) < 2:
            raise RuntimeError(f"step timer: {len(self.stamps)} steps recorded, too few to time")
        return (timed[-1] - timed[0]) / (len(timed) - 1)


def _train(base: list[str], root: Path, output_dir: Path, steps: int) -> tuple[float, StepTimer]:
    """(wall seconds of the whole run, the step timer)."""
    from splatbench.training.run import train

    cfg = _compose([*base, f"dataset.roots=[{root}]", f"output_dir={output_dir}", "mode=train",
                    f"trainer.max_steps={steps}", *TRAIN_SAMPLER_OVERRIDES])
    timer = StepTimer()
    start = time.perf_counter()
    train(cfg, extra_callbacks=[timer])
    return time.perf_counter() - start, timer


def run_depth_finetune(
    out_dir: str | Path,
    overrides: list[str] | None = None,
    steps: int | None = 40,
    minutes: float | None = None,
    num_scenes: int = 12,
    image_shape: tuple[int, int] = (64, 64),
    middlebury_shape: tuple[int, int] = (128, 192),
    sets: tuple[str, ...] = ("train", "held_back", "middlebury"),
) -> dict:
    """Evaluate, fine-tune, evaluate; returns (and writes) ``{set: {"before", "after"}}`` plus run facts."""
    out_dir = Path(out_dir)
    if (out_dir / "run" / CHECKPOINT_DIRNAME).exists():
        raise FileExistsError(f"{out_dir / 'run'}: already holds a training run; use an empty --out")
    base = [f"+experiment={DEPTH_EXPERIMENT}", f"dataset.image_shape=[{image_shape[0]},{image_shape[1]}]",
            f"dataset.ori_image_shape=[{image_shape[0]},{image_shape[1]}]", *(overrides or [])]
    roots = prepare_data(out_dir / "data", num_scenes, image_shape)
    shapes = {"middlebury": (middlebury_shape, MIDDLEBURY_STORED_SHAPE)}

    result: dict = {"sets": {}, "overrides": base}
    for name in sets:
        result["sets"][name] = {"before": evaluate(roots[name], out_dir / "eval_before" / name, base, None, shapes.get(name))}

    if minutes is not None:
        _, timer = _train(base, roots["held_back"], out_dir / "calibration", CALIBRATION_STEPS)
        steps = max(1, math.ceil(minutes * 60 / timer.seconds_per_step))
        logger.info("calibration: %.4f s per step -> %d steps for %.2f minutes", timer.seconds_per_step, steps, minutes)
    if steps is None:
        raise ValueError("give steps or minutes")
    train_seconds, timer = _train(base, roots["held_back"], out_dir / "run", steps)
    checkpoint = find_latest_checkpoint(out_dir / "run" / CHECKPOINT_DIRNAME)
    if checkpoint is None:
        raise RuntimeError(f"training wrote no checkpoint under {out_dir / 'run' / CHECKPOINT_DIRNAME}")
    for name in sets:
        result["sets"][name]["after"] = evaluate(roots[name], out_dir / "eval_after" / name, base, checkpoint, shapes.get(name))
    stepping = timer.stamps[-1] - timer.stamps[0] if len(timer.stamps) > 1 else 0.0
    result.update({"steps": steps, "train_seconds": train_seconds, "stepping_seconds": stepping, "checkpoint": str(checkpoint)})

    rows = []
    for name, phases in result["sets"].items():
        for phase in ("before", "after"):
            rows.append({"set": name, "phase": phase, **phases[phase]})
    table = format_metrics_table(rows, ["set", "phase", "scenes", *REPORTED])
    result["table"] = table
    atomic_write_json(out_dir / "depth_finetune.json", result)
    atomic_write_text(out_dir / "depth_finetune.md", table + "\n")
    logger.info("depth fine-tuning: %d steps, %.0f s of steps (%.0f s with start-up)\n%s", steps, stepping, train_seconds, table)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="outputs/depth_finetune", help="folder for data, checkpoints and results")
    parser.add_argument("--steps", type=int, default=40, help="training steps (ignored with --minutes)")
    parser.add_argument("--minutes", type=float, default=None, help="train for about this long instead")
    parser.add_argument("--scenes", type=int, default=12, help="training scenes of the example set")
    parser.add_argument("--size", type=int, nargs=2, default=(64, 64), metavar=("H", "W"), help="frame size")
    parser.add_argument("overrides", nargs="*", help="extra Hydra overrides, e.g. model/encoder=depthsplat")
    args = parser.parse_args(argv)
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(message)s")
    result = run_depth_finetune(args.out, args.overrides, args.steps, args.minutes, args.scenes, tuple(args.size))
    print(result["table"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
