"""The method registry shared by the API, the benchmark, the speed benchmark and the CLI."""

from __future__ import annotations

import json

import pytest

from splatbench.cli.main import main
from splatbench.model.methods import METHODS, Method, get_method, method_names, parameter_count, register_method


def test_aliases_and_names():
    assert get_method("small").name == "depthsplat-small"
    assert get_method("costvolume") is get_method("mvsplat")
    assert {"depthsplat-small", "depthsplat-base", "depthsplat-large", "mvsplat", "tiny"} <= set(method_names())


def test_unknown_method_names_the_choices():
    with pytest.raises(ValueError, match="unknown method 'nope'; choose from .*mvsplat"):
        get_method("nope")


def test_a_taken_name_is_refused():
    with pytest.raises(ValueError, match="already registered for 'depthsplat-small'"):
        register_method(Method("other", "Other", "tiny", None, aliases=("small",)))
    assert "other" not in METHODS


def test_parameter_counts():
    # DepthSplat-S as the official state-dict table (tests/encoder/test_state_dict.py), MVSplat
    # as the reference module tree (tests/encoder/test_mvsplat_checkpoints.py).
    assert parameter_count("depthsplat-small") == 38_346_416
    assert parameter_count("mvsplat") == 11_955_734


def test_every_method_builds_and_names_a_known_published_row():
    from splatbench.evaluation.benchmark.published import find_published
    from splatbench.model.encoder import ENCODER_PRESETS

    for name in method_names():
        method = get_method(name)
        assert method.preset in ENCODER_PRESETS, name
        assert method.published is None or find_published(method.published) is not None, name


def test_methods_command_lists_them(capsys):
    assert main(["methods", "--json"]) == 0
    rows = {row["method"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["mvsplat"]["parameters"] == 11_955_734
    assert rows["mvsplat"]["published"]["psnr"] == 26.39
    assert main(["methods"]) == 0
    assert "| mvsplat (costvolume) | 11.96 M |" in capsys.readouterr().out
