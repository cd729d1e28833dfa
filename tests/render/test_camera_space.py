"""The conversion to camera space (render/inputs.py: "triton", "elementwise", "matrix") against an
independent float64 oracle, forward and gradients; the Triton kernel runs through Triton's
interpreter on the CPU (tests/conftest.py sets TRITON_INTERPRET=1)."""

from __future__ import annotations

import math

import pytest
import torch

from splatbench.geometry.gaussians import Gaussians
from splatbench.geometry.rotation import random_rotation_matrices
from splatbench.render import render_gaussians
from splatbench.render import camera_space_kernel
from splatbench.geometry.projection import pixel_intrinsics, world_to_camera
from splatbench.render.inputs import TRIU_COLUMNS, TRIU_ROWS, resolve_conversion, symmetric_from_triu, to_camera_space
from splatbench.utils.triton_runtime import interpreted

DOUBLE = torch.float64
needs_triton = pytest.mark.skipif(
    camera_space_kernel.triton is None or not interpreted(), reason="triton is not installed or not interpreted on this CPU"
)

# 3DGS's real SH basis of degrees 0-2 (constants from the 3DGS rasteriser's forward.cu), float64.
C0, C1 = 0.28209479177387814, 0.4886025119029199
C2 = (1.0925484305920792, -1.0925484305920792, 0.31539156525252005, -1.0925484305920792, 0.5462742152960396)


def oracle_basis(unit: torch.Tensor, d_sh: int) -> torch.Tensor:
    x, y, z = unit.unbind(-1)
    terms = [torch.full_like(x, C0), -C1 * y, C1 * z, -C1 * x,
             C2[0] * x * y, C2[1] * y * z, C2[2] * (2 * z * z - x * x - y * y), C2[3] * x * z, C2[4] * (x * x - y * y)]  # fmt: skip
    return torch.stack(terms[:d_sh], -1)


def oracle(means, covariances, harmonics, opacities, extrinsics, near, far, depth_mode, scale_invariant=True):
    """Float64, written from the definitions: w2c = inverse(c2w); camera means / near, R S R^T / near^2
    (upper triangle), colour = max(SH(unit(mean - centre)) + 0.5, 0), depth feature of camera z."""
    w2c = torch.linalg.inv(extrinsics.double())
    rotation, translation = w2c[..., :3, :3], w2c[..., :3, 3]
    camera = torch.einsum("bvij,bgj->bvgi", rotation, means) + translation[:, :, None]
    full = torch.einsum("bvik,bgkl,bvjl->bvgij", rotation, covariances, rotation)
    scale = 1 / near.double() if scale_invariant else torch.ones_like(near.double())
    triu = full[..., list(TRIU_ROWS), list(TRIU_COLUMNS)] * (scale**2)[..., None, None]
    directions = means[:, None] - extrinsics.double()[:, :, None, :3, 3]
    unit = directions / directions.norm(dim=-1, keepdim=True)
    basis = oracle_basis(unit, harmonics.shape[-1])
    rgb = (torch.einsum("bgck,bvgk->bvgc", harmonics, basis) + 0.5).clamp_min(0)
    z = camera[..., 2]
    z_safe = torch.where(z > 0, z, torch.ones_like(z))
    feature = {"depth": z_safe, "disparity": 1 / z_safe,
               "log": torch.minimum(torch.maximum(z_safe, near.double()[..., None]), far.double()[..., None]).log()}[depth_mode]  # fmt: skip
    feature = torch.where(z > 0, feature, torch.zeros_like(feature))
    features = torch.cat((rgb, feature[..., None]), -1)
    batch, views = extrinsics.shape[:2]
    return camera * scale[..., None, None], triu, features, opacities[:, None].expand(batch, views, -1)


