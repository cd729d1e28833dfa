"""Golden test: our ReSplat encoder, given the same name-generated weights and inputs as the
reference implementation, reproduces its depths and Gaussians to 1e-4 (fp32, CPU), for the
initial stage and after each of two refinement steps.

See golden/README.md for how the expected outputs were recorded. Two narrow models cover the two
official layouts: ``tiny`` (RE10K: latent 1/2, four Gaussians per latent point, refinement on all
Gaussians) and ``tiny_dl3dv`` (DL3DV: 1/8 features, latent 1/4, one Gaussian per latent point).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from splatbench.model.encoder.resplat import EncoderReSplat, resplat_preset
from splatbench.model.generated_weights import fill_weights_from_names

GOLDEN = Path(__file__).parent / "golden"
TOLERANCE = 1e-4
FIELDS = ("means", "covariances", "harmonics")
STEPS = 3  # initial + 2 refinement steps


@pytest.fixture(autouse=True)
def _one_thread():
    """The tiny tensors here gain nothing from a second thread, and on a busy machine two
    OpenMP threads make the backward passes many times slower."""
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(previous)


@pytest.fixture(autouse=True, scope="module")
def _native_convolutions():
    previous = torch.backends.mkldnn.enabled
    torch.backends.mkldnn.enabled = False
    yield
    torch.backends.mkldnn.enabled = previous


@pytest.mark.parametrize("preset", ["tiny", "tiny_dl3dv"])
def test_resplat_matches_reference(preset):
    with np.load(GOLDEN / f"resplat_{preset}_v2_64.npz") as data:
        golden = {key: data[key] for key in data.files}
    encoder = EncoderReSplat(resplat_preset(preset)).eval()
    fill_weights_from_names(encoder, prefix="encoder.")
    context = {
        "image": torch.from_numpy(golden["image_u8"]).float() / 255.0,
        **{key: torch.from_numpy(golden[key]) for key in ("intrinsics", "extrinsics", "near", "far")},
    }
    with torch.no_grad():
        output = encoder(context, num_refine=STEPS - 1)
    steps = output["gaussians_per_step"]
    assert len(steps) == STEPS
    index = torch.from_numpy(golden["gaussian_index"])
    ours = {"depths": output["depths"]}
    for step, gaussians in enumerate(steps):
        ours[f"step{step}_opacities"] = gaussians.opacities
        for field in FIELDS:
            ours[f"step{step}_{field}"] = getattr(gaussians, field)[:, index]
    report = {}
    for key, value in ours.items():
        expected = torch.from_numpy(golden[key])
        assert value.shape == expected.shape, key
        report[key] = (value - expected).abs().max().item()
    print(preset, {key: f"{d:.2e}" for key, d in report.items()})
    bad = {key: d for key, d in report.items() if not d < TOLERANCE}
    assert not bad, f"{preset}: differs from the reference by more than {TOLERANCE}: {bad}"
