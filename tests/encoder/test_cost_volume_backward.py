"""The differentiable fused cost volume (the Triton forward with its Triton backward,
splatbench/model/encoder/unimatch/cost_volume_triton.py) against the exact float64 gradients of
the definition (tests/encoder/cost_volume_oracle.py, torch.autograd in float64) and against the
PyTorch path's autograd; the backend choice (auto, deterministic algorithms); a tiny DepthSplat
training step with either backend. On a CPU the kernels run through Triton's interpreter
(TRITON_INTERPRET=1, set by tests/conftest.py). The H200 check at training size:
scripts/gpu/costvol_bench.py --training."""

from __future__ import annotations

import math
import os
import warnings

import pytest
import torch

if not torch.cuda.is_available():
    os.environ.setdefault("TRITON_INTERPRET", "1")

from splatbench.model.encoder.unimatch import cost_volume as cost_volume_module  # noqa: E402
from splatbench.model.encoder.unimatch import cost_volume_triton as fused  # noqa: E402
from splatbench.model.encoder.unimatch.cost_volume import correlation_cost_volume  # noqa: E402
from tests.encoder.cost_volume_oracle import differentiable_oracle, oracle, scene  # noqa: E402

pytestmark = pytest.mark.skipif(not fused.available(), reason="triton is not installed (pyproject extra 'kernels')")


def gradients(backend, inputs, grad_out, to_depth=torch.reciprocal):
    """(output, grad of ref, grad of others) of ``sum(correlation_cost_volume(...) * grad_out)``."""
    ref, others = (t.detach().clone().requires_grad_(True) for t in inputs[:2])
    out = correlation_cost_volume(ref, others, *inputs[2:], candidates_to_depth=to_depth, backend=backend)
    (out * grad_out).sum().backward()
    return out.detach(), ref.grad, others.grad


def oracle_gradients(inputs, grad_out, to_depth=torch.reciprocal):
    ref, others = (t.detach().double().requires_grad_(True) for t in inputs[:2])
    out = differentiable_oracle(ref, others, *inputs[2:], to_depth=to_depth)
    grad_ref, grad_others = torch.autograd.grad((out * grad_out.double()).sum(), (ref, others))
    return out.detach(), grad_ref, grad_others


CASES = {
    # 2 batches, 3 other views (the third stands ahead of the reference: points behind it), shared planes
    "coarse": dict(seed=10, others=3, c=8, planes=4, h=6, w=8),
    # refinement scales: candidates per pixel; 16 channels, one other view
    "per_pixel": dict(seed=11, others=1, c=16, planes=6, h=6, w=8, per_pixel=True),
    # log depth (ReSplat: exp applied before the kernel), ragged channels, 2 other views
    "log_depth": dict(seed=12, others=2, c=5, planes=5, h=6, w=7, per_pixel=True, log_depth=True),
}


@pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16])
@pytest.mark.parametrize("case", sorted(CASES))
def test_gradients_match_float64_oracle(case, dtype):
    params = CASES[case]
    log_depth = params.get("log_depth", False)
    to_depth = torch.exp if log_depth else torch.reciprocal
    inputs = scene(**params)
    inputs = (inputs[0].to(dtype), inputs[1].to(dtype), *inputs[2:])
    if case == "coarse":  # the scene exercises every kind of sample (forward oracle's census)
        _, seen = oracle(*inputs, to_depth=lambda x: 1.0 / x)
        assert all(count > 0 for count in seen.values()), seen
    b, d, h, w = inputs[0].shape[0], params["planes"], params["h"], params["w"]
    grad_out = torch.randn(b, d, h, w, generator=torch.Generator().manual_seed(params["seed"]))
    expected = oracle_gradients(inputs, grad_out, to_depth)
    ours = gradients("triton", inputs, grad_out, to_depth)
    pytorch_path = gradients("torch", inputs, grad_out, to_depth)

    for name, value, exact, torch_value, features in zip(
        ("output", "grad_ref", "grad_others"), ours, expected, pytorch_path, (None, *inputs[:2])
    ):
        if features is not None:  # gradients in the features' dtype and shape
            assert value.dtype == dtype and value.shape == features.shape, name
        assert exact.abs().max() > 0.5, name  # gradients that are not trivially zero
        error = (value.double() - exact).abs()
        if dtype == torch.float32 or name == "output":
            assert error.max() < 2e-5 * max(1.0, float(exact.abs().max())), (name, float(error.max()))
            assert (value - torch_value).abs().max() < 2e-5 * max(1.0, float(exact.abs().max())), name
        else:  # float32 sums rounded once to bf16: within one bf16 rounding (2**-9 relative)
            assert (error <= 2**-8 * exact.abs() + 1e-5).all(), (name, float((error / exact.abs()).max()))
            # the PyTorch path also rounds float32 gradients to bf16: the same value or the neighbour
            gap = (value.double() - torch_value.double()).abs()
            assert (gap <= 2**-7 * torch_value.double().abs() + 1e-5).all(), name


