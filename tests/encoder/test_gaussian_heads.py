"""The fused full-resolution Gaussian heads (splatbench/model/encoder/heads/gaussian_heads.py) and
the encoder's full-resolution fast paths, against the plain math.

Oracle: the regressor and head written out with ``torch.cat``, ``F.pad(mode="replicate")``,
``F.conv2d`` and ``F.gelu`` in float64 from the modules' parameters (the definition the fused
kernels must reproduce), and the reference goldens (tests/encoder/golden) with the fast paths forced
on the CPU.
"""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from splatbench.model.encoder import depthsplat, encoder_preset, get_encoder
from splatbench.model.encoder.depthsplat import EncoderDepthSplat
from splatbench.model.encoder.gaussian_adapter import GaussianAdapter
from splatbench.model.encoder.heads.gaussian_heads import (
    CONSTANT,
    FusedHeadCache,
    fuse_head_weights,
    fused_gaussian_heads,
    split_for_tf32,
)
from splatbench.model.generated_weights import fill_weights_from_names
from splatbench.evaluation.speed import synthetic_views

RAW = 37


def make_heads(features: int, regressor: int, dtype=torch.float64, seed: int = 0) -> tuple[nn.Sequential, nn.Sequential]:
    """Modules built as EncoderDepthSplat builds them, random non-zero parameters (biases included)."""
    torch.manual_seed(seed)
    reg = nn.Sequential(nn.Conv2d(5 + features, regressor, 3, 1, 1), nn.GELU(), nn.Conv2d(regressor, regressor, 3, 1, 1))
    head = nn.Sequential(
        nn.Conv2d(regressor + 3 + features + 1, RAW, 3, 1, 1, padding_mode="replicate"),
        nn.GELU(),
        nn.Conv2d(RAW, RAW, 3, 1, 1, padding_mode="replicate"),
    )
    for parameter in (*reg.parameters(), *head.parameters()):
        nn.init.normal_(parameter, std=0.2)
    return reg.to(dtype), head.to(dtype)


def oracle(reg: nn.Sequential, head: nn.Sequential, image, depth, prob, features) -> torch.Tensor:
    """The unchanged math, spelled out in float64."""
    as64 = [t.double() for t in (image, depth, prob, features)]
    image, depth, prob, features = as64
    w = {name: p.double() for name, p in (*reg.named_parameters("reg"), *head.named_parameters("head"))}
    x = torch.cat((image, depth, prob, features), dim=1)
    x = F.conv2d(F.gelu(F.conv2d(x, w["reg.0.weight"], w["reg.0.bias"], padding=1)), w["reg.2.weight"], w["reg.2.bias"], padding=1)
    x = torch.cat((x, image, features, prob), dim=1)
    x = F.conv2d(F.pad(x, (1, 1, 1, 1), mode="replicate"), w["head.0.weight"], w["head.0.bias"])
    return F.conv2d(F.pad(F.gelu(x), (1, 1, 1, 1), mode="replicate"), w["head.2.weight"], w["head.2.bias"])


def random_inputs(views: int, features: int, height: int, width: int, dtype=torch.float64, seed: int = 1):
    generator = torch.Generator().manual_seed(seed)
    return [torch.randn(views, c, height, width, generator=generator, dtype=dtype) for c in (3, 1, 1, features)]


@pytest.mark.parametrize("nhwc", [False, True])
@pytest.mark.parametrize(("features", "regressor", "height", "width"), [(16, 8, 7, 9), (12, 16, 1, 5), (9, 8, 2, 3)])
def test_fused_heads_equal_plain_math_float64(nhwc, features, regressor, height, width):
    reg, head = make_heads(features, regressor)
    inputs = random_inputs(2, features, height, width)
    expected = oracle(reg, head, *inputs)
    with torch.no_grad():
        got = fused_gaussian_heads(fuse_head_weights(reg, head, features, nhwc), *inputs, nhwc=nhwc)
    assert got.shape == expected.shape == (2, RAW, height, width)
    assert (got.stride(1) == 1) == nhwc  # NHWC memory: the adapter reads pixels' channels without a copy
    scale = expected.abs().max().item()
    assert (got - expected).abs().max().item() <= 1e-13 * scale


def test_fused_heads_float32_within_rounding_of_float64():
    reg, head = make_heads(16, 8)
    inputs = random_inputs(2, 16, 6, 10)
    expected = oracle(reg, head, *inputs)
    reg32, head32 = reg.float(), head.float()
    with torch.no_grad():
        # bf16 features, as under bf16 autocast: the fused path casts them on the way in
        features16 = inputs[3].to(torch.bfloat16)
        got = fused_gaussian_heads(fuse_head_weights(reg32, head32, 16, True), *(t.float() for t in inputs[:3]), features16)
        plain = oracle(reg, head, *inputs[:3], features16)
    assert got.dtype == torch.float32
    assert (got.double() - plain).abs().max().item() <= 1e-5 * plain.abs().max().item()
    assert (got.double() - expected).abs().max().item() > 0  # the bf16 features did go in as bf16


