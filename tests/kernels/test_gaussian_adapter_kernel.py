"""The Gaussian adapter kernel (splatbench/model/kernels/gaussian_adapter.py) against the eager
adapter run in float64 (the oracle: the unchanged formulas of splatbench/model/encoder/gaussian_adapter.py
at double precision), through Triton's interpreter on the CPU (tests/conftest.py sets
TRITON_INTERPRET=1); plus a compile for sm_90 (the H200) with the wheel's own ptxas."""

from __future__ import annotations

import dataclasses

import pytest
import torch

from splatbench.evaluation.speed import synthetic_views
from splatbench.model.encoder import encoder_preset, get_encoder
from splatbench.model.encoder.gaussian_adapter import GaussianAdapter
from splatbench.model.generated_weights import fill_weights_from_names
from splatbench.model.kernels import gaussian_adapter as adapter_kernel
from splatbench.utils.triton_runtime import interpreted

pytestmark = pytest.mark.skipif(
    adapter_kernel.triton is None or not interpreted(), reason="triton is not installed or not interpreted on this CPU"
)
FIELDS = ("means", "covariances", "harmonics", "opacities", "scales", "rotations")


def adapter_inputs(batch: int, views: int, height: int, width: int, d_raw: int, nhwc: bool, seed: int = 0):
    generator = torch.Generator().manual_seed(seed)
    cameras = synthetic_views(views, height, width, torch.device("cpu"), seed=seed)
    if nhwc:  # as the fused heads leave it: a channel slice of a wider NHWC buffer
        buffer = torch.randn(batch * views, height, width, d_raw + 3, generator=generator) * 2
        raw = buffer[..., :d_raw].permute(0, 3, 1, 2)
    else:
        raw = torch.randn(batch * views, d_raw, height, width, generator=generator) * 2
    raw = raw.reshape(batch, views, d_raw, height, width)
    raw[:, :, 3, 0, :3] = torch.tensor([30.0, -40.0, 4.0])  # softplus past its threshold, clamp below
    depths = torch.rand(batch, views, height, width, generator=generator) * 10 + 0.5
    repeat = lambda t: t.repeat(batch, *([1] * (t.dim() - 1)))  # noqa: E731
    return raw, depths, repeat(cameras["extrinsics"]), repeat(cameras["intrinsics"]), repeat(cameras["image"])


def assert_close(got, expected, what: str, tolerance: float = 1e-6) -> None:
    for field in FIELDS:
        value, reference = getattr(got, field), getattr(expected, field)
        assert value.shape == reference.shape and value.dtype == torch.float32, (what, field)
        error = (value.double() - reference).abs().max().item()
        assert error <= tolerance * (1 + reference.abs().max().item()), (what, field, error)


@pytest.mark.parametrize("nhwc", [True, False])
@pytest.mark.parametrize("with_images", [True, False])
@pytest.mark.parametrize("sh_degree", [2, 1, 0])
def test_kernel_matches_float64_adapter(nhwc, with_images, sh_degree):
    cfg = dataclasses.replace(encoder_preset("small").gaussian_adapter, sh_degree=sh_degree)
    adapter = GaussianAdapter(cfg)
    raw, depths, extrinsics, intrinsics, images = adapter_inputs(2, 3, 9, 17, adapter.d_raw, nhwc)
    images = images if with_images else None
    with torch.no_grad():
        expected = adapter.double()(*(t.double() if t is not None else None for t in (raw, depths, extrinsics, intrinsics, images)))
        adapter = adapter.float()
        adapter.use_kernel = True
        got = adapter(raw, depths, extrinsics, intrinsics, images)
        adapter.use_kernel = False
        eager = adapter(raw, depths, extrinsics, intrinsics, images)
    assert_close(got, expected, "kernel")
    assert_close(eager, expected, "eager")  # the tolerance is float32's, not the kernel's


def test_kernel_not_taken_with_autograd_or_other_conventions():
    adapter = GaussianAdapter(encoder_preset("small").gaussian_adapter)
    adapter.use_kernel = True
    raw = torch.zeros(1, 1, adapter.d_raw, 2, 2)
    with torch.enable_grad():
        assert not adapter._kernel_applies(raw.requires_grad_())
    with torch.no_grad():
        assert adapter._kernel_applies(raw)
        assert not GaussianAdapter(encoder_preset("small").gaussian_adapter, convention="mvsplat")._kernel_applies(raw)
    assert GaussianAdapter.use_kernel is None  # CUDA only by default


