"""Golden test: our ReSplat encoder, given the same name-generated weights and inputs as the
reference implementation, reproduces its depths and Gaussians to 1e-4 (fp32, CPU), for the
initial stage and after each of two refinement steps.

See golden/README.md for how the expected outputs were recorded. Narrow models cover the official
layouts: ``tiny`` (RE10K: latent 1/2, four Gaussians per latent point, refinement on all
Gaussians), ``tiny_dl3dv`` (DL3DV: 1/8 features, latent 1/4, one Gaussian per latent point) and
the same with depth predicted at half resolution (DL3DV 540x960 models), at 128x128.
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


CASES = {
    "tiny": ("resplat_tiny_v2_64.npz", "tiny", {}),
    "tiny_dl3dv": ("resplat_tiny_dl3dv_v2_64.npz", "tiny_dl3dv", {}),
    # The 540x960 DL3DV models predict depth at half resolution.
    "tiny_dl3dv_halfres": ("resplat_tiny_dl3dv_halfres_v2_128.npz", "tiny_dl3dv", {"depth_pred_half_res": True}),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_resplat_matches_reference(case):
    file, preset, overrides = CASES[case]
    with np.load(GOLDEN / file) as data:
        golden = {key: data[key] for key in data.files}
    encoder = EncoderReSplat(resplat_preset(preset, **overrides)).eval()
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
    print(case, {key: f"{d:.2e}" for key, d in report.items()})
    bad = {key: d for key, d in report.items() if not d < TOLERANCE}
    assert not bad, f"{case}: differs from the reference by more than {TOLERANCE}: {bad}"
