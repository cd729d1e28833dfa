"""Shared fixtures of the reconstruct tests: a tiny model file and the fountain-P11 photos."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from tests.conftest import shared_data_root

FOUNTAIN = "real_scenes/fountain-P11"


@pytest.fixture(scope="session")
def fountain() -> Path:
    root = shared_data_root() / FOUNTAIN
    if not (root / "images").is_dir():
        pytest.fail(f"fountain-P11 not found at {root}; set SPLATBENCH_SHARED_DATA")
    return root


@pytest.fixture(scope="session")
def tiny_checkpoint(tmp_path_factory) -> Path:
    """The tiny preset with seeded initial weights, saved as a Lightning-style state dict."""
    from splatbench.model.encoder import EncoderDepthSplat, encoder_preset

    torch.manual_seed(1234)
    encoder = EncoderDepthSplat(encoder_preset("tiny"))
    path = tmp_path_factory.mktemp("tiny_model") / "tiny.ckpt"
    torch.save({"state_dict": {f"encoder.{k}": v for k, v in encoder.state_dict().items()}}, path)
    return path
