"""Shared set-up for the end-to-end training tests: one small example set, tiny-run overrides,
and subprocess launching of ``python -m splatbench``."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

from splatbench.training.demo import TRAIN_SAMPLER_OVERRIDES
from tests.conftest import REPO_ROOT

# Few small scenes keep every run short; 64x64 frames as in the demo.
EXAMPLE_TRAIN_SCENES = 4
EXAMPLE_TEST_SCENES = 2


def build_example_set(root: Path) -> Path:
    from splatbench.data.example import make_example_dataset

    return make_example_dataset(
        root, num_scenes=EXAMPLE_TRAIN_SCENES, num_test_scenes=EXAMPLE_TEST_SCENES, include_middlebury=False
    )


def tiny_overrides(data_dir: Path, output_dir: Path, mode: str, *extra: str, with_mode: bool = True) -> list[str]:
    """Overrides for a tiny run; ``with_mode=False`` leaves ``mode=`` out (the CLI subcommand sets it)."""
    overrides = [
        "+experiment=demo_tiny",
        f"dataset.roots=[{data_dir}]",
        f"output_dir={output_dir}",
        "data_loader.train.batch_size=1",
        "train.print_log_every_n_steps=1",
    ]
    if with_mode:
        overrides.append(f"mode={mode}")
    if mode == "train":
        overrides += TRAIN_SAMPLER_OVERRIDES
    if mode == "test":
        overrides += [
            "dataset/view_sampler=evaluation",
            f"dataset.view_sampler.index_path={data_dir / 'evaluation_index.json'}",
        ]
    return overrides + list(extra)


def load_cfg(overrides: list[str]):
    from splatbench.cli.hydra_main import compose, load_config

    return load_config(compose(overrides))


def subprocess_env() -> dict[str, str]:
    paths = [str(REPO_ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths), "OMP_NUM_THREADS": "1"}


def run_python(args: list[str], cwd: Path, timeout: float = 240) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=subprocess_env(), timeout=timeout, capture_output=True, text=True
    )


def start_python(args: list[str], cwd: Path, log: Path) -> subprocess.Popen:
    handle = log.open("w")
    return subprocess.Popen([sys.executable, *args], cwd=cwd, env=subprocess_env(), stdout=handle, stderr=subprocess.STDOUT)


def logged_losses(output_dir: Path) -> dict[int, float]:
    """``step -> loss/total`` from every CSV log version under ``output_dir/logs``."""
    losses: dict[int, float] = {}
    for path in sorted((output_dir / "logs").glob("version_*/metrics.csv")):
        with path.open() as handle:
            for row in csv.DictReader(handle):
                if row.get("loss/total"):
                    losses[int(row["step"])] = float(row["loss/total"])
    return losses


def encoder_available() -> bool:
    try:
        from splatbench.model.encoder.depthsplat import get_encoder  # noqa: F401
    except ImportError:
        return False
    return True
