"""Training losses: values, options, step gating, state-dict hygiene and gradients."""

from __future__ import annotations

import pytest
import torch

from splatbench.evaluation.metrics import compute_lpips
from splatbench.loss import (
    LOSSES,
    LossDepth,
    LossDepthCfg,
    LossInputError,
    LossLpips,
    LossLpipsCfg,
    LossMse,
    LossMseCfg,
    LossOptions,
    Predictions,
    ScalePrediction,
    get_losses,
)
from splatbench.loss import LossContextDepth, LossContextDepthCfg


def rendered(color: torch.Tensor, depth: torch.Tensor | None = None) -> Predictions:
    return Predictions([ScalePrediction(color=color, depth=depth)])


def make_batch(target_image: torch.Tensor, target_depth: torch.Tensor | None = None) -> dict:
    target = {"image": target_image}
    if target_depth is not None:
        target["depth"] = target_depth
    return {"context": {}, "target": target, "scene": [f"scene{i}" for i in range(target_image.shape[0])]}


@pytest.fixture(scope="module")
def lpips_loss() -> LossLpips:
    return LossLpips(LossLpipsCfg(weight=0.05, apply_after_step=10), LossOptions())


def test_mse_value_and_l1_option():
    target = torch.zeros(2, 3, 3, 8, 8)
    prediction = torch.zeros(2, 3, 3, 8, 8)
    prediction[0] = 0.5  # half the values have error 0.5, the rest 0
    batch = make_batch(target)
    mse = LossMse(LossMseCfg(weight=2.0), LossOptions())
    torch.testing.assert_close(mse(rendered(prediction), batch, 0), torch.tensor(2.0 * 0.125))
    l1 = LossMse(LossMseCfg(weight=2.0), LossOptions(l1_loss=True))
    torch.testing.assert_close(l1(rendered(prediction), batch, 0), torch.tensor(2.0 * 0.25))


def test_mse_ignores_large_errors_at_or_above_threshold():
    target = torch.zeros(1, 1, 3, 2, 2)
    prediction = torch.zeros(1, 1, 3, 2, 2)
    prediction.view(-1)[:4] = torch.tensor([0.1, 0.2, 0.5, 0.9])  # squared: 0.01 0.04 0.25 0.81
    batch = make_batch(target)
    clamped = LossMse(LossMseCfg(), LossOptions(train_ignore_large_loss=0.25))
    # 0.25 and 0.81 are dropped (>= threshold); 10 values remain, errors 0.01 + 0.04.
    torch.testing.assert_close(clamped(rendered(prediction), batch, 0), torch.tensor(0.05 / 10))
    everything_dropped = LossMse(LossMseCfg(), LossOptions(train_ignore_large_loss=1e-6))
    assert everything_dropped(rendered(prediction + 1), batch, 0).item() == 0.0


def test_mse_gradient_and_shape_error():
    target = torch.rand(1, 2, 3, 4, 4)
    prediction = torch.rand(1, 2, 3, 4, 4, requires_grad=True)
    LossMse(LossMseCfg(), LossOptions())(rendered(prediction), make_batch(target), 0).backward()
    torch.testing.assert_close(prediction.grad, 2 * (prediction.detach() - target) / target.numel())
    with pytest.raises(LossInputError, match="scene0"):
        LossMse(LossMseCfg(), LossOptions())(rendered(torch.rand(1, 2, 3, 4, 5)), make_batch(target), 0)


def test_lpips_loss_gating_value_and_gradient(lpips_loss):
    generator = torch.Generator().manual_seed(1)
    target = torch.rand(1, 2, 3, 32, 32, generator=generator)
    prediction = (target + 0.1 * torch.randn(1, 2, 3, 32, 32, generator=generator)).requires_grad_()
    batch = make_batch(target)
    before = lpips_loss(rendered(prediction), batch, global_step=9)
    assert before.item() == 0.0 and before.ndim == 0
    after = lpips_loss(rendered(prediction), batch, global_step=10)
    expected = 0.05 * compute_lpips(target.flatten(0, 1), prediction.detach().flatten(0, 1)).mean()
    torch.testing.assert_close(after.detach(), expected)
    assert after.item() > 0
    after.backward()
    assert prediction.grad is not None and prediction.grad.abs().sum() > 0


def test_lpips_network_not_in_state_dict_nor_parameters(lpips_loss):
    assert lpips_loss.state_dict() == {}
    assert list(lpips_loss.parameters()) == []
    model = torch.nn.Module()
    model.encoder = torch.nn.Linear(2, 2)
    model.losses = torch.nn.ModuleList([lpips_loss])
    assert set(model.state_dict()) == {"encoder.weight", "encoder.bias"}
    model.train()
    assert not lpips_loss.network.training


