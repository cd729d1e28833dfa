"""Checkpoint loading: every official form, named mismatch errors, refusal of pickled code."""

from __future__ import annotations

import logging
import pickle
from pathlib import Path

import pytest
import torch
from torch import nn

from splatbench.model.checkpoints import CheckpointFormatError, CheckpointMismatchError, load_pretrained_weights
from splatbench.model.generated_weights import load_shape_table, write_fake_official_checkpoint
from tests.conftest import shared_reference_path



def module_from_shapes(shapes: dict[str, tuple[int, ...]]) -> nn.Module:
    """A module tree whose state dict has exactly ``shapes`` (zero-filled parameters)."""
    root = nn.Module()
    for key, shape in shapes.items():
        *path, leaf = key.split(".")
        module = root
        for part in path:
            if not hasattr(module, part):
                module.add_module(part, nn.Module())
            module = getattr(module, part)
        module.register_parameter(leaf, nn.Parameter(torch.zeros(shape), requires_grad=False))
    return root


@pytest.fixture(scope="module")
def small_shapes() -> dict[str, tuple[int, ...]]:
    path = shared_reference_path("depthsplat_state_dict_small.tsv")
    return load_shape_table(path)


def constant_state(shapes) -> dict[str, torch.Tensor]:
    # A distinct constant per key is enough to see where each tensor lands (and is cheap).
    return {key: torch.full(shape, float(index + 1)) for index, (key, shape) in enumerate(shapes.items())}


@pytest.fixture(scope="module", params=["small", "base"])
def official_keys_tiny_shapes(request) -> dict[str, tuple[int, ...]]:
    """Every official key with a tiny shape of the same rank: the form logic is shape-blind."""
    path = shared_reference_path(f"depthsplat_state_dict_{request.param}.tsv")
    return {key: (2,) * len(shape) for key, shape in load_shape_table(path).items()}


def fresh_encoder(shapes) -> nn.Module:
    return module_from_shapes({key[len("encoder."):]: shape for key, shape in shapes.items()})


# form -> (kind, which encoder.* keys the load must set)
FORMS = {
    "full_raw": ("model", lambda key: True),
    "full_wrapped": ("model", lambda key: True),
    "full_safetensors": ("model", lambda key: True),
    "lightning": ("model", lambda key: True),
    "depth_only": ("depth", lambda key: key.startswith("encoder.depth_predictor.")),
    "depth_anything_v2": ("monodepth", lambda key: key.startswith("encoder.depth_predictor.pretrained.")),
    "unimatch_gmflow": (
        "mvdepth",
        lambda key: key.startswith(("encoder.depth_predictor.backbone.", "encoder.depth_predictor.transformer.")),
    ),
}


def test_full_size_small_checkpoint_loads_every_official_key_and_shape(small_shapes, tmp_path):
    state = constant_state(small_shapes)
    path = write_fake_official_checkpoint(tmp_path / "depthsplat-gs-small.pth", "full_raw", state)
    encoder = fresh_encoder(small_shapes)
    report = load_pretrained_weights(encoder, path, kind="model")
    assert report.loaded == len(small_shapes) == 567
    loaded = encoder.state_dict()
    assert all(torch.equal(loaded[key[len("encoder."):]], value) for key, value in state.items())


@pytest.mark.parametrize("form", sorted(FORMS))
def test_every_official_form_loads_every_key(form, official_keys_tiny_shapes, tmp_path):
    shapes = official_keys_tiny_shapes
    state = constant_state(shapes)
    kind, expected_keys = FORMS[form]
    path = tmp_path / f"checkpoint{'.safetensors' if form == 'full_safetensors' else '.pth'}"
    write_fake_official_checkpoint(path, form, state)
    encoder = fresh_encoder(shapes)
    wrapper = nn.Module()
    wrapper.encoder = encoder  # the Lightning wrapper holds the encoder as .encoder
    report = load_pretrained_weights(wrapper, path, kind=kind)
    loaded = encoder.state_dict()
    wanted = [key for key in state if expected_keys(key)]
    assert report.loaded == len(wanted)
    for key, value in state.items():
        target = loaded[key[len("encoder."):]]
        if expected_keys(key):
            assert torch.equal(target, value), key
        else:
            assert torch.count_nonzero(target) == 0, key
    if kind == "model":
        assert report.missing == [] and report.unexpected == []
        assert report.layout == {"full_raw": "raw", "full_safetensors": "raw", "full_wrapped": "state_dict",
                                 "lightning": "lightning"}[form]
    if form == "depth_anything_v2":  # DA-V2's mask token and own head are ignored
        assert "pretrained.mask_token" in report.unexpected
        assert any(key.startswith("depth_head.projects") for key in report.unexpected)


def _tiny_state() -> dict[str, torch.Tensor]:
    return {
        "encoder.depth_predictor.backbone.conv1.weight": torch.ones(4, 3, 3, 3),
        "encoder.depth_predictor.pretrained.cls_token": torch.ones(1, 1, 8),
        "encoder.gaussian_head.0.weight": torch.ones(5, 4, 3, 3),
        "encoder.gaussian_head.0.bias": torch.ones(5),
    }


def _tiny_encoder() -> nn.Module:
    return fresh_encoder({key: tuple(value.shape) for key, value in _tiny_state().items()})