def test_adjoint_and_gradcheck():
    """The cost volume is linear in each feature tensor: <g, out> = <grad_ref, ref> =
    <grad_others, others> (the backward kernel is the forward kernel's exact adjoint), and
    torch.autograd.gradcheck agrees (fast mode, float32: central differences of a linear
    function are exact up to the forward's float32 rounding)."""
    ref, others, intrinsics, ref_c2w, other_c2w, candidates = scene(13, batch=1, others=2, c=4, planes=3, h=4, w=5)
    g = torch.randn(1, 3, 4, 5, generator=torch.Generator().manual_seed(13))
    out, grad_ref, grad_others = gradients("triton", (ref, others, intrinsics, ref_c2w, other_c2w, candidates), g)
    inner = float((out.double() * g).sum())
    assert abs(inner) > 0.1
    assert math.isclose(float((grad_ref.double() * ref).sum()), inner, rel_tol=1e-5)
    assert math.isclose(float((grad_others.double() * others).sum()), inner, rel_tol=1e-5)

    def cost_volume(ref, others):
        return correlation_cost_volume(ref, others, intrinsics, ref_c2w, other_c2w, candidates, backend="triton")

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # gradcheck's advice to use float64 inputs
        assert torch.autograd.gradcheck(
            cost_volume, (ref.requires_grad_(True), others.requires_grad_(True)),
            eps=0.25, atol=1e-3, rtol=1e-3, fast_mode=True,
        )  # fmt: skip


def test_only_requested_gradients_and_positions_get_none():
    """A frozen side gets no gradient (the kernel skips its half of the work), and the sample
    positions never get one, as in the PyTorch path (its grid is computed without autograd)."""
    ref, others, intrinsics, ref_c2w, other_c2w, candidates = scene(14, batch=1, others=1, c=4, planes=2, h=4, w=5)
    g = torch.randn(1, 2, 4, 5, generator=torch.Generator().manual_seed(14))
    candidates = candidates.clone().requires_grad_(True)
    ref_c2w = ref_c2w.clone().requires_grad_(True)
    expected = oracle_gradients((ref, others, intrinsics, ref_c2w, other_c2w, candidates), g)
    for backend in ("torch", "triton"):
        ref_ = ref.clone().requires_grad_(True)
        out = correlation_cost_volume(ref_, others, intrinsics, ref_c2w, other_c2w, candidates, backend=backend)
        (out * g).sum().backward()
        assert (ref_.grad.double() - expected[1]).abs().max() < 2e-5, backend
        assert candidates.grad is None and ref_c2w.grad is None, backend
    others_ = others.clone().requires_grad_(True)
    out = correlation_cost_volume(ref, others_, intrinsics, ref_c2w, other_c2w, candidates, backend="triton")
    (out * g).sum().backward()
    assert (others_.grad.double() - expected[2]).abs().max() < 2e-5
    # Features that need no gradient and positions that do: no graph at all, in both paths.
    for backend in ("torch", "triton"):
        out = correlation_cost_volume(ref, others, intrinsics, ref_c2w, other_c2w, candidates, backend=backend)
        assert not out.requires_grad, backend


