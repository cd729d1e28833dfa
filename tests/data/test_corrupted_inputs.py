"""Each kind of bad input gives one message naming file, scene and field; the scene is skipped
and counted, the good scenes still arrive, and ``splatbench data check`` lists the problem."""

from __future__ import annotations

import json
import logging

import pytest
import torch

from splatbench.data.check import check_dataset
from splatbench.data.chunks import read_chunk, write_chunk
from splatbench.data.datasets import get_dataset
from splatbench.data.example import encode_image


def _corrupt_missing_key(scene):
    del scene["cameras"]
    return "cameras", "missing key"


def _corrupt_image(scene):
    scene["images"][8] = torch.tensor(list(b"\xff\xd8\xff\xe0 not a jpeg"), dtype=torch.uint8)
    return "images", "cannot decode image"


def _corrupt_nonfinite(scene):
    # Every frame: only the frames a sample uses are checked (the first is reported).
    scene["cameras"][:, 9] = float("nan")
    return "cameras", "non-finite camera at frame"


def _corrupt_singular(scene):
    scene["cameras"][:, 6:] = 0.0
    return "cameras", "singular or non-rotation world-to-camera matrix at frame"


def _corrupt_size(scene):
    import numpy as np

    scene["images"] = [encode_image(np.zeros((48, 64, 3), dtype=np.uint8)) for _ in scene["images"]]
    return "images", "frame size 48x64 is not"


CORRUPTIONS = {
    "missing_key": _corrupt_missing_key,
    "undecodable_image": _corrupt_image,
    "non_finite_camera": _corrupt_nonfinite,
    "singular_camera": _corrupt_singular,
    "unexpected_size": _corrupt_size,
}


@pytest.fixture
def corrupted_root(tmp_path, example_root):
    def build(corruption):
        scenes = read_chunk(example_root / "test" / "000000.torch") + read_chunk(example_root / "test" / "000001.torch")
        field, reason = CORRUPTIONS[corruption](scenes[1])
        write_chunk(tmp_path / "test" / "000000.torch", scenes[:2])
        write_chunk(tmp_path / "test" / "000001.torch", scenes[2:])
        (tmp_path / "evaluation_index.json").write_text((example_root / "evaluation_index.json").read_text())
        return tmp_path, scenes[1]["key"], field, reason

    return build


@pytest.mark.parametrize("corruption", sorted(CORRUPTIONS))
def test_bad_scene_is_named_skipped_and_counted(corruption, corrupted_root, make_cfg, caplog):
    root, bad_scene, field, reason = corrupted_root(corruption)
    cfg = make_cfg(root, stage="test")
    cfg.view_sampler.index_path = str(root / "evaluation_index.json")
    dataset = get_dataset(cfg, "test")
    with caplog.at_level(logging.WARNING):
        scenes = [example["scene"] for example in dataset if "__skipped__" not in example]
    assert scenes == ["test_00000_0", "test_00002_0", "test_00003_0"]
    assert dataset.skips.total == 1
    expected = f"{root / 'test' / '000000.torch'}: scene {bad_scene}: field {field}: "
    assert any(expected in line and reason in line for line in caplog.text.splitlines()), caplog.text
    assert "skipped 1 scene(s)" in caplog.text
    report = check_dataset(root, expected_shape=(64, 64))
    assert len(report.problems) == 1 and expected in report.problems[0] and reason in report.problems[0]


def test_test_order_with_a_skipped_scene_is_independent_of_workers(corrupted_root, make_cfg):
    from splatbench.data.config import DataLoaderCfg, DataLoaderStageCfg
    from splatbench.data.data_module import DataModule

    def loader_cfg(workers):
        stage = DataLoaderStageCfg(batch_size=1, num_workers=workers, persistent_workers=False, seed=5)
        return DataLoaderCfg(train=stage, test=stage, val=stage)

    root, _, _, _ = corrupted_root("undecodable_image")
    cfg = make_cfg(root, stage="test")
    cfg.view_sampler.index_path = str(root / "evaluation_index.json")
    orders = [
        [batch["scene"][0] for batch in DataModule(cfg, loader_cfg(workers)).test_dataloader()] for workers in (0, 2)
    ]
    assert orders[0] == orders[1] == ["test_00000_0", "test_00002_0", "test_00003_0"]


def test_truncated_chunk_is_skipped_with_its_file_named(tmp_path, example_root, make_cfg, caplog):
    data = (example_root / "test" / "000000.torch").read_bytes()
    (tmp_path / "test").mkdir()
    (tmp_path / "test" / "000000.torch").write_bytes(data[: len(data) // 2])
    (tmp_path / "test" / "000001.torch").write_bytes((example_root / "test" / "000001.torch").read_bytes())
    cfg = make_cfg(tmp_path, stage="test")
    cfg.view_sampler.index_path = str(example_root / "evaluation_index.json")
    dataset = get_dataset(cfg, "test")
    with caplog.at_level(logging.WARNING):
        scenes = [example["scene"] for example in dataset if "__skipped__" not in example]
    assert scenes == ["test_00002_0", "test_00003_0"]
    assert dataset.skips.counts["unreadable_chunk"] == 1
    assert f"{tmp_path / 'test' / '000000.torch'}: unreadable chunk" in caplog.text
    report = check_dataset(tmp_path)
    assert any("000000.torch: unreadable chunk" in problem for problem in report.problems)


def test_index_pointing_at_missing_frames(tmp_path, example_root, make_cfg, caplog):
    index = json.loads((example_root / "evaluation_index.json").read_text())
    index["test_00001_0"] = {"context": [2, 99], "target": [5]}
    path = tmp_path / "evaluation_index.json"
    path.write_text(json.dumps(index))
    cfg = make_cfg(example_root, stage="test")
    cfg.view_sampler.index_path = str(path)
    dataset = get_dataset(cfg, "test")
    with caplog.at_level(logging.WARNING):
        scenes = [example["scene"] for example in dataset if "__skipped__" not in example]
    assert "test_00001_0" not in scenes and len(scenes) == 4
    assert "scene test_00001_0: field context index: frame 99 out of range (scene has 24 frames)" in caplog.text


def test_null_index_entries_are_not_asked_for(tmp_path, example_root, make_cfg):
    """A null entry is not a skipped scene: no example, no skip record, not in len()."""
    index = json.loads((example_root / "evaluation_index.json").read_text())
    index["test_00002_0"] = None
    path = tmp_path / "evaluation_index.json"
    path.write_text(json.dumps(index))
    cfg = make_cfg(example_root, stage="test")
    cfg.view_sampler.index_path = str(path)
    dataset = get_dataset(cfg, "test")
    items = list(dataset)
    assert len(items) == len(dataset) == 4 and not any("__skipped__" in item for item in items)
    assert "test_00002_0" not in [item["scene"] for item in items]


def test_check_reports_index_json_and_evaluation_index_problems(tmp_path, example_root):
    import shutil

    shutil.copytree(example_root, tmp_path / "ds")
    root = tmp_path / "ds"
    index = json.loads((root / "test" / "index.json").read_text())
    index["ghost"] = "000009.torch"
    (root / "test" / "index.json").write_text(json.dumps(index))
    evaluation = json.loads((root / "evaluation_index.json").read_text())
    evaluation["test_00000_0"] = {"context": [0, 30], "target": [1]}
    (root / "evaluation_index.json").write_text(json.dumps(evaluation))
    problems = check_dataset(root, decode=False).problems
    assert any("scene ghost: field index: chunk 000009.torch does not exist" in p for p in problems)
    assert any("scene test_00000_0: field context: frame 30 out of range" in p for p in problems)
    assert len(problems) == 2
