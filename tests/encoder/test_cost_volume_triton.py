"""The fused Triton cost volume (splatbench/model/encoder/unimatch/cost_volume_triton.py) against a
float64 loop written from the definition (tests/encoder/cost_volume_oracle.py: lift, project,
bilinear sample with zero padding, dot, mean over views), and against the PyTorch path of
``correlation_cost_volume``. Its backward: test_cost_volume_backward.py. On a CPU the
kernel runs through Triton's interpreter (TRITON_INTERPRET=1, set below before the kernel module is
imported). The H200 check at full size is scripts/gpu/costvol.sh."""

from __future__ import annotations

import math
import os

import numpy as np
import pytest
import torch

if not torch.cuda.is_available():
    # triton.jit reads this when the kernel is defined, so before the kernel module is imported.
    os.environ.setdefault("TRITON_INTERPRET", "1")

from splatbench.model.encoder.unimatch import cost_volume_triton as fused  # noqa: E402
from splatbench.model.encoder.unimatch.cost_volume import correlation_cost_volume  # noqa: E402
from tests.encoder.cost_volume_oracle import oracle, scene  # noqa: E402

pytestmark = pytest.mark.skipif(not fused.available(), reason="triton is not installed (pyproject extra 'kernels')")


def _fused(ref, other, intrinsics, ref_c2w, other_c2w, candidates, to_depth=torch.reciprocal):
    return correlation_cost_volume(
        ref, other, intrinsics, ref_c2w, other_c2w, candidates, candidates_to_depth=to_depth, backend="triton"
    )


@pytest.mark.parametrize(
    "case",
    [
        dict(seed=0),  # 2 batches, 3 other views, C=8, 5 planes, 6x7, planes shared by all pixels
        dict(seed=1, per_pixel=True),  # refinement scales: candidates per pixel
        dict(seed=2, per_pixel=True, log_depth=True),  # ReSplat: log depth through exp
        dict(seed=3, batch=1, others=3, c=5, planes=10, h=9, w=13),  # ragged channels, plane groups, pixel blocks
    ],
)
def test_matches_float64_loop(case):
    log_depth = case.get("log_depth", False)
    inputs = scene(**case)
    to_depth = torch.exp if log_depth else torch.reciprocal
    expected, seen = oracle(*inputs, to_depth=math.exp if log_depth else (lambda x: 1.0 / x))
    # The scene exercises every kind of sample: inside, across the border, off the image, behind.
    assert all(count > 0 for count in seen.values()), seen
    out = _fused(*inputs, to_depth=to_depth)
    assert out.shape == expected.shape and out.dtype == torch.float32
    assert (out.double() - expected).abs().max() < 2e-5


def test_matches_pytorch_path():
    inputs = scene(4, per_pixel=True, c=16, planes=6, h=8, w=5)
    expected = correlation_cost_volume(*inputs, backend="torch")
    assert (_fused(*inputs) - expected).abs().max() < 1e-5
    # A depth map the kernel does not know (here: depth = 1 / candidate written as a lambda) is
    # applied beforehand, the kernel then reading depths.
    custom = lambda x: 1.0 / x  # noqa: E731
    assert (_fused(*inputs, to_depth=custom) - expected).abs().max() < 1e-5
    # bf16 features (the bf16-all plan) are read as bf16 and widened in registers: the same values
    # as the PyTorch path's .float().
    half = (inputs[0].bfloat16(), inputs[1].bfloat16(), *inputs[2:])
    assert (_fused(*half) - correlation_cost_volume(*half, backend="torch")).abs().max() < 1e-5


@pytest.mark.parametrize("per_pixel", [False, True])
def test_sample_coordinates_are_the_pytorch_paths(per_pixel):
    """The kernel samples where the PyTorch path's grid_sample does, to the last bit: its pixel
    coordinates equal the PyTorch path's normalised grid (``_sample_grid``) taken back to pixels as
    grid_sample does with align_corners=True, ``(g + 1) / 2 * (W - 1)``, in numpy float32 (on a
    CPU the normalisation divides by W - 1; on CUDA both PyTorch and the kernel multiply by its
    float32 reciprocal)."""
    from splatbench.model.encoder.sync_free import invert
    from splatbench.model.encoder.unimatch.cost_volume import _sample_grid, pixel_grid

    ref, other, intrinsics, ref_c2w, other_c2w, candidates = scene(6, per_pixel=per_pixel, h=9, w=13)
    b, m, c, h, w = other.shape
    ref_to_other = torch.matmul(invert(other_c2w), ref_c2w.unsqueeze(1))
    _, coordinates = fused.fused_correlation(
        ref, other, intrinsics, ref_to_other, candidates, "reciprocal", return_coordinates=True
    )
    rays = invert(intrinsics).bmm(pixel_grid(h, w, ref.device).unsqueeze(0).expand(b, 3, h * w))
    span = np.array([w - 1, h - 1], np.float32)
    for view in range(m):
        grid = _sample_grid(rays, intrinsics, ref_to_other[:, view], torch.reciprocal(candidates), 1e-3)
        grid = grid.view(b, -1, h, w, 2).numpy()
        expected = ((grid + np.float32(1)) / np.float32(2)) * span
        ours = coordinates[:, view].numpy()
        near_image = np.abs(expected).max(-1) < 2 * max(h, w)  # the kernel clamps far-off samples later
        assert near_image.sum() >= 100  # of 2 x 5 x 9 x 13 samples per view
        assert np.array_equal(ours[near_image], expected[near_image])


