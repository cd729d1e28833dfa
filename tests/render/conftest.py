"""Render tests: oracle module importable (the suite runs with --import-mode=importlib), one thread."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import torch

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)


@pytest.fixture(autouse=True)
def _single_thread():
    # Render tests run many tiny tensor ops; on a busy 2-core machine intra-op threads spin and
    # make them tens of times slower, so they run single-threaded.
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(previous)