def scene(batch=2, views=3, count=300, d_sh=9, seed=0):
    """Random Gaussians around the origin seen by cameras on a circle; some Gaussians behind some
    cameras (negative z) and some between 0 and near (culled later, but converted here)."""
    generator = torch.Generator().manual_seed(seed)
    means = torch.randn(batch, count, 3, generator=generator, dtype=DOUBLE) * 1.5
    rotation = random_rotation_matrices((batch, count), generator, DOUBLE)
    sigma = 0.05 + 0.3 * torch.rand(batch, count, 3, generator=generator, dtype=DOUBLE)
    covariances = rotation @ torch.diag_embed(sigma**2) @ rotation.transpose(-1, -2)
    harmonics = 0.6 * torch.randn(batch, count, 3, d_sh, generator=generator, dtype=DOUBLE)
    opacities = torch.rand(batch, count, generator=generator, dtype=DOUBLE)
    extrinsics = torch.eye(4, dtype=DOUBLE).repeat(batch, views, 1, 1)
    for b in range(batch):
        for v in range(views):
            angle = 2 * math.pi * (v + 0.3 * b) / views
            look = random_rotation_matrices((), generator, DOUBLE) if (b + v) % 2 else torch.eye(3, dtype=DOUBLE)
            extrinsics[b, v, :3, :3] = look
            extrinsics[b, v, :3, 3] = torch.tensor([3 * math.sin(angle), 0.2 * v, -3 * math.cos(angle)], dtype=DOUBLE)
    near = 0.5 + torch.rand(batch, views, generator=generator, dtype=DOUBLE)
    far = torch.full((batch, views), 6.0, dtype=DOUBLE)
    return (means, covariances, harmonics, opacities), (extrinsics, near, far)


def convert(name, gaussians_fields, cameras, depth_mode, scale_invariant=True):
    means, covariances, harmonics, opacities = gaussians_fields
    extrinsics, near, far = cameras
    intrinsics = torch.tensor([[1.0, 0, 0.5], [0, 1.0, 0.5], [0, 0, 1]], dtype=means.dtype).repeat(*extrinsics.shape[:2], 1, 1)
    background = means.new_zeros(extrinsics.shape[0], 3)
    scene_ = to_camera_space(Gaussians(means, covariances, harmonics, opacities), extrinsics, intrinsics, near, far,
                             (8, 8), background, scale_invariant, "symmetric", depth_mode, conversion=name)  # fmt: skip
    batch, views = extrinsics.shape[:2]
    unflat = lambda t: t.unflatten(0, (batch, views))  # noqa: E731
    covs = scene_.covariances
    if covs.shape[-1] == 3:  # "matrix": compare its upper triangle
        covs = covs[..., list(TRIU_ROWS), list(TRIU_COLUMNS)]
    return unflat(scene_.means), unflat(covs), unflat(scene_.features), unflat(scene_.opacities)


def near_of(cameras, scale_invariant):
    return cameras[1][..., None, None] if scale_invariant else 1.0


def as_float(fields):
    return tuple(t.float() for t in fields)


CONVERSION_NAMES = [pytest.param("triton", marks=needs_triton), "elementwise", "matrix"]


@pytest.mark.parametrize("name", CONVERSION_NAMES)
@pytest.mark.parametrize("depth_mode,d_sh,scale_invariant", [("depth", 9, True), ("disparity", 4, True),
                                                             ("log", 1, True), ("depth", 9, False)])  # fmt: skip
def test_conversion_matches_float64_oracle(name, depth_mode, d_sh, scale_invariant):
    fields, cameras = scene(d_sh=d_sh)
    expected = oracle(*fields, *cameras, depth_mode, scale_invariant)
    got = convert(name, as_float(fields), as_float(cameras), depth_mode, scale_invariant)
    assert (expected[0][..., 2] < 0).any() and (expected[0][..., 2] > 0).any()  # both sides of the camera
    # 1/z amplifies float32's cancellation in z = R x + t where z nears 0: disparity is compared
    # where the camera z (original units) is beyond 0.25.
    well_conditioned = (expected[0][..., 2:3] * near_of(cameras, scale_invariant)).abs() > 0.25
    for what, value, reference in zip(("means", "covariances", "features", "opacities"), got, expected):
        assert value.shape == reference.shape and value.dtype == torch.float32, (what, value.shape)
        if what == "features" and depth_mode == "disparity":
            value, reference = value * well_conditioned, reference * well_conditioned
        error = (value.double() - reference).abs().max().item()
        assert error <= 2e-6 * (1 + reference.abs().max().item()), (name, what, error)


