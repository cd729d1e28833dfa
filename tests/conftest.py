"""Shared fixtures: where the read-only reference data lives, deterministic seeds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


def shared_data_root() -> Path:
    """``../shared/data`` beside the checkout, or ``$SPLATBENCH_SHARED_DATA``."""
    env = os.environ.get("SPLATBENCH_SHARED_DATA")
    return Path(env) if env else REPO_ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    root = shared_data_root()
    if not root.is_dir():
        pytest.fail(f"reference data not found at {root}; set SPLATBENCH_SHARED_DATA")
    return root


@pytest.fixture(autouse=True)
def _deterministic_torch():
    import torch

    torch.manual_seed(0)
    torch.set_num_threads(min(2, os.cpu_count() or 1))
    yield
