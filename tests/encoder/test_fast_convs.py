"""The bf16 convolution fast paths (splatbench/model/encoder/fast_convs.py) against the plain
modules: float64 runs of the same modules as the oracle, the switched-off bf16 path as the yardstick
for how far bf16 may be from it, and float32 outputs bit for bit with the paths on or off."""

from __future__ import annotations

import copy

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from splatbench.model.encoder import encoder_preset, get_encoder
from splatbench.model.encoder.fast_convs import SWITCHES, conv_fast_paths
from splatbench.model.encoder.heads.dpt import DPTHead
from splatbench.model.encoder.heads.gaussian_heads import fuse_head_weights, fused_gaussian_heads, split_for_dtype
from splatbench.model.encoder.unimatch import unet
from splatbench.model.generated_weights import fill_weights_from_names
from splatbench.model.kernels import conv_epilogue, group_norm
from splatbench.evaluation.speed import synthetic_views
from tests.encoder.test_gaussian_heads import make_heads, oracle, random_inputs

pytestmark = pytest.mark.skipif(not conv_epilogue.usable(torch.zeros(1, 1, 1, dtype=torch.bfloat16)), reason="triton is not installed")


def _randomised(module: nn.Module, seed: int = 0) -> nn.Module:
    torch.manual_seed(seed)
    for parameter in module.parameters():  # zero-initialised last layers would hide the blocks
        nn.init.normal_(parameter, std=0.2)
    return module.eval()


def _float64(module: nn.Module) -> nn.Module:
    """A float64 copy; its FloatGroupNorms as plain GroupNorms (they would cast to float32)."""
    twin = copy.deepcopy(module).double()
    for child in twin.modules():
        if isinstance(child, unet.FloatGroupNorm):
            child.__class__ = nn.GroupNorm
    return twin


def _relative(a: torch.Tensor, b: torch.Tensor) -> float:
    return float((a.double() - b.double()).abs().max() / b.double().abs().max())


def _count_calls(monkeypatch, module, name: str) -> list:
    calls = []
    original = getattr(module, name)
    monkeypatch.setattr(module, name, lambda *a, **k: calls.append(1) or original(*a, **k))
    return calls


def test_switches_restore_and_refuse_unknown_names():
    with conv_fast_paths(False, bf16_heads=True):
        assert not SWITCHES.fused_epilogues and SWITCHES.bf16_heads
    assert SWITCHES.fused_epilogues and SWITCHES.nhwc_depth_upsampler
    with pytest.raises(ValueError, match="unknown switch"):
        with conv_fast_paths(fused_epilogue=True):
            pass


def test_unet_bf16_with_fused_epilogues_as_close_to_float64_as_eager_bf16(monkeypatch):
    model = _randomised(unet.UNetModel(16, (1, 1), 1, (2,), num_head_channels=8))
    x = torch.randn(2, 16, 8, 12)
    with torch.no_grad():
        expected = _float64(model)(x.double(), 2)
        epilogues = _count_calls(monkeypatch, conv_epilogue, "conv_epilogue")
        shifts = []
        original = group_norm.group_norm_act
        monkeypatch.setattr(group_norm, "group_norm_act", lambda *a, **k: shifts.append(k.get("input_bias") is not None) or original(*a, **k))
        with torch.autocast("cpu", dtype=torch.bfloat16):
            fused = model(x, 2)
            assert epilogues and any(shifts), "the fused paths were not taken"
            with conv_fast_paths(fused_epilogues=False):
                epilogues.clear()
                eager = model(x, 2)
                assert not epilogues
        assert fused.dtype == eager.dtype == torch.bfloat16
        assert _relative(fused, expected) <= 1.5 * _relative(eager, expected) + 2e-3
        plain = model(x, 2)  # float32: no fused path, PyTorch's sums bit for bit
        with conv_fast_paths(False):
            assert torch.equal(model(x, 2), plain)
        # The NHWC U-Net (fast_convs.nhwc_unet): channels-last weights and input, NHWC GroupNorms.
        nhwc_model = copy.deepcopy(model).to(memory_format=torch.channels_last)
        with torch.autocast("cpu", dtype=torch.bfloat16):
            nhwc = nhwc_model(x.contiguous(memory_format=torch.channels_last), 2)
        assert nhwc.is_contiguous(memory_format=torch.channels_last)
        assert _relative(nhwc, expected) <= 1.5 * _relative(eager, expected) + 2e-3


