"""Fault injection, ``splatbench test`` / ``train``: runs that evaluate nothing fail with one line,
counts add up to the index, training that cannot start stops, and resumed runs keep exactly the
top-k checkpoints, no stale temporaries and one config snapshot per invocation."""

from __future__ import annotations

import json
import signal
from contextlib import contextmanager

import pytest

from splatbench.data.chunks import read_chunk, write_chunk
from splatbench.training.checkpointing import checkpoint_step
from tests.faults.conftest import (
    NUM_FRAMES,
    NUM_TEST_SCENES,
    assert_one_line,
    requested_scenes,
    run_splatbench,
    test_overrides,
    train_overrides,
)


@contextmanager
def time_limit(seconds: int):
    """Fail instead of hanging (a run that spins over skipped scenes would never return)."""

    def expire(*_):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _strip_key(root, split: str, key: str) -> None:
    for path in (root / split).glob("*.torch"):
        scenes = read_chunk(path)
        for scene in scenes:
            scene.pop(key, None)
        write_chunk(path, scenes)


def _no_vggt(root):
    _strip_key(root, "test", "vggt_camera")
    return ["dataset.pose_source=vggt"], ["missing:vggt_camera: 3", "the chunks have no 'vggt_camera'", "use dataset.pose_source=gt"]


def _wrong_frame_size(root):
    (root / "test" / "manifest.json").unlink()  # reference-style data: the setting decides
    return ["dataset.ori_image_shape=[32,32]"], ["frame_size: 3", "dataset.ori_image_shape"]


@pytest.mark.parametrize("fault", [_no_vggt, _wrong_frame_size], ids=["pose_source=vggt without it", "frame size"])
def test_a_test_run_that_evaluates_nothing_fails(fault, copy_of, tmp_path):
    root = copy_of()
    extra, fragments = fault(root)
    outcome = run_splatbench(*test_overrides(root, tmp_path / "out", *extra))
    assert_one_line(outcome, "splatbench test: no scene was evaluated", f"all {NUM_TEST_SCENES} of the scenes", *fragments)
    counts = json.loads((tmp_path / "out" / "metrics" / "scene_counts.json").read_text())
    assert counts["evaluated"] == 0 and counts["skipped"] == NUM_TEST_SCENES


def test_a_test_run_on_a_missing_root_fails(tiny_root, tmp_path):
    missing = tmp_path / "nothere"
    outcome = run_splatbench(
        *test_overrides(missing, tmp_path / "out"), f"dataset.view_sampler.index_path={tiny_root / 'evaluation_index.json'}"
    )
    assert_one_line(outcome, "dataset.roots: no .torch chunk files", f"{missing} does not exist")


def test_counts_and_summary_add_up_to_the_index(copy_of, tmp_path):
    """A truncated chunk and an index entry for a scene not in the data are counted as skipped
    with their reasons; a scene with NaN in an unused frame is evaluated (as the reference)."""
    root = copy_of()
    chunk = root / "test" / "000001.torch"
    chunk.write_bytes(chunk.read_bytes()[:300])
    index = json.loads((root / "evaluation_index.json").read_text())
    index["ghost_scene"] = index["test_00000_0"]
    (root / "evaluation_index.json").write_text(json.dumps(index))
    scenes = read_chunk(root / "test" / "000000.torch")
    used = index["test_00000_0"]["context"] + index["test_00000_0"]["target"]
    scenes[0]["cameras"][next(i for i in range(NUM_FRAMES) if i not in used), 9] = float("nan")
    write_chunk(root / "test" / "000000.torch", scenes)

    outcome = run_splatbench(*test_overrides(root, tmp_path / "out"))
    assert outcome.status == 0, outcome.stderr[-3000:]
    metrics = tmp_path / "out" / "metrics"
    counts = json.loads((metrics / "scene_counts.json").read_text())
    assert counts["skip_reasons"] == {"ghost_scene": "not_in_data", "test_00001_0": "unreadable_chunk"}
    assert counts["evaluated"] == 2 and counts["skipped"] == 2
    assert counts["evaluated"] + counts["skipped"] == len(requested_scenes(root / "evaluation_index.json"))
    assert len(json.loads((metrics / "scores_psnr_all.json").read_text())) == 2
    header, _, row = (metrics / "summary.md").read_text().splitlines()[:3]
    cells = dict(zip([c.strip() for c in header.split("|")], [c.strip() for c in row.split("|")]))
    assert (cells["scenes"], cells["skipped"]) == ("2", "2")


