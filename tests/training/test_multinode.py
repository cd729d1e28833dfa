"""Multi-node launch as users run it: ``torchrun --nnodes 2 --node-rank {0,1}`` with a rendezvous on
localhost, one process per "node" (CPU, gloo), ``trainer.num_nodes=2 trainer.devices=1``.

Checks that Lightning sees one world of two processes across the two launches (each rank trains on its
own share of the scenes), that the run ends at ``max_steps`` with one checkpoint, and that the
throughput record counts both processes and both nodes.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from splatbench.training.checkpointing import checkpoint_step
from tests.training.e2e_helpers import build_example_set, encoder_available, subprocess_env, tiny_overrides
from tests.training.test_train_e2e import DDP_SCRIPT

pytestmark = pytest.mark.skipif(not encoder_available(), reason="splatbench.model.encoder.get_encoder has not landed yet")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_two_simulated_nodes_train_as_one_world(tmp_path):
    example_set = build_example_set(tmp_path / "example")
    script = tmp_path / "record_scenes.py"
    script.write_text(DDP_SCRIPT)
    output_dir = tmp_path / "run"
    overrides = tiny_overrides(
        example_set, output_dir, "train", "trainer.max_steps=4", "checkpointing.every_n_train_steps=4",
        "trainer.devices=1", "trainer.num_nodes=2", "trainer.strategy=ddp", "data_loader.train.num_workers=1",
    )
    port = str(_free_port())
    launches = []
    for node in (0, 1):
        command = [
            sys.executable, "-m", "torch.distributed.run", "--nnodes", "2", "--nproc-per-node", "1",
            "--node-rank", str(node), "--master-addr", "127.0.0.1", "--master-port", port,
            str(script), str(tmp_path), *overrides,
        ]
        log = (tmp_path / f"node{node}.log").open("w")
        launches.append(subprocess.Popen(command, cwd=tmp_path, env=subprocess_env(), stdout=log, stderr=subprocess.STDOUT))
    codes = [launch.wait(timeout=300) for launch in launches]
    logs = "\n".join((tmp_path / f"node{n}.log").read_text()[-2000:] for n in (0, 1))
    assert codes == [0, 0], logs

    seen = [(tmp_path / f"rank{rank}.txt").read_text().split() for rank in (0, 1)]
    assert len(seen[0]) == 4 and len(seen[1]) == 4
    # 4 training scenes over 2 ranks: each epoch (2 steps) deals every scene to exactly one rank
    for epoch in range(2):
        window = slice(2 * epoch, 2 * epoch + 2)
        assert set(seen[0][window]).isdisjoint(seen[1][window]), seen
    assert [checkpoint_step(p) for p in (output_dir / "checkpoints").glob("*.ckpt")] == [4]
    record = json.loads((output_dir / "throughput.json").read_text())[-1]
    assert record["world_size"] == 2 and record["num_nodes"] == 2
    assert record["steps_timed"] == 2 and record["samples_per_s"] > 0
    # each rank's host time between steps (loader wait), gathered from both nodes
    waits = record["between_steps_ms_per_rank"]
    assert len(waits) == 2 and all(0 <= w < record["step_ms"] for w in waits)
    # per-rank step-time distributions from both nodes (no CUDA: no forward GPU times)
    for key in ("step_ms_per_rank", "loader_wait_ms_per_rank"):
        assert len(record[key]) == 2 and all(0 <= r["median"] <= r["p90"] <= r["max"] for r in record[key]), record
    assert record["forward_gpu_ms_per_rank"] is None and record["forward_straggler_ms"] is None
