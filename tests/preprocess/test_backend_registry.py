"""The pose-backend registry: lookup, lazy import errors, option parsing, estimate checks."""

import pytest
import torch

from splatbench.preprocess import backends
from splatbench.preprocess.backends import (
    OptionReader,
    PoseBackendFailure,
    PoseBackendOptionError,
    PoseBackendUnavailable,
    PoseEstimate,
    create_backend,
)


def test_unknown_source_names_the_known_ones():
    with pytest.raises(PoseBackendOptionError, match="'nope' is not one of colmap, gt_noise, vggt"):
        create_backend("nope")


def test_missing_backend_module_is_one_clear_line(monkeypatch):
    monkeypatch.setitem(backends.POSE_BACKENDS, "ghost", backends._lazy("splatbench.preprocess.backends.ghost_missing"))
    with pytest.raises(PoseBackendUnavailable) as error:
        create_backend("ghost")
    assert "splatbench.preprocess.backends.ghost_missing" in str(error.value)
    assert "\n" not in str(error.value)


def test_option_reader_types_defaults_and_unknown_keys():
    reader = OptionReader("demo", {"size": "12", "flag": "true"})
    assert reader.get("size", int, 3) == 12
    assert reader.get("flag", bool, False) is True
    assert reader.get("ratio", float, 0.5) == 0.5
    assert reader.finish() == {"size": 12, "flag": True, "ratio": 0.5}
    with pytest.raises(PoseBackendOptionError, match="option size: expected int, got 'x'"):
        OptionReader("demo", {"size": "x"}).get("size", int, 1)
    reader = OptionReader("demo", {"typo": "1"})
    reader.get("size", int, 1)
    with pytest.raises(PoseBackendOptionError, match="unknown option 'typo'"):
        reader.finish()


def _estimate(n=3):
    return PoseEstimate(
        extrinsics=torch.eye(4).repeat(n, 1, 1),
        intrinsics=torch.eye(3).repeat(n, 1, 1),
        depth_range=torch.tensor([[2.0, 1.0]]).repeat(n, 1),
        valid=torch.ones(n, dtype=torch.bool),
    )


def test_estimate_check_accepts_good_and_rejects_bad_output():
    _estimate().check(3, "s")
    with pytest.raises(PoseBackendFailure, match="extrinsics has shape"):
        _estimate().check(4, "s")
    bad = _estimate()
    bad.extrinsics[1, 0, 3] = float("nan")
    with pytest.raises(PoseBackendFailure, match="non-finite extrinsics"):
        bad.check(3, "s")
    bad.valid[1] = False  # an invalid frame's values are ignored
    bad.check(3, "s")
    bad.valid[:] = False
    with pytest.raises(PoseBackendFailure, match="no frame was estimated"):
        bad.check(3, "s")
