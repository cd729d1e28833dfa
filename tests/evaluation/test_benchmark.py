"""``splatbench benchmark`` on CPU: report numbers equal each evaluation's own metric files, a
second run computes nothing, a changed run recomputes only itself, the HTML report loads in
headless Chromium; overlap indices from the CLI; bootstrap intervals; bad specs fail in one line."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
import torch

from splatbench.data.evaluation_index import load_evaluation_index


@pytest.fixture(scope="module")
def bench_inputs(tmp_path_factory) -> Path:
    """Example set (2 test scenes), its high-overlap index (made by the CLI) and a tiny checkpoint."""
    from splatbench.cli.hydra_main import compose, load_config
    from splatbench.cli.main import main
    from splatbench.data.example import make_example_dataset
    from splatbench.training.run import _build_model

    root = tmp_path_factory.mktemp("bench")
    data = make_example_dataset(root / "data", num_scenes=1, num_test_scenes=2, num_frames=24, context_gap=10, include_middlebury=False)
    assert main(["data", "index", str(data / "test"), "--by-overlap", "--out", str(data), "--name", "example", "--max-pairs", "60"]) == 0
    high = load_evaluation_index(data / "evaluation_index_example_high.json")
    assert sum(entry is not None for entry in high.values()) >= 1
    cfg = load_config(compose(["+experiment=demo_tiny", "mode=test", f"dataset.roots=[{data}]"]))
    torch.manual_seed(0)
    torch.save({"state_dict": _build_model(cfg, None, root).state_dict(), "global_step": 0}, root / "tiny.ckpt")
    return root


def write_spec(root: Path, name: str, baseline_overrides: list[str]) -> Path:
    spec = {
        "resamples": 500,
        "runs": [
            {
                "name": "tiny",
                "checkpoint": "tiny.ckpt",
                "experiment": "demo_tiny",
                "dataset_root": "data",
                "pose_sources": ["gt", {"gt_noise": {"rotation_deg": 3}}],
                "indices": {"all": "data/evaluation_index.json", "high": "data/evaluation_index_example_high.json"},
            },
            {
                "name": "copy",
                "baseline": "nearest-context",
                "experiment": "demo_tiny",
                "dataset_root": "data",
                "indices": {"all": "data/evaluation_index.json"},
                "overrides": baseline_overrides,
            },
        ],
    }
    import yaml

    path = root / name
    path.write_text(yaml.safe_dump(spec))
    return path


def read_csv(path: Path) -> list[dict]:
    with path.open() as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def first_run(bench_inputs):
    from splatbench.evaluation.benchmark.report import write_report
    from splatbench.evaluation.benchmark.runner import run_benchmark
    from splatbench.evaluation.benchmark.spec import load_spec

    spec = load_spec(write_spec(bench_inputs, "spec.yaml", []))
    out = bench_inputs / "out"
    summary = run_benchmark(spec, out, device="cpu", progress=False)
    page = write_report(summary.results, out, resamples=spec.resamples)
    return spec, out, summary, page


def test_report_numbers_equal_each_evaluations_scores_and_counts_add_up(bench_inputs, first_run):
    from splatbench.evaluation.benchmark.runner import unit_dir_for

    spec, out, summary, _ = first_run
    assert len(summary.computed) == 5 and not summary.reused
    board = [row for row in read_csv(out / "report" / "leaderboard.csv") if row["kind"] == "measured"]
    assert len(board) == 5
    per_scene = read_csv(out / "report" / "per_scene.csv")
    for unit in spec.units:
        unit_dir = unit_dir_for(out, unit.key())
        scores = json.loads((unit_dir / "metrics" / "scores_all_avg.json").read_text())
        (row,) = [r for r in board if (r["run"], r["pose_source"], r["split"]) == (unit.run, unit.pose.label, unit.split)]
        for name in ("psnr", "ssim", "lpips"):
            assert float(row[name]) == pytest.approx(scores[name], rel=1e-12)
            assert float(row[f"{name}_ci_low"]) <= float(row[name]) <= float(row[f"{name}_ci_high"])
        scenes = [r for r in per_scene if (r["run"], r["pose_source"], r["split"]) == (unit.run, unit.pose.label, unit.split)]
        assert np.mean([float(r["psnr"]) for r in scenes]) == pytest.approx(scores["psnr"], rel=1e-12)
        asked = sum(entry is not None for entry in load_evaluation_index(unit.index_path).values())
        assert int(row["scenes_asked"]) == asked
        assert int(row["scenes_evaluated"]) + int(row["scenes_skipped"]) == asked == len(scenes)
        record = json.loads((unit_dir / "metrics" / "run_record.json").read_text())
        assert record["pose_source"] == unit.pose.label and len(record["checkpoint_sha256"] or "x" * 64) == 64
        assert record["protocol"]["id"].startswith("custom@") and "torch" in record["software"]
    # noisy poses are a different input: the same scenes score differently
    gt = [r for r in board if r["run"] == "tiny" and r["pose_source"] == "gt" and r["split"] == "all"][0]
    noisy = [r for r in board if r["run"] == "tiny" and r["pose_source"].startswith("gt_noise") and r["split"] == "all"][0]
    assert gt["psnr"] != noisy["psnr"]
    for name in ("leaderboard.md", "splits.md", "pose_sources.md", "quality_vs_pose_noise.png", "pose_error_vs_render_error.png"):
        assert (out / "report" / name).is_file(), name
    assert "vs gt:" in (out / "report" / "pose_sources.md").read_text()


def test_second_run_computes_nothing_and_a_changed_run_recomputes_only_itself(bench_inputs, first_run):
    from splatbench.evaluation.benchmark.runner import RESULT_NAME, run_benchmark, unit_dir_for
    from splatbench.evaluation.benchmark.spec import load_spec

    spec, out, _, _ = first_run
    stamps = {u.label: (unit_dir_for(out, u.key()) / RESULT_NAME).stat().st_mtime_ns for u in spec.units}
    again = run_benchmark(load_spec(spec.path), out, device="cpu", progress=False)
    assert again.computed == [] and len(again.reused) == 5
    assert {u.label: (unit_dir_for(out, u.key()) / RESULT_NAME).stat().st_mtime_ns for u in spec.units} == stamps
    changed = load_spec(write_spec(bench_inputs, "changed.yaml", ["dataset.near=0.6"]))
    rerun = run_benchmark(changed, out, device="cpu", progress=False)
    assert rerun.computed == ["copy / gt / all"] and len(rerun.reused) == 4


def test_each_runs_first_evaluation_links_viewer_pages_of_its_best_and_worst_scene(bench_inputs, first_run):
    """The report links one 3D viewer page per kept scene of each run's first unit; each page embeds the
    scene's most opaque Gaussians as a .ply that plyfile reads back."""
    import base64
    import re

    from plyfile import PlyData

    spec, out, summary, page = first_run
    firsts = {}
    for unit, result in zip(spec.units, summary.results, strict=True):
        firsts.setdefault(unit.run, result)
    viewers = sorted((out / "report" / "viewers").glob("*.html"))
    tiny = firsts["tiny"]
    assert [e["kind"] for e in tiny["extremes"] if e.get("viewer")] == ["best", "worst"]
    # the baseline run keeps no Gaussians: no viewer; every other unit: none either
    assert not any(e.get("viewer") for r in summary.results if r is not tiny for e in r["extremes"])
    assert [v.name for v in viewers] == [f"{tiny['key'][:16]}_best.html", f"{tiny['key'][:16]}_worst.html"]
    index = page.read_text()
    for viewer in viewers:
        assert f'href="viewers/{viewer.name}"' in index
        encoded = re.search(r'<script id="splat-ply" type="application/octet-stream">([A-Za-z0-9+/=]+)</script>', viewer.read_text())
        assert encoded is not None
        vertices = PlyData.read(io.BytesIO(base64.b64decode(encoded.group(1))))["vertex"]
        assert 0 < vertices.count <= spec.viewer_splats
        assert np.isfinite(np.asarray(vertices["x"])).all()