def test_fused_heads_gradients_equal_plain_math():
    reg, head = make_heads(10, 8)
    fused_reg, fused_head = make_heads(10, 8)
    inputs = random_inputs(2, 10, 5, 6)
    plain_inputs = [t.clone().requires_grad_() for t in inputs]
    fused_inputs = [t.clone().requires_grad_() for t in inputs]
    upstream = torch.randn(2, RAW, 5, 6, dtype=torch.float64, generator=torch.Generator().manual_seed(3))
    (oracle(reg, head, *plain_inputs) * upstream).sum().backward()
    weights = FusedHeadCache().get(fused_reg, fused_head, 10, nhwc=True)  # rebuilt with autograd, not cached
    (fused_gaussian_heads(weights, *fused_inputs, nhwc=True) * upstream).sum().backward()
    for (name, expected), got in zip((*reg.named_parameters("reg"), *head.named_parameters("head")),
                                     (*fused_reg.parameters(), *fused_head.parameters())):  # fmt: skip
        assert got.grad is not None, name
        assert (got.grad - expected.grad).abs().max().item() <= 1e-12 * expected.grad.abs().max().item(), name
    for expected, got in zip(plain_inputs, fused_inputs):
        assert (got.grad - expected.grad).abs().max().item() <= 1e-12 * expected.grad.abs().max().item()


def test_fused_heads_float32_gradients_as_accurate_as_plain():
    """float32 gradients of both paths against the float64 oracle's: the fused one no worse."""
    reg, head = make_heads(16, 16)
    inputs = random_inputs(2, 16, 12, 12)
    upstream = torch.randn(2, RAW, 12, 12, dtype=torch.float64, generator=torch.Generator().manual_seed(4))
    (oracle(reg, head, *inputs) * upstream).sum().backward()
    expected = [p.grad for p in (*reg.parameters(), *head.parameters())]

    def plain(r, h, image, depth, prob, features):
        return h(torch.cat((r(torch.cat((image, depth, prob, features), 1)), image, features, prob), 1))

    def fused(r, h, *tensors):
        return fused_gaussian_heads(fuse_head_weights(r, h, 16, nhwc=True), *tensors, nhwc=True)

    errors = []
    for function in (plain, fused):
        r, h = (module.float() for module in make_heads(16, 16))
        (function(r, h, *(t.float() for t in inputs)) * upstream.float()).sum().backward()
        got = [p.grad.double() for p in (*r.parameters(), *h.parameters())]
        errors.append([((g - e).norm() / e.norm()).item() for g, e in zip(got, expected)])
    for plain_error, fused_error in zip(*errors):
        assert fused_error <= 3 * plain_error + 1e-6


def test_cache_rebuilds_after_a_parameter_changes():
    reg, head = make_heads(8, 8, dtype=torch.float32)
    cache = FusedHeadCache()
    with torch.no_grad():
        first = cache.get(reg, head, 8, nhwc=False)
        assert cache.get(reg, head, 8, nhwc=False) is first
        head[2].bias.add_(1.0)
        second = cache.get(reg, head, 8, nhwc=False)
    assert second is not first
    inputs = random_inputs(1, 8, 4, 4, dtype=torch.float32)
    with torch.no_grad():
        got = fused_gaussian_heads(second, *inputs, nhwc=False)
    expected = oracle(reg, head, *inputs)
    assert (got.double() - expected).abs().max().item() <= 1e-5 * expected.abs().max().item()


def round_to_tf32(values: torch.Tensor) -> torch.Tensor:
    """Round float32 to 10 mantissa bits, to nearest (ties away), like TF32 tensor-core inputs."""
    bits = values.contiguous().view(torch.int32)
    return torch.bitwise_and(bits + (1 << 12), -(1 << 13)).view(torch.float32)


def test_bias_split_survives_tf32_rounding():
    values = torch.randn(1000, generator=torch.Generator().manual_seed(0)) * 10.0 ** torch.randint(-4, 4, (1000,)).float()
    high, low = split_for_tf32(values)
    assert torch.equal(high + low, values)
    assert torch.equal(round_to_tf32(high), high)
    rounded = round_to_tf32(high) + round_to_tf32(low)
    assert ((rounded - values).abs() <= 2.0**-20 * values.abs()).all()
    assert ((round_to_tf32(values) - values).abs() > 2.0**-20 * values.abs()).any()  # unsplit would not


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_gelu_keeps_the_constant_channel(dtype):
    """The second head conv's bias rides on gelu(16) == 16 exactly."""
    assert F.gelu(torch.full((64,), CONSTANT, dtype=dtype)).eq(CONSTANT).all()


