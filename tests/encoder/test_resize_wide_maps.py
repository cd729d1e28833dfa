"""``resize_wide_maps``: the NHWC path (taken on CUDA) gives the NCHW resize's values (oracle: the
plain ``F.interpolate``, and float64 for both), and the CPU default is the plain resize bit for bit."""

from __future__ import annotations

import torch
import torch.nn.functional as F

from splatbench.model.encoder.unimatch.mv_unimatch import resize_wide_maps


def test_nhwc_resize_matches_the_nchw_one():
    maps = torch.randn(4, 96, 9, 9, generator=torch.Generator().manual_seed(0))
    plain = F.interpolate(maps, (16, 16), mode="bilinear", align_corners=True)
    assert torch.equal(resize_wide_maps(maps, (16, 16)), plain)  # CPU default: unchanged
    nhwc = resize_wide_maps(maps, (16, 16), nhwc=True)
    assert nhwc.is_contiguous(memory_format=torch.channels_last)
    exact = F.interpolate(maps.double(), (16, 16), mode="bilinear", align_corners=True)
    assert (nhwc.double() - exact).abs().max() < 1e-5 and (plain.double() - exact).abs().max() < 1e-5
    assert torch.allclose(nhwc, plain, rtol=0, atol=1e-6)
