"""Full encoder forwards with random weights: small preset on 2 and 4 views (nearest-view matching),
mvsplat_lite variant (no ViT), tiny preset forward + backward, two-scale training outputs, depth-only mode,
the encoder registry and the patch-crop data shim."""

from __future__ import annotations

import time

import pytest
import torch

from splatbench.model.encoder.config import encoder_preset
from splatbench.model.encoder.depthsplat import ENCODERS, EncoderDepthSplat, get_encoder, nearest_view_index
from splatbench.data.shims.patch import PatchShimError, apply_patch_shim


@pytest.fixture(autouse=True, scope="module")
def _native_convolutions():
    """oneDNN compiles a kernel per new convolution shape on first use (seconds on 2 cores)."""
    previous = torch.backends.mkldnn.enabled
    torch.backends.mkldnn.enabled = False
    yield
    torch.backends.mkldnn.enabled = previous


def make_context(views: int, size: int = 64, batch: int = 1) -> dict[str, torch.Tensor]:
    generator = torch.Generator().manual_seed(views)
    extrinsics = torch.eye(4).repeat(batch, views, 1, 1)
    for v in range(views):
        extrinsics[:, v, 0, 3] = 0.3 * v
        extrinsics[:, v, 2, 3] = 0.05 * v
    return {
        "image": torch.rand(batch, views, 3, size, size, generator=generator),
        "intrinsics": torch.tensor([[0.9, 0, 0.5], [0, 0.9, 0.5], [0, 0, 1]]).repeat(batch, views, 1, 1),
        "extrinsics": extrinsics,
        "near": torch.full((batch, views), 1.0),
        "far": torch.full((batch, views), 20.0),
    }


def check_gaussians(output: dict, batch: int, views: int, size: int, sh_coefficients: int = 9) -> None:
    gaussians = output["gaussians"]
    count = views * size * size
    assert gaussians.means.shape == (batch, count, 3)
    assert gaussians.covariances.shape == (batch, count, 3, 3)
    assert gaussians.harmonics.shape == (batch, count, 3, sh_coefficients)
    assert gaussians.opacities.shape == (batch, count)
    for tensor in (gaussians.means, gaussians.covariances, gaussians.harmonics, gaussians.opacities):
        assert torch.isfinite(tensor).all()
    assert ((gaussians.opacities > 0) & (gaussians.opacities < 1)).all()
    cov = gaussians.covariances
    assert torch.allclose(cov, cov.transpose(-1, -2), atol=1e-6)
    assert torch.linalg.eigvalsh(cov.double()).min() > -1e-9
    depths = output["depths"]
    assert depths.shape == (batch, views, size, size)
    assert depths.min() >= 1.0 - 1e-4 and depths.max() <= 20.0 + 1e-3


@pytest.mark.parametrize("views", [2])  # 4 views of the small preset: see test_golden.py
def test_small_random_weights_forward(views):
    encoder = EncoderDepthSplat(encoder_preset("small")).eval()
    context = make_context(views)
    start = time.perf_counter()
    with torch.no_grad():
        output = encoder(context)
    elapsed = time.perf_counter() - start
    check_gaussians(output, 1, views, 64)
    assert elapsed < 60, f"forward took {elapsed:.1f} s"
    # SH DC starts from the input colour: the head's SH residual is zero-initialised
    dc = output["gaussians"].harmonics[..., 0]
    colours = context["image"].permute(0, 1, 3, 4, 2).reshape(1, -1, 3)
    assert torch.allclose(0.5 + 0.28209479177387814 * dc, colours, atol=1e-5)


def test_nearest_view_index_starts_with_self_and_sorts_by_distance():
    extrinsics = torch.eye(4).repeat(1, 4, 1, 1)
    extrinsics[0, :, 0, 3] = torch.tensor([0.0, 1.0, 3.0, 6.0])
    index = nearest_view_index(extrinsics, 2)
    assert index.tolist() == [[[0, 1, 2], [1, 0, 2], [2, 1, 0], [3, 2, 1]]]


def test_four_views_use_only_nearest_views():
    """With V > 3 a view matches only its local_mv_match nearest views: moving the farthest view of
    view 0 changes nothing in view 0's depth. (The U-Net's cross-view attention sees every view,
    but its output projection is zero-initialised, so at construction it adds nothing.)"""
    encoder = EncoderDepthSplat(encoder_preset("tiny", local_mv_match=2)).eval()
    unet_attention = encoder.depth_predictor.regressor[0][3].input_blocks[5][1]
    assert unet_attention.proj_out.weight.abs().max() == 0
    context = make_context(4)
    context["extrinsics"][0, :, 0, 3] = torch.tensor([0.0, 0.2, 0.4, 1.5])
    moved = {k: v.clone() for k, v in context.items()}
    moved["extrinsics"][0, 3, 1, 3] = 0.3
    moved["image"][0, 3] = torch.rand(3, 64, 64)
    with torch.no_grad():
        depth = encoder(context)["depths"]
        depth_moved = encoder(moved)["depths"]
    assert torch.allclose(depth[0, 0], depth_moved[0, 0], atol=1e-5)
    assert not torch.allclose(depth[0, 3], depth_moved[0, 3], atol=1e-5)


