"""Test mode end to end on the example set: reference output layout and JSON contents, the
per-split table, and a 2-process (DDP, gloo) evaluation that equals the 1-process one."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.training.e2e_helpers import encoder_available, build_example_set, load_cfg, run_python, tiny_overrides


pytestmark = pytest.mark.skipif(not encoder_available(), reason="splatbench.model.encoder.get_encoder has not landed yet")

@pytest.fixture(scope="module")
def example_set(tmp_path_factory) -> Path:
    return build_example_set(tmp_path_factory.mktemp("example"))


@pytest.fixture(scope="module")
def single_process_run(example_set, tmp_path_factory) -> tuple[Path, dict]:
    from splatbench.training.run import test

    output_dir = tmp_path_factory.mktemp("test_run")
    reports = test(load_cfg(tiny_overrides(example_set, output_dir, "test")))
    return output_dir, reports


def test_output_layout_and_json_contents(example_set, single_process_run):
    output_dir, reports = single_process_run
    index = json.loads((example_set / "evaluation_index.json").read_text())
    scenes = sorted(k for k, v in index.items() if v is not None)
    for scene in scenes:
        color = output_dir / "images" / scene / "color"
        expected = {f"input_{i:06d}.png" for i in index[scene]["context"]}
        expected |= {f"{i:06d}.png" for i in index[scene]["target"]} | {f"{i:06d}_gt.png" for i in index[scene]["target"]}
        assert {p.name for p in color.iterdir()} == expected

    metrics = output_dir / "metrics"
    average = json.loads((metrics / "scores_all_avg.json").read_text())
    assert set(average) == {"psnr", "ssim", "lpips", "encoder", "decoder"}
    per_scene = {name: json.loads((metrics / f"scores_{name}_all.json").read_text()) for name in ("psnr", "ssim", "lpips")}
    for name, values in per_scene.items():
        assert len(values) == len(scenes)
        assert average[name] == pytest.approx(sum(values) / len(values), rel=1e-9)
    assert 0 < average["ssim"] < 1 and average["lpips"] > 0
    # demo_tiny keeps the reference's default eval_time_skip_steps=0: every call is timed
    assert average["encoder"][0] == len(scenes) and average["decoder"][0] == 3 * len(scenes)
    benchmark = json.loads((metrics / "benchmark.json").read_text())
    assert len(benchmark["encoder"]) == len(scenes) and len(benchmark["decoder"]) == 3 * len(scenes)
    assert isinstance(json.loads((metrics / "peak_memory.json").read_text()), int)

    with (metrics / "scores_per_scene.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    assert [r["scene"] for r in rows] == scenes
    assert [float(r["psnr"]) for r in rows] == pytest.approx(per_scene["psnr"], abs=1e-6)
    assert rows[0]["context_indices"] == " ".join(map(str, index[scenes[0]]["context"]))
    counts = json.loads((metrics / "scene_counts.json").read_text())
    assert counts == {"evaluated": len(scenes), "skipped": 0, "skipped_by_reason": {}, "skipped_scenes": [], "skip_reasons": {}}
    assert "| scenes |" in (metrics / "summary.md").read_text()


def test_split_indices_give_one_row_per_split(example_set, tmp_path):
    from splatbench.training.run import test

    index = json.loads((example_set / "evaluation_index.json").read_text())
    keys = sorted(index)
    paths = []
    for name, chosen in (("high", keys[:1]), ("small", keys[1:])):
        path = tmp_path / f"evaluation_index_example_{name}.json"
        path.write_text(json.dumps({k: (index[k] if k in chosen else None) for k in keys}))
        paths.append(str(path))
    reports = test(load_cfg(tiny_overrides(example_set, tmp_path / "out", "test", f"test.split_index_paths=[{','.join(paths)}]")))
    assert {name: len(r.scenes) for name, r in reports.items()} == {"high": 1, "small": len(keys) - 1}
    lines = (tmp_path / "out" / "metrics" / "splits.csv").read_text().splitlines()
    assert lines[0].startswith("split,scenes,skipped,psnr") and [l.split(",")[0] for l in lines[1:]] == ["high", "small"]
    assert (tmp_path / "out" / "high" / "metrics" / "scores_all_avg.json").is_file()


def test_two_process_test_mode_equals_one_process(example_set, single_process_run, tmp_path):
    reference_dir, _ = single_process_run
    output_dir = tmp_path / "ddp"
    args = tiny_overrides(example_set, output_dir, "test", "trainer.devices=2", "trainer.strategy=ddp", with_mode=False)
    result = run_python(["-m", "splatbench", "test", *args], cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    one = json.loads((reference_dir / "metrics" / "scores_all_avg.json").read_text())
    two = json.loads((output_dir / "metrics" / "scores_all_avg.json").read_text())
    # Same scenes, same order, same aggregation; values differ only by float rounding (the
    # subprocesses run single-threaded, so convolutions sum in another order).
    tolerance = {"psnr": 1e-3, "ssim": 1e-5, "lpips": 1e-5}
    for name in ("psnr", "ssim", "lpips"):
        assert two[name] == pytest.approx(one[name], abs=tolerance[name])
    assert two["encoder"][0] == one["encoder"][0] and two["decoder"][0] == one["decoder"][0]
    for name in ("psnr", "ssim", "lpips"):
        first = json.loads((reference_dir / "metrics" / f"scores_{name}_all.json").read_text())
        second = json.loads((output_dir / "metrics" / f"scores_{name}_all.json").read_text())
        assert second == pytest.approx(first, abs=tolerance[name])
    assert json.loads((output_dir / "metrics" / "scene_counts.json").read_text()) == json.loads(
        (reference_dir / "metrics" / "scene_counts.json").read_text()
    )


def test_lightning_checkpoint_loads_as_pretrained_model(example_set, tmp_path):
    """A checkpoint of our own training loads strictly through checkpointing.pretrained_model."""
    from splatbench.training.checkpointing import find_latest_checkpoint
    from splatbench.training.run import test, train

    train(load_cfg(tiny_overrides(example_set, tmp_path / "train", "train", "trainer.max_steps=2")))
    checkpoint = find_latest_checkpoint(tmp_path / "train" / "checkpoints")
    reports = test(
        load_cfg(tiny_overrides(example_set, tmp_path / "test", "test", f"checkpointing.pretrained_model={checkpoint}"))
    )
    assert len(reports[""].scenes) == 2
    assert (tmp_path / "test" / "metrics" / "scores_all_avg.json").is_file()