def test_encoder_with_kernel_gives_the_eager_gaussians():
    """The whole CUDA default (fused NHWC heads feeding the kernel) against the CPU default."""
    encoder = get_encoder(encoder_preset("tiny"))[0].eval()
    fill_weights_from_names(encoder, prefix="encoder.")
    context = synthetic_views(2, 32, 32, torch.device("cpu"))
    with torch.no_grad():
        eager = encoder(context)["gaussians"]
        encoder.gaussian_adapter.use_kernel = True
        encoder.fused_heads = encoder.nhwc_feature_upsampler = True
        fast = encoder(context)["gaussians"]
    for field in FIELDS:
        reference = getattr(eager, field)
        assert (getattr(fast, field) - reference).abs().max().item() <= 2e-5 * reference.abs().max().item(), field


# Run by the compile_for_hopper fixture (tests/conftest.py).
_COMPILE_FOR_HOPPER = r"""
import json, subprocess, sys, tempfile
from pathlib import Path

import triton
from triton.backends.compiler import GPUTarget
from triton.compiler import ASTSource

from splatbench.model.kernels import gaussian_adapter as module

kernel = module._adapt_kernel
has_image = sys.argv[1] == "1"
pointers = ["RAW", "DEPTH", "IMAGE", "TABLE", "SH_MASK", "MEANS", "COVARIANCES", "HARMONICS", "OPACITIES", "SCALES", "ROTATIONS"]
signature = {**dict.fromkeys(pointers, "*fp32"),
             **dict.fromkeys(["raw_sv", "raw_sc", "raw_sh", "raw_sw", "height", "width"], "i32"),
             **dict.fromkeys(["pixel_w", "pixel_h", "scale_min", "scale_max"], "fp32"),
             **dict.fromkeys(["HAS_IMAGE", "D_SH", "BLOCK_P"], "constexpr")}
assert sorted(signature) == sorted(kernel.arg_names), kernel.arg_names
signature = {name: signature[name] for name in kernel.arg_names}
source = ASTSource(fn=kernel, signature=signature, constexprs={"HAS_IMAGE": has_image, "D_SH": 9, "BLOCK_P": module.BLOCK})
compiled = triton.compile(source, target=GPUTarget("cuda", 90, 32), options={"num_warps": module.WARPS})
cubin = Path(tempfile.mkdtemp()) / "kernel.cubin"
cubin.write_bytes(compiled.asm["cubin"])
cuobjdump = Path(triton.__file__).parent / "backends" / "nvidia" / "bin" / "cuobjdump"
usage = subprocess.run([str(cuobjdump), "-res-usage", str(cubin)], capture_output=True, text=True).stdout if cuobjdump.exists() else ""
print(json.dumps({"usage": usage, "ptx_lines": compiled.asm["ptx"].count("\n")}))
"""


@pytest.mark.parametrize("has_image", ["1", "0"])
def test_compiles_for_hopper_without_spilling(has_image, compile_for_hopper):
    """The interpreter runs the kernel as Python; this compiles it as the H200 will (sm_90, the
    wheel's ptxas, no GPU), so a construct only the GPU compiler refuses, or a launch that spills
    registers (checked by the fixture), fails here rather than in a GPU call."""
    result = compile_for_hopper(_COMPILE_FOR_HOPPER, has_image)
    assert result["ptx_lines"] > 0


def test_only_a_kernel_that_does_not_build_falls_back_and_only_for_that_adapter(monkeypatch):
    from triton.compiler.errors import CompilationError

    adapter = GaussianAdapter(encoder_preset("small").gaussian_adapter)
    raw, depths, extrinsics, intrinsics, images = adapter_inputs(1, 1, 4, 4, adapter.d_raw, True)
    monkeypatch.setattr(adapter, "_kernel_applies", lambda raw: True)  # as on CUDA in inference

    def does_not_build(*args):
        raise CompilationError("kernel.py", None, "no such instruction")

    monkeypatch.setattr(adapter, "_adapt_with_kernel", does_not_build)
    with torch.no_grad():
        eager = adapter(raw, depths, extrinsics, intrinsics, images)
    assert adapter.use_kernel is False and GaussianAdapter.use_kernel is None
    assert eager.means.shape[1] == 16

    other = GaussianAdapter(encoder_preset("small").gaussian_adapter)
    monkeypatch.setattr(other, "_kernel_applies", lambda raw: True)

    def out_of_memory(*args):
        raise torch.OutOfMemoryError("CUDA out of memory")

    monkeypatch.setattr(other, "_adapt_with_kernel", out_of_memory)
    with torch.no_grad(), pytest.raises(torch.OutOfMemoryError):
        other(raw, depths, extrinsics, intrinsics, images)  # a run-time failure is not hidden
    assert other.use_kernel is None