def test_depth_loss_l1_gradient_term_and_missing_depth():
    target_depth = torch.tensor([[[[1.0, 2.0, 0.0], [4.0, float("inf"), 6.0]]]])  # [1, 1, 2, 3]
    prediction_depth = torch.tensor([[[[1.5, 2.0, 9.0], [3.0, 7.0, 6.0]]]], requires_grad=True)
    color = torch.zeros(1, 1, 3, 2, 3)
    batch = make_batch(color, target_depth)
    plain = LossDepth(LossDepthCfg(weight=1.0), LossOptions())
    # Valid pixels: 1, 2, 4, 6 -> errors 0.5, 0, 1, 0.
    loss = plain(rendered(color, prediction_depth), batch, 0)
    torch.testing.assert_close(loss, torch.tensor(1.5 / 4))
    loss.backward()
    assert prediction_depth.grad[0, 0, 0, 2] == 0 and prediction_depth.grad[0, 0, 1, 1] == 0
    with_gradient = LossDepth(LossDepthCfg(weight=1.0, gradient_weight=2.0), LossOptions())
    # Valid neighbour pairs: horizontal (1,2) -> |0.5 - 1| = 0.5; vertical (1,4) -> |1.5 - 3| = 1.5.
    torch.testing.assert_close(
        with_gradient(rendered(color, prediction_depth.detach()), batch, 0), torch.tensor(1.5 / 4 + 2.0 * 2.0 / 2)
    )
    assert plain(rendered(color, prediction_depth), make_batch(color), 0).item() == 0.0
    with pytest.raises(LossInputError, match="no predicted target depth"):
        plain(rendered(color), batch, 0)
    gated = LossDepth(LossDepthCfg(apply_after_step=5), LossOptions())
    assert gated(rendered(color, prediction_depth), batch, 4).item() == 0.0


def test_registry_builds_losses_in_config_order():
    assert set(LOSSES) == {"mse", "lpips", "depth", "context_depth"}
    options = LossOptions(l1_loss=True)
    losses = get_losses({"depth": LossDepthCfg(), "mse": LossMseCfg(weight=3.0)}, options)
    assert [loss.name for loss in losses] == ["depth", "mse"]
    assert losses[1].options.l1_loss and losses[1].cfg.weight == 3.0
    with pytest.raises(ValueError, match="unknown loss ssim"):
        get_losses({"ssim": LossMseCfg()})
    with pytest.raises(TypeError, match="LossMseCfg"):
        get_losses({"mse": LossLpipsCfg()})


def test_ddp_can_skip_broadcasting_the_lpips_buffers(lpips_loss, tmp_path):
    import torch.distributed as dist
    from torch.nn.parallel import DistributedDataParallel

    from splatbench.evaluation.lpips_vgg import frozen_lpips_buffer_names

    model = torch.nn.Module()
    model.encoder = torch.nn.Linear(2, 2)
    model.losses = torch.nn.ModuleList([lpips_loss])
    names = frozen_lpips_buffer_names(model)
    assert len(names) == 13 * 2 + 5 + 2 and "losses.0.network.shift" in names
    dist.init_process_group("gloo", init_method=f"file://{tmp_path / 'store'}", rank=0, world_size=1)
    try:
        DistributedDataParallel._set_params_and_buffers_to_ignore_for_model(model, names)
        wrapped = DistributedDataParallel(model)
        assert wrapped.named_module_buffers == {}
    finally:
        dist.destroy_process_group()


def test_losses_weight_scales_coarse_to_fine():
    target = torch.zeros(1, 1, 3, 2, 2)
    coarse, final = torch.full_like(target, 0.5), torch.full_like(target, 0.25)
    predictions = Predictions.with_intermediate_weight(
        [ScalePrediction(color=coarse), ScalePrediction(color=final)], 0.9
    )
    assert predictions.weights == [0.9, 1.0]
    value = LossMse(LossMseCfg(), LossOptions())(predictions, make_batch(target), 0)
    torch.testing.assert_close(value, torch.tensor(0.9 * 0.25 + 0.0625))


def context_batch(depth: torch.Tensor | None) -> dict:
    context = {} if depth is None else {"depth": depth}
    return {"context": context, "target": {}, "scene": ["s0"]}