def test_strict_load_names_missing_unexpected_and_misshaped_keys(tmp_path):
    state = _tiny_state()
    del state["encoder.gaussian_head.0.bias"]
    state["encoder.gaussian_head.9.weight"] = torch.ones(2)
    state["encoder.depth_predictor.pretrained.cls_token"] = torch.ones(1, 1, 9)
    path = tmp_path / "bad.pth"
    torch.save(state, path)
    with pytest.raises(CheckpointMismatchError) as error:
        load_pretrained_weights(_tiny_encoder(), path, kind="model")
    message = str(error.value)
    assert str(path) in message
    assert "1 missing key: encoder.gaussian_head.0.bias" in message
    assert "1 unexpected key: encoder.gaussian_head.9.weight" in message
    assert "encoder.depth_predictor.pretrained.cls_token (checkpoint (1, 1, 9) vs model (1, 1, 8))" in message
    assert len(message.splitlines()) == 1


def test_non_strict_load_skips_missing_and_unexpected_but_not_misshaped(tmp_path, caplog):
    state = _tiny_state()
    del state["encoder.gaussian_head.0.bias"]
    state["encoder.gaussian_head.9.weight"] = torch.ones(2)
    state["decoder.something"] = torch.ones(1)
    path = tmp_path / "partial.pth"
    torch.save({"state_dict": state}, path)
    encoder = _tiny_encoder()
    with caplog.at_level(logging.WARNING):
        report = load_pretrained_weights(encoder, path, kind="model", strict=False)
    assert report.loaded == 3
    assert report.missing == ["encoder.gaussian_head.0.bias"]
    assert sorted(report.unexpected) == ["decoder.something", "encoder.gaussian_head.9.weight"]
    assert torch.equal(encoder.gaussian_head[0].weight if isinstance(encoder.gaussian_head, nn.Sequential)
                       else getattr(encoder.gaussian_head, "0").weight, torch.ones(5, 4, 3, 3))
    assert "2 unexpected" in caplog.text

    state["encoder.gaussian_head.0.weight"] = torch.ones(5, 4, 1, 1)
    torch.save(state, path)
    with pytest.raises(CheckpointMismatchError, match=r"encoder.gaussian_head.0.weight \(checkpoint"):
        load_pretrained_weights(_tiny_encoder(), path, kind="model", strict=False)


def test_depth_only_load_is_strict_and_needs_the_model_field(tmp_path):
    path = tmp_path / "depth.pth"
    torch.save({"backbone.conv1.weight": torch.ones(4, 3, 3, 3)}, path)
    with pytest.raises(CheckpointFormatError, match="field 'model' missing"):
        load_pretrained_weights(_tiny_encoder(), path, kind="depth")
    torch.save({"model": {"backbone.conv1.weight": torch.ones(4, 3, 3, 3)}}, path)
    with pytest.raises(CheckpointMismatchError, match="missing key: pretrained.cls_token"):
        load_pretrained_weights(_tiny_encoder(), path, kind="depth", strict=False)  # strict anyway


def test_wrong_kind_and_bad_content_are_explained(tmp_path):
    path = tmp_path / "unimatch.pth"
    torch.save({"model": {"backbone.conv1.weight": torch.ones(4, 3, 3, 3)}}, path)
    with pytest.raises(CheckpointFormatError, match="pretrained_depth or pretrained_mvdepth"):
        load_pretrained_weights(_tiny_encoder(), path, kind="model")
    torch.save([torch.ones(1)], path)
    with pytest.raises(CheckpointFormatError, match="expected a dict"):
        load_pretrained_weights(_tiny_encoder(), path, kind="model")
    with pytest.raises(ValueError, match="unknown checkpoint kind"):
        load_pretrained_weights(_tiny_encoder(), path, kind="everything")
    with pytest.raises(FileNotFoundError):
        load_pretrained_weights(_tiny_encoder(), tmp_path / "absent.pth")


class _Payload:
    """Unpickling this would create a file: proof that code ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_pickle_with_code_is_refused(tmp_path):
    marker = tmp_path / "code_ran"
    path = tmp_path / "evil.pth"
    with path.open("wb") as handle:
        pickle.dump({"state_dict": {"encoder.x": _Payload(marker)}}, handle)
    with pytest.raises(ValueError, match="evil.pth"):
        load_pretrained_weights(_tiny_encoder(), path, kind="model")
    assert not marker.exists()
    torch.save({"encoder.x": _Payload(marker)}, path)  # torch.save pickles the object the same way
    assert marker.exists() is False
    with pytest.raises(ValueError, match="weights_only"):
        load_pretrained_weights(_tiny_encoder(), path, kind="model")
    assert not marker.exists()


@pytest.mark.parametrize(("form", "kind"), [("full_raw", "model"), ("lightning", "model"), ("depth_only", "depth"),
                                            ("unimatch_gmflow", "mvdepth")])
def test_forms_load_into_our_encoder_class(form, kind, tmp_path):
    from splatbench.model.encoder.config import encoder_preset
    from splatbench.model.encoder.depthsplat import EncoderDepthSplat

    source = EncoderDepthSplat(encoder_preset("tiny"))
    state = {f"encoder.{key}": torch.full_like(value, index + 1.0)
             for index, (key, value) in enumerate(source.state_dict().items())}
    path = write_fake_official_checkpoint(tmp_path / "tiny.ckpt", form, state)
    target = EncoderDepthSplat(encoder_preset("tiny"))
    wrapper = nn.Module()
    wrapper.encoder = target
    report = load_pretrained_weights(wrapper, path, kind=kind)
    prefix = {"model": "", "depth": "depth_predictor.", "mvdepth": "depth_predictor."}[kind]
    loaded = target.state_dict()
    changed = [key for key, value in state.items() if torch.equal(loaded[key[len("encoder."):]], value)]
    assert report.loaded == len(changed) > 0
    assert all(key.startswith("encoder." + prefix) for key in changed)
    if kind == "mvdepth":
        assert {key.split(".")[2] for key in changed} == {"backbone", "transformer"}