# ---------------------------------------------------------------------------------- encoder level


def tiny_encoder() -> EncoderDepthSplat:
    encoder = get_encoder(encoder_preset("tiny"))[0]
    fill_weights_from_names(encoder, prefix="encoder.")
    return encoder


def set_fast(encoder: EncoderDepthSplat, fast: bool) -> None:
    encoder.fused_heads = fast
    encoder.nhwc_feature_upsampler = fast


def gaussian_fields(output) -> dict[str, torch.Tensor]:
    gaussians = output["gaussians"] if isinstance(output, dict) else output
    return {name: getattr(gaussians, name) for name in ("means", "covariances", "harmonics", "opacities", "scales")}


def test_cpu_default_is_the_plain_path():
    encoder = tiny_encoder()
    assert encoder.fused_heads is None and encoder.nhwc_feature_upsampler is None  # CUDA inference only


def test_encoder_fast_paths_chunked_and_not(monkeypatch):
    encoder = tiny_encoder().eval()
    context = synthetic_views(2, 32, 32, torch.device("cpu"))
    with torch.no_grad():
        set_fast(encoder, False)
        plain = gaussian_fields(encoder(context))
        set_fast(encoder, True)
        fast = gaussian_fields(encoder(context))
        monkeypatch.setattr(depthsplat, "HEAD_CHUNK_PIXELS", 32 * 32)  # one view per chunk
        chunked = gaussian_fields(encoder(context))
        set_fast(encoder, False)
        plain_chunked = gaussian_fields(encoder(context))
    for name, expected in plain.items():
        # float32 rounding of reordered sums (and of other convolution algorithms for other batch
        # sizes), amplified downstream (quaternion normalisation, squared scales): ~1e-5 of the
        # largest covariance, 1e-6 elsewhere
        scale = expected.abs().max().item()
        for other in (fast, chunked, plain_chunked):
            assert (other[name] - expected).abs().max().item() <= 2e-5 * scale, name


def test_encoder_fast_paths_train_with_the_same_gradients():
    context = synthetic_views(2, 32, 32, torch.device("cpu"))
    gradients = []
    for fast in (False, True):
        encoder = tiny_encoder().train()
        set_fast(encoder, fast)
        output = encoder(context)
        fields = gaussian_fields(output)
        loss = sum((value * torch.linspace(-1, 1, value.numel()).reshape(value.shape)).sum() for value in fields.values())
        (loss + output["depths"].sum()).backward()
        gradients.append({name: p.grad.clone() for name, p in encoder.named_parameters() if p.grad is not None})
    plain, fast = gradients
    assert plain.keys() == fast.keys()
    assert any(name.startswith("gaussian_head") for name in plain)
    everything = torch.cat([g.flatten() for g in plain.values()])
    difference = torch.cat([(fast[name] - g).flatten() for name, g in plain.items()])
    assert difference.norm() <= 1e-5 * everything.norm()
    for name, expected in plain.items():
        # Per tensor where the gradient is signal, not float32 noise (a bias just before an
        # InstanceNorm has a zero gradient up to rounding).
        # The last bias sums the upstream gradient over every pixel, where terms of ~40 cancel
        # to ~0.01: the two paths' float32 forward differences (1e-6) show there at ~1e-4.
        if name.startswith(("gaussian_", "feature_upsampler")):
            assert (fast[name] - expected).norm() <= 1e-3 * expected.norm(), name


def test_reference_golden_with_fast_paths(monkeypatch):
    """The fp32 reference goldens (1e-4) hold on the fast paths too (the whole CUDA default path)."""
    from tests.encoder.test_golden import TOLERANCE, load_golden, run_encoder

    monkeypatch.setattr(EncoderDepthSplat, "fused_heads", True)
    monkeypatch.setattr(EncoderDepthSplat, "nhwc_feature_upsampler", True)
    # and the adapter kernel where Triton is interpreted (tests/conftest.py sets it up)
    monkeypatch.setattr(GaussianAdapter, "use_kernel", True)
    golden = load_golden("depthsplat_small_v2_64")
    ours = run_encoder("small", golden)
    for key, value in ours.items():
        expected = torch.from_numpy(golden[key])
        assert (value - expected).abs().max().item() < TOLERANCE, key