def test_context_depth_loss_inverse_l1_and_gradient_matching_by_hand():
    # Ground truth 2 x 3 (one unknown pixel = 0); prediction = ground truth except two pixels.
    truth = torch.tensor([[[[1.0, 2.0, 4.0], [0.0, 2.0, 0.5]]]])
    predicted = torch.tensor([[[[0.5, 2.0, 4.0], [7.0, 1.0, 0.5]]]], requires_grad=True)
    # Inverse depths: truth [1, .5, .25 / -, .5, 2]; prediction [2, .5, .25 / -, 1, 2].
    # Errors (prediction - truth) on the 5 valid pixels: [1, 0, 0 / -, .5, 0] -> L1 = 1.5 / 5.
    l1_only = LossContextDepth(LossContextDepthCfg(weight=2.0, gradient_weight=0.0), LossOptions())
    torch.testing.assert_close(l1_only(Predictions([ScalePrediction(context_depth=predicted)]), context_batch(truth), 0),
                               torch.tensor(2.0 * 1.5 / 5))
    # Gradient matching at full resolution: differences of the error over pairs of valid pixels.
    # Horizontal: (1,0) -> 1, (0,0) -> 0, (.5,0) -> .5; vertical: (0,.5) -> .5, (0,0) -> 0.
    # Mean over 5 pairs = 2 / 5. The 2x-subsampled grid has pixels (0,0), (0,2): pair (1, 0) -> 1.
    gradient = LossContextDepth(LossContextDepthCfg(weight=0.0, gradient_weight=3.0, gradient_scales=2), LossOptions())
    value = gradient(Predictions([ScalePrediction(context_depth=predicted)]), context_batch(truth), 0)
    torch.testing.assert_close(value, torch.tensor(3.0 * (2 / 5 + 1.0) / 2))
    value.backward()
    assert predicted.grad[0, 0, 1, 0] == 0  # the pixel without ground truth gets no gradient
    # No ground truth in the batch: 0; a depth-only model (no render) is accepted.
    assert l1_only(Predictions([ScalePrediction(context_depth=predicted)]), context_batch(None), 0).item() == 0.0
    with pytest.raises(LossInputError, match="no depth"):
        l1_only(Predictions([ScalePrediction(color=torch.zeros(1, 1, 3, 2, 3))]), context_batch(truth), 0)


def test_render_losses_refuse_depth_only_predictions():
    with pytest.raises(LossInputError, match="train_depth_only"):
        LossMse(LossMseCfg(), LossOptions())(
            Predictions([ScalePrediction(context_depth=torch.ones(1, 2, 4, 4))]), make_batch(torch.zeros(1, 1, 3, 4, 4)), 0
        )


@pytest.mark.parametrize("kind", ["blur and noise", "shifted view"])
def test_lpips_loss_in_bf16_stays_close_to_fp32(kind, monkeypatch):
    """``loss.lpips.precision=bf16`` (what bf16 training uses on CUDA: VGG convolutions in bf16,
    NHWC; feature normalisation, channel weights and means in float32), run on the CPU, against
    the fp32 loss (the oracle): value within 0.5 % (measured: 0.05 % and 0.1 %), gradient direction
    cosine >= 0.98 (measured 0.992 and 0.994; bf16 backward through VGG moves each gradient by ~10 %)."""
    from splatbench.data.example import make_synthetic_scene
    from splatbench.data.images import decode_images

    target = decode_images(make_synthetic_scene("lpips", 0, num_frames=4, image_shape=(64, 64))["images"])
    generator = torch.Generator().manual_seed(0)
    if kind == "blur and noise":
        blurred = torch.nn.functional.avg_pool2d(torch.nn.functional.pad(target, (1, 1, 1, 1), mode="replicate"), 3, 1)
        prediction = (blurred + 0.02 * torch.randn(target.shape, generator=generator)).clamp(0, 1)
    else:
        prediction = torch.roll(target, 2, dims=-1)
    monkeypatch.setattr(LossLpips, "bf16_on_cpu", True)
    values, gradients = [], []
    for precision in ("fp32", "bf16"):
        loss = LossLpips(LossLpipsCfg(weight=1.0, apply_after_step=0, precision=precision), LossOptions())
        colour = prediction[None].clone().requires_grad_()
        value = loss(rendered(colour), make_batch(target[None]), global_step=0)
        value.backward()
        values.append(value.item())
        gradients.append(colour.grad.flatten())
        if precision == "bf16":
            assert loss.network.slices[0][0].weight.is_contiguous(memory_format=torch.channels_last)
    reference, fast = values
    assert reference > 0.1 and abs(fast - reference) <= 0.005 * reference
    assert torch.nn.functional.cosine_similarity(*gradients, dim=0) >= 0.98