def test_torch_order_channel_sum():
    """The optional channel sum in PyTorch's CUDA order (LaunchShape.torch_sum_order) adds the 128
    products in exactly the order its docstring states, checked bit for bit against numpy float32."""
    import triton
    import triton.language as tl

    @triton.jit
    def channel_sum(PRODUCTS, OUT, BLOCK_P: tl.constexpr):
        rows = tl.arange(0, BLOCK_P)
        products = tl.load(PRODUCTS + rows[:, None] * 128 + tl.arange(0, 128)[None, :])
        tl.store(OUT + rows, fused._torch_order_channel_sum(products, BLOCK_P))

    generator = torch.Generator().manual_seed(8)
    # Magnitudes spread over 2**-12 .. 2**12, so that the order shows in the roundings.
    products = torch.randn(16, 128, generator=generator) * 2.0 ** torch.randint(-12, 13, (16, 128), generator=generator)
    device = "cuda" if torch.cuda.is_available() else "cpu"  # the interpreter on a CPU
    out = torch.empty(16, device=device)
    channel_sum[(1,)](products.to(device), out, BLOCK_P=16, **fused.COMPILE_OPTIONS)
    out = out.cpu()
    values = products.numpy()
    expected = np.zeros(16, np.float32)
    for row in range(16):
        partial = []
        for y in range(4):
            accumulators = []
            for i in range(4):
                acc = np.float32(0)
                for k in range(8):
                    acc = np.float32(acc + values[row, y + 4 * i + 16 * k])
                accumulators.append(acc)
            t = accumulators[0]
            for acc in accumulators[1:]:
                t = np.float32(t + acc)
            partial.append(t)
        expected[row] = np.float32(np.float32(partial[0] + partial[2]) + np.float32(partial[1] + partial[3]))
    assert np.array_equal(out.numpy(), expected)
    # ... and differs from a plain left-to-right sum somewhere: the test sees the order.
    assert not np.array_equal(np.cumsum(values, axis=1, dtype=np.float32)[:, -1], expected)


def test_backend_choice():
    inputs = scene(5, batch=1, others=1, planes=2, h=4, w=4)
    with pytest.raises(ValueError, match="unknown cost volume backend 'cuda'"):
        correlation_cost_volume(*inputs, backend="cuda")
    # auto on CPU tensors: the PyTorch path, which keeps autograd.
    ref = inputs[0].clone().requires_grad_(True)
    correlation_cost_volume(ref, *inputs[1:]).sum().backward()
    assert ref.grad is not None
    # Forcing the kernel where a gradient is needed runs it with its backward
    # (test_cost_volume_backward.py checks the gradients).
    assert "FusedCorrelation" in type(correlation_cost_volume(ref, *inputs[1:], backend="triton").grad_fn).__name__
    with torch.no_grad():
        assert torch.allclose(
            correlation_cost_volume(ref, *inputs[1:], backend="triton"),
            correlation_cost_volume(ref, *inputs[1:], backend="torch"),
            atol=1e-5,
        )


@pytest.mark.parametrize("overrides", [{}, {"num_scales": 2, "upsample_factor": 2, "depth_unet_channels": 64}])
def test_encoder_outputs_match_with_the_kernel(overrides):
    """The tiny DepthSplat encoder gives the same depths and Gaussians with the kernel as with the
    PyTorch path: one scale (candidates shared by all pixels) and two (per-pixel refinement)."""
    from splatbench.evaluation.speed import synthetic_views
    from splatbench.model.encoder import encoder_preset, get_encoder
    from splatbench.model.generated_weights import fill_weights_from_names

    encoder, _ = get_encoder(encoder_preset("tiny", cost_volume_backend="triton", **overrides))
    encoder = fill_weights_from_names(encoder.eval(), prefix="encoder.")
    context = synthetic_views(2, 32, 32, torch.device("cpu"))
    with torch.no_grad():
        fused_out = encoder(context)
        encoder.depth_predictor.cost_volume_backend = "torch"
        torch_out = encoder(context)
    assert torch.allclose(fused_out["depths"], torch_out["depths"], rtol=1e-4, atol=1e-5)
    assert torch.allclose(fused_out["gaussians"].means, torch_out["gaussians"].means, rtol=1e-4, atol=1e-4)