@pytest.mark.parametrize("name", CONVERSION_NAMES)
@pytest.mark.parametrize("depth_mode,d_sh", [("depth", 9), ("log", 4), ("disparity", 9)])
def test_conversion_gradients_match_float64_oracle(name, depth_mode, d_sh):
    fields, cameras = scene(count=200, d_sh=d_sh, seed=3)
    generator = torch.Generator().manual_seed(5)
    expected_out = oracle(*fields, *cameras, depth_mode)
    upstream = [torch.randn(t.shape, generator=generator, dtype=DOUBLE) for t in expected_out]
    # As in the forward test: no gradient into 1/z or log z where float32's z is ill-conditioned.
    upstream[2][..., 3] *= (expected_out[0][..., 2] * cameras[1][..., None]).abs() > 0.25

    leaves64 = [t.clone().requires_grad_(True) for t in fields]
    sum((o * u).sum() for o, u in zip(oracle(*leaves64, *cameras, depth_mode), upstream)).backward()
    leaves32 = [t.float().requires_grad_(True) for t in fields]
    sum((o * u.float()).sum() for o, u in zip(convert(name, leaves32, as_float(cameras), depth_mode), upstream)).backward()

    for what, got, reference in zip(("means", "covariances", "harmonics", "opacities"), leaves32, leaves64):
        reference_grad = reference.grad
        if what == "covariances":
            # Only the upper triangle of R S R^T is used, so the gradient of a symmetric S's
            # off-diagonal pair is split differently by the two formulations; compare the
            # symmetric parts, the only ones a symmetric covariance can feel.
            sym = lambda g: 0.5 * (g + g.transpose(-1, -2))  # noqa: E731
            value, reference_grad = sym(got.grad.double()), sym(reference_grad)
        else:
            value = got.grad.double()
        error = (value - reference_grad).norm() / reference_grad.norm()
        assert error < 1e-5, (name, what, float(error))


@needs_triton
def test_triton_gradients_of_the_covariance_entries_equal_the_eager_conversion():
    """Per entry (not only the symmetric part): the kernel differentiates every entry of S as
    R S R^T's upper triangle does, as the elementwise conversion."""
    fields, cameras = scene(batch=1, views=2, count=64, d_sh=4, seed=8)
    grads = {}
    for name in ("triton", "elementwise"):
        leaves = [t.float().requires_grad_(True) for t in fields]
        out = convert(name, leaves, as_float(cameras), "depth")
        weights = torch.linspace(-1, 1, out[1].numel()).reshape(out[1].shape)
        (out[1] * weights).sum().backward()
        grads[name] = leaves[1].grad
    assert torch.allclose(grads["triton"], grads["elementwise"], rtol=1e-5, atol=1e-6)


@needs_triton
def test_triton_zero_gaussians_and_a_tail_block():
    fields, cameras = scene(batch=1, views=2, count=130, d_sh=9, seed=2)  # one full block and 2 more
    got = convert("triton", as_float(fields), as_float(cameras), "depth")
    expected = oracle(*fields, *cameras, "depth")
    assert torch.allclose(got[2].double(), expected[2], atol=2e-6)
    empty = tuple(t[:, :0] for t in fields)
    out = convert("triton", as_float(empty), as_float(cameras), "depth")
    assert [tuple(t.shape) for t in out] == [(1, 2, 0, 3), (1, 2, 0, 6), (1, 2, 0, 4), (1, 2, 0)]


