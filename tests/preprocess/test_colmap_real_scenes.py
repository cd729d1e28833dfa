"""COLMAP on the real scenes of shared/data (Strecha and Middlebury, ground-truth cameras), then
``splatbench test`` on the preprocessed chunks with ``dataset.pose_source=colmap`` and ``gt_noise``.

The COLMAP run (about 1-2 minutes on 2 cores at 480 px) happens once per test session.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch

from splatbench.data.chunks import read_chunk

from splatbench.evaluation.pose_metrics import evaluate_dataset_poses
from splatbench.preprocess.runner import run_preprocess
from tests.training.e2e_helpers import load_cfg, run_python, tiny_overrides

pytest.importorskip("pycolmap", reason="pycolmap is a pinned dependency; install with scripts/setup_env.sh")

# Why 0.75: COLMAP with the known intrinsics places these well-textured, wide-baseline scenes to well under a
# degree (the GT is accurate to millimetres), so registered pairs are all below 5 degrees and AUC@30 of the
# registered part is close to 1. Unregistered frames count as failed pairs: with the required >= 90 % of views
# registered, at least 0.9^2 = 81 % of the pairs are registered, so a pooled AUC@30 of 0.75 leaves room for a
# few degrees of error on some pairs but fails on any systematic error (a wrong axis convention, a pose
# inverted, intrinsics ignored: those push the errors to tens of degrees, AUC@30 well below 0.5).
MIN_REGISTERED_FRACTION = 0.9
MIN_AUC30 = 0.75


@pytest.fixture(scope="session")
def real_dataset(shared_data, tmp_path_factory) -> Path:
    from splatbench.data.importers import IMPORTERS

    out = tmp_path_factory.mktemp("real_scenes")
    IMPORTERS["colmap"](shared_data / "real_scenes", out, split="test", image_shape=None, index_options={"context_gap": 45, "num_targets": 3, "seed": 0})
    return out


@pytest.fixture(scope="session")
def colmap_dataset(real_dataset, tmp_path_factory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("colmap") / "out"
    summary = run_preprocess("colmap", real_dataset, out, {"max_image_size": "480", "num_threads": "2"}, progress=False)
    return out, summary


def test_colmap_registers_the_real_scenes_and_is_accurate(colmap_dataset):
    out, summary = colmap_dataset
    counts = summary.counts()
    assert counts == {"processed": 5, "failed": 0, "skipped": 0}, summary.scenes
    frames = sum(record["frames"] for record in summary.scenes)
    registered = sum(record["valid_frames"] for record in summary.scenes)
    result = evaluate_dataset_poses(out, "colmap")
    print(f"\ncolmap on the real scenes: {registered}/{frames} views registered")
    for scene in result["scenes"]:
        print(f"  {scene['scene']:<18} AUC@30 {scene['auc@30']:.3f}  AUC@5 {scene['auc@5']:.3f}  RRE {scene['rotation_error_mean']:.3f} deg")
    print(f"  pooled AUC@30 {result['pooled']['auc@30']:.3f} (threshold {MIN_AUC30}), mean over scenes {result['mean']['auc@30']:.3f}")
    assert registered / frames >= MIN_REGISTERED_FRACTION
    assert result["pooled"]["auc@30"] >= MIN_AUC30 and result["mean"]["auc@30"] >= MIN_AUC30
    manifest = json.loads((out / "preprocess.json").read_text())
    assert manifest["sources"]["colmap"]["backend_options"]["max_image_size"] == 480
    for scene in read_chunk(out / "test" / "000000.torch"):  # stored like the study's VGGT poses: camera 0 = world
        first = int(scene["colmap_valid"].nonzero()[0])
        assert torch.allclose(scene["colmap_camera"][first, 6:].reshape(3, 4), torch.eye(4)[:3], atol=1e-5)
        far, near = scene["colmap_depth"][scene["colmap_valid"]].unbind(-1)
        assert bool((near > 0).all()) and bool((far > near).all())


def test_splatbench_test_evaluates_on_colmap_and_gt_noise_poses(colmap_dataset, tmp_path):
    colmap_root, _ = colmap_dataset
    both = tmp_path / "colmap_and_noise"  # gt_noise on top of the colmap output: the chunks carry both sources
    run_preprocess("gt_noise", colmap_root, both, {"rotation_deg": "1", "translation": "0.02"}, progress=False)
    assert set(json.loads((both / "preprocess.json").read_text())["sources"]) == {"colmap", "gt_noise"}
    # colmap through the CLI (a subprocess), gt_noise in-process (the same code path, without a second start-up)
    for source, near_far, through_cli in (("colmap", "depth_range", True), ("gt_noise", "config", False)):
        output = tmp_path / f"test_{source}"
        extra = (f"dataset.pose_source={source}", f"dataset.near_far_source={near_far}", "dataset.skip_bad_shape=false")
        if through_cli:  # the real scenes keep their own frame sizes: skip_bad_shape=false
            result = run_python(["-m", "splatbench", "test", *tiny_overrides(both, output, "test", *extra, with_mode=False)], cwd=tmp_path, timeout=300)
            assert result.returncode == 0, result.stderr[-3000:]
        else:
            from splatbench.training.run import test

            test(load_cfg(tiny_overrides(both, output, "test", *extra)))
        counts = json.loads((output / "metrics" / "scene_counts.json").read_text())
        assert counts["evaluated"] >= 4, counts  # templeSparseRing may lack a colmap pose for a context view
        assert counts["evaluated"] + counts["skipped"] == 5
        scores = json.loads((output / "metrics" / "scores_all_avg.json").read_text())
        assert 0 < scores["psnr"] < 60