@pytest.mark.parametrize("return_feature", [False, True])
def test_dpt_bf16_fast_paths_as_close_to_float64_as_eager_bf16(monkeypatch, return_feature):
    head = _randomised(DPTHead(24, features=16, out_channels=(8, 16, 16, 24), cnn_feature_channels=(8, 12, 16),
                               mv_feature_channels=16, downsample_factor=4, return_feature=return_feature))  # fmt: skip
    generator = torch.Generator().manual_seed(2)
    vit = [torch.randn(2, 24, 4, 6, generator=generator) for _ in range(4)]
    cnn = [torch.randn(2, c, h, w, generator=generator) for c, h, w in ((8, 16, 24), (12, 16, 24), (16, 8, 12))]
    mv = torch.randn(2, 16, 8, 12, generator=generator)
    depth = None if return_feature else torch.rand(2, 1, 8, 12, generator=generator)

    def run(module, dtype):
        cast = lambda t: None if t is None else t.to(dtype)  # noqa: E731
        return module([cast(t) for t in vit], [cast(t) for t in cnn], cast(mv), cast(depth))

    with torch.no_grad():
        expected = run(_float64(head), torch.float64)
        epilogues = _count_calls(monkeypatch, conv_epilogue, "conv_epilogue")
        with torch.autocast("cpu", dtype=torch.bfloat16):
            fast = run(head, torch.float32)
            assert epilogues
            with conv_fast_paths(False):
                eager = run(head, torch.float32)
        assert fast.shape == expected.shape and fast.dtype == torch.bfloat16
        assert _relative(fast, expected) <= 1.5 * _relative(eager, expected) + 2e-3
        plain = run(head, torch.float32)
        with conv_fast_paths(False):
            assert torch.equal(run(head, torch.float32), plain)  # float32 untouched


def test_projection_commutes_with_bilinear_upsampling():
    """The identity behind project_before_upsampling, in float64 (align_corners, both resize kinds)."""
    conv = _randomised(nn.Conv2d(6, 6, 1)).double().requires_grad_(False)
    x = torch.randn(2, 6, 5, 7, dtype=torch.float64)
    for resize in ({"scale_factor": 2}, {"size": (9, 16)}):
        after = conv(F.interpolate(x, mode="bilinear", align_corners=True, **resize))
        before = F.interpolate(conv(x), mode="bilinear", align_corners=True, **resize)
        assert float((after - before).abs().max()) <= 1e-13


def test_bias_split_for_bf16():
    values = torch.randn(1000, generator=torch.Generator().manual_seed(0)) * 10.0 ** torch.randint(-4, 4, (1000,)).float()
    high, low = split_for_dtype(values, torch.bfloat16)
    assert torch.equal(high.to(torch.bfloat16).float(), high)
    rounded = high.to(torch.bfloat16).double() + low.to(torch.bfloat16).double()
    assert ((rounded - values.double()).abs() <= 2.0**-16 * values.double().abs()).all()
    assert ((values.to(torch.bfloat16).double() - values.double()).abs() > 2.0**-12 * values.double().abs()).any()


@pytest.mark.parametrize("nhwc", [False, True])
def test_bf16_heads_as_close_to_float64_as_plain_bf16(nhwc):
    reg, head = make_heads(16, 8, dtype=torch.float32)
    inputs = random_inputs(2, 16, 7, 9, dtype=torch.float32)
    expected = oracle(reg, head, *inputs)
    with torch.no_grad():
        got = fused_gaussian_heads(fuse_head_weights(reg, head, 16, nhwc, torch.bfloat16), *inputs, nhwc=nhwc)
        # the plain modules in bf16 (cat, replicate pad, conv with bias, GELU), bf16 inputs
        image, depth, prob, features = (t.to(torch.bfloat16) for t in inputs)
        reg16, head16 = copy.deepcopy(reg).to(torch.bfloat16), copy.deepcopy(head).to(torch.bfloat16)
        regressed = reg16(torch.cat((image, depth, prob, features), dim=1))
        plain = head16(torch.cat((regressed, image, features, prob), dim=1))
    assert got.dtype == torch.bfloat16 and got.shape == expected.shape
    assert _relative(got, expected) <= 1.5 * _relative(plain, expected) + 2e-3