def test_two_worker_processes_give_the_single_process_scores_scene_by_scene(bench_inputs, first_run):
    """``--devices 2`` (here two CPU worker processes; cuda:0 and cuda:1 on a GPU machine)."""
    from splatbench.evaluation.benchmark.runner import run_benchmark
    from splatbench.evaluation.benchmark.spec import load_spec

    spec, _, single, _ = first_run
    out = bench_inputs / "out_two_workers"
    shutil.copytree(bench_inputs / "out" / "prepared", out / "prepared")  # noise drawn once, reused
    two = run_benchmark(load_spec(spec.path), out, device="cpu", progress=False, devices=2)
    assert sorted(two.computed) == sorted(single.computed) and not two.reused
    for one_result, two_result in zip(single.results, two.results, strict=True):
        assert two_result["key"] == one_result["key"]
        assert two_result["counts"] == one_result["counts"]
        assert two_result["rows"] == one_result["rows"]


def test_devices_beyond_the_machine_fail_in_one_line():
    from splatbench.evaluation.benchmark.runner import BenchmarkError, worker_devices

    assert worker_devices("cpu", 3) == ["cpu"] * 3
    with pytest.raises(BenchmarkError, match="at least 1"):
        worker_devices(None, 0)
    if not torch.cuda.is_available():
        assert worker_devices(None, 2) == ["cpu", "cpu"]


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.fail("chromium not found: scripts/setup_env.sh installs the Debian 'chromium' package (needs root and apt-get)")
    return path


