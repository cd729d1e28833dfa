"""Fault injection: a tiny dataset to break, and running ``splatbench ...`` in this process.

Every fault test asserts three things: the exit status (2 for bad input), exactly one message
line on stderr that names the file / scene / key / field, and that nothing was lost or miscounted.
Commands run in-process (``splatbench.cli.main.main``) so that no test pays for a new interpreter.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

# 3 test scenes of 16 frames in 3 chunks (one scene each), 2 training scenes; 64x64 as demo_tiny.
NUM_TEST_SCENES = 3
NUM_FRAMES = 16
# Runs read the 64x64 frames at 32x32: the model's cost is what these tests pay for.
SMALL = ("dataset.image_shape=[32,32]",)


@dataclass
class Outcome:
    status: int
    stdout: str
    stderr: str

    def message_lines(self) -> list[str]:
        """stderr lines that are splatbench's own messages (libraries may warn on stderr too)."""
        return [line for line in self.stderr.splitlines() if line.startswith("splatbench")]


def run_splatbench(*argv: str) -> Outcome:
    """``splatbench ARGV`` in this process; returns the exit status and what it printed."""
    from splatbench.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    saved_argv = list(sys.argv)
    with redirect_stdout(out), redirect_stderr(err):
        try:
            status = main([str(a) for a in argv])
        except SystemExit as stop:
            status = stop.code if isinstance(stop.code, int) else 1
        finally:
            sys.argv = saved_argv
    return Outcome(int(status or 0), out.getvalue(), err.getvalue())


def assert_one_line(outcome: Outcome, *fragments: str) -> str:
    """Exit status 2, exactly one message line, containing every fragment, no traceback."""
    lines = outcome.message_lines()
    assert outcome.status == 2, (outcome.status, outcome.stderr[-3000:])
    assert "Traceback" not in outcome.stderr, outcome.stderr[-3000:]
    assert len(lines) == 1, outcome.stderr[-3000:]
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    return lines[0]


def tree_digest(root: Path) -> dict[str, str]:
    """{relative path: sha256} of every file under ``root``: proves that nothing changed."""
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_overrides(root: Path, output_dir: Path, *extra: str) -> list[str]:
    return [
        "test",
        "+experiment=demo_tiny",
        f"dataset.roots=[{root}]",
        f"output_dir={output_dir}",
        "dataset/view_sampler=evaluation",
        f"dataset.view_sampler.index_path={root / 'evaluation_index.json'}",
        "test.compute_scores=true",
        *SMALL,
        *extra,
    ]


test_overrides.__test__ = False  # a helper, not a test


def train_overrides(root: Path, output_dir: Path, *extra: str) -> list[str]:
    from splatbench.training.demo import TRAIN_SAMPLER_OVERRIDES

    return [
        "train",
        "+experiment=demo_tiny",
        f"dataset.roots=[{root}]",
        f"output_dir={output_dir}",
        "data_loader.train.batch_size=1",
        "dataset.view_sampler.min_distance_between_context_views=4",
        "dataset.view_sampler.max_distance_between_context_views=8",
        *[o for o in TRAIN_SAMPLER_OVERRIDES if "distance" not in o],
        *SMALL,
        *extra,
    ]


@pytest.fixture(scope="session")
def tiny_root(tmp_path_factory) -> Path:
    """The pristine tiny example set; tests copy it (``copy_of``) before breaking anything."""
    from splatbench.data.example import make_example_dataset

    return make_example_dataset(
        tmp_path_factory.mktemp("faults") / "data",
        num_scenes=2,
        num_test_scenes=NUM_TEST_SCENES,
        num_frames=NUM_FRAMES,
        scenes_per_chunk=1,
        context_gap=6,
        include_middlebury=False,
        with_depth_maps=False,
    )


@pytest.fixture
def copy_of(tiny_root, tmp_path):
    def copy(name: str = "data") -> Path:
        target = tmp_path / name
        shutil.copytree(tiny_root, target)
        return target

    return copy


def requested_scenes(index_path: Path) -> set[str]:
    return {scene for scene, entry in json.loads(index_path.read_text()).items() if entry is not None}