def test_auto_takes_elementwise_on_cpu_and_kernel_problems_are_named():
    fields, (extrinsics, near, far) = scene(batch=1, views=1, count=4, d_sh=16)
    intrinsics = torch.eye(3, dtype=DOUBLE).repeat(1, 1, 1, 1)
    cameras = as_float((extrinsics, intrinsics, near, far))
    assert resolve_conversion("auto", Gaussians(*as_float(fields)), cameras) == "elementwise"
    if interpreted():
        assert "SH degree" in camera_space_kernel.problem(Gaussians(*as_float(fields)), cameras)
        gaussians = Gaussians(*as_float(scene(batch=1, views=1, count=4, d_sh=9)[0]))
        assert camera_space_kernel.problem(gaussians, cameras) is None
        assert "not float32" in camera_space_kernel.problem(gaussians, (extrinsics, *cameras[1:]))
        cameras[0].requires_grad_(True)
        assert "camera gradients" in camera_space_kernel.problem(gaussians, cameras)
    with pytest.raises(ValueError, match="conversion must be"):
        resolve_conversion("fast", Gaussians(*as_float(fields)), cameras)


def test_symmetric_from_triu():
    matrix = torch.tensor([[1.0, 2, 3], [2, 4, 5], [3, 5, 6]])
    triu = matrix[list(TRIU_ROWS), list(TRIU_COLUMNS)]
    assert triu.tolist() == [1, 2, 3, 4, 5, 6]
    assert torch.equal(symmetric_from_triu(triu[None]), matrix[None])


@pytest.mark.parametrize("name", [pytest.param("triton", marks=needs_triton), "elementwise"])
def test_render_with_six_values_is_as_close_to_float64_as_the_matrix_path(name):
    """The torch backend fed by each conversion, against the same render in float64: no further
    from it than the former 3x3 conversion in float32 (the paths differ by float32 rounding only,
    e.g. the symmetric focal length's last bit, which moves sharp splat edges by ~1e-5 px)."""
    fields, cameras = scene(batch=1, views=2, count=120, d_sh=9, seed=4)
    extrinsics, near, far = cameras
    intrinsics = torch.tensor([[0.9, 0, 0.5], [0, 0.9, 0.5], [0, 0, 1]], dtype=DOUBLE).repeat(1, 2, 1, 1)

    def render(conversion, dtype):
        cast = lambda t: t.to(dtype)  # noqa: E731
        return render_gaussians(Gaussians(*map(cast, fields)), *map(cast, (extrinsics, intrinsics, near, far)), (24, 32),
                                backend="torch", conversion=conversion)  # fmt: skip

    exact = render("matrix", DOUBLE)
    for field in ("color", "depth", "alpha"):
        error = {c: (getattr(render(c, torch.float32), field).double() - getattr(exact, field)).abs().max() for c in (name, "matrix")}
        assert error[name] <= 2 * error["matrix"] + 1e-6 and error[name] < 1e-4, (field, error)


# Run by the compile_for_hopper fixture (tests/conftest.py).
_COMPILE_FOR_HOPPER = r"""
import json, subprocess, sys, tempfile
from pathlib import Path

import triton
from triton.backends.compiler import GPUTarget
from triton.compiler import ASTSource

from splatbench.render import camera_space_kernel as module

kernel = getattr(module, sys.argv[1])
if sys.argv[1] == "_view_kernel":
    constexprs = {"SCALE_INVARIANT": True, "SYMMETRIC": sys.argv[2] == "1", "BLOCK_I": module.VIEW_BLOCK}
else:
    constexprs = {"D_SH": 9, "DEPTH_MODE": int(sys.argv[2]), "BLOCK_G": module.BLOCK}
kinds = {"count": "i32", "views": "i32", "images": "i32", "width": "fp32", "height": "fp32", "PROBLEMS": "*i32"}
signature = {name: "constexpr" if name in constexprs else kinds.get(name, "*fp32") for name in kernel.arg_names}
source = ASTSource(fn=kernel, signature=signature, constexprs=constexprs)
compiled = triton.compile(source, target=GPUTarget("cuda", 90, 32), options={"num_warps": module.WARPS})
cubin = Path(tempfile.mkdtemp()) / "kernel.cubin"
cubin.write_bytes(compiled.asm["cubin"])
cuobjdump = Path(triton.__file__).parent / "backends" / "nvidia" / "bin" / "cuobjdump"
usage = subprocess.run([str(cuobjdump), "-res-usage", str(cubin)], capture_output=True, text=True).stdout if cuobjdump.exists() else ""
print(json.dumps({"usage": usage, "ptx_lines": compiled.asm["ptx"].count("\n")}))
"""


