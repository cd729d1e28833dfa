"""The runner with the ``vggt`` backend (tiny preset, generated weights): windows, study keys, dense maps."""

from __future__ import annotations

import json

import torch

from splatbench.data.check import check_dataset
from splatbench.data.chunks import read_chunk
from splatbench.model.vggt import VGGT, vggt_preset
from splatbench.model.vggt.weights import fill_generated_weights
from splatbench.preprocess.runner import run_preprocess
from tests.preprocess.conftest import make_scene, re10k_cameras, write_dataset


def test_vggt_windows_write_the_study_keys_and_pass_data_check(tmp_path):
    weights = tmp_path / "model.pt"
    torch.save(fill_generated_weights(VGGT(vggt_preset("tiny"))).state_dict(), weights)
    cameras = next(iter(re10k_cameras().values()))[:4]
    # 4 x 32 frames become 70 x 518 VGGT inputs (5 x 37 patches): a cheap pass
    data = write_dataset(tmp_path / "in", [[make_scene("four", cameras, shape=(4, 32))]])
    options = {"weights": str(weights), "preset": "tiny", "device": "cpu", "frames_per_pass": "3"}
    summary = run_preprocess("vggt", data, tmp_path / "out", options, window_overlap=2, dense_shape=(4, 6), progress=False)
    assert summary.counts() == {"processed": 1, "failed": 0, "skipped": 0}, summary.scenes
    record = summary.scenes[0]
    assert record["windows"] == 2 and record["valid_frames"] == 4  # frames 0-2, 1-3
    scene = read_chunk(tmp_path / "out" / "test" / "000000.torch")[0]
    assert scene["vggt_camera"].shape == (4, 18) and bool(torch.isfinite(scene["vggt_camera"]).all())
    assert scene["depth"].shape == (4, 2) and bool((scene["depth"][:, 0] >= scene["depth"][:, 1]).all())
    assert scene["vggt_depth_maps"].shape == (4, 4, 6) and scene["vggt_depth_maps"].dtype == torch.float16
    assert scene["vggt_confidence"].shape == (4, 4, 6) and bool(scene["vggt_valid"].all())
    assert torch.equal(scene["cameras"], cameras)
    report = check_dataset(tmp_path / "out", decode=False)
    assert report.problems == [] and report.num_scenes == 1
    manifest = json.loads((tmp_path / "out" / "preprocess.json").read_text())
    assert manifest["run"]["max_frames_per_pass"] == 3 and manifest["run"]["dense_shape"] == [4, 6]
