"""Loading VGGT weights: the official flat layout loads (point/track-head keys ignored by name),
and every bad file fails with one line naming the file and the first bad key."""

from __future__ import annotations

import pickle

import pytest
import torch

from splatbench.model.vggt import VGGT, vggt_preset
from splatbench.model.vggt.weights import VGGTWeightsError, fill_generated_weights, generated_vggt_tensor, load_vggt

TINY = vggt_preset("tiny")


@pytest.fixture(scope="module")
def official_like_state():
    """A tiny model's generated state dict plus point/track-head keys, as in the released file."""
    model = fill_generated_weights(VGGT(TINY))
    state = {key: value.detach().clone() for key, value in model.state_dict().items()}
    for key, shape in {"point_head.norm.weight": (128,), "track_head.tracker.virual_tracks": (1, 4, 1, 8)}.items():
        state[key] = generated_vggt_tensor(key, shape)
    return state


@pytest.fixture(scope="module")
def images():
    return torch.rand(2, 3, 42, 70, generator=torch.Generator().manual_seed(5))


@pytest.mark.parametrize("suffix", [".pt", ".safetensors"])
def test_official_layout_loads_and_predicts(tmp_path, official_like_state, images, suffix):
    path = tmp_path / f"model{suffix}"
    if suffix == ".pt":
        torch.save(official_like_state, path)
    else:
        from safetensors.torch import save_file

        save_file(official_like_state, str(path))
    loaded = load_vggt(path, config=TINY)
    assert not any(p.requires_grad for p in loaded.parameters())
    reference = fill_generated_weights(VGGT(TINY).eval())
    ours, expected = loaded(images), reference(images)
    assert torch.equal(ours.depth, expected.depth)
    assert torch.equal(ours.pose_encoding, expected.pose_encoding)


def _expect_one_line(path, config, *fragments):
    with pytest.raises(VGGTWeightsError) as info:
        load_vggt(path, config=config)
    message = str(info.value)
    assert "\n" not in message
    assert str(path) in message
    for fragment in fragments:
        assert fragment in message, message


def test_missing_file(tmp_path):
    _expect_one_line(tmp_path / "model.pt", TINY, "does not exist")


def test_missing_key(tmp_path, official_like_state):
    state = dict(official_like_state)
    del state["aggregator.global_blocks.3.attn.k_norm.bias"]
    torch.save(state, tmp_path / "model.pt")
    _expect_one_line(tmp_path / "model.pt", TINY, "missing key 'aggregator.global_blocks.3.attn.k_norm.bias'")


def test_mis_shaped_key(tmp_path, official_like_state):
    state = dict(official_like_state)
    state["camera_head.embed_pose.weight"] = torch.zeros(3, 3)
    torch.save(state, tmp_path / "model.pt")
    _expect_one_line(tmp_path / "model.pt", TINY, "'camera_head.embed_pose.weight' has shape (3, 3)")


def test_pre_release_key_names_refused(tmp_path, official_like_state):
    state = {key.replace("aggregator.camera_token", "aggregator.pose_token"): value
             for key, value in official_like_state.items()}
    torch.save(state, tmp_path / "model.pt")
    _expect_one_line(tmp_path / "model.pt", TINY, "unexpected key 'aggregator.pose_token'", "more problems")


def test_wrapped_checkpoint_refused(tmp_path, official_like_state):
    torch.save({"model": official_like_state}, tmp_path / "model.pt")
    _expect_one_line(tmp_path / "model.pt", TINY, "'model'", "not a tensor")


class _Payload:
    def __reduce__(self):
        return (print, ("unpickled code ran",))


def test_pickled_code_refused(tmp_path):
    path = tmp_path / "model.pt"
    path.write_bytes(pickle.dumps({"aggregator.camera_token": _Payload()}))
    _expect_one_line(path, TINY, "not a readable weights-only state dict")


def test_truncated_file_refused(tmp_path, official_like_state):
    path = tmp_path / "model.pt"
    torch.save(official_like_state, path)
    path.write_bytes(path.read_bytes()[:1000])
    _expect_one_line(path, TINY, "not a readable weights-only state dict")
