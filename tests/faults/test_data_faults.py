"""Fault injection, data layer: writers that would replace a dataset, indices and checks, and the
reader's accounting (every scene the index asks for is evaluated or skipped with a reason)."""

from __future__ import annotations

import json
import logging

import numpy as np
import pytest
import torch
from PIL import Image

from splatbench.data.chunks import read_chunk, read_index, write_chunk
from tests.faults.conftest import NUM_FRAMES, assert_one_line, requested_scenes, run_splatbench, tree_digest


def own_capture(folder, name: str, shape=(40, 56), frames: int = 8):
    """A nerfstudio capture as a user's photos would give: ``frames`` PNGs of ``shape`` (H, W)."""
    scene_dir = folder / name
    scene_dir.mkdir(parents=True)
    rng = np.random.default_rng(len(name))
    entries = []
    for i in range(frames):
        Image.fromarray(rng.integers(0, 255, (*shape, 3), dtype=np.uint8)).save(scene_dir / f"f{i:02d}.png")
        c2w = np.eye(4)
        c2w[0, 3] = 0.05 * i
        entries.append({"file_path": f"f{i:02d}.png", "transform_matrix": c2w.tolist()})
    meta = {"fl_x": 50.0, "fl_y": 50.0, "cx": shape[1] / 2, "cy": shape[0] / 2, "w": shape[1], "h": shape[0], "frames": entries}
    (scene_dir / "transforms.json").write_text(json.dumps(meta))
    return scene_dir


# ---------------------------------------------------------------- data loss


def test_convert_into_an_existing_dataset_refuses_then_appends_or_overwrites(tmp_path):
    out = tmp_path / "mine"
    first, second = tmp_path / "src1", tmp_path / "src2"
    own_capture(first, "kitchen")
    own_capture(second, "garden")
    assert run_splatbench("data", "convert", "nerfstudio", first, out, "--context-gap", "4").status == 0
    before = tree_digest(out)

    refused = run_splatbench("data", "convert", "nerfstudio", second, out, "--context-gap", "4")
    assert_one_line(refused, str(out), "already holds a dataset", "test/ with 1 chunk file", "--append", "--overwrite")
    assert tree_digest(out) == before  # nothing replaced

    assert run_splatbench("data", "convert", "nerfstudio", second, out, "--context-gap", "4", "--append").status == 0
    after = tree_digest(out)
    assert after["test/000000.torch"] == before["test/000000.torch"]  # the old chunk is untouched
    assert read_index(out / "test") == {"garden": "000001.torch", "kitchen": "000000.torch"}
    assert set(json.loads((out / "evaluation_index.json").read_text())) == {"garden", "kitchen"}
    assert set(json.loads((out / "test" / "manifest.json").read_text())["frame_shapes"]) == {"garden", "kitchen"}

    again = run_splatbench("data", "convert", "nerfstudio", second, out, "--append")
    assert_one_line(again, "scene garden", "already in chunk 000001.torch")
    assert tree_digest(out) == after

    assert run_splatbench("data", "convert", "nerfstudio", second, out, "--overwrite", "--context-gap", "4").status == 0
    assert read_index(out / "test") == {"garden": "000000.torch"}
    assert sorted(p.name for p in (out / "test").glob("*.torch")) == ["000000.torch"]


def test_example_into_an_existing_dataset_refuses_unless_told(tmp_path):
    out = tmp_path / "ex"
    args = ["data", "example", out, "--num-scenes", "1", "--num-test-scenes", "1", "--num-frames", "8", "--no-middlebury"]
    assert run_splatbench(*args).status == 0
    before = tree_digest(out)
    assert_one_line(run_splatbench(*args, "--seed", "1"), str(out), "already holds a dataset", "--append")
    assert tree_digest(out) == before
    assert run_splatbench(*args, "--seed", "1", "--append").status == 0
    assert sorted(read_index(out / "test")) == ["test_00000_0", "test_00000_1"]
    assert sorted(json.loads((out / "evaluation_index.json").read_text())) == ["test_00000_0", "test_00000_1"]
    assert run_splatbench(*args, "--seed", "2", "--overwrite").status == 0
    assert sorted(read_index(out / "test")) == ["test_00000_2"]