@pytest.fixture
def auto_on_cpu(monkeypatch):
    """``backend="auto"`` choosing as it does on CUDA, for CPU tensors (the kernels interpreted)."""
    monkeypatch.setattr(cost_volume_module, "AUTO_DEVICE_TYPES", ("cuda", "cpu"))


def _path_taken(out: torch.Tensor) -> str:
    if out.grad_fn is None:
        return "no graph"
    return "fused" if "FusedCorrelation" in type(out.grad_fn).__name__ else "torch"


def test_auto_uses_the_backward_and_deterministic_mode_falls_back(auto_on_cpu):
    inputs = scene(15, batch=1, others=1, c=4, planes=2, h=4, w=5)
    ref = inputs[0].clone().requires_grad_(True)
    assert _path_taken(correlation_cost_volume(ref, *inputs[1:])) == "fused"
    assert _path_taken(correlation_cost_volume(ref, *inputs[1:], backend="torch")) == "torch"
    was_enabled = torch.are_deterministic_algorithms_enabled()
    was_warn_only = torch.is_deterministic_algorithms_warn_only_enabled()
    try:
        torch.use_deterministic_algorithms(True)
        # Atomic float adds in the backward: auto takes the PyTorch path, a forced triton is refused...
        assert _path_taken(correlation_cost_volume(ref, *inputs[1:])) == "torch"
        with pytest.raises(ValueError, match="deterministic algorithms are enabled"):
            correlation_cost_volume(ref, *inputs[1:], backend="triton")
        # ... while inference (the forward kernel has no atomics) keeps the kernel.
        with torch.no_grad():
            fused_out = correlation_cost_volume(ref, *inputs[1:])
            assert torch.allclose(fused_out, correlation_cost_volume(ref, *inputs[1:], backend="torch"), atol=1e-5)
        torch.use_deterministic_algorithms(True, warn_only=True)
        with pytest.warns(UserWarning, match="deterministic algorithms"):
            assert _path_taken(correlation_cost_volume(ref, *inputs[1:], backend="triton")) == "fused"
    finally:
        torch.use_deterministic_algorithms(was_enabled, warn_only=was_warn_only)


@pytest.mark.parametrize("overrides", [{}, {"num_scales": 2, "upsample_factor": 2, "depth_unet_channels": 64}])
def test_encoder_training_step_gradients_match(overrides):
    """A tiny DepthSplat encoder in training mode: the same loss and parameter gradients with the
    fused cost volume (forward and backward kernels) as with the PyTorch path; one scale (planes
    shared by all pixels) and two (per-pixel refinement planes)."""
    from splatbench.evaluation.speed import synthetic_views
    from splatbench.model.encoder import encoder_preset, get_encoder
    from splatbench.model.generated_weights import fill_weights_from_names

    encoder, _ = get_encoder(encoder_preset("tiny", cost_volume_backend="triton", **overrides))
    encoder = fill_weights_from_names(encoder.train(), prefix="encoder.")
    context = synthetic_views(2, 32, 32, torch.device("cpu"))
    results = {}
    for backend in ("triton", "torch"):
        encoder.depth_predictor.cost_volume_backend = backend
        encoder.zero_grad(set_to_none=True)
        torch.manual_seed(0)
        out = encoder(context)
        loss = out["depths"].log().square().mean() + out["gaussians"].means.square().mean()
        loss.backward()
        grads = {name: p.grad.clone() for name, p in encoder.named_parameters() if p.grad is not None}
        results[backend] = (loss.item(), grads)
    (loss_fused, fused_grads), (loss_torch, torch_grads) = results["triton"], results["torch"]
    assert math.isclose(loss_fused, loss_torch, rel_tol=1e-5)
    assert fused_grads.keys() == torch_grads.keys() and len(torch_grads) > 10
    # The parameters before the cost volume (backbone, transformer) get their gradients through it.
    upstream = [name for name in torch_grads if "transformer" in name or "backbone" in name]
    assert upstream and all(torch_grads[name].abs().max() > 0 for name in upstream[:3])
    for name, expected in torch_grads.items():
        tolerance = 1e-4 * max(float(expected.abs().max()), 1e-3)
        assert (fused_grads[name] - expected).abs().max() <= tolerance, name


