"""Name-seeded generated weights: determinism, per-kind scales, module filling, fake-file guards."""

from __future__ import annotations

import math

import pytest
import torch
from torch import nn

from splatbench.model.generated_weights import (
    fill_weights_from_names,
    generated_state_dict,
    generated_tensor,
    load_shape_table,
    name_seed,
    write_fake_official_checkpoint,
)


def test_same_name_same_tensor_different_name_different_tensor():
    first = generated_tensor("encoder.gaussian_head.0.weight", (37, 132, 3, 3))
    assert torch.equal(first, generated_tensor("encoder.gaussian_head.0.weight", (37, 132, 3, 3)))
    assert not torch.allclose(first, generated_tensor("encoder.gaussian_head.2.weight", (37, 132, 3, 3)))
    # Seeds come from SHA-256, not Python's salted hash(): fixed across processes and machines.
    assert name_seed("encoder.gaussian_head.0.weight") == name_seed("encoder.gaussian_head.0.weight")
    assert name_seed("a") == 5385491284112807882


def test_values_are_pinned():
    # Guards against silent changes of the generator (golden outputs depend on these values).
    torch.testing.assert_close(
        generated_tensor("encoder.gaussian_head.0.bias", (4,)),
        torch.tensor([0.013457151129841805, 0.03682501241564751, -0.05640842393040657, -0.03636079654097557]),
        rtol=0,
        atol=1e-7,
    )
    value = generated_tensor("encoder.depth_predictor.backbone.conv1.weight", (64, 3, 7, 7))
    assert value.dtype == torch.float32
    assert math.isclose(value.std().item(), 1 / math.sqrt(3 * 7 * 7), rel_tol=0.05)
    again = generated_state_dict({"encoder.depth_predictor.backbone.conv1.weight": (64, 3, 7, 7)})
    assert torch.equal(again["encoder.depth_predictor.backbone.conv1.weight"], value)


def test_scale_rules_per_tensor_kind():
    big = 20000
    assert abs(generated_tensor("x.norm1.weight", (big,)).mean().item() - 1.0) < 0.01
    assert abs(generated_tensor("x.norm1.bias", (big,)).std().item() - 0.05) < 0.002
    assert abs(generated_tensor("x.ls1.gamma", (big,)).mean().item() - 0.1) < 0.001
    assert abs(generated_tensor("x.pos_embed", (1, big, 2)).std().item() - 0.02) < 0.001
    assert abs(generated_tensor("x.proj.weight", (100, 400)).std().item() - 0.05) < 0.002
    residual = "encoder.depth_predictor.upsampler.scratch.output_conv.4.weight"
    torch.testing.assert_close(
        generated_tensor(residual, (1, 16, 1, 1)), 0.01 * generated_tensor(residual, (1, 16, 1, 1), overrides=())
    )


def test_fill_module_matches_generated_state_dict():
    module = nn.Sequential(nn.Conv2d(3, 4, 3), nn.GroupNorm(2, 4), nn.Linear(4, 2))
    fill_weights_from_names(module, prefix="encoder.head.")
    expected = generated_state_dict({f"encoder.head.{k}": tuple(v.shape) for k, v in module.state_dict().items()})
    for key, value in module.state_dict().items():
        assert torch.equal(value, expected[f"encoder.head.{key}"]), key


def test_shape_table_and_fake_writer_guards(tmp_path):
    table = tmp_path / "shapes.tsv"
    table.write_text("encoder.a.weight\t(2, 3)\nencoder.a.bias\t(2,)\nencoder.t\t()\n")
    assert load_shape_table(table) == {"encoder.a.weight": (2, 3), "encoder.a.bias": (2,), "encoder.t": ()}
    table.write_text("encoder.a.weight (2, 3)\n")
    with pytest.raises(ValueError, match="shapes.tsv:1"):
        load_shape_table(table)
    with pytest.raises(ValueError, match="unknown checkpoint form"):
        write_fake_official_checkpoint(tmp_path / "x.pth", "onnx", {"encoder.a": torch.ones(1)})
    with pytest.raises(ValueError, match="must start with 'encoder.'"):
        write_fake_official_checkpoint(tmp_path / "x.pth", "full_raw", {"a": torch.ones(1)})
