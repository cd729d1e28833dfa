"""``splatbench preprocess`` with gt_noise: injected noise measured back by poses-eval, resume after SIGKILL,
bad input, failed and skipped scenes."""

from __future__ import annotations

import json
import math
import signal
from pathlib import Path

import pytest
import torch

from splatbench.cli.main import main as cli_main
from splatbench.data.chunks import read_chunk, read_index
from splatbench.evaluation.pose_metrics import evaluate_dataset_poses
from splatbench.preprocess.runner import KILL_AFTER_SCENES_ENV, STATE_DIR, PreprocessError, run_preprocess
from tests.preprocess.conftest import make_scene, re10k_cameras, write_dataset
from tests.training.e2e_helpers import run_python


def test_rotation_noise_is_measured_back_exactly(re10k_pose_dataset, tmp_path):
    out = tmp_path / "noise"
    summary = run_preprocess("gt_noise", re10k_pose_dataset, out, {"rotation_deg": "2", "translation": "0"}, progress=False)
    assert summary.counts() == {"processed": 10, "failed": 0, "skipped": 0}
    result = evaluate_dataset_poses(out, "gt_noise")
    assert result["counts"]["evaluated"] == 10
    for scene in result["scenes"]:
        # centres untouched -> the alignment is the identity and every frame is off by exactly 2 degrees
        assert scene["aligned_rotation_error_deg"] == pytest.approx(2.0, abs=1e-4)
        assert scene["ate"] < 1e-5
    # relative error of two independent small turns: theta * E|u - v| = 4/3 theta for random unit axes
    assert result["mean"]["rotation_error_mean"] == pytest.approx(4 / 3 * 2.0, rel=0.08)


def test_translation_noise_is_measured_back_as_ate(re10k_pose_dataset, tmp_path):
    out = tmp_path / "noise"
    run_preprocess("gt_noise", re10k_pose_dataset, out, {"rotation_deg": "0", "translation": "0.5"}, progress=False)
    result = evaluate_dataset_poses(out, "gt_noise")
    # centres moved by exactly 0.5 mean baselines; a 7-parameter similarity fit on 16 points absorbs a
    # fraction 7 / (3 * 16) of the squared residual on average: E[ATE^2] = 0.25 * (1 - 7/48) baselines^2
    mean_square = sum(scene["ate_over_baseline"] ** 2 for scene in result["scenes"]) / 10
    assert mean_square / 0.25 == pytest.approx(1 - 7 / 48, abs=0.2)
    assert all(scene["rotation_error_mean"] < 1e-4 for scene in result["scenes"])


def test_failed_and_skipped_scenes_are_recorded_and_counted(tmp_path):
    cameras = next(iter(re10k_cameras().values()))
    static = make_scene("static", cameras[:1].repeat(6, 1))  # no baseline: relative noise is undefined
    broken = make_scene("broken", cameras)
    del broken["cameras"]
    good = make_scene("good", cameras)
    data = write_dataset(tmp_path / "in", [[static, broken, good]])
    summary = run_preprocess("gt_noise", data, tmp_path / "out", {"translation": "0.1"}, progress=False)
    assert summary.counts() == {"processed": 1, "failed": 1, "skipped": 1}
    records = {record["scene"]: record for record in summary.scenes}
    assert "mean baseline" in records["static"]["reason"]
    assert "field cameras: missing key" in records["broken"]["reason"]
    written = {scene["key"]: scene for scene in read_chunk(tmp_path / "out" / "test" / "000000.torch")}
    assert "gt_noise_camera" not in written["static"] and "gt_noise_camera" in written["good"]
    assert "cameras" not in written["broken"]
    assert read_index(tmp_path / "out" / "test") == {"broken": "000000.torch", "good": "000000.torch", "static": "000000.torch"}
    manifest = json.loads((tmp_path / "out" / "preprocess.json").read_text())
    assert manifest["counts"] == {"processed": 1, "failed": 1, "skipped": 1}
    assert manifest["sources"]["gt_noise"]["backend_options"]["translation"] == 0.1
    assert not (tmp_path / "out" / STATE_DIR).exists()