# Run by the compile_for_hopper fixture (tests/conftest.py).
_COMPILE_FOR_HOPPER = r"""
import json, subprocess, sys, tempfile
from pathlib import Path

import triton
from triton.backends.compiler import GPUTarget
from triton.compiler import ASTSource

from splatbench.model.encoder.unimatch import cost_volume_triton as fused

depth_from, dtype, torch_sum_order = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
kernel = fused._plane_sweep_correlation_kernel
pointers = {"REF": dtype, "OTHERS": dtype, "CANDIDATES": "fp32", "K_INV": "fp32", "K": "fp32", "POSE": "fp32", "OUT": "fp32",
            "COORDS": "fp32"}
integers = ["num_others", "planes", "height", "width", "channels", "cand_sb", "cand_sd", "cand_sh", "cand_sw",
            "planes_per_program"]
signature = {**{name: "*" + t for name, t in pointers.items()}, **dict.fromkeys(integers, "i32"),
             **dict.fromkeys(["scale", "clamp_min", "width_span", "height_span", "inv_width_span", "inv_height_span"], "fp32"),
             **dict.fromkeys(["DEPTH_FROM_MODE", "BLOCK_P", "BLOCK_C", "NORMALIZE_BY_RECIPROCAL", "WRITE_COORDS",
                              "TORCH_SUM_ORDER"], "constexpr")}
assert sorted(signature) == sorted(kernel.arg_names), kernel.arg_names
signature = {name: signature[name] for name in kernel.arg_names}
launch = fused.launch_shape(128)
constants = {"DEPTH_FROM_MODE": fused.DEPTH_FROM[depth_from], "BLOCK_P": launch.block_p, "BLOCK_C": 128,
             "NORMALIZE_BY_RECIPROCAL": True, "WRITE_COORDS": False, "TORCH_SUM_ORDER": torch_sum_order}
# What a launch at 12 views of 512x960 specialises on: aligned tensors, and planes (128), height
# (128), width (240) and channels (128) multiples of 16.
divisible = [*pointers, "planes", "height", "width", "channels"]
aligned = {(kernel.arg_names.index(name),): [["tt.divisibility", 16]] for name in divisible}
source = ASTSource(fn=kernel, signature=signature, constexprs=constants, attrs=aligned)
options = {"num_warps": launch.warps, "num_stages": launch.stages}
compiled = triton.compile(source, target=GPUTarget("cuda", 90, 32), options={**options, **fused.COMPILE_OPTIONS})
ptx = compiled.asm["ptx"]
# What Triton's default (contraction on) would have fused beyond the code's own tl.fma calls.
contracted = triton.compile(source, target=GPUTarget("cuda", 90, 32), options=options).asm["ptx"]
cubin = Path(tempfile.mkdtemp()) / "kernel.cubin"
cubin.write_bytes(compiled.asm["cubin"])
cuobjdump = Path(triton.__file__).parent / "backends" / "nvidia" / "bin" / "cuobjdump"
usage = subprocess.run([str(cuobjdump), "-res-usage", str(cubin)], capture_output=True, text=True).stdout
print(json.dumps({"vector_loads": "ld.global.v4" in ptx, "usage": usage, "fma": ptx.count("fma.rn.f32"),
                  "fma_if_contracted": contracted.count("fma.rn.f32"),
                  "contractible": sum(ptx.count(op) for op in ("add.f32", "sub.f32", "mul.f32"))}))
"""


@pytest.mark.parametrize("depth_from, dtype, torch_sum_order", [("reciprocal", "fp32", 0), ("exp", "bf16", 0), ("reciprocal", "fp32", 1)])
def test_compiles_for_hopper_without_spilling(depth_from, dtype, torch_sum_order, compile_for_hopper):
    """The interpreter runs the kernel as Python; this compiles it as the H200 will (sm_90, through
    the ptxas shipped in the triton wheel, no GPU needed) at DepthSplat's 128 channels with the
    default launch, so a construct only the GPU compiler refuses, or a default launch that spills
    registers (checked by the fixture), fails here rather than in a GPU call."""
    result = compile_for_hopper(_COMPILE_FOR_HOPPER, depth_from, dtype, str(torch_sum_order))
    assert result["vector_loads"]  # each corner's channels read as 16-byte vectors
    # No multiply and add left for ptxas to fuse (every one carries its rounding mode, .rn), and
    # only the code's own FMAs: Triton's default contraction would have fused more.
    assert result["contractible"] == 0, result
    assert 0 < result["fma"] < result["fma_if_contracted"], result