def test_html_report_loads_every_table_and_image_in_headless_chromium(first_run, tmp_path):
    _, out, _, page = first_run
    flags = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
             "--virtual-time-budget=10000"]  # fmt: skip
    dom = subprocess.run([*flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120).stdout
    import re

    status = re.search(r'id="status" data-images-loaded="(\d+)" data-images-total="(\d+)" data-tables="(\d+)"', dom)
    assert status is not None, dom[:2000]
    loaded, total, tables = map(int, status.groups())
    images = len(re.findall(r"<img ", page.read_text()))
    assert loaded == total == images >= 7  # 2 plots + 5 best/worst grids
    assert tables == page.read_text().count("<table>") >= 3  # leaderboard, per split, per pose source
    shot = tmp_path / "report.png"
    subprocess.run([*flags, "--window-size=1400,2000", f"--screenshot={shot}", page.as_uri()], capture_output=True, timeout=120)
    from PIL import Image

    with Image.open(shot) as image:
        assert image.size == (1400, 2000) and len(set(image.convert("L").getdata())) > 10


def test_bootstrap_interval_matches_the_normal_approximation_and_pairing_narrows_it():
    from splatbench.evaluation.statistics import bootstrap_mean, paired_difference

    rng = np.random.default_rng(1)
    values = rng.normal(20.0, 2.0, size=400)
    interval = bootstrap_mean(values, resamples=4000)
    half_width = 1.96 * values.std(ddof=1) / np.sqrt(len(values))
    assert interval.mean == pytest.approx(values.mean(), abs=1e-12)
    assert interval.high - interval.mean == pytest.approx(half_width, rel=0.1)
    assert interval.mean - interval.low == pytest.approx(half_width, rel=0.1)
    first = {f"s{i}": v for i, v in enumerate(values)}
    second = {k: v + 0.1 + rng.normal(0, 0.05) for k, v in first.items()}
    paired = paired_difference(first, second)
    assert paired.count == 400 and paired.low < 0.1 < paired.high and paired.high - paired.low < 0.02
    assert np.isnan(bootstrap_mean([1.0]).low) and bootstrap_mean([]).count == 0


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("runs: []", "runs: must be a non-empty list"),
        ("runs: [{name: a, baseline: copy, dataset_root: ., indices: {x: y}}]", "runs[0].baseline"),
        ("runs: [{name: a, baseline: nearest-context, dataset_root: ., indices: {x: missing.json}}]", "runs[0].indices.x"),
        ("runs: [{name: a, baseline: nearest-context, dataset_root: ., indices: {x: idx.json}, pose_sources: [lidar]}]", "pose source 'lidar'"),
        ("runs: [{name: a, checkpoint: nope.ckpt, dataset_root: ., indices: {x: idx.json}}]", "runs[0].checkpoint"),
        ("runs: [{name: a, baseline: nearest-context, dataset_root: ., indices: {x: idx.json}, protocol: re10k-x}]", "runs[0].protocol"),
        ("runs: [{name: a, baseline: nearest-context, dataset_root: ., indices: {x: empty.json}}]", "asks for no scene"),
        ("runs: [{name: a, baseline: nearest-context, dataset_root: ., indices: {x: idx.json}, published: MVSplat}]", "runs[0].published"),
        ("protocl: custom", "protocl: unknown key"),
        ("runs: [", "not valid YAML"),
    ],
)
def test_bad_specs_exit_2_with_one_line_naming_the_field(tmp_path, capsys, spec, message):
    from splatbench.cli.main import main

    path = tmp_path / "s.yaml"
    path.write_text(spec)
    (tmp_path / "idx.json").write_text(json.dumps({"scene": {"context": [0, 4], "target": [2]}}))
    (tmp_path / "empty.json").write_text(json.dumps({"scene": None}))
    assert main(["benchmark", str(path), "--out", str(tmp_path / "out")]) == 2
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and message in error and str(path) in error