def test_index_of_a_missing_folder_fails_and_creates_nothing(tmp_path):
    missing = tmp_path / "nope" / "test"
    outcome = run_splatbench("data", "index", missing, "--out", tmp_path / "nope" / "index.json")
    assert_one_line(outcome, str(missing), "does not exist")
    assert not (tmp_path / "nope").exists()


# ---------------------------------------------------------------- counting in the reader


def _dataset(root, index_path=None, **overrides):
    from splatbench.data.config import DatasetRE10kCfg, ViewSamplerEvaluationCfg
    from splatbench.data.datasets import get_dataset

    sampler = ViewSamplerEvaluationCfg(index_path=str(index_path or root / "evaluation_index.json"))
    options = dict(roots=[str(root)], image_shape=[64, 64], ori_image_shape=[64, 64], view_sampler=sampler)
    return get_dataset(DatasetRE10kCfg(**{**options, **overrides}), "test")


def _outcome(dataset) -> tuple[list[str], dict[str, str]]:
    evaluated, skipped = [], {}
    for item in dataset:
        if "__skipped__" in item:
            assert item["scene"] not in skipped, f"{item['scene']} reported twice"
            skipped[item["scene"]] = item["reason"]
        else:
            evaluated.append(item["scene"])
    return evaluated, skipped


@pytest.mark.parametrize("with_index_json", [True, False], ids=["index.json", "no-index.json"])
def test_truncated_chunk_and_unknown_scene_are_counted_not_lost(copy_of, with_index_json):
    root = copy_of()
    chunk = root / "test" / "000001.torch"  # holds test_00001_0
    chunk.write_bytes(chunk.read_bytes()[:300])
    if not with_index_json:
        (root / "test" / "index.json").unlink()
    index = json.loads((root / "evaluation_index.json").read_text())
    index["ghost_scene"] = index["test_00000_0"]
    (root / "evaluation_index.json").write_text(json.dumps(index))

    evaluated, skipped = _outcome(_dataset(root))
    assert evaluated == ["test_00000_0", "test_00002_0"]  # the good scenes are all evaluated
    assert skipped == {"test_00001_0": "unreadable_chunk", "ghost_scene": "not_in_data" if with_index_json else "unreadable_chunk"}
    assert set(evaluated) | set(skipped) == requested_scenes(root / "evaluation_index.json")


def test_nan_in_a_frame_the_index_does_not_use_keeps_the_scene(copy_of):
    root = copy_of()
    path = root / "test" / "000000.torch"
    scenes = read_chunk(path)
    entry = json.loads((root / "evaluation_index.json").read_text())["test_00000_0"]
    unused = next(i for i in range(NUM_FRAMES) if i not in entry["context"] + entry["target"])
    scenes[0]["cameras"][unused, 9] = float("nan")
    write_chunk(path, scenes)
    evaluated, skipped = _outcome(_dataset(root))
    assert evaluated == ["test_00000_0", "test_00001_0", "test_00002_0"] and skipped == {}

    scenes[0]["cameras"][entry["target"][0], 9] = float("nan")  # a used frame: skipped, with the frame named
    write_chunk(path, scenes)
    evaluated, skipped = _outcome(_dataset(root))
    assert skipped == {"test_00000_0": "cameras"} and len(evaluated) == 2


def test_own_photos_need_no_frame_size_setting(tmp_path, caplog):
    """Converted data records its frame size in manifest.json; without one (reference chunks) the
    skip message names dataset.ori_image_shape and the value to set."""
    src, out = tmp_path / "photos", tmp_path / "mine"
    own_capture(src, "desk", shape=(40, 56))
    assert run_splatbench("data", "convert", "nerfstudio", src, out, "--context-gap", "4").status == 0
    evaluated, skipped = _outcome(_dataset(out, ori_image_shape=[360, 640], image_shape=[32, 32]))
    assert evaluated == ["desk"] and skipped == {}

    (out / "test" / "manifest.json").unlink()
    with caplog.at_level(logging.WARNING):
        evaluated, skipped = _outcome(_dataset(out, ori_image_shape=[360, 640], image_shape=[32, 32]))
    assert evaluated == [] and skipped == {"desk": "frame_size"}
    assert "frame size 40x56 is not dataset.ori_image_shape 360x640; set dataset.ori_image_shape=[40,56]" in caplog.text


