"""Test scenes run several times under their own index entries (MVSplat's DTU protocol:
``dataset.test_times_per_scene=4``, entries ``scanN_train_00`` ... ``_03``)."""

from __future__ import annotations

import json

from splatbench.data.config import ViewSamplerEvaluationCfg
from splatbench.data.datasets import get_dataset


def test_each_run_samples_its_own_index_entry_and_is_named_after_it(example_root, make_cfg, tmp_path):
    scenes = ["test_00000_0", "test_00001_0"]  # test_00002_0 .. are not asked for
    index = {f"{scene}_{run:02d}": {"context": [2, 10], "target": [3 + run]} for scene in scenes for run in range(4)}
    index["test_00001_0_02"] = None  # a null entry: neither run nor counted
    index["missing_scene_01"] = {"context": [0, 8], "target": [4]}  # in no chunk: a skip record
    path = tmp_path / "evaluation_index_repeats.json"
    path.write_text(json.dumps(index))
    cfg = make_cfg(example_root, "test", test_times_per_scene=4, view_sampler=ViewSamplerEvaluationCfg(index_path=str(path)))
    dataset = get_dataset(cfg, "test")
    examples = list(dataset)
    runs = [(e["scene"], e["target"]["index"].tolist()) for e in examples if "__skipped__" not in e]
    expected = [(f"{scene}_{run:02d}", [3 + run]) for scene in scenes for run in range(4) if f"{scene}_{run:02d}" != "test_00001_0_02"]
    assert runs == expected
    skipped = [e for e in examples if "__skipped__" in e]
    assert [e["scene"] for e in skipped] == ["missing_scene_01"] and skipped[0]["reason"] == "not_in_data"
    assert len(dataset) == len(examples) == 8


def test_one_run_per_scene_by_default(example_root, make_cfg):
    dataset = get_dataset(make_cfg(example_root, "test"), "test")
    scenes = [e["scene"] for e in dataset if "__skipped__" not in e]
    assert scenes == sorted(set(scenes)) and len(dataset) == len(scenes)
