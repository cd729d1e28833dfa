"""The Triton GroupNorm + activation kernel (Triton's interpreter on the CPU) against a float64
oracle: F.group_norm in float64 followed by the activation in float64."""

import pytest
import torch
import torch.nn.functional as F

from splatbench.model.kernels import group_norm as kernel

pytestmark = pytest.mark.skipif(not kernel.usable(torch.zeros(1, 1, 1)), reason="triton is not installed")


def _oracle(x, groups, weight, bias, eps, activation):
    y = F.group_norm(x.double(), groups, None if weight is None else weight.double(), None if bias is None else bias.double(), eps)
    if activation == "silu":
        y = y * torch.sigmoid(y)
    elif activation == "gelu":
        y = 0.5 * y * (1 + torch.erf(y / 2**0.5))
    return y


@pytest.mark.parametrize(
    ("shape", "groups", "activation", "dtype"),
    [
        ((2, 16, 6, 10), 8, "silu", torch.bfloat16),
        ((1, 8, 40, 60), 2, "gelu", torch.float32),  # 9600 elements a group: three chunks merged
        ((3, 12, 5), 4, "none", torch.float16),  # [N, C, T] maps (the U-Net's attention input)
    ],
)
def test_matches_float64_group_norm_and_activation(shape, groups, activation, dtype):
    generator = torch.Generator().manual_seed(0)
    # An offset far larger than the spread: statistics from E[x^2] - E[x]^2 would lose digits.
    x = (torch.randn(shape, generator=generator) * 0.5 + 20.0).to(dtype)
    weight = torch.randn(shape[1], generator=generator)
    bias = torch.randn(shape[1], generator=generator)
    out = kernel.group_norm_act(x, groups, weight, bias, 1e-5, activation)
    assert out.dtype == dtype and out.shape == x.shape
    expected = _oracle(x, groups, weight, bias, 1e-5, activation)
    tolerance = {torch.float32: 2e-5, torch.float16: 2e-3, torch.bfloat16: 1.6e-2}[dtype]
    error = (out.double() - expected).abs() / expected.abs().clamp_min(1.0)
    assert float(error.max()) <= tolerance


def test_without_affine_and_output_dtype():
    x = torch.randn(2, 8, 4, 4, dtype=torch.float32)
    out = kernel.group_norm_act(x, 4, None, None, 1e-6, "none", dtype=torch.bfloat16)
    assert out.dtype == torch.bfloat16
    assert torch.allclose(out.double(), _oracle(x, 4, None, None, 1e-6, "none"), atol=1e-2, rtol=1e-2)


def test_refuses_what_it_cannot_take():
    with pytest.raises(ValueError, match="groups"):
        kernel.group_norm_act(torch.zeros(1, 6, 2, 2), 4, None, None, 1e-5)
    with pytest.raises(ValueError, match="activation"):
        kernel.group_norm_act(torch.zeros(1, 4, 2, 2), 2, None, None, 1e-5, "tanh")
    with pytest.raises(ValueError, match="contiguous"):
        kernel.group_norm_act(torch.zeros(1, 4, 2, 2).transpose(2, 3), 2, None, None, 1e-5)
    assert not kernel.usable(torch.zeros(1, 4, 2, 2, requires_grad=True))


def test_unet_in_bf16_with_fused_norms_matches_the_eager_norms(monkeypatch):
    from splatbench.model.encoder.unimatch import unet

    torch.manual_seed(0)
    model = unet.UNetModel(16, (1, 1), 1, (2,), num_head_channels=8).eval()
    for parameter in model.parameters():  # zero-initialised output convs would hide the blocks
        torch.nn.init.normal_(parameter, std=0.2)
    x = torch.randn(4, 16, 8, 12)
    calls = []
    original = kernel.group_norm_act
    monkeypatch.setattr(kernel, "group_norm_act", lambda *a, **k: calls.append(a[-1] if len(a) > 5 else "?") or original(*a, **k))
    with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16):
        fused = model(x, 2)
        assert calls, "the fused kernel was not used"
        monkeypatch.setattr(unet, "_fusable", lambda *args: None)
        eager = model(x, 2)
    assert fused.dtype == eager.dtype == torch.bfloat16
    scale = eager.float().abs().max()
    assert float((fused.float() - eager.float()).abs().max() / scale) < 1.5e-2  # bf16 noise: 6e-3
    with torch.no_grad():  # float32 inputs keep PyTorch's GroupNorm: bit for bit
        monkeypatch.undo()
        calls.clear()
        plain = model(x, 2)
        monkeypatch.setattr(kernel, "group_norm_act", lambda *a, **k: calls.append(1) or original(*a, **k))
        assert torch.equal(model(x, 2), plain) and not calls


def test_backbone_instance_norm_relu_in_bf16_matches_pytorch():
    from splatbench.model.encoder.unimatch.backbone import instance_norm_relu

    norm = torch.nn.InstanceNorm2d(6)
    x = (torch.randn(2, 6, 9, 14, generator=torch.Generator().manual_seed(1)) * 3 + 1).to(torch.bfloat16)
    expected = torch.relu(F.instance_norm(x.double(), eps=norm.eps))
    fused = instance_norm_relu(norm, x)  # interpreted kernel: half-precision input, no autograd
    assert fused.dtype == torch.bfloat16
    assert float((fused.double() - expected).abs().max()) <= 2 * 2**-7 * float(expected.abs().max())
    plain = instance_norm_relu(norm, x.float())  # float32: PyTorch's own, bit for bit
    assert torch.equal(plain, torch.relu(norm(x.float())))
    shortcut = instance_norm_relu(norm, x, relu=False)
    assert float(shortcut.double().min()) < 0  # no ReLU on the projection shortcut


def test_norms_with_trainable_parameters_keep_autograd():
    from splatbench.model.encoder.unimatch import unet

    norm = torch.nn.GroupNorm(2, 4)
    x = torch.randn(1, 4, 3, 3).to(torch.bfloat16)  # an input that needs no gradient (frozen layer before)
    with torch.enable_grad():
        assert unet._fusable(norm, torch.nn.SiLU(), x) is None
        out = unet.run_layers([norm, torch.nn.SiLU()], x)
        out.float().sum().backward()
    assert norm.weight.grad is not None and norm.bias.grad is not None
    with torch.no_grad():
        assert unet._fusable(norm, torch.nn.SiLU(), x) == "silu"
