"""SIGTERM under 2-process DDP (CPU, gloo) without Lightning's per-step broadcast: a SIGTERM sent to
rank 1 alone (Lightning's broadcast only ever carried rank 0's) stops both ranks after the same step,
instead of leaving rank 0 waiting in a collective."""

from __future__ import annotations

import os
import signal
import time

import pytest

from tests.training.e2e_helpers import build_example_set, encoder_available, start_python, tiny_overrides

pytestmark = pytest.mark.skipif(not encoder_available(), reason="splatbench.model.encoder.get_encoder has not landed yet")

STEP_RECORDING_SCRIPT = '''
import os, sys
from splatbench.cli.hydra_main import compose, load_config
from splatbench.training.model_wrapper import ModelWrapper
from splatbench.training.run import run

record_dir = sys.argv[1]
original_step = ModelWrapper.training_step

def recording_step(self, batch, batch_idx):
    with open(os.path.join(record_dir, f"rank{self.global_rank}.steps"), "a") as handle:
        handle.write(f"{os.getpid()} {self.global_step}\\n")
    return original_step(self, batch, batch_idx)

ModelWrapper.training_step = recording_step
run(load_config(compose(sys.argv[2:])))
'''


def _steps(path) -> list[list[str]]:
    return [line.split() for line in path.read_text().splitlines()] if path.exists() else []


def test_sigterm_on_rank_1_stops_both_ranks_at_the_same_step(tmp_path):
    example_set = build_example_set(tmp_path / "example")
    script = tmp_path / "record_steps.py"
    script.write_text(STEP_RECORDING_SCRIPT)
    overrides = tiny_overrides(
        example_set, tmp_path / "run", "train", "trainer.max_steps=500", "checkpointing.every_n_train_steps=1000",
        "trainer.devices=2", "trainer.strategy=ddp", "data_loader.train.num_workers=0",
    )
    process = start_python([str(script), str(tmp_path), *overrides], cwd=tmp_path, log=tmp_path / "train.log")
    try:
        deadline = time.time() + 180
        while time.time() < deadline and process.poll() is None and len(_steps(tmp_path / "rank1.steps")) < 3:
            time.sleep(0.2)
        assert process.poll() is None, (tmp_path / "train.log").read_text()[-3000:]
        rank1_pid = int(_steps(tmp_path / "rank1.steps")[0][0])
        assert rank1_pid != process.pid
        os.kill(rank1_pid, signal.SIGTERM)
        process.wait(timeout=90)
    finally:
        if process.poll() is None:
            process.kill()
            pytest.fail("rank 0 kept running after rank 1 got SIGTERM:\n" + (tmp_path / "train.log").read_text()[-3000:])
    # both ranks trained exactly the same steps and stopped long before max_steps
    time.sleep(1)
    steps = [[int(step) for _, step in _steps(tmp_path / f"rank{rank}.steps")] for rank in (0, 1)]
    assert steps[0] == steps[1] == list(range(len(steps[0]))) and 3 <= len(steps[0]) < 500, steps
