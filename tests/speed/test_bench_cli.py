"""``splatbench bench`` runs end to end on the CPU at tiny sizes (the smoke run), writes its JSON
and markdown, and refuses bad input with one line on stderr and exit status 2."""

from __future__ import annotations

import json

import pytest
import torch

from splatbench.cli.main import main


# On the CPU the bf16 plans run their Triton kernels through the interpreter: one tiny encoder
# call takes seconds in bf16 and half a minute in bf16_all, and a mode makes five. So the full run
# (with renders) times fp32 only, and the encoder-only run takes bf16 for the drift-from-fp32 path.


def test_smoke_run_writes_report(tmp_path, capsys):
    out = tmp_path / "bench"
    assert main(["bench", "--smoke", "--cases", "tiny_2v_32", "--device", "cpu", "--out", str(out),
                 "--precisions", "fp32", "tf32", "--profile", "tiny_2v_32:fp32"]) == 0  # fmt: skip
    report = json.loads((out / "bench.json").read_text())
    assert list(report["cases"]["tiny_2v_32"]["precisions"]) == ["fp32"]  # no TF32 off CUDA
    figures = report["cases"]["tiny_2v_32"]["precisions"]["fp32"]
    for key in ("encoder_ms", "end_to_end_ms", "render_ms_per_view"):
        assert figures[key] > 0
    assert figures["profile"]["wall_ms"] > 0
    assert report["environment"]["torch"]
    markdown = (out / "bench.md").read_text()
    assert "| tiny_2v_32 | fp32 |" in markdown
    assert "| tiny_2v_32 | fp32 |" in capsys.readouterr().out
    # A second run does not overwrite the first unless told to.
    assert main(["bench", "--smoke", "--cases", "tiny_2v_32", "--device", "cpu", "--out", str(out)]) == 2


def test_encoder_only_run_records_the_cost_volume_backend(tmp_path):
    out = tmp_path / "bench"
    assert main(["bench", "--smoke", "--cases", "tiny_2v_32", "--device", "cpu", "--out", str(out),
                 "--precisions", "fp32", "bf16", "--no-render", "--cost-volume", "torch"]) == 0  # fmt: skip
    report = json.loads((out / "bench.json").read_text())
    for mode in ("fp32", "bf16"):
        figures = report["cases"]["tiny_2v_32"]["precisions"][mode]
        assert figures["encoder_ms"] > 0 and "end_to_end_ms" not in figures and "render_ms_per_view" not in figures
    assert figures["depth_relative_difference"]["max"] >= 0 and "render_psnr_vs_fp32_db" not in figures
    assert report["options"]["cost_volume"] == "torch"
    assert "cost volume torch" in (out / "bench.md").read_text()


@pytest.mark.parametrize(
    "arguments, field",
    [
        (["--cases", "nonexistent"], "--cases"),
        (["--precisions", "fp8"], "--precisions"),
        (["--reference-src", "/nonexistent/depthsplat"], "--reference-src"),
        (["--train-data", "/nonexistent/data"], "--train-data"),
        (["--device", "tpu"], "--device"),
        (["--profile", "tiny_2v_32:bf17"], "--profile"),
        (["--cost-volume", "cuda"], "--cost-volume"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys, arguments, field):
    assert main(["bench", "--smoke", "--out", str(tmp_path / "out"), *arguments]) == 2
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1 and field in error[0]


def test_training_figures_are_saved_as_each_configuration_finishes(tmp_path, monkeypatch):
    """A run killed during the second training configuration (the GPU call's time limit) keeps
    the first one's figures in bench.json."""
    import splatbench.evaluation.speed_training as speed_training

    data = tmp_path / "data"
    data.mkdir()
    calls = []

    def fake_bench_training(data_root, device, **kwargs):
        calls.append(kwargs["lpips"])
        if len(calls) == 2:
            raise KeyboardInterrupt  # stands for the SIGTERM of `timeout`: not caught per configuration
        return {"batch_size": 2, "step_ms": 123.0, "samples_per_second": 65.0, "lpips": kwargs["lpips"]}

    monkeypatch.setattr(speed_training, "bench_training", fake_bench_training)
    out = tmp_path / "bench"
    with pytest.raises(KeyboardInterrupt):
        main(["bench", "--smoke", "--cases", "--device", "cpu", "--out", str(out), "--train-data", str(data),
              "--train-precisions", "fp32", "--train-lpips", "both"])  # fmt: skip
    training = json.loads((out / "bench.json").read_text())["training"]
    assert len(training) == 1 and next(iter(training.values()))["samples_per_second"] == 65.0
    assert "| 2 | 123.0 | 65.0 |" in (out / "bench.md").read_text()


def test_compiled_bench_drops_dynamo_caches_before_returning(monkeypatch):
    """``bench --compile``: the encoder goes through ``compile_encoder`` and Dynamo's caches are
    dropped before ``run_benchmark`` returns, not at interpreter shutdown (on the H200 a compiled
    run segfaulted at exit, status 139, after writing its report; with the reset it exits 0)."""
    from splatbench.evaluation import speed

    compiled_modules, resets = [], []

    def stand_in_compile(encoder):
        compiled_modules.append(encoder)
        return encoder

    monkeypatch.setattr(speed, "compile_encoder", stand_in_compile)
    monkeypatch.setattr(torch._dynamo, "reset", lambda: resets.append(len(compiled_modules)))
    options = speed.BenchOptions(device="cpu", cases=["tiny_2v_32"], precisions=["fp32"], repeats=1, warmup=0, compile=True)
    report = speed.run_benchmark(options, progress=False)
    assert report["cases"]["tiny_2v_32"]["precisions"]["fp32"]["encoder_ms"] > 0
    assert len(compiled_modules) == 1 and resets == [1]  # once, after the case was measured
