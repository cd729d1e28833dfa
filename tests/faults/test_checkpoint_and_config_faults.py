"""Fault injection, checkpoints and settings: every problem is one line naming the file, key or
field, exit status 2, before any data is read; pickled code never runs."""

from __future__ import annotations

import json
import os

import pytest
import torch

from tests.faults.conftest import assert_one_line, run_splatbench, test_overrides


@pytest.fixture(scope="module")
def tiny_state() -> dict[str, torch.Tensor]:
    """The demo's tiny encoder as an official-style ``encoder.*`` state dict."""
    from splatbench.cli.hydra_main import compose, load_config
    from splatbench.model.encoder import get_encoder

    cfg = load_config(compose(["+experiment=demo_tiny"]))
    encoder, _ = get_encoder(cfg.model.encoder)
    return {f"encoder.{key}": value for key, value in encoder.state_dict().items()}


class RunsCode:
    """Unpickling this would create ``marker``: the proof that no pickled code runs."""

    def __init__(self, marker) -> None:
        self.marker = str(marker)

    def __reduce__(self):
        return (os.mknod, (self.marker,))


def _corrupt(state, path):
    torch.save(state, path)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return ["corrupt or truncated, not a readable torch checkpoint"]


def _pickled_code(state, path):
    torch.save({**state, "payload": RunsCode(path.with_suffix(".ran"))}, path)
    return ["holds pickled Python objects (posix.mknod)", "never run code"]


def _missing_key(state, path):
    state = dict(state)
    key = sorted(state)[0]
    del state[key]
    torch.save(state, path)
    return [f"1 missing key: {key}"]


def _misshaped_key(state, path):
    key = sorted(state)[0]
    torch.save({**state, key: torch.zeros(3, 3)}, path)
    return [f"1 mis-shaped key: {key} (checkpoint (3, 3) vs model {tuple(state[key].shape)})"]


def _other_preset(state, path):
    """The mvsplat preset's keys and shapes (stride-0 tensors: the file stays tiny)."""
    from splatbench.model.encoder import encoder_preset, get_encoder

    with torch.device("meta"):
        encoder, _ = get_encoder(encoder_preset("mvsplat"))
    torch.save({f"encoder.{k}": torch.zeros(1).expand(v.shape) for k, v in encoder.state_dict().items()}, path)
    return ["does not fit the EncoderDepthSplat (kind 'model', strict): it looks like a checkpoint of the 'mvsplat' preset", " more"]


@pytest.mark.parametrize(
    "fault", [_corrupt, _pickled_code, _missing_key, _misshaped_key, _other_preset],
    ids=["corrupt", "pickled code", "missing key", "mis-shaped key", "other preset"],
)
def test_pretrained_model_problems(fault, tiny_state, tiny_root, tmp_path):
    path = tmp_path / "model.pth"
    fragments = fault(tiny_state, path)
    outcome = run_splatbench(*test_overrides(tiny_root, tmp_path / "out", f"checkpointing.pretrained_model={path}"))
    line = assert_one_line(outcome, f"splatbench test: {path}", *fragments)
    assert len(line) < 2500  # at most 10 keys per kind of problem
    assert not path.with_suffix(".ran").exists()
    assert not (tmp_path / "out" / "metrics").exists()  # stopped before any scene


def test_lightning_checkpoint_that_does_not_fit(tiny_state, tiny_root, tmp_path):
    """``checkpointing.load`` is checked key by key before Lightning restores it (torch would
    print a multi-line report)."""
    from splatbench.cli.hydra_main import compose, load_config
    from splatbench.training.run import _build_model

    cfg = load_config(compose(["+experiment=demo_tiny"]))
    state = _build_model(cfg, None, tmp_path).state_dict()
    key = next(k for k in state if k.startswith("encoder."))
    path = tmp_path / "epoch_0-step_1.ckpt"
    torch.save({"state_dict": {**state, key: torch.zeros(2)}, "pytorch-lightning_version": "2.6.6"}, path)
    outcome = run_splatbench(*test_overrides(tiny_root, tmp_path / "out", f"checkpointing.load={path}"))
    assert_one_line(outcome, f"{path}: does not fit this model: 1 mis-shaped key: {key} (checkpoint (2,)")


def _bad_json(root):
    (root / "evaluation_index.json").write_text('{"test_00000_0": {"context": [0, 6]')
    return [], ["dataset.view_sampler.index_path:", "evaluation_index.json: not valid JSON (JSONDecodeError"]


def _bad_entry(root):
    index = json.loads((root / "evaluation_index.json").read_text())
    index["test_00001_0"] = {"context": [0, -6], "target": [3]}
    (root / "evaluation_index.json").write_text(json.dumps(index))
    return [], ["scene test_00001_0: field context: must be a list of non-negative frame indices; item 1 is -6"]


def _bad_chunk_index(root):
    (root / "test" / "index.json").write_text(json.dumps({"test_00000_0": ["000000.torch"]}))
    return [], ["test/index.json: scene test_00000_0: expected a chunk file name like 000000.torch"]


@pytest.mark.parametrize(
    ("overrides", "fragments"),
    [
        (["dataset.near=0"], ["config error: dataset.near: must be positive or -1 (class default), got 0.0"]),
        (["dataset.near=-3"], ["config error: dataset.near: must be positive or -1"]),
        (["dataset.pose_source=sfm"], ["config error: dataset.pose_source: 'sfm' is not one of colmap, gt"]),
        (["dataset.fov_limit=10"], ["config error: Could not override 'dataset.fov_limit'.", "use +dataset.fov_limit=10"]),
    ],
    ids=["near=0", "near<0", "unknown pose source", "unknown key without +"],
)
def test_settings_problems(overrides, fragments, tiny_root, tmp_path):
    outcome = run_splatbench(*test_overrides(tiny_root, tmp_path / "out", *overrides))
    assert_one_line(outcome, *fragments)
    assert not (tmp_path / "out" / "metrics").exists()


@pytest.mark.parametrize("fault", [_bad_json, _bad_entry, _bad_chunk_index], ids=["index json", "index entry", "split index.json"])
def test_malformed_index_files(fault, copy_of, tmp_path):
    root = copy_of()
    overrides, fragments = fault(root)
    outcome = run_splatbench(*test_overrides(root, tmp_path / "out", *overrides))
    assert_one_line(outcome, *fragments)


def test_pose_sources_are_validated_against_the_registry(monkeypatch, tiny_root):
    """A source the ``poses`` stage registers is accepted without touching the validation."""
    from splatbench.cli.hydra_main import compose, load_config
    from splatbench.data import pose_sources

    overrides = ["+experiment=demo_tiny", f"dataset.roots=[{tiny_root}]", "dataset.pose_source=sfm"]
    monkeypatch.setitem(pose_sources.POSE_SOURCES, "sfm", pose_sources.stored_pose_source("sfm"))
    assert load_config(compose(overrides)).dataset.pose_source == "sfm"
