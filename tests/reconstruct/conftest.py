"""Shared fixtures of the reconstruct tests: a tiny model file and the fountain-P11 photos."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from tests.conftest import shared_data_path

FOUNTAIN = "real_scenes/fountain-P11"


@pytest.fixture(scope="session")
def fountain() -> Path:
    return shared_data_path(FOUNTAIN, "images").parent


@pytest.fixture(scope="session")
def tiny_checkpoint(tmp_path_factory) -> Path:
    """The tiny preset with seeded initial weights, saved as a Lightning-style state dict."""
    from splatbench.model.encoder import EncoderDepthSplat, encoder_preset

    torch.manual_seed(1234)
    encoder = EncoderDepthSplat(encoder_preset("tiny"))
    path = tmp_path_factory.mktemp("tiny_model") / "tiny.ckpt"
    torch.save({"state_dict": {f"encoder.{k}": v for k, v in encoder.state_dict().items()}}, path)
    return path
