"""Golden test: our VGGT, given the same name-generated weights and inputs as the reference
implementation, reproduces its cameras, depth and confidence to 1e-4 (fp32, CPU, tiny config).

See golden/README.md for how the files were recorded. Our model runs with frame chunks smaller
than the sequence (aggregator and DPT decoder), so the memory-saving paths are what is compared.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from splatbench.model.vggt import VGGT, vggt_preset
from splatbench.model.vggt.weights import fill_generated_weights

GOLDEN = Path(__file__).parent / "golden"
TOLERANCE = 1e-4


@pytest.fixture(scope="module")
def tiny_model():
    return fill_generated_weights(VGGT(vggt_preset("tiny")).eval())


@pytest.mark.parametrize("name", ["vggt_tiny_s3_42x70", "vggt_tiny_s4_56x84"])
def test_matches_reference(tiny_model, name):
    with np.load(GOLDEN / f"{name}.npz") as data:
        golden = {key: data[key] for key in data.files}
    images = torch.from_numpy(golden["image_u8"]).float() / 255.0
    prediction = tiny_model(images, chunk_frames=2, head_chunk_frames=3)
    ours = {
        "pose_enc": prediction.pose_encoding[0],
        "pose_enc_list": torch.stack(prediction.pose_encodings)[:, 0],
        "extrinsics": prediction.extrinsics[0],
        "intrinsics": prediction.intrinsics[0],
        "depth": prediction.depth[0],
        "depth_conf": prediction.depth_conf[0],
    }
    for key, value in ours.items():
        expected = torch.from_numpy(golden[key])
        assert value.shape == expected.shape, key
        assert torch.isfinite(expected).all(), key
        difference = (value - expected).abs().max().item()
        assert difference < TOLERANCE, f"{name}: {key} differs by {difference:.3e}"
    # The recorded depth must vary across pixels, or the comparison would test only a constant.
    assert golden["depth"].std() > 1e-2
