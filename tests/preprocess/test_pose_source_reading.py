"""``dataset.pose_source=<stored source>``: cameras, near/far from the stored range, unplaced frames."""

from __future__ import annotations

import json

import torch

from splatbench.data.chunks import read_chunk, write_chunk
from splatbench.data.config import DatasetRE10kCfg, ViewSamplerEvaluationCfg
from splatbench.data.datasets import get_dataset
from splatbench.geometry.camera import camera_vectors_to_matrices
from splatbench.preprocess.runner import run_preprocess


def _cfg(root, **overrides) -> DatasetRE10kCfg:
    sampler = ViewSamplerEvaluationCfg(index_path=str(root / "evaluation_index.json"))
    return DatasetRE10kCfg(roots=[str(root)], image_shape=[8, 8], ori_image_shape=[8, 8], view_sampler=sampler, **overrides)


def test_stored_source_feeds_views_and_unplaced_frames_skip_their_scene(re10k_pose_dataset, tmp_path):
    out = tmp_path / "noise"
    options = {"rotation_deg": "0", "translation": "0", "near": "0.7", "far": "33"}
    run_preprocess("gt_noise", re10k_pose_dataset, out, options, progress=False)
    index = {key: {"context": [0, 10], "target": [5]} for key in json.loads((out / "test" / "index.json").read_text())}
    (out / "evaluation_index.json").write_text(json.dumps(index))

    examples = [e for e in get_dataset(_cfg(out, pose_source="gt_noise", near_far_source="depth_range"), "test") if "__skipped__" not in e]
    assert len(examples) == 10
    first = examples[0]
    scene = next(s for s in read_chunk(out / "test" / "000000.torch") if s["key"] == first["scene"])
    gt_c2w, _ = camera_vectors_to_matrices(scene["cameras"], dtype=torch.float64)
    rebased = torch.linalg.inv(gt_c2w[0]) @ gt_c2w[[0, 10]]  # zero noise: the ground truth, re-based on context 0
    torch.testing.assert_close(first["context"]["extrinsics"].double(), rebased, atol=1e-5, rtol=0)
    assert torch.equal(first["context"]["near"], torch.tensor([0.7, 0.7])) and torch.equal(first["context"]["far"], torch.tensor([33.0, 33.0]))

    # a frame the source could not place: the scene is skipped with the reason, the others still load
    chunk = out / "test" / "000000.torch"
    scenes = read_chunk(chunk)
    scenes[0]["gt_noise_valid"][10] = False
    scenes[0]["gt_noise_camera"][10] = float("nan")
    write_chunk(chunk, scenes)
    dataset = get_dataset(_cfg(out, pose_source="gt_noise"), "test")
    assert len([e for e in dataset if "__skipped__" not in e]) == 9
    assert dataset.skips.counts["gt_noise_valid"] == 1
