"""DDP building blocks without a GPU: the step-time summaries and the scaling diagnosis against
hand-computed values, the DistributedDataParallel settings, and the cross-rank finite-step decision
on two gloo processes."""

from __future__ import annotations

import json
import math
import socket

import pytest
import torch
import torch.multiprocessing as mp
from torch import nn

from splatbench.training.model_wrapper import all_ranks_true, host_scalar
from splatbench.training.strategy import FrozenBufferDDPStrategy, keeps_running_statistics
from splatbench.training.throughput import scaling_diagnosis, step_time_summary, straggler_ms


def test_step_time_summary_by_hand():
    # 1..10 ms: median between 5 and 6; p90 at position 0.9 * 9 = 8.1 -> 9 + 0.1 * (10 - 9)
    assert step_time_summary([float(v) for v in (7, 1, 10, 3, 5, 2, 9, 4, 6, 8)]) == {"median": 5.5, "p90": 9.1, "max": 10.0}
    # one value; NaN (not measured) left out; nothing measured -> None
    assert step_time_summary([4.0, math.nan]) == {"median": 4.0, "p90": 4.0, "max": 4.0}
    assert step_time_summary([math.nan]) is None and step_time_summary([]) is None


def test_straggler_ms_by_hand():
    # step 1: ranks 100, 140 -> max 140 - mean 120 = 20; step 2: 130, 110 -> 130 - 120 = 10; mean 15
    assert straggler_ms([[100.0, 130.0], [140.0, 110.0]]) == 15.0
    assert straggler_ms([[100.0, 130.0]]) == 0.0  # one rank waits for nobody
    assert straggler_ms([[100.0, math.nan], [1.0, 2.0]]) is None and straggler_ms([]) is None


def test_scaling_diagnosis_factors_by_hand():
    # alone 20/s; DDP 34/s on 2 GPUs; the pair at the same time 19 + 18 = 37/s
    d = scaling_diagnosis(20.0, 34.0, [19.0, 18.0])
    assert d["scaling_efficiency"] == 0.85  # 34 / 40
    assert d["contention_factor"] == 0.925  # 37 / 40
    assert d["synchronisation_factor"] == round(34 / 37, 4) == 0.9189
    assert d["slowest_independent_vs_alone"] == 0.9
    assert d["causes"] == ["host/resource contention", "DDP synchronisation"]
    # the pair keeps the alone rate: all of the loss is synchronisation
    assert scaling_diagnosis(20.0, 34.0, [20.0, 19.9])["causes"] == ["DDP synchronisation"]
    assert scaling_diagnosis(20.0, 39.0, [20.0, 20.0])["causes"] == ["none above tolerance"]
    with pytest.raises(ValueError, match="alone=0"):
        scaling_diagnosis(0.0, 34.0, [19.0, 18.0])


def test_ddp_settings_broadcast_buffers_only_for_running_statistics():
    constants = nn.Sequential(nn.Linear(2, 2))
    constants.register_buffer("mean", torch.zeros(3))
    assert not keeps_running_statistics(constants)
    assert keeps_running_statistics(nn.Sequential(nn.Conv2d(1, 1, 1), nn.BatchNorm2d(1)))
    assert not keeps_running_statistics(nn.BatchNorm2d(1, track_running_stats=False))
    assert keeps_running_statistics(nn.InstanceNorm2d(1, track_running_stats=True))
    assert FrozenBufferDDPStrategy()._ddp_kwargs == {"gradient_as_bucket_view": True}
    assert FrozenBufferDDPStrategy(gradient_as_bucket_view=False)._ddp_kwargs == {"gradient_as_bucket_view": False}


def test_host_scalar_stays_on_the_host():
    value = host_scalar(3)
    assert value.device.type == "cpu" and value.dtype == torch.float32 and float(value) == 3.0


def _decide(rank: int, port: int, flags: list[list[bool]], results) -> None:
    torch.distributed.init_process_group("gloo", init_method=f"tcp://127.0.0.1:{port}", rank=rank, world_size=2)
    try:
        results[rank] = all_ranks_true(torch.tensor(flags[rank]))
    finally:
        torch.distributed.destroy_process_group()