def test_per_scene_evaluation_skips_data_errors_only():
    """A DataError skips and counts the scene; any other error (a shape bug) ends the run."""
    from splatbench.data.errors import DataError
    from splatbench.evaluation.evaluate import Evaluator

    class Model:
        device = torch.device("cpu")

        def __init__(self, error):
            self.error = error

        def prepare(self, batch):
            return batch

        def encode(self, context):
            raise self.error

    views = {"image": torch.zeros(1, 1, 3, 4, 4), "index": torch.zeros(1, 1, dtype=torch.int64)}
    batch = {"scene": ["s1"], "context": views, "target": views}
    evaluator = Evaluator(Model(DataError("f.torch", "s1", "images", "cannot decode image")))
    evaluator.add_batch(dict(batch), 0)
    assert evaluator.report().skip_reasons == {"s1": "images"}
    with pytest.raises(ValueError, match="shape bug"):
        Evaluator(Model(ValueError("shape bug"))).add_batch(dict(batch), 0)


# ---------------------------------------------------------------- command-line input


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["example", "{tmp}/e", "--num-scenes", "0"], "argument --num-scenes: must be at least 1"),
        (["example", "{tmp}/e", "--image-shape", "-4", "64"], "argument --image-shape: must be at least 1"),
        (["index", "{root}/test", "--num-targets", "0"], "argument --num-targets: must be at least 1"),
        (["index", "{root}/test", "--context-gap", "1"], "argument --context-gap: must be at least 2"),
    ],
    ids=["num-scenes", "image-shape", "num-targets", "context-gap"],
)
def test_bad_numbers_on_the_command_line(args, fragment, tiny_root, tmp_path):
    args = [a.format(tmp=tmp_path, root=tiny_root) for a in args]
    outcome = run_splatbench("data", *args)
    assert_one_line(outcome, fragment)
    assert not (tmp_path / "e").exists()


def test_context_gap_that_leaves_no_room_fails(tmp_path, caplog):
    src, out = tmp_path / "photos", tmp_path / "mine"
    own_capture(src, "short", frames=2)
    # Converted data is kept (nothing lost), but the run fails: its evaluation index is empty.
    outcome = run_splatbench("data", "convert", "nerfstudio", src, out)
    assert_one_line(outcome, "evaluation_index.json", "--context-gap 45 leaves no room in any scene", "longest has 2 frames")
    assert read_index(out / "test") == {"short": "000000.torch"}
    more = tmp_path / "more"
    own_capture(more, "longer", frames=10)
    assert run_splatbench("data", "convert", "nerfstudio", more, out, "--append", "--context-gap", "4").status == 0
    with caplog.at_level(logging.WARNING):  # a clamped or empty entry is said, not silent
        assert run_splatbench("data", "index", out / "test", "--context-gap", "30").status == 0
    assert "1 scene(s) have at most 30 frames: their context pair is their first and last frame (e.g. longer)" in caplog.text
    assert "1 scene(s) are too short to index (null entries, e.g. short)" in caplog.text


def test_data_check_prints_each_problem_once_whole(copy_of):
    root = copy_of()
    scenes = read_chunk(root / "test" / "000000.torch")
    scenes[0]["cameras"] = "oops"
    write_chunk(root / "test" / "000000.torch", scenes)
    chunk = root / "train" / "000000.torch"
    chunk.write_bytes(chunk.read_bytes()[:100])
    (root / "evaluation_index.json").write_text(json.dumps({"test_00001_0": {"context": [0, "x" * 300], "target": [1]}}))
    outcome = run_splatbench("data", "check", root)
    problems = [line for line in outcome.stdout.splitlines() if line.startswith(str(root))]
    assert outcome.status == 1 and len(problems) == 3 == len(set(problems))
    assert str(root) not in outcome.stderr  # printed once, not logged again
    assert "scene test_00000_0: field cameras: expected a float tensor, got str" in problems[1]
    assert problems[2].endswith("field context: must be a list of non-negative frame indices; item 1 is a string")
    assert problems[0].endswith("This is an internal miniz error.)")  # whole sentences, no cut word
    assert not any("xxx" in p or "<" in p or "..." in p for p in problems)  # no reprs