@needs_triton
@pytest.mark.parametrize("kernel,depth_mode", [("_forward_kernel", "2"), ("_backward_kernel", "2"), ("_backward_kernel", "1"),
                                               ("_view_kernel", "1"), ("_view_kernel", "0")])  # fmt: skip
def test_compiles_for_hopper_without_spilling(kernel, depth_mode, compile_for_hopper):
    """Compiled as the H200 will (sm_90, the wheel's ptxas, no GPU): a construct only the GPU
    compiler refuses, or registers spilled to local memory (checked by the fixture), fail here."""
    result = compile_for_hopper(_COMPILE_FOR_HOPPER, kernel, depth_mode)
    assert result["ptx_lines"] > 0


def test_a_kernel_that_does_not_build_falls_back_when_chosen_automatically(monkeypatch):
    from triton.compiler.errors import CompilationError

    from splatbench.render import inputs

    fields, cameras = scene(batch=1, views=2, count=16, d_sh=4, seed=9)
    monkeypatch.setattr(inputs, "resolve_conversion", lambda conversion, gaussians, cameras: "triton")

    def does_not_build(*args):
        raise CompilationError("camera_space_kernel.py", None, "no such instruction")

    monkeypatch.setattr(camera_space_kernel, "convert", does_not_build)
    monkeypatch.setattr(camera_space_kernel, "_build_failure", [])
    got = convert("auto", as_float(fields), as_float(cameras), "depth")
    expected = oracle(*fields, *cameras, "depth")
    assert torch.allclose(got[1].double(), expected[1], atol=1e-5)
    intrinsics = torch.eye(3).repeat(1, 2, 1, 1)
    extrinsics, near, far = as_float(cameras)
    assert "did not build" in camera_space_kernel.problem(Gaussians(*as_float(fields)), (extrinsics, intrinsics, near, far))
    with pytest.raises(CompilationError):  # asked for by name: no silent fallback
        convert("triton", as_float(fields), as_float(cameras), "depth")


def view_cameras(batch=2, views=3, seed=0):
    """Cameras with skewed, off-centre, non-square intrinsics (normalised) and rigid extrinsics."""
    generator = torch.Generator().manual_seed(seed)
    extrinsics = torch.eye(4, dtype=DOUBLE).repeat(batch, views, 1, 1)
    extrinsics[..., :3, :3] = random_rotation_matrices((batch, views), generator, DOUBLE)
    extrinsics[..., :3, 3] = torch.randn(batch, views, 3, generator=generator, dtype=DOUBLE)
    intrinsics = torch.eye(3, dtype=DOUBLE).repeat(batch, views, 1, 1)
    intrinsics[..., 0, 0] = 0.6 + torch.rand(batch, views, generator=generator, dtype=DOUBLE)
    intrinsics[..., 1, 1] = 0.6 + torch.rand(batch, views, generator=generator, dtype=DOUBLE)
    intrinsics[..., 0, 1] = 0.05 * torch.randn(batch, views, generator=generator, dtype=DOUBLE)
    intrinsics[..., :2, 2] = 0.4 + 0.2 * torch.rand(batch, views, 2, generator=generator, dtype=DOUBLE)
    near = 0.3 + torch.rand(batch, views, generator=generator, dtype=DOUBLE)
    far = near + 50
    background = torch.rand(batch, 3, generator=generator, dtype=DOUBLE)
    return extrinsics, intrinsics, near, far, background


