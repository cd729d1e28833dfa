"""Shared fixtures: where the read-only reference data lives, deterministic seeds.

One rule for ``../shared``: ``$SPLATBENCH_SHARED_DATA`` (default ``../shared/data`` beside the
checkout) is its ``data/`` folder, ``reference/`` lies beside it, and a test that needs a file
from there fails with one line naming the path when it is missing (never skips)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import torch

# On machines without a GPU, Triton kernels (splatbench/model/kernels/, pyproject extra "kernels")
# run through Triton's interpreter. Set before anything imports a kernel module: triton.jit reads it
# when the kernel is defined.
if not torch.cuda.is_available():
    os.environ.setdefault("TRITON_INTERPRET", "1")

REPO_ROOT = Path(__file__).resolve().parents[1]


def shared_data_root() -> Path:
    """``../shared/data`` beside the checkout, or ``$SPLATBENCH_SHARED_DATA``."""
    env = os.environ.get("SPLATBENCH_SHARED_DATA")
    return Path(env) if env else REPO_ROOT.parent / "shared" / "data"


def missing_shared_message(path: Path) -> str:
    return f"{path} not found: ../shared is missing or incomplete; set SPLATBENCH_SHARED_DATA to its data/ folder"


def _required(path: Path) -> Path:
    if not path.exists():
        pytest.fail(missing_shared_message(path))
    return path


def shared_data_path(*parts: str) -> Path:
    """``$SPLATBENCH_SHARED_DATA`` joined with ``parts``; the calling test fails (never skips)
    when it does not exist."""
    return _required(shared_data_root().joinpath(*parts))


def shared_reference_path(*parts: str) -> Path:
    """``reference/`` beside the shared data folder (state-dict tables, specs), same rule."""
    return _required(shared_data_root().parent.joinpath("reference", *parts))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    return shared_data_path()


@pytest.fixture(scope="session")
def compile_for_hopper():
    """``compile_for_hopper(script, *arguments) -> dict``: runs ``script`` (Triton kernels compiled
    for sm_90 with the wheel's ptxas, no GPU needed) in a fresh interpreter without TRITON_INTERPRET
    (with it set, triton.jit functions are interpreted and cannot be compiled for a GPU) and returns
    the JSON object it prints last. Its ``usage`` (cuobjdump's resource line, empty where the wheel
    has no cuobjdump) must show no stack and no local memory: a launch that spills fails here."""
    import json
    import subprocess
    import sys

    def run(script: str, *arguments: str) -> dict:
        environment = {k: v for k, v in os.environ.items() if k != "TRITON_INTERPRET"}
        environment["PYTHONPATH"] = os.pathsep.join([str(REPO_ROOT), environment.get("PYTHONPATH", "")])
        done = subprocess.run([sys.executable, "-c", script, *arguments], capture_output=True, text=True,
                              env=environment, timeout=300)  # fmt: skip
        assert done.returncode == 0, done.stderr[-3000:]
        result = json.loads(done.stdout.strip().splitlines()[-1])
        if result.get("usage"):
            assert "STACK:0 " in result["usage"] and "LOCAL:0 " in result["usage"], result["usage"]
        return result

    return run


@pytest.fixture(autouse=True)
def _deterministic_torch():
    import torch

    torch.manual_seed(0)
    torch.set_num_threads(min(2, os.cpu_count() or 1))
    yield