def test_step_decisions_are_agreed_across_two_gloo_ranks():
    assert all_ranks_true(torch.tensor([True, False])) == [True, False]  # no process group: this rank's own
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    results = mp.get_context("spawn").Manager().dict()
    # (finite, no SIGTERM) per rank: rank 1's non-finite gradient and rank 0's SIGTERM reach both ranks
    mp.spawn(_decide, args=(port, [[True, False], [False, True]], results), nprocs=2, join=True)
    assert dict(results) == {0: [False, False], 1: [False, False]}


class _Clock:
    now = 0.0

    def perf_counter(self) -> float:
        return self.now


def test_throughput_window_skips_warmup_and_the_final_checkpoint(tmp_path, monkeypatch):
    """A hand-timed run: 5 steps, 2 of warm-up; each step waits 10 ms for its batch and computes
    100 ms; after the last step the final checkpoint takes 4.45 s, which must not be timed."""
    import json
    from types import SimpleNamespace

    from splatbench.training import throughput as module

    clock = _Clock()
    monkeypatch.setattr(module, "time", clock)
    meter = module.ThroughputMeter(tmp_path, warmup_steps=2)
    strategy = SimpleNamespace(reduce=lambda tensor, reduce_op: tensor, all_gather=lambda tensor: tensor)
    trainer = SimpleNamespace(global_step=0, max_steps=5, world_size=1, num_nodes=1, is_global_zero=True, strategy=strategy)
    pl_module = SimpleNamespace(device=torch.device("cpu"))
    batch = {"target": {"image": torch.zeros(2, 4)}}
    meter.on_train_start(trainer, pl_module)
    for step in range(1, 6):
        clock.now += 0.010
        meter.on_train_batch_start(trainer, pl_module, batch, step - 1)
        clock.now += 0.100
        trainer.global_step = step
        meter.on_train_batch_end(trainer, pl_module, None, batch, step - 1)
    clock.now += 4.45  # the final checkpoint
    meter.on_train_end(trainer, pl_module)
    record = json.loads((tmp_path / module.THROUGHPUT_FILE).read_text())[-1]
    # clock from the end of step 2 (0.22 s) to the end of step 5 (0.55 s): 3 steps, 3 x 2 samples
    assert (record["first_step"], record["last_step"], record["steps_timed"]) == (2, 5, 3)
    assert record["seconds"] == 0.33 and record["samples"] == 6
    assert record["samples_per_s"] == round(6 / 0.33, 3) and record["step_ms"] == 110.0
    assert record["step_ms_per_rank"] == [{"median": 110.0, "p90": 110.0, "max": 110.0}]
    assert record["loader_wait_ms_per_rank"] == [{"median": 10.0, "p90": 10.0, "max": 10.0}]
    assert record["between_steps_ms_per_rank"] == [10.0]
    assert record["forward_gpu_ms_per_rank"] is None and record["device"] == "cpu"


def test_a_damaged_throughput_file_is_kept_and_the_record_goes_beside_it(tmp_path, caplog):
    from splatbench.training.throughput import append_record

    path = tmp_path / "throughput.json"
    path.write_text("[{\"samples_per_s\": 1.0}")  # cut off mid-write by someone else's tool
    record = {"first_step": 10, "last_step": 40, "samples_per_s": 23.0}
    written = append_record(path, record)
    assert path.read_text() == "[{\"samples_per_s\": 1.0}"
    assert written.name == "throughput_steps_10-40.json"
    assert json.loads(written.read_text()) == [record]
    assert "throughput.json is not a JSON list" in caplog.text
    # A readable file gets the record appended.
    good = tmp_path / "good.json"
    good.write_text("[{\"samples_per_s\": 1.0}]")
    assert append_record(good, record) == good
    assert json.loads(good.read_text()) == [{"samples_per_s": 1.0}, record]