def test_published_rows_are_labelled_and_differences_use_the_named_counterpart():
    from splatbench.evaluation.benchmark.report import leaderboard_markdown, leaderboard_rows

    result = {
        "unit": {"track": "re10k", "run": "mvsplat-repro", "pose_label": "gt", "split": "standard", "published": "MVSplat"},
        "protocol_id": "re10k-pixelsplat-256@x", "counts": {"asked": 10, "evaluated": 9, "skipped": 1},
        "averages": {"psnr": 26.0, "ssim": 0.87, "lpips": 0.13}, "intervals": {}, "encoder_ms": 40.0,
        "peak_memory_bytes": 2**30, "record": {"checkpoint_sha256": None, "device": "cpu"}, "rows": [],
    }  # fmt: skip
    rows = leaderboard_rows([result])
    (measured,) = [r for r in rows if r["kind"] == "measured"]
    assert measured["diff_psnr"] == pytest.approx(26.0 - 26.39) and measured["diff_lpips"] == pytest.approx(0.13 - 0.128)
    published = {r["run"]: r for r in rows if r["kind"] == "published"}
    assert published["ReSplat-base"]["psnr"] == 29.75 and published["DepthSplat-S"]["ssim"] == 0.882
    text = leaderboard_markdown([result], rows)
    assert "MVSplat (published): 26.39 / 0.8690 / 0.1280" in text and "-0.390" in text
    assert "## Published numbers (not measured here" in text


def test_paired_difference_over_one_scene_has_no_interval_in_the_report():
    from splatbench.evaluation.benchmark.report import _paired

    one = {"rows": [{"scene": "a", "psnr": 20.0}]}
    other = {"rows": [{"scene": "a", "psnr": 18.5}, {"scene": "b", "psnr": 17.0}]}
    text, mean = _paired(one, other, "psnr", 200)
    assert text == "-1.500 (n=1)" and mean == pytest.approx(-1.5)
    assert _paired(one, {"rows": [{"scene": "c", "psnr": 1.0}]}, "psnr", 200) == ("-", None)