# Run by the compile_for_hopper fixture (tests/conftest.py).
_COMPILE_BACKWARD_FOR_HOPPER = r"""
import json, re, subprocess, sys, tempfile
from pathlib import Path

import triton
from triton.backends.compiler import GPUTarget
from triton.compiler import ASTSource

from splatbench.model.encoder.unimatch import cost_volume_triton as fused

dtype = sys.argv[1]
kernel = fused._plane_sweep_correlation_backward_kernel
pointers = {"REF": dtype, "OTHERS": dtype, "CANDIDATES": "fp32", "K_INV": "fp32", "K": "fp32", "POSE": "fp32",
            "GRAD_OUT": "fp32", "GRAD_REF": "fp32", "GRAD_OTHERS": "fp32"}
integers = ["num_others", "planes", "height", "width", "channels", "cand_sb", "cand_sd", "cand_sh", "cand_sw"]
signature = {**{name: "*" + t for name, t in pointers.items()}, **dict.fromkeys(integers, "i32"),
             **dict.fromkeys(["scale", "clamp_min", "width_span", "height_span", "inv_width_span", "inv_height_span"], "fp32"),
             **dict.fromkeys(["DEPTH_FROM_MODE", "BLOCK_P", "BLOCK_C", "NORMALIZE_BY_RECIPROCAL", "NEED_GRAD_REF",
                              "NEED_GRAD_OTHERS"], "constexpr")}
assert sorted(signature) == sorted(kernel.arg_names), kernel.arg_names
signature = {name: signature[name] for name in kernel.arg_names}
launch = fused.backward_launch_shape(128)
constants = {"DEPTH_FROM_MODE": 0, "BLOCK_P": launch.block_p, "BLOCK_C": 128, "NORMALIZE_BY_RECIPROCAL": True,
             "NEED_GRAD_REF": True, "NEED_GRAD_OTHERS": True}
# What a launch at the training shapes specialises on (32 planes, 64x64, 128 channels).
divisible = [*pointers, "planes", "height", "width", "channels"]
aligned = {(kernel.arg_names.index(name),): [["tt.divisibility", 16]] for name in divisible}
source = ASTSource(fn=kernel, signature=signature, constexprs=constants, attrs=aligned)
options = {"num_warps": launch.warps, "num_stages": 1, **fused.COMPILE_OPTIONS}
compiled = triton.compile(source, target=GPUTarget("cuda", 90, 32), options=options)
ptx = compiled.asm["ptx"]
cubin = Path(tempfile.mkdtemp()) / "kernel.cubin"
cubin.write_bytes(compiled.asm["cubin"])
cuobjdump = Path(triton.__file__).parent / "backends" / "nvidia" / "bin" / "cuobjdump"
usage = subprocess.run([str(cuobjdump), "-res-usage", str(cubin)], capture_output=True, text=True).stdout
atomics = re.findall(r"\b(?:atom|red)\.global[\w.]*", ptx)
print(json.dumps({"usage": usage, "atomics": sorted(set(atomics)), "vector_loads": "ld.global.v4" in ptx,
                  "contractible": sum(ptx.count(op) for op in ("add.f32", "sub.f32", "mul.f32"))}))
"""


@pytest.mark.parametrize("dtype", ["fp32", "bf16"])
def test_backward_compiles_for_hopper_without_spilling(dtype, compile_for_hopper):
    """The backward kernel compiled as the H200 will (sm_90, the wheel's ptxas, no GPU) at 128
    channels with the default launch: no spill (checked by the fixture), the scatter as relaxed
    16-byte vector atomics (one per 4 channels, no fences), the corners read as vectors, and the
    same no-contraction rule as the forward (the recomputed sample positions are the forward's)."""
    result = compile_for_hopper(_COMPILE_BACKWARD_FOR_HOPPER, dtype)
    assert result["atomics"] == ["atom.global.gpu.relaxed.add.v4.f32"], result["atomics"]
    assert result["contractible"] == 0 and result["vector_loads"], result