def _tiny_encoder():
    encoder = get_encoder(encoder_preset("tiny"))[0]
    fill_weights_from_names(encoder, prefix="encoder.")
    encoder.precision_on_cpu = True
    encoder.fused_heads = True  # the CUDA inference default (TF32 on), forced on the CPU
    return encoder.eval()


def test_encoder_bf16_all_drift_unchanged_and_float32_bit_for_bit(monkeypatch):
    from splatbench.model.encoder.unimatch import backbone

    # The backbone's interpreted InstanceNorm kernel (no part of these paths) would take minutes here.
    monkeypatch.setattr(backbone, "instance_norm_relu", lambda norm, x, relu=True: F.relu(norm(x)) if relu else norm(x))
    encoder = _tiny_encoder()
    context = synthetic_views(2, 32, 32, torch.device("cpu"))
    nhwc_copies = _count_calls(monkeypatch, encoder._precision(torch.device("cpu")).weights, "get")
    with torch.no_grad():
        encoder.cfg.precision = "fp32"
        fp32 = encoder(context)
        with conv_fast_paths(False):
            fp32_off = encoder(context)
        encoder.cfg.precision = "bf16-all"
        with conv_fast_paths(False):
            off = encoder(context)
        on = encoder(context)
    for name in ("means", "covariances", "harmonics", "opacities"):
        assert torch.equal(getattr(fp32["gaussians"], name), getattr(fp32_off["gaussians"], name)), name
    assert torch.equal(fp32["depths"], fp32_off["depths"])
    reference = fp32["depths"]

    def drift(output):
        return float(((output["depths"] - reference).abs() / reference).median())

    # The depth does not see the bf16 heads; the other paths move it by bf16 rounding only.
    assert drift(on) <= 1.5 * drift(off) + 1e-4
    assert nhwc_copies, "no bf16 weight copies were made"
    for name in ("opacities", "harmonics"):  # the splats' parameters: bf16 heads, about 1e-2
        assert _relative(getattr(on["gaussians"], name), getattr(fp32["gaussians"], name)) <= 5e-2, name


def test_vit_fused_norms_as_close_to_float64_as_eager_bf16(monkeypatch):
    from splatbench.model.encoder.vit.dinov2 import DinoVisionTransformer
    from splatbench.model.kernels import norms

    vit = DinoVisionTransformer(img_size=28, embed_dim=32, depth=3, num_heads=2).eval()
    torch.manual_seed(0)
    for name, parameter in vit.named_parameters():  # LayerScale of 1 and unit norms would hide differences
        nn.init.normal_(parameter, mean=1.0 if name.endswith(("gamma", "norm1.weight", "norm2.weight", "norm.weight")) else 0.0, std=0.3)
    images = torch.randn(2, 3, 28, 42, generator=torch.Generator().manual_seed(1))

    def run(model, x):
        return model.get_intermediate_layers(x, (0, 2), reshape=True, norm=True)

    with torch.no_grad():
        expected = run(copy.deepcopy(vit).double(), images.double())
        calls = _count_calls(monkeypatch, norms, "residual_layer_norm")
        with torch.autocast("cpu", dtype=torch.bfloat16):
            fused = run(vit, images)
            assert len(calls) == 2 * 3 - 1 + 1  # every update, the last one into the final norm
            with conv_fast_paths(fused_vit_norms=False):
                eager = run(vit, images)
        plain = run(vit, images)  # float32: PyTorch's modules
        with conv_fast_paths(False):
            assert all(torch.equal(a, b) for a, b in zip(run(vit, images), plain))
    for got, reference, want in zip(fused, eager, expected):
        assert got.dtype == reference.dtype == torch.float32 and got.shape == want.shape
        assert _relative(got, want) <= 1.5 * _relative(reference, want) + 2e-3


def test_kernel_paths_step_aside_under_torch_compile(monkeypatch):
    """Inductor fuses the element-wise work itself: under compilation the epilogue kernel is not
    called (it would break the compiled graph)."""
    from splatbench.model.encoder import fused_conv

    conv = _randomised(nn.Conv2d(4, 4, 3, padding=1))
    x = torch.randn(1, 4, 5, 5).to(torch.bfloat16)
    conv = conv.to(torch.bfloat16)
    with torch.no_grad():
        assert fused_conv.conv_act(conv, x, "relu") is not None
        monkeypatch.setattr(torch.compiler, "is_compiling", lambda: True)
        assert fused_conv.conv_act(conv, x, "relu") is None
