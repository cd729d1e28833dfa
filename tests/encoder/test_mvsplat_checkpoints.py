"""MVSplat's state dict equals the official key list (names, shapes and order) recorded from the
reference module tree (golden/mvsplat_state_dict.tsv, see golden/README.md), and official
Lightning checkpoints load strictly through the shared checkpoint loader."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from splatbench.model.checkpoints import CheckpointMismatchError, load_pretrained_weights
from splatbench.model.encoder import encoder_preset, get_encoder
from splatbench.model.generated_weights import generated_state_dict, load_shape_table, write_fake_official_checkpoint

GOLDEN = Path(__file__).parent / "golden"
# Printed by the reference when the table was recorded: 471 tensors, 11,955,734 parameters
# (the paper's table lists MVSplat at 12.0 M).
REFERENCE_TENSORS, REFERENCE_PARAMETERS = 471, 11_955_734


def official_shapes() -> dict[str, tuple[int, ...]]:
    return load_shape_table(GOLDEN / "mvsplat_state_dict.tsv")


def build_on_meta():
    with torch.device("meta"):
        encoder, _ = get_encoder(encoder_preset("mvsplat"))
    return encoder


def test_state_dict_equals_the_official_key_list():
    ours = [(f"encoder.{key}", tuple(value.shape)) for key, value in build_on_meta().state_dict().items()]
    assert ours == list(official_shapes().items())
    assert len(ours) == REFERENCE_TENSORS


def test_parameter_count_is_the_reference_count():
    assert sum(p.numel() for p in build_on_meta().parameters()) == REFERENCE_PARAMETERS


@pytest.fixture(scope="module")
def official_lightning_checkpoint(tmp_path_factory) -> Path:
    """A Lightning .ckpt in the official layout (``state_dict`` with ``encoder.*`` keys, trainer
    state around it), weights generated from the official names."""
    path = tmp_path_factory.mktemp("mvsplat") / "re10k.ckpt"
    return write_fake_official_checkpoint(path, "lightning", generated_state_dict(official_shapes()))


def test_official_lightning_checkpoint_loads_strictly(official_lightning_checkpoint):
    from splatbench.api import from_checkpoint

    model = from_checkpoint(official_lightning_checkpoint, method="mvsplat")
    expected = generated_state_dict(official_shapes())
    loaded = model.encoder.state_dict()
    assert all(torch.equal(loaded[key.removeprefix("encoder.")], value) for key, value in expected.items())


def test_checkpoint_with_a_missing_key_is_refused_naming_it(tmp_path):
    state = generated_state_dict(official_shapes())
    dropped = "encoder.depth_predictor.to_disparity.2.bias"
    del state[dropped]
    path = write_fake_official_checkpoint(tmp_path / "broken.ckpt", "lightning", state)
    encoder, _ = get_encoder(encoder_preset("mvsplat"))
    with pytest.raises(CheckpointMismatchError, match=f"1 missing key: {dropped}"):
        load_pretrained_weights(encoder, path, kind="model", strict=True)
