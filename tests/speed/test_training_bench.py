"""The training benchmark (``splatbench bench --train-data``) on the CPU at the smallest size: it
runs the real training path (here with NHWC encoder convolutions), splits the start-up into phases that add up, profiles with operator
shapes, and leaves the process's matmul precision as it found it."""

from __future__ import annotations

import torch

from splatbench.data.example import make_example_dataset
from splatbench.evaluation.speed import markdown_report
from splatbench.evaluation.speed_training import STARTUP_PHASES, bench_training
from splatbench.training.run import TRAINING_MATMUL_PRECISION

ENVIRONMENT = {"device": "cpu", "torch": torch.__version__, "python": "3", "splatbench": "0"}


def test_training_bench_reports_startup_phases_and_profile(tmp_path):
    data = tmp_path / "data"
    make_example_dataset(data, num_scenes=1, num_test_scenes=1, num_frames=12, image_shape=(32, 32), include_middlebury=False)
    previous = torch.get_float32_matmul_precision()  # earlier tests may have run `splatbench train`
    before = "highest"
    assert before != TRAINING_MATMUL_PRECISION  # otherwise the restore below proves nothing
    torch.set_float32_matmul_precision(before)
    try:
        figures = bench_training(data, torch.device("cpu"), preset="tiny", batch_size=1, image_shape=(32, 32),
                                 lpips=False, steps=1, warmup=2, num_workers=0, profile_steps=1, channels_last=True)  # fmt: skip
        assert torch.get_float32_matmul_precision() == before
    finally:
        torch.set_float32_matmul_precision(previous)
    assert figures["matmul_precision"] == TRAINING_MATMUL_PRECISION and figures["channels_last"]
    startup = figures["startup_s"]
    phases = [phase for phase, _ in STARTUP_PHASES]
    assert list(startup) == [*phases, "total_to_first_step"]
    assert all(seconds >= 0 for seconds in startup.values())
    # The phases up to the first step add up to the total (each measured from the previous milestone).
    first_step_phases = phases[: phases.index("first_step") + 1]
    assert abs(sum(startup[p] for p in first_step_phases) - startup["total_to_first_step"]) < 0.01
    assert figures["profile"]["processing_s"] >= 0
    assert figures["first_step_ops"] and all(op["own_cpu_s"] >= 0 for op in figures["first_step_ops"])
    ops = figures["profile"]["top_ops"]
    assert ops and all(op["op"].startswith("aten::") and op["ms_per_step"] > 0 for op in ops)
    markdown = markdown_report({"environment": ENVIRONMENT, "cases": {}, "training": {"tiny MSE fp32": figures}})
    assert "total_to_first_step" not in markdown and "first_step" in markdown and "| operator | input shapes |" in markdown
    assert "First step of tiny MSE fp32, host operators" in markdown
