"""``interpolate_in_input_dtype``: float32 inputs are interpolated exactly as before; a bf16 map
under autocast stays bf16, at the float32 result rounded to bf16 (the oracle), to within one bf16
rounding step on the CPU kernels (``scripts/gpu/train.sh`` checks exact equality on CUDA)."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F

from splatbench.model.encoder.precision import interpolate_in_input_dtype

RESIZES = [dict(scale_factor=2, mode="bilinear", align_corners=True), dict(size=(40, 50), mode="bilinear", align_corners=True)]


@pytest.mark.parametrize("kwargs", RESIZES)
def test_float32_is_untouched_with_and_without_autocast(kwargs):
    x = torch.randn(2, 8, 17, 23, generator=torch.Generator().manual_seed(0))
    assert torch.equal(interpolate_in_input_dtype(x, **kwargs), F.interpolate(x, **kwargs))
    with torch.autocast("cpu", dtype=torch.bfloat16):
        inside = interpolate_in_input_dtype(x, **kwargs)
        assert torch.is_autocast_enabled("cpu")  # switched off only around the call
    assert torch.equal(inside, F.interpolate(x, **kwargs))


@pytest.mark.parametrize("kwargs", RESIZES)
def test_bf16_stays_bf16_at_the_rounded_float32_result(kwargs):
    x = torch.randn(2, 8, 17, 23, generator=torch.Generator().manual_seed(1)).bfloat16()
    with torch.autocast("cpu", dtype=torch.bfloat16):
        result = interpolate_in_input_dtype(x, **kwargs)
    assert result.dtype == torch.bfloat16
    oracle = F.interpolate(x.double(), **kwargs)
    # One bf16 rounding of the value (half a bf16 step: 2^-8 relative) plus the float32 arithmetic
    # of the kernel (a few float32 steps of the inputs' magnitude), nothing accumulated.
    bound = 2.0**-8 * oracle.abs() + 1e-6 * x.double().abs().max()
    assert ((result.double() - oracle).abs() <= bound).all()
