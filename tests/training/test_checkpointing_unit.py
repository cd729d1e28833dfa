"""Checkpoint names, latest-checkpoint lookup, atomic checkpoint IO, step helper."""

from __future__ import annotations

import pytest
import torch

from splatbench.training.checkpointing import AtomicCheckpointIO, checkpoint_step, find_latest_checkpoint
from splatbench.training.run import steps_for_total_samples


def test_find_latest_checkpoint_by_step_not_name(tmp_path):
    assert find_latest_checkpoint(tmp_path / "missing") is None
    for name in ["epoch_0-step_900.ckpt", "epoch_1-step_1000.ckpt", "epoch_9-step_99.ckpt", ".epoch_2-step_5000.ckpt.abc.tmp", "notes.ckpt"]:
        (tmp_path / name).write_bytes(b"x")
    assert find_latest_checkpoint(tmp_path).name == "epoch_1-step_1000.ckpt"
    assert checkpoint_step("epoch_212-step_277951.ckpt") == 277951


def test_atomic_checkpoint_io_round_trip_leaves_no_temp_files(tmp_path):
    io = AtomicCheckpointIO()
    path = tmp_path / "checkpoints" / "epoch_0-step_3.ckpt"
    io.save_checkpoint({"state_dict": {"w": torch.ones(2)}, "global_step": 3}, path)
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    loaded = io.load_checkpoint(path)
    assert loaded["global_step"] == 3 and torch.equal(loaded["state_dict"]["w"], torch.ones(2))


def test_steps_for_total_samples_matches_reference_schedules():
    assert steps_for_total_samples(4_800_000, num_gpus=4, batch_size=8) == 150_000
    assert steps_for_total_samples(4_800_000, num_gpus=1, batch_size=1) == 4_800_000
    assert steps_for_total_samples(4_800_000, num_gpus=4, batch_size=8, num_nodes=2) == 75_000
    assert steps_for_total_samples(10, num_gpus=1, batch_size=3) == 4
    with pytest.raises(ValueError, match="batch_size"):
        steps_for_total_samples(10, 1, 0)