def test_bad_commands_are_one_line_and_never_touch_data(re10k_pose_dataset, tmp_path, capsys):
    before = {p: p.read_bytes() for p in re10k_pose_dataset.rglob("*") if p.is_file()}
    occupied = tmp_path / "occupied"
    occupied.mkdir()
    (occupied / "mine.txt").write_text("user file")
    cases = [
        (["--source", "gt_noise", str(tmp_path / "nope"), str(tmp_path / "o1")], "input dataset folder does not exist"),
        (["--source", "gt_noise", str(re10k_pose_dataset), str(occupied)], "is not a preprocess run of this command"),
        (["--source", "gt_noise", str(re10k_pose_dataset), str(re10k_pose_dataset / "test")], "must not be IN or lie inside it"),
        (["--source", "gt_noise", str(re10k_pose_dataset), str(tmp_path / "o2"), "-o", "rotaton_deg=1"], "unknown option 'rotaton_deg'"),
        (["--source", "gt_noise", str(re10k_pose_dataset), str(tmp_path / "o3"), "-o", "seed=x"], "option seed: expected int"),
        (["--source", "gt_noise", str(occupied), str(tmp_path / "o4")], "no chunk files"),
        (["--source", "gt_noise", str(re10k_pose_dataset), str(tmp_path / "o5"), "--max-frames-per-pass", "2"], "need more than 2 frames"),
        (["--source", "gt_noise", str(re10k_pose_dataset), str(tmp_path / "o6"), "--max-frames-per-pass", "8", "--window-overlap", "1"], "share at least 2 frames"),
        (["--source", "colmap", str(re10k_pose_dataset), str(occupied), "-o", "bogus=1"], "is not a preprocess run"),
    ]
    for args, message in cases:
        assert cli_main(["preprocess", *args]) == 2
        error = capsys.readouterr().err.strip()
        assert message in error and "\n" not in error, error
    assert (occupied / "mine.txt").read_text() == "user file"
    assert {p: p.read_bytes() for p in re10k_pose_dataset.rglob("*") if p.is_file()} == before
    # a finished OUT rerun with other options is refused too
    run_preprocess("gt_noise", re10k_pose_dataset, tmp_path / "done", {"rotation_deg": "1"}, progress=False)
    with pytest.raises(PreprocessError, match=r"different backend_options\.rotation_deg \(1\.0, now 2\.0;"):
        run_preprocess("gt_noise", re10k_pose_dataset, tmp_path / "done", {"rotation_deg": "2"}, progress=False)
    assert run_preprocess("gt_noise", re10k_pose_dataset, tmp_path / "done", {"rotation_deg": "1"}, progress=False).already_complete


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_killed_run_resumes_to_identical_output(re10k_pose_dataset, tmp_path):
    options = ["-o", "rotation_deg=3", "-o", "translation=0.2", "--max-frames-per-pass", "6", "--window-overlap", "2", "--no-progress"]
    reference = tmp_path / "reference"
    run_preprocess(
        "gt_noise", re10k_pose_dataset, reference, {"rotation_deg": "3", "translation": "0.2"},
        max_frames_per_pass=6, window_overlap=2, progress=False,
    )
    out = tmp_path / "resumed"
    command = ["-m", "splatbench", "preprocess", "--source", "gt_noise", str(re10k_pose_dataset), str(out), *options]
    # killed after 7 scenes: chunk 0 (5 scenes) written, chunk 1 has 2 scene records
    import os

    os.environ[KILL_AFTER_SCENES_ENV] = "7"
    try:
        killed = run_python(command, cwd=tmp_path)
    finally:
        del os.environ[KILL_AFTER_SCENES_ENV]
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    assert (out / STATE_DIR / "run.json").is_file() and not (out / "preprocess.json").exists()
    assert (out / "test" / "000000.torch").is_file() and not (out / "test" / "000001.torch").exists()
    assert len(list((out / STATE_DIR / "test" / "000001").glob("*.torch"))) == 2
    resumed = run_python(command, cwd=tmp_path)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    assert "7 reused from the interrupted run" in resumed.stdout
    assert _files(out) == _files(reference)
    scenes = read_chunk(out / "test" / "000001.torch")
    assert all(scene["gt_noise_camera"].shape == (16, 18) and bool(torch.isfinite(scene["gt_noise_camera"]).all()) for scene in scenes)
    manifest = json.loads((out / "preprocess.json").read_text())
    assert all(record["windows"] == 4 for record in manifest["scenes"])  # 16 frames, 6 per pass, overlap 2
    assert all(math.isfinite(record["alignment_residual"]) for record in manifest["scenes"])


def test_colmap_failure_on_featureless_frames_is_recorded(tmp_path):
    pytest.importorskip("pycolmap")
    cameras = next(iter(re10k_cameras().values()))[:4]
    flat = make_scene("flat", cameras)  # 8x8 noise frames: no SIFT features, no initial pair
    data = write_dataset(tmp_path / "in", [[flat]])
    summary = run_preprocess("colmap", data, tmp_path / "out", {"num_threads": "1"}, progress=False)
    assert summary.counts() == {"processed": 0, "failed": 1, "skipped": 0}
    assert "COLMAP" in summary.scenes[0]["reason"]
    assert cli_main(["preprocess", "--source", "colmap", str(data), str(tmp_path / "out2"), "--no-progress"]) == 1


def test_the_split_data_manifest_travels_so_photo_sizes_stay_readable(shared_data, tmp_path):
    """A converted photo dataset records its frame size per scene in ``<split>/manifest.json``; without a copy in
    OUT, every scene of a noisy (or COLMAP, VGGT) variant was skipped for a frame-size mismatch."""
    from splatbench.data.importers import IMPORTERS
    from splatbench.data.manifest import read_frame_shapes

    source = tmp_path / "scenes"
    source.mkdir()
    (source / "Herz-Jesus-P8").symlink_to(shared_data / "real_scenes" / "Herz-Jesus-P8")
    IMPORTERS["colmap"](source, tmp_path / "in", split="test", image_shape=(48, 72), index_options={"context_gap": 2, "num_targets": 1, "seed": 0})
    shapes = read_frame_shapes(tmp_path / "in" / "test")
    assert shapes == {"Herz-Jesus-P8": (48, 72)}
    run_preprocess("gt_noise", tmp_path / "in", tmp_path / "out", options={"rotation_deg": 1.0})
    assert read_frame_shapes(tmp_path / "out" / "test") == shapes
