"""The training benchmark's LPIPS-weights context lets the timed run's own errors through: an
error raised inside it once came out as "generator didn't stop after throw()" (an fp32 + LPIPS
training run on the H200), hiding the real one."""

from __future__ import annotations

import pytest

from splatbench.evaluation import speed_training


def test_an_error_inside_the_context_propagates_unchanged():
    with pytest.raises(ZeroDivisionError):
        with speed_training._lpips_weights_or_generated() as source:
            assert source in ("packaged", "generated")
            raise ZeroDivisionError("from the timed run")
