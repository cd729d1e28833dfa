"""``splatbench poses-eval``: JSON + CSV + table, scenes without the source counted, bad input one line."""

from __future__ import annotations

import csv
import json

import pytest

from splatbench.cli.main import main as cli_main
from splatbench.data.chunks import read_chunk, write_chunk
from splatbench.preprocess.runner import run_preprocess


def test_poses_eval_writes_json_csv_and_counts_missing_scenes(re10k_pose_dataset, tmp_path, capsys):
    out = tmp_path / "noise"
    run_preprocess("gt_noise", re10k_pose_dataset, out, {"rotation_deg": "1", "translation": "0"}, progress=False)
    chunk = out / "test" / "000001.torch"
    scenes = read_chunk(chunk)
    del scenes[0]["gt_noise_camera"]  # as for a scene the estimator failed on
    write_chunk(chunk, scenes)

    assert cli_main(["poses-eval", str(out), "--source", "gt_noise", "--no-progress"]) == 0
    printed = capsys.readouterr().out
    assert "AUC@30" in printed and "10 scene(s): 9 evaluated, 1 without gt_noise poses, 0 skipped" in printed
    result = json.loads((out / "poses_eval" / "poses_gt_noise.json").read_text())
    assert result["counts"] == {"evaluated": 9, "missing": 1, "skipped": 0}
    assert result["pooled"]["pairs"] == 9 * 120
    evaluated = [scene for scene in result["scenes"] if scene["status"] == "evaluated"]
    assert all(scene["aligned_rotation_error_deg"] == pytest.approx(1.0, abs=1e-4) for scene in evaluated)
    assert result["mean"]["auc@30"] == pytest.approx(sum(s["auc@30"] for s in evaluated) / 9)
    with (out / "poses_eval" / "poses_gt_noise.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    assert [row["scene"] for row in rows] == [scene["scene"] for scene in result["scenes"]]
    assert rows[0].keys() >= {"scene", "auc@5", "auc@10", "auc@30", "ate", "rotation_error_mean"}

    # rerun: existing results are kept unless --overwrite; unknown source, missing root: one line, exit 2
    for args, message in (
        ([str(out), "--source", "gt_noise"], "pass --overwrite"),
        ([str(out), "--source", "nope"], "is not one of"),
        ([str(tmp_path / "missing"), "--source", "colmap"], "does not exist"),
        ([str(out), "--source", "colmap", "--no-progress"], "no scene has colmap poses"),
    ):
        assert cli_main(["poses-eval", *args]) == 2
        error = capsys.readouterr().err.strip()
        assert message in error and "\n" not in error, error
    assert cli_main(["poses-eval", str(out), "--source", "gt_noise", "--overwrite", "--no-progress"]) == 0