@needs_triton
@pytest.mark.parametrize("principal_point", ["symmetric", "exact"])
@pytest.mark.parametrize("scale_invariant", [True, False])
def test_view_constants_match_the_float64_camera_functions(principal_point, scale_invariant):
    """The per-image kernel against geometry/projection.py's world_to_camera and pixel_intrinsics
    (LU inverse, atan2, tan) in float64."""
    extrinsics, intrinsics, near, far, background = view_cameras()
    image_shape = (48, 80)
    table, pixel, full_background, problems = camera_space_kernel.view_constants(
        *as_float((extrinsics, intrinsics, near, far, background)), image_shape, scale_invariant, principal_point
    )
    w2c = world_to_camera(extrinsics).reshape(6, 4, 4)
    assert torch.allclose(table[:, :9].double(), w2c[:, :3, :3].reshape(6, 9), atol=1e-6)
    assert torch.allclose(table[:, 9:12].double(), w2c[:, :3, 3], atol=2e-6)
    assert torch.allclose(table[:, 12:15].double(), extrinsics[..., :3, 3].reshape(6, 3), atol=1e-6)
    scale = 1 / near if scale_invariant else torch.ones_like(near)
    assert torch.allclose(table[:, 15].double(), scale.reshape(6), rtol=1e-6)
    assert torch.equal(table[:, 16:18], torch.stack((near, far), -1).reshape(6, 2).float())
    expected = pixel_intrinsics(intrinsics, image_shape, principal_point).reshape(6, 3, 3)
    assert torch.allclose(pixel.double(), expected, rtol=2e-6, atol=1e-6), (pixel.double() - expected).abs().max()
    assert torch.equal(full_background[:, :3], background.float().repeat_interleave(3, 0))
    assert (full_background[:, 3] == 0).all() and int(problems) == 0


@needs_triton
def test_kernels_flag_the_values_validate_values_refuses():
    extrinsics, intrinsics, near, far, background = as_float(view_cameras(batch=1, views=2))

    def problems_of(extrinsics=extrinsics, intrinsics=intrinsics, near=near, far=far, scale_invariant=True):
        return int(camera_space_kernel.view_constants(extrinsics, intrinsics, near, far, background, (8, 8),
                                                      scale_invariant, "symmetric")[3])  # fmt: skip

    assert problems_of() == 0
    bad = extrinsics.clone()
    bad[0, 1, 2, 3] = float("nan")
    assert problems_of(extrinsics=bad) == camera_space_kernel.NON_FINITE
    bad = far.clone()
    bad[0, 0] = float("inf")
    assert problems_of(far=bad) == camera_space_kernel.NON_FINITE
    bad = intrinsics.clone()
    bad[0, 1, 1, 1] = 0.0
    assert problems_of(intrinsics=bad) == camera_space_kernel.FOCAL
    bad = near.clone()
    bad[0, 1] = -1.0
    assert problems_of(near=bad) == camera_space_kernel.NEAR_BIT
    assert problems_of(near=bad, scale_invariant=False) == 0

    fields, _ = scene(batch=1, views=2, count=140, d_sh=9, seed=6)
    table, _, _, _ = camera_space_kernel.view_constants(extrinsics, intrinsics, near, far, background, (8, 8), True, "exact")
    for index, position in ((0, (0, 139, 1)), (1, (0, 5, 2, 0)), (2, (0, 7, 1, 8)), (3, (0, 130))):
        broken = [t.float().clone() for t in fields]
        broken[index][position] = float("inf") if index % 2 else float("nan")
        problems = torch.zeros(1, dtype=torch.int32)
        camera_space_kernel.convert(*broken, table, problems, 2, "depth")
        assert int(problems) == camera_space_kernel.NON_FINITE, index
    problems = torch.zeros(1, dtype=torch.int32)
    camera_space_kernel.convert(*as_float(fields), table, problems, 2, "depth")
    assert int(problems) == 0


@needs_triton
def test_render_gaussians_on_the_triton_path_still_names_a_bad_field_on_the_cpu():
    from splatbench.render import RenderInputError

    fields, (extrinsics, near, far) = scene(batch=1, views=2, count=8, d_sh=9, seed=2)
    means = fields[0].float().clone()
    means[0, 3, 1] = float("nan")
    gaussians = Gaussians(means, *as_float(fields[1:]))
    intrinsics = torch.tensor([[0.9, 0, 0.5], [0, 0.9, 0.5], [0, 0, 1]]).repeat(1, 2, 1, 1)
    with pytest.raises(RenderInputError, match="gaussians.means has non-finite values"):
        render_gaussians(gaussians, *as_float((extrinsics,)), intrinsics, *as_float((near, far)), (8, 8), backend="torch", conversion="triton")
