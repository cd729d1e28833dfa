"""A benchmark spec naming methods of the registry (MVSplat with an official-layout checkpoint of
generated weights, the tiny DepthSplat-family model) runs end to end on the example set, and the
leaderboard shows each method with its parameter count. (Baselines, reuse, reports and plots:
test_benchmark.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

GOLDEN = Path(__file__).parents[1] / "encoder" / "golden"


@pytest.fixture(scope="module")
def bench_root(tmp_path_factory) -> Path:
    from splatbench.data.example import make_example_dataset
    from splatbench.model.generated_weights import (
        fill_weights_from_names,
        generated_state_dict,
        load_shape_table,
        write_fake_official_checkpoint,
    )
    from splatbench.model.methods import build_encoder

    root = tmp_path_factory.mktemp("bench_methods")
    make_example_dataset(root / "data", num_scenes=1, num_test_scenes=1, num_frames=24, context_gap=10, include_middlebury=False)
    mvsplat = generated_state_dict(load_shape_table(GOLDEN / "mvsplat_state_dict.tsv"))
    write_fake_official_checkpoint(root / "re10k.ckpt", "lightning", mvsplat)
    tiny = fill_weights_from_names(build_encoder("tiny"), prefix="encoder.")
    torch.save({f"encoder.{k}": v for k, v in tiny.state_dict().items()}, root / "tiny.pth")
    import yaml

    spec = {
        "resamples": 200,
        "runs": [
            {"name": "mvsplat-generated", "method": "mvsplat", "checkpoint": "re10k.ckpt", "experiment": "demo_tiny",
             "dataset_root": "data", "indices": {"all": "data/evaluation_index.json"}},
            {"name": "tiny-generated", "method": "tiny", "checkpoint": "tiny.pth", "dataset_root": "data",
             "indices": {"all": "data/evaluation_index.json"}},
        ],
    }  # fmt: skip
    (root / "spec.yaml").write_text(yaml.safe_dump(spec))
    return root


def test_spec_with_methods_runs_and_reports_parameters(bench_root):
    from splatbench.evaluation.benchmark.report import leaderboard_markdown, leaderboard_rows
    from splatbench.evaluation.benchmark.runner import run_benchmark
    from splatbench.evaluation.benchmark.spec import load_spec
    from splatbench.model.methods import parameter_count

    spec = load_spec(bench_root / "spec.yaml")
    by_run = {unit.run: unit for unit in spec.units}
    assert by_run["mvsplat-generated"].method == "mvsplat"
    assert "model/encoder=mvsplat" in by_run["mvsplat-generated"].overrides
    assert by_run["tiny-generated"].experiment == "demo_tiny"  # the method's own experiment
    summary = run_benchmark(spec, bench_root / "out", device="cpu", progress=False)
    assert len(summary.computed) == 2
    all_rows = leaderboard_rows(summary.results)
    rows = {row["run"]: row for row in all_rows if row["kind"] == "measured"}
    assert rows["mvsplat-generated"]["parameters"] == parameter_count("mvsplat") == 11_955_734
    assert rows["tiny-generated"]["parameters"] == parameter_count("tiny")
    assert all(row["scenes_evaluated"] == 1 and row["psnr"] > 0 for row in rows.values())
    markdown = leaderboard_markdown(summary.results, all_rows)
    assert "| mvsplat-generated (mvsplat) | 11.96 M |" in markdown, markdown
    assert "| MVSplat | re10k-pixelsplat-256 | 26.39 | 0.8690 | 0.1280 |" in markdown  # the published row


def test_unknown_method_is_one_line_naming_the_field(bench_root):
    from splatbench.evaluation.benchmark.spec import SpecError, load_spec

    bad = bench_root / "bad.yaml"
    bad.write_text((bench_root / "spec.yaml").read_text().replace("method: tiny", "method: nope"))
    with pytest.raises(SpecError, match=r"runs\[1\]\.method: unknown method 'nope'"):
        load_spec(bad)
