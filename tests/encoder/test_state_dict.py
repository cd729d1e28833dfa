"""The encoder's state dict has exactly the official keys and shapes (small and base), as listed in
the reference TSVs instantiated from the upstream module tree."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from splatbench.model.encoder.config import encoder_preset
from splatbench.model.encoder.depthsplat import EncoderDepthSplat
from splatbench.model.encoder.unimatch.mv_unimatch import MultiViewUniMatch

EXPECTED_COUNTS = {"small": (567, 38_346_416), "base": (751, 120_747_896)}


def read_reference_shapes(shared_data: Path, preset: str) -> dict[str, tuple[int, ...]]:
    path = shared_data.parent / "reference" / f"depthsplat_state_dict_{preset}.tsv"
    shapes = {}
    for line in path.read_text().splitlines():
        if not line.strip():
            continue
        name, shape = line.split("\t")
        shapes[name] = tuple(int(s) for s in shape.strip("()").split(",") if s.strip())
    return shapes


def assert_same_keys_and_shapes(ours: dict[str, tuple[int, ...]], expected: dict[str, tuple[int, ...]]) -> None:
    missing = sorted(set(expected) - set(ours))
    extra = sorted(set(ours) - set(expected))
    wrong = sorted(k for k in set(ours) & set(expected) if ours[k] != expected[k])
    assert not missing and not extra and not wrong, (
        f"missing {missing[:10]}, unexpected {extra[:10]}, mis-shaped {[(k, ours[k], expected[k]) for k in wrong[:10]]}"
    )


@pytest.fixture(scope="module", autouse=True)
def _skip_random_init():
    """Building base allocates 121 M parameters; their random init is irrelevant to the names."""
    with torch.device("meta"):
        yield


@pytest.mark.parametrize("preset", ["small", "base"])
def test_encoder_state_dict_matches_official(shared_data, preset):
    expected = read_reference_shapes(shared_data, preset)
    assert len(expected) == EXPECTED_COUNTS[preset][0]
    encoder = EncoderDepthSplat(encoder_preset(preset))
    state = encoder.state_dict()
    ours = {f"encoder.{k}": tuple(v.shape) for k, v in state.items()}
    assert_same_keys_and_shapes(ours, expected)
    assert sum(v.numel() for v in state.values()) == EXPECTED_COUNTS[preset][1]
    # key order equals the reference module registration order (what the TSV lists)
    assert list(ours) == list(expected)


def test_depth_only_state_dict_is_the_depth_predictor_subset(shared_data):
    expected = {
        k.removeprefix("encoder.depth_predictor."): v
        for k, v in read_reference_shapes(shared_data, "small").items()
        if k.startswith("encoder.depth_predictor.")
    }
    encoder = EncoderDepthSplat(encoder_preset("small", train_depth_only=True))
    ours = {k.removeprefix("depth_predictor."): tuple(v.shape) for k, v in encoder.state_dict().items()}
    assert_same_keys_and_shapes(ours, expected)


def test_mvsplat_lite_variant_has_no_vit():
    predictor = MultiViewUniMatch(use_monodepth=False)
    names = list(predictor.state_dict())
    assert not any(n.startswith(("pretrained.", "mono_pyramid.")) for n in names)
    # regressor input: 128 candidates + 128 CNN + 128 multi-view channels
    assert predictor.regressor[0][0].weight.shape == (128, 384, 3, 3)


def test_large_preset_parameter_count():
    """Large (ViT-L, two scales): 919 keys, 354,337,760 parameters, as the reference tree."""
    encoder = EncoderDepthSplat(encoder_preset("large"))
    state = encoder.state_dict()
    assert len(state) == 919
    assert sum(v.numel() for v in state.values()) == 354_337_760