def test_training_where_every_scene_is_skipped_stops_after_one_pass(copy_of, tmp_path):
    root = copy_of()
    (root / "train" / "manifest.json").unlink()
    with time_limit(240):
        outcome = run_splatbench(*train_overrides(root, tmp_path / "run", "dataset.ori_image_shape=[32,32]", "trainer.max_steps=50"))
    assert_one_line(
        outcome, "splatbench train: training: one pass over the training data gave no batch, every scene was skipped",
        "frame_size: 2", "set dataset.ori_image_shape=[64,64]",
    )
    assert not list((tmp_path / "run").glob("checkpoints/*.ckpt"))


def test_training_on_a_missing_root_fails(tmp_path):
    outcome = run_splatbench(*train_overrides(tmp_path / "nothere", tmp_path / "run"))
    assert_one_line(outcome, "dataset.roots: no .torch chunk files", "nothere does not exist")


def test_resumes_keep_exactly_top_k_no_stale_temporaries_and_every_config(tiny_root, tmp_path):
    run_dir = tmp_path / "run"
    checkpoints = run_dir / "checkpoints"

    def train(steps: int):
        outcome = run_splatbench(*train_overrides(
            tiny_root, run_dir, f"trainer.max_steps={steps}", "checkpointing.every_n_train_steps=1",
            "checkpointing.save_top_k=1", "checkpointing.resume=true",
        ))
        assert outcome.status == 0, outcome.stderr[-3000:]

    train(1)
    # A kill during a save leaves our temporary; a user's own hidden file is not ours to delete.
    stale = checkpoints / ".epoch_0-step_2.ckpt.k2x_9abc.tmp"
    stale.write_bytes(b"\0" * 4096)
    (checkpoints / ".notes.tmp").write_text("mine")
    train(2)
    train(3)
    assert [checkpoint_step(p) for p in checkpoints.glob("*.ckpt")] == [3]  # save_top_k=1 over three runs
    assert not stale.exists() and (checkpoints / ".notes.tmp").read_text() == "mine"

    assert run_splatbench(*test_overrides(tiny_root, run_dir, "checkpointing.resume=true", "dataset.test_len=1")).status == 0
    snapshots = sorted((run_dir / ".hydra").iterdir())
    assert [s.name.rsplit("-", 1)[1] for s in snapshots] == ["train", "train", "train", "test"]
    configs = [(s / "config.yaml").read_text() for s in snapshots]
    assert [f"max_steps: {steps}" in config for steps, config in zip((1, 2, 3), configs)] == [True] * 3
    assert "mode: test" in configs[3]


def test_an_empty_test_loader_is_reported_as_no_scene_evaluated():
    """Lightning runs no test epoch over a loader of length 0, so no report exists: the run still
    fails with the one-line reason instead of an AttributeError."""
    from types import SimpleNamespace

    from splatbench.data.errors import NoUsableScenesError
    from splatbench.training.run import check_scenes_evaluated

    cfg = SimpleNamespace(
        test=SimpleNamespace(compute_scores=True),
        train=SimpleNamespace(forward_depth_only=False),
        dataset=SimpleNamespace(roots=["data"], view_sampler=SimpleNamespace(index_path="index.json")),
    )
    with pytest.raises(NoUsableScenesError, match=r"^no scene was evaluated: none of the scenes index.json asks for"):
        check_scenes_evaluated(cfg, None)