def test_mvsplat_lite_variant_forward():
    encoder, data_shim = get_encoder(encoder_preset("mvsplat_lite"))
    assert not hasattr(encoder.depth_predictor, "pretrained")
    with torch.no_grad():
        output = encoder.eval()(make_context(2))
    check_gaussians(output, 1, 2, 64)


def test_mvsplat_lite_name_drops_the_vit_branch():
    encoder = ENCODERS["mvsplat_lite"](encoder_preset("small", name="mvsplat_lite"))
    assert encoder.cfg.use_monodepth is False
    assert not any(name.startswith("depth_predictor.pretrained.") for name in encoder.state_dict())


def test_tiny_forward_backward():
    encoder = EncoderDepthSplat(encoder_preset("tiny")).train()
    context = make_context(2)
    output = encoder(context)
    check_gaussians(output, 1, 2, 64)
    gaussians = output["gaussians"]
    loss = gaussians.means.square().mean() + gaussians.harmonics.square().mean() + gaussians.opacities.mean()
    loss.backward()
    # (regressor.0.* gets no gradient at init: the U-Net ends in a zero-initialised conv)
    for name in (
        "gaussian_head.2.weight",
        "depth_predictor.backbone.conv1.weight",
        "depth_predictor.regressor_residual.0.weight",
    ):
        grad = dict(encoder.named_parameters())[name].grad
        assert grad is not None and torch.isfinite(grad).all() and grad.abs().sum() > 0, name


def test_two_scales_training_stacks_intermediate_outputs():
    cfg = encoder_preset("tiny", num_scales=2, upsample_factor=2, depth_unet_channels=64)
    encoder = EncoderDepthSplat(cfg).train()
    output = encoder(make_context(2, size=32))
    # coarse-depth Gaussians first, final ones second, on the batch axis
    assert output["depths"].shape == (2, 2, 32, 32)
    assert output["gaussians"].means.shape == (2, 2 * 32 * 32, 3)
    assert torch.equal(output["gaussians"].opacities[0], output["gaussians"].opacities[1])
    with torch.no_grad():
        evaluation = encoder.eval()(make_context(2, size=32))
    assert evaluation["depths"].shape == (1, 2, 32, 32)


def test_train_depth_only_returns_depths_without_gaussians():
    encoder = EncoderDepthSplat(encoder_preset("tiny", train_depth_only=True)).eval()
    assert not hasattr(encoder, "gaussian_head")
    with torch.no_grad():
        output = encoder(make_context(2))
    assert output["gaussians"] is None and output["depths"].shape == (1, 2, 64, 64)


def test_bf16_precision_is_a_no_op_on_cpu():
    torch.manual_seed(0)
    encoder = EncoderDepthSplat(encoder_preset("tiny")).eval()
    context = make_context(2)
    with torch.no_grad():
        reference = encoder(context)["depths"]
        encoder.cfg.precision = "bf16"
        again = encoder(context)["depths"]
    assert torch.equal(reference, again)


def test_unknown_encoder_name_is_rejected():
    with pytest.raises(ValueError, match="unknown encoder name"):
        get_encoder(encoder_preset("tiny", name="pixelsplat"))


def test_patch_shim_crops_centre_and_rescales_focal_lengths():
    _, data_shim = get_encoder(encoder_preset("tiny"))  # patch 4 * 4 = 16
    context = make_context(2, size=64)
    context["image"] = torch.rand(1, 2, 3, 70, 86)
    batch = {"context": context, "target": {**context}, "scene": ["abc"]}
    cropped = data_shim(batch)
    image = cropped["context"]["image"]
    assert image.shape[-2:] == (64, 80)
    assert torch.equal(image, context["image"][..., 3:67, 3:83])
    intrinsics = cropped["context"]["intrinsics"][0, 0]
    assert intrinsics[0, 0].item() == pytest.approx(0.9 * 86 / 80)
    assert intrinsics[1, 1].item() == pytest.approx(0.9 * 70 / 64)
    assert intrinsics[0, 2].item() == 0.5 and intrinsics[1, 2].item() == 0.5
    assert context["intrinsics"][0, 0, 0, 0].item() == pytest.approx(0.9)  # input untouched


def test_patch_shim_rejects_odd_sizes_with_scene_name():
    context = make_context(2, size=64)
    context["image"] = torch.rand(1, 2, 3, 65, 64)
    with pytest.raises(PatchShimError, match="scene xyz.*65x64"):
        apply_patch_shim({"context": context, "target": context, "scene": ["xyz"]}, 16)


def test_bad_context_is_reported_with_scene_and_field():
    from splatbench.model.encoder.depthsplat import EncoderInputError

    encoder = EncoderDepthSplat(encoder_preset("tiny")).eval()
    context = make_context(2, size=64)
    context["image"] = context["image"][..., :56]
    with pytest.raises(EncoderInputError, match="scene s1: field context.image has size 64x56, not a multiple of 16"):
        encoder(context, scene_names=["s1"])
    with pytest.raises(EncoderInputError, match="scene s3: field context.image holds 1 view"):
        encoder(make_context(1), scene_names=["s3"])
    context = make_context(2, size=64)
    context["far"][0, 1] = 0.5
    with pytest.raises(EncoderInputError, match="scene s2: fields context.near/far"):
        encoder(context, scene_names=["s2"])
