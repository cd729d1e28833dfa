"""The conversion of world-space Gaussians into every target camera's frame as one Triton kernel
forward and one backward (``render/inputs.py``'s "triton" conversion).

In PyTorch the conversion is dozens of element-wise kernels over ``B x V x G`` elements (world to
camera means and covariances, the division by near, the SH basis and its dot products, the ReLU
of the colours, the depth feature, concatenations), and as many again in the backward pass. Here a
program takes ``BLOCK`` Gaussians of one batch element, reads their world fields once and loops
over the element's views, writing per view the camera-space mean (rasteriser units), the six
upper-triangular camera-space covariance values, the four features (RGB from SH, the depth
feature) and the opacity. The backward kernel recomputes what it needs and sums the views'
gradients in registers, so the world gradients are written once, without atomics.

A second, tiny kernel computes every image's constants in one launch instead of some sixty small
PyTorch operations (world-to-camera rotation and translation, 1 / near, the pixel intrinsics of
``geometry/projection.py``'s ``pixel_intrinsics``, the four-channel background), and both kernels
check the values ``render/inputs.py``'s ``validate_inputs`` checks (finite inputs, positive focal
lengths, positive near when scale-invariant) into a bit mask the caller asserts on the device, so
the call has no host synchronisation before gsplat's tile intersection.

Arithmetic is the eager conversion's in float32 (sums of three terms left to right; the SH basis
with 3DGS's constants and signs), so results equal ``convert_elementwise``'s to float32 rounding;
the tests compare both with a float64 evaluation of the same formulas. The symmetric-frustum focal
length uses ``tan(a / 2) = |l x r| / (|l| |r| + l . r)`` for the angle between the edge rays and an
adjugate 3x3 inverse, where PyTorch takes ``atan2``, ``tan`` and an LU inverse (which also reads its
error code back to the host): the same value to float32 rounding. SH degree <= 2 (DepthSplat's
setting); :func:`problem` says why a call cannot go here.

Runs on CUDA, or anywhere through Triton's interpreter (``TRITON_INTERPRET=1``), which is how the
tests check it on the CPU.
"""

from __future__ import annotations

import logging

import torch
from torch import Tensor

from splatbench.geometry.gaussians import Gaussians
from splatbench.utils.triton_runtime import interpreted

logger = logging.getLogger(__name__)

try:
    import triton
    import triton.language as tl
except ImportError:  # callers check problem()
    triton = None

# Depth feature of render/inputs.py's DEPTH_FEATURES, by number ("relative_disparity" renders depth).
DEPTH_MODES = {"depth": 0, "disparity": 1, "log": 2, "relative_disparity": 0}
SUPPORTED_D_SH = (1, 4, 9)
# Per-image table: world-to-camera rotation (9, row-major), translation (3), camera centre (3),
# scale (1 / near or 1), near, far.
ROTATION, TRANSLATION, CENTRE, SCALE, NEAR, FAR = 0, 9, 12, 15, 16, 17
FRAME_TABLE = 20
BLOCK = 128
WARPS = 4
_build_failure: list[str] = []


def mark_broken(error: BaseException) -> None:
    """The kernel did not build on this machine: say so once; :func:`problem` refuses from now on."""
    if not _build_failure:
        logger.warning("the camera-space Triton kernel does not build here (%s); using the PyTorch conversion", error)
    _build_failure.append(str(error))


# Bits of the problem mask (asserted on the device by render/inputs.py).
NON_FINITE, FOCAL, NEAR_BIT = 1, 2, 4
PROBLEMS_MESSAGE = (
    "render_gaussians: invalid inputs: non-finite values in extrinsics, intrinsics, near, far or the Gaussians' "
    "means, covariances (or scales and rotations), harmonics, opacities; or a focal length fx, fy <= 0; or "
    "near <= 0 with scale_invariant=True"
)


def problem(gaussians: Gaussians, cameras: tuple[Tensor, ...]) -> str | None:
    """Why the kernels cannot take this conversion (``cameras``: extrinsics, intrinsics, near,
    far); None when they can (CUDA or interpreted)."""
    if triton is None:
        return "triton is not installed"
    if _build_failure:
        return f"the kernel did not build here ({_build_failure[0]})"
    if gaussians.means.device.type != "cuda" and not interpreted():
        return "not a CUDA tensor (and Triton is not interpreted)"
    if gaussians.harmonics.shape[-1] not in SUPPORTED_D_SH:
        return f"SH degree above 2 ({gaussians.harmonics.shape[-1]} coefficients)"
    if cameras[0].shape[0] * cameras[0].shape[1] == 0:
        return "no images"
    tensors = [*cameras, gaussians.means, gaussians.harmonics, gaussians.opacities]
    tensors += [t for t in (gaussians.covariances, gaussians.scales, gaussians.rotations) if t is not None]
    if any(t.dtype != torch.float32 for t in tensors):
        return "not float32"
    if any(t.requires_grad for t in cameras):
        return "camera gradients are not computed by the kernel"
    return None


if triton is not None:

    @triton.jit
    def _dot3(a0, a1, a2, b0, b1, b2):
        return (a0 * b0 + a1 * b1) + a2 * b2

    @triton.jit
    def _coefficient(sh, k: tl.constexpr, D_SH: tl.constexpr, inside):
        if k < D_SH:
            value = tl.load(sh + k, mask=inside, other=0.0)
        else:
            value = tl.zeros(inside.shape, tl.float32)
        return value

    @triton.jit
    def _channel(sh, D_SH: tl.constexpr, inside):
        """The nine coefficients of degrees 0-2 of one colour channel (zeros above ``D_SH``)."""
        return (_coefficient(sh, 0, D_SH, inside), _coefficient(sh, 1, D_SH, inside), _coefficient(sh, 2, D_SH, inside),
                _coefficient(sh, 3, D_SH, inside), _coefficient(sh, 4, D_SH, inside), _coefficient(sh, 5, D_SH, inside),
                _coefficient(sh, 6, D_SH, inside), _coefficient(sh, 7, D_SH, inside), _coefficient(sh, 8, D_SH, inside))  # fmt: skip

    @triton.jit
    def _basis(x, y, z):
        """3DGS's real SH basis of degrees 0-2 at unit (x, y, z) (signs as render/spherical_harmonics.py)."""
        c1 = 0.4886025119029199
        xx, yy, zz = x * x, y * y, z * z
        y0 = tl.full(x.shape, 0.28209479177387814, tl.float32)
        y1, y2, y3 = -c1 * y, c1 * z, -c1 * x
        y4 = 1.0925484305920792 * (x * y)
        y5 = -1.0925484305920792 * (y * z)
        y6 = 0.31539156525252005 * ((2.0 * zz - xx) - yy)
        y7 = -1.0925484305920792 * (x * z)
        y8 = 0.5462742152960396 * (xx - yy)
        return y0, y1, y2, y3, y4, y5, y6, y7, y8

    @triton.jit
    def _sh_dot(h0, h1, h2, h3, h4, h5, h6, h7, h8, y0, y1, y2, y3, y4, y5, y6, y7, y8):
        return (((((((h0 * y0 + h1 * y1) + h2 * y2) + h3 * y3) + h4 * y4) + h5 * y5) + h6 * y6) + h7 * y7) + h8 * y8

    @triton.jit
    def _unit_direction(x0, x1, x2, table):
        d0 = x0 - tl.load(table + 12)
        d1 = x1 - tl.load(table + 13)
        d2 = x2 - tl.load(table + 14)
        norm = tl.sqrt_rn(_dot3(d0, d1, d2, d0, d1, d2))
        safe = tl.maximum(norm, 1.1754943508222875e-38)
        return tl.math.div_rn(d0, safe), tl.math.div_rn(d1, safe), tl.math.div_rn(d2, safe), norm, safe

    @triton.jit
    def _depth_feature(z, near, far, DEPTH_MODE: tl.constexpr):
        visible = z > 0.0
        z_safe = tl.where(visible, z, 1.0)
        if DEPTH_MODE == 1:
            value = tl.math.div_rn(tl.full(z.shape, 1.0, tl.float32), z_safe)
        elif DEPTH_MODE == 2:
            value = tl.log(tl.minimum(tl.maximum(z_safe, near), far))
        else:
            value = z_safe
        return tl.where(visible, value, 0.0)

    @triton.jit
    def _bad(x):
        """Non-finite (NaN or infinite)."""
        return (x != x) | (tl.abs(x) > 3.4028234663852886e38)

    @triton.jit
    def _ray_tan_half(i00, i01, i02, i10, i11, i12, i20, i21, i22, ax, ay, bx, by):
        """tan of half the angle between the rays K^-1 (ax, ay, 1) and K^-1 (bx, by, 1)."""
        l0, l1, l2 = _dot3(i00, i01, i02, ax, ay, 1.0), _dot3(i10, i11, i12, ax, ay, 1.0), _dot3(i20, i21, i22, ax, ay, 1.0)
        r0, r1, r2 = _dot3(i00, i01, i02, bx, by, 1.0), _dot3(i10, i11, i12, bx, by, 1.0), _dot3(i20, i21, i22, bx, by, 1.0)
        c0, c1, c2 = l1 * r2 - l2 * r1, l2 * r0 - l0 * r2, l0 * r1 - l1 * r0
        cross = tl.sqrt_rn(_dot3(c0, c1, c2, c0, c1, c2))
        lengths = tl.sqrt_rn(_dot3(l0, l1, l2, l0, l1, l2)) * tl.sqrt_rn(_dot3(r0, r1, r2, r0, r1, r2))
        return tl.math.div_rn(cross, lengths + _dot3(l0, l1, l2, r0, r1, r2))

    @triton.jit
    def _view_kernel(
        EXTRINSICS, INTRINSICS, NEAR, FAR, BACKGROUND,
        TABLE, PIXEL_INTRINSICS, FULL_BACKGROUND, PROBLEMS,
        images, views, width, height,
        SCALE_INVARIANT: tl.constexpr, SYMMETRIC: tl.constexpr, BLOCK_I: tl.constexpr,
    ):  # fmt: skip
        i = tl.program_id(0) * BLOCK_I + tl.arange(0, BLOCK_I)
        inside = i < images
        e = EXTRINSICS + i * 16
        e00, e01, e02, e03 = tl.load(e, mask=inside, other=1.0), tl.load(e + 1, mask=inside, other=0.0), tl.load(e + 2, mask=inside, other=0.0), tl.load(e + 3, mask=inside, other=0.0)
        e10, e11, e12, e13 = tl.load(e + 4, mask=inside, other=0.0), tl.load(e + 5, mask=inside, other=1.0), tl.load(e + 6, mask=inside, other=0.0), tl.load(e + 7, mask=inside, other=0.0)
        e20, e21, e22, e23 = tl.load(e + 8, mask=inside, other=0.0), tl.load(e + 9, mask=inside, other=0.0), tl.load(e + 10, mask=inside, other=1.0), tl.load(e + 11, mask=inside, other=0.0)
        e30, e31, e32, e33 = tl.load(e + 12, mask=inside, other=0.0), tl.load(e + 13, mask=inside, other=0.0), tl.load(e + 14, mask=inside, other=0.0), tl.load(e + 15, mask=inside, other=1.0)
        k = INTRINSICS + i * 9
        k00, k01, k02 = tl.load(k, mask=inside, other=1.0), tl.load(k + 1, mask=inside, other=0.0), tl.load(k + 2, mask=inside, other=0.0)
        k10, k11, k12 = tl.load(k + 3, mask=inside, other=0.0), tl.load(k + 4, mask=inside, other=1.0), tl.load(k + 5, mask=inside, other=0.0)
        k20, k21, k22 = tl.load(k + 6, mask=inside, other=0.0), tl.load(k + 7, mask=inside, other=0.0), tl.load(k + 8, mask=inside, other=1.0)
        near = tl.load(NEAR + i, mask=inside, other=1.0)
        far = tl.load(FAR + i, mask=inside, other=1.0)

        bad = _bad(e00) | _bad(e01) | _bad(e02) | _bad(e03) | _bad(e10) | _bad(e11) | _bad(e12) | _bad(e13)
        bad = bad | _bad(e20) | _bad(e21) | _bad(e22) | _bad(e23) | _bad(e30) | _bad(e31) | _bad(e32) | _bad(e33)
        bad = bad | _bad(k00) | _bad(k01) | _bad(k02) | _bad(k10) | _bad(k11) | _bad(k12) | _bad(k20) | _bad(k21) | _bad(k22)
        bad = bad | _bad(near) | _bad(far)
        problems = tl.where(bad, 1, 0) | tl.where((k00 > 0.0) & (k11 > 0.0), 0, 2)
        if SCALE_INVARIANT:
            problems = problems | tl.where(near > 0.0, 0, 4)
        tl.atomic_or(PROBLEMS + i * 0, problems, mask=inside)

        # world to camera: R^T and -(R^T t); scale 1 / near (or 1)
        table = TABLE + i * 20
        tl.store(table, e00, mask=inside)
        tl.store(table + 1, e10, mask=inside)
        tl.store(table + 2, e20, mask=inside)
        tl.store(table + 3, e01, mask=inside)
        tl.store(table + 4, e11, mask=inside)
        tl.store(table + 5, e21, mask=inside)
        tl.store(table + 6, e02, mask=inside)
        tl.store(table + 7, e12, mask=inside)
        tl.store(table + 8, e22, mask=inside)
        tl.store(table + 9, -_dot3(e00, e10, e20, e03, e13, e23), mask=inside)
        tl.store(table + 10, -_dot3(e01, e11, e21, e03, e13, e23), mask=inside)
        tl.store(table + 11, -_dot3(e02, e12, e22, e03, e13, e23), mask=inside)
        tl.store(table + 12, e03, mask=inside)
        tl.store(table + 13, e13, mask=inside)
        tl.store(table + 14, e23, mask=inside)
        if SCALE_INVARIANT:
            scale = tl.math.div_rn(tl.full(near.shape, 1.0, tl.float32), near)
        else:
            scale = tl.full(near.shape, 1.0, tl.float32)
        tl.store(table + 15, scale, mask=inside)
        tl.store(table + 16, near, mask=inside)
        tl.store(table + 17, far, mask=inside)
        tl.store(table + 18, tl.zeros(near.shape, tl.float32), mask=inside)
        tl.store(table + 19, tl.zeros(near.shape, tl.float32), mask=inside)

        # pixel intrinsics (geometry/projection.py: pixel_intrinsics)
        w = width + tl.zeros(near.shape, tl.float32)
        h = height + tl.zeros(near.shape, tl.float32)
        pixel = PIXEL_INTRINSICS + i * 9
        zero = tl.zeros(near.shape, tl.float32)
        if SYMMETRIC:
            # K^-1 = adj(K) / det(K); the field of view between the rays through the middles of
            # opposite image edges
            a00, a01, a02 = k11 * k22 - k12 * k21, k02 * k21 - k01 * k22, k01 * k12 - k02 * k11
            a10, a11, a12 = k12 * k20 - k10 * k22, k00 * k22 - k02 * k20, k02 * k10 - k00 * k12
            a20, a21, a22 = k10 * k21 - k11 * k20, k01 * k20 - k00 * k21, k00 * k11 - k01 * k10
            det = _dot3(k00, k01, k02, a00, a10, a20)
            i00, i01, i02 = tl.math.div_rn(a00, det), tl.math.div_rn(a01, det), tl.math.div_rn(a02, det)
            i10, i11, i12 = tl.math.div_rn(a10, det), tl.math.div_rn(a11, det), tl.math.div_rn(a12, det)
            i20, i21, i22 = tl.math.div_rn(a20, det), tl.math.div_rn(a21, det), tl.math.div_rn(a22, det)
            tan_x = _ray_tan_half(i00, i01, i02, i10, i11, i12, i20, i21, i22, 0.0, 0.5, 1.0, 0.5)
            tan_y = _ray_tan_half(i00, i01, i02, i10, i11, i12, i20, i21, i22, 0.5, 0.0, 0.5, 1.0)
            tl.store(pixel, tl.math.div_rn(w, 2.0 * tan_x), mask=inside)
            tl.store(pixel + 1, zero, mask=inside)
            tl.store(pixel + 2, w * 0.5, mask=inside)
            tl.store(pixel + 3, zero, mask=inside)
            tl.store(pixel + 4, tl.math.div_rn(h, 2.0 * tan_y), mask=inside)
            tl.store(pixel + 5, h * 0.5, mask=inside)
            tl.store(pixel + 6, zero, mask=inside)
            tl.store(pixel + 7, zero, mask=inside)
            tl.store(pixel + 8, zero + 1.0, mask=inside)
        else:
            tl.store(pixel, k00 * w, mask=inside)
            tl.store(pixel + 1, k01 * w, mask=inside)
            tl.store(pixel + 2, k02 * w, mask=inside)
            tl.store(pixel + 3, k10 * h, mask=inside)
            tl.store(pixel + 4, k11 * h, mask=inside)
            tl.store(pixel + 5, k12 * h, mask=inside)
            tl.store(pixel + 6, k20, mask=inside)
            tl.store(pixel + 7, k21, mask=inside)
            tl.store(pixel + 8, k22, mask=inside)

        # the features' background: the batch element's colour, 0 for the depth channel
        background = BACKGROUND + (i // views) * 3
        full = FULL_BACKGROUND + i * 4
        tl.store(full, tl.load(background, mask=inside, other=0.0), mask=inside)
        tl.store(full + 1, tl.load(background + 1, mask=inside, other=0.0), mask=inside)
        tl.store(full + 2, tl.load(background + 2, mask=inside, other=0.0), mask=inside)
        tl.store(full + 3, zero, mask=inside)

    @triton.jit
    def _forward_kernel(
        MEANS, COVARIANCES, HARMONICS, OPACITIES, TABLE,
        OUT_MEANS, OUT_COVARIANCES, OUT_FEATURES, OUT_OPACITIES, PROBLEMS,
        count, views,
        D_SH: tl.constexpr, DEPTH_MODE: tl.constexpr, BLOCK_G: tl.constexpr,
    ):  # fmt: skip
        batch = tl.program_id(1)
        g = tl.program_id(0) * BLOCK_G + tl.arange(0, BLOCK_G)
        inside = g < count
        source = batch.to(tl.int64) * count + g
        x0 = tl.load(MEANS + source * 3, mask=inside, other=0.0)
        x1 = tl.load(MEANS + source * 3 + 1, mask=inside, other=0.0)
        x2 = tl.load(MEANS + source * 3 + 2, mask=inside, other=0.0)
        cov = COVARIANCES + source * 9
        s00, s01, s02 = tl.load(cov, mask=inside, other=0.0), tl.load(cov + 1, mask=inside, other=0.0), tl.load(cov + 2, mask=inside, other=0.0)
        s10, s11, s12 = tl.load(cov + 3, mask=inside, other=0.0), tl.load(cov + 4, mask=inside, other=0.0), tl.load(cov + 5, mask=inside, other=0.0)
        s20, s21, s22 = tl.load(cov + 6, mask=inside, other=0.0), tl.load(cov + 7, mask=inside, other=0.0), tl.load(cov + 8, mask=inside, other=0.0)
        opacity = tl.load(OPACITIES + source, mask=inside, other=0.0)
        sh = HARMONICS + source * (3 * D_SH)
        r0, r1, r2, r3, r4, r5, r6, r7, r8 = _channel(sh, D_SH, inside)
        g0, g1, g2, g3, g4, g5, g6, g7, g8 = _channel(sh + D_SH, D_SH, inside)
        b0, b1, b2, b3, b4, b5, b6, b7, b8 = _channel(sh + 2 * D_SH, D_SH, inside)

        bad = _bad(x0) | _bad(x1) | _bad(x2) | _bad(opacity)
        bad = bad | _bad(s00) | _bad(s01) | _bad(s02) | _bad(s10) | _bad(s11) | _bad(s12) | _bad(s20) | _bad(s21) | _bad(s22)
        bad = bad | _bad(r0) | _bad(r1) | _bad(r2) | _bad(r3) | _bad(r4) | _bad(r5) | _bad(r6) | _bad(r7) | _bad(r8)
        bad = bad | _bad(g0) | _bad(g1) | _bad(g2) | _bad(g3) | _bad(g4) | _bad(g5) | _bad(g6) | _bad(g7) | _bad(g8)
        bad = bad | _bad(b0) | _bad(b1) | _bad(b2) | _bad(b3) | _bad(b4) | _bad(b5) | _bad(b6) | _bad(b7) | _bad(b8)
        if tl.max(bad.to(tl.int32), axis=0) > 0:
            tl.atomic_or(PROBLEMS, 1)

        for view in range(views):
            image = batch * views + view
            table = TABLE + image * 20
            q00, q01, q02 = tl.load(table), tl.load(table + 1), tl.load(table + 2)
            q10, q11, q12 = tl.load(table + 3), tl.load(table + 4), tl.load(table + 5)
            q20, q21, q22 = tl.load(table + 6), tl.load(table + 7), tl.load(table + 8)
            scale = tl.load(table + 15)
            out = image.to(tl.int64) * count + g

            m0 = _dot3(q00, q01, q02, x0, x1, x2) + tl.load(table + 9)
            m1 = _dot3(q10, q11, q12, x0, x1, x2) + tl.load(table + 10)
            m2 = _dot3(q20, q21, q22, x0, x1, x2) + tl.load(table + 11)
            tl.store(OUT_MEANS + out * 3, m0 * scale, mask=inside)
            tl.store(OUT_MEANS + out * 3 + 1, m1 * scale, mask=inside)
            tl.store(OUT_MEANS + out * 3 + 2, m2 * scale, mask=inside)

            # (R S) R^T, upper triangle, times scale^2
            p00, p01, p02 = _dot3(q00, q01, q02, s00, s10, s20), _dot3(q00, q01, q02, s01, s11, s21), _dot3(q00, q01, q02, s02, s12, s22)
            p10, p11, p12 = _dot3(q10, q11, q12, s00, s10, s20), _dot3(q10, q11, q12, s01, s11, s21), _dot3(q10, q11, q12, s02, s12, s22)
            p20, p21, p22 = _dot3(q20, q21, q22, s00, s10, s20), _dot3(q20, q21, q22, s01, s11, s21), _dot3(q20, q21, q22, s02, s12, s22)
            squared = scale * scale
            cov_out = OUT_COVARIANCES + out * 6
            tl.store(cov_out, _dot3(p00, p01, p02, q00, q01, q02) * squared, mask=inside)
            tl.store(cov_out + 1, _dot3(p00, p01, p02, q10, q11, q12) * squared, mask=inside)
            tl.store(cov_out + 2, _dot3(p00, p01, p02, q20, q21, q22) * squared, mask=inside)
            tl.store(cov_out + 3, _dot3(p10, p11, p12, q10, q11, q12) * squared, mask=inside)
            tl.store(cov_out + 4, _dot3(p10, p11, p12, q20, q21, q22) * squared, mask=inside)
            tl.store(cov_out + 5, _dot3(p20, p21, p22, q20, q21, q22) * squared, mask=inside)

            u0, u1, u2, norm, safe = _unit_direction(x0, x1, x2, table)
            y0, y1, y2, y3, y4, y5, y6, y7, y8 = _basis(u0, u1, u2)
            features = OUT_FEATURES + out * 4
            tl.store(features, tl.maximum(_sh_dot(r0, r1, r2, r3, r4, r5, r6, r7, r8, y0, y1, y2, y3, y4, y5, y6, y7, y8) + 0.5, 0.0), mask=inside)
            tl.store(features + 1, tl.maximum(_sh_dot(g0, g1, g2, g3, g4, g5, g6, g7, g8, y0, y1, y2, y3, y4, y5, y6, y7, y8) + 0.5, 0.0), mask=inside)
            tl.store(features + 2, tl.maximum(_sh_dot(b0, b1, b2, b3, b4, b5, b6, b7, b8, y0, y1, y2, y3, y4, y5, y6, y7, y8) + 0.5, 0.0), mask=inside)
            tl.store(features + 3, _depth_feature(m2, tl.load(table + 16), tl.load(table + 17), DEPTH_MODE), mask=inside)
            tl.store(OUT_OPACITIES + out, opacity, mask=inside)

    @triton.jit
    def _colour_gradient(h0, h1, h2, h3, h4, h5, h6, h7, h8, y0, y1, y2, y3, y4, y5, y6, y7, y8, grad):
        """The gradient reaching this channel's SH sum through max(sum + 0.5, 0) (PyTorch's clamp_min
        passes it where the input is >= the bound)."""
        value = _sh_dot(h0, h1, h2, h3, h4, h5, h6, h7, h8, y0, y1, y2, y3, y4, y5, y6, y7, y8) + 0.5
        return tl.where(value >= 0.0, grad, 0.0)

    @triton.jit
    def _store_coefficient(d_sh, k: tl.constexpr, D_SH: tl.constexpr, value, inside):
        if k < D_SH:
            tl.store(d_sh + k, value, mask=inside)

    @triton.jit
    def _backward_kernel(
        MEANS, HARMONICS, TABLE,
        GRAD_MEANS, GRAD_COVARIANCES, GRAD_FEATURES, GRAD_OPACITIES,
        D_MEANS, D_COVARIANCES, D_HARMONICS, D_OPACITIES,
        count, views,
        D_SH: tl.constexpr, DEPTH_MODE: tl.constexpr, BLOCK_G: tl.constexpr,
    ):  # fmt: skip
        batch = tl.program_id(1)
        g = tl.program_id(0) * BLOCK_G + tl.arange(0, BLOCK_G)
        inside = g < count
        source = batch.to(tl.int64) * count + g
        x0 = tl.load(MEANS + source * 3, mask=inside, other=0.0)
        x1 = tl.load(MEANS + source * 3 + 1, mask=inside, other=0.0)
        x2 = tl.load(MEANS + source * 3 + 2, mask=inside, other=0.0)
        sh = HARMONICS + source * (3 * D_SH)
        r0, r1, r2, r3, r4, r5, r6, r7, r8 = _channel(sh, D_SH, inside)
        g0, g1, g2, g3, g4, g5, g6, g7, g8 = _channel(sh + D_SH, D_SH, inside)
        b0, b1, b2, b3, b4, b5, b6, b7, b8 = _channel(sh + 2 * D_SH, D_SH, inside)

        zero = tl.zeros([BLOCK_G], tl.float32)
        dx0, dx1, dx2 = zero, zero, zero
        ds00, ds01, ds02, ds10, ds11, ds12, ds20, ds21, ds22 = zero, zero, zero, zero, zero, zero, zero, zero, zero
        dr0, dr1, dr2, dr3, dr4, dr5, dr6, dr7, dr8 = zero, zero, zero, zero, zero, zero, zero, zero, zero
        dg0, dg1, dg2, dg3, dg4, dg5, dg6, dg7, dg8 = zero, zero, zero, zero, zero, zero, zero, zero, zero
        db0, db1, db2, db3, db4, db5, db6, db7, db8 = zero, zero, zero, zero, zero, zero, zero, zero, zero
        d_opacity = zero
        for view in range(views):
            image = batch * views + view
            table = TABLE + image * 20
            q00, q01, q02 = tl.load(table), tl.load(table + 1), tl.load(table + 2)
            q10, q11, q12 = tl.load(table + 3), tl.load(table + 4), tl.load(table + 5)
            q20, q21, q22 = tl.load(table + 6), tl.load(table + 7), tl.load(table + 8)
            scale = tl.load(table + 15)
            out = image.to(tl.int64) * count + g
            features = GRAD_FEATURES + out * 4

            # means (rasteriser units) and the depth feature, through m = R x + t
            z = _dot3(q20, q21, q22, x0, x1, x2) + tl.load(table + 11)
            grad_depth = tl.load(features + 3, mask=inside, other=0.0)
            visible = z > 0.0
            z_safe = tl.where(visible, z, 1.0)
            if DEPTH_MODE == 1:
                reciprocal = tl.math.div_rn(tl.full(z.shape, 1.0, tl.float32), z_safe)
                grad_z = -grad_depth * (reciprocal * reciprocal)
            elif DEPTH_MODE == 2:
                near, far = tl.load(table + 16), tl.load(table + 17)
                clamped = tl.minimum(tl.maximum(z_safe, near), far)
                grad_z = tl.where((z_safe > near) & (z_safe < far), tl.math.div_rn(grad_depth, clamped), 0.0)
            else:
                grad_z = grad_depth
            grad_z = tl.where(visible, grad_z, 0.0)
            gm0 = tl.load(GRAD_MEANS + out * 3, mask=inside, other=0.0) * scale
            gm1 = tl.load(GRAD_MEANS + out * 3 + 1, mask=inside, other=0.0) * scale
            gm2 = tl.load(GRAD_MEANS + out * 3 + 2, mask=inside, other=0.0) * scale + grad_z
            dx0 += _dot3(q00, q10, q20, gm0, gm1, gm2)
            dx1 += _dot3(q01, q11, q21, gm0, gm1, gm2)
            dx2 += _dot3(q02, q12, q22, gm0, gm1, gm2)

            # covariances: d/dS of (R S R^T)[a, b] * scale^2 over the upper triangle is R^T U R
            squared = scale * scale
            cov = GRAD_COVARIANCES + out * 6
            u00 = tl.load(cov, mask=inside, other=0.0) * squared
            u01 = tl.load(cov + 1, mask=inside, other=0.0) * squared
            u02 = tl.load(cov + 2, mask=inside, other=0.0) * squared
            u11 = tl.load(cov + 3, mask=inside, other=0.0) * squared
            u12 = tl.load(cov + 4, mask=inside, other=0.0) * squared
            u22 = tl.load(cov + 5, mask=inside, other=0.0) * squared
            # H = U R (U upper triangular), then R^T H
            h00, h01, h02 = _dot3(u00, u01, u02, q00, q10, q20), _dot3(u00, u01, u02, q01, q11, q21), _dot3(u00, u01, u02, q02, q12, q22)
            h10, h11, h12 = u11 * q10 + u12 * q20, u11 * q11 + u12 * q21, u11 * q12 + u12 * q22
            h20, h21, h22 = u22 * q20, u22 * q21, u22 * q22
            ds00 += _dot3(q00, q10, q20, h00, h10, h20)
            ds01 += _dot3(q00, q10, q20, h01, h11, h21)
            ds02 += _dot3(q00, q10, q20, h02, h12, h22)
            ds10 += _dot3(q01, q11, q21, h00, h10, h20)
            ds11 += _dot3(q01, q11, q21, h01, h11, h21)
            ds12 += _dot3(q01, q11, q21, h02, h12, h22)
            ds20 += _dot3(q02, q12, q22, h00, h10, h20)
            ds21 += _dot3(q02, q12, q22, h01, h11, h21)
            ds22 += _dot3(q02, q12, q22, h02, h12, h22)

            # colours: SH coefficients, and the view direction back to the mean
            u0, u1, u2, norm, safe = _unit_direction(x0, x1, x2, table)
            y0, y1, y2, y3, y4, y5, y6, y7, y8 = _basis(u0, u1, u2)
            c_r = _colour_gradient(r0, r1, r2, r3, r4, r5, r6, r7, r8, y0, y1, y2, y3, y4, y5, y6, y7, y8, tl.load(features, mask=inside, other=0.0))
            c_g = _colour_gradient(g0, g1, g2, g3, g4, g5, g6, g7, g8, y0, y1, y2, y3, y4, y5, y6, y7, y8, tl.load(features + 1, mask=inside, other=0.0))
            c_b = _colour_gradient(b0, b1, b2, b3, b4, b5, b6, b7, b8, y0, y1, y2, y3, y4, y5, y6, y7, y8, tl.load(features + 2, mask=inside, other=0.0))
            dr0 += c_r * y0
            dr1 += c_r * y1
            dr2 += c_r * y2
            dr3 += c_r * y3
            dr4 += c_r * y4
            dr5 += c_r * y5
            dr6 += c_r * y6
            dr7 += c_r * y7
            dr8 += c_r * y8
            dg0 += c_g * y0
            dg1 += c_g * y1
            dg2 += c_g * y2
            dg3 += c_g * y3
            dg4 += c_g * y4
            dg5 += c_g * y5
            dg6 += c_g * y6
            dg7 += c_g * y7
            dg8 += c_g * y8
            db0 += c_b * y0
            db1 += c_b * y1
            db2 += c_b * y2
            db3 += c_b * y3
            db4 += c_b * y4
            db5 += c_b * y5
            db6 += c_b * y6
            db7 += c_b * y7
            db8 += c_b * y8
            # gradient of each basis function (degree >= 1), then through u = d / max(|d|, tiny)
            e1, e2, e3 = _dot3(c_r, c_g, c_b, r1, g1, b1), _dot3(c_r, c_g, c_b, r2, g2, b2), _dot3(c_r, c_g, c_b, r3, g3, b3)
            e4, e5, e6 = _dot3(c_r, c_g, c_b, r4, g4, b4), _dot3(c_r, c_g, c_b, r5, g5, b5), _dot3(c_r, c_g, c_b, r6, g6, b6)
            e7, e8 = _dot3(c_r, c_g, c_b, r7, g7, b7), _dot3(c_r, c_g, c_b, r8, g8, b8)
            c1 = 0.4886025119029199
            c20, c21, c22, c23, c24 = 1.0925484305920792, -1.0925484305920792, 0.31539156525252005, -1.0925484305920792, 0.5462742152960396
            du0 = -c1 * e3 + c20 * u1 * e4 - 2.0 * c22 * u0 * e6 + c23 * u2 * e7 + 2.0 * c24 * u0 * e8
            du1 = -c1 * e1 + c20 * u0 * e4 + c21 * u2 * e5 - 2.0 * c22 * u1 * e6 - 2.0 * c24 * u1 * e8
            du2 = c1 * e2 + c21 * u1 * e5 + 4.0 * c22 * u2 * e6 + c23 * u0 * e7
            along = tl.where(norm >= 1.1754943508222875e-38, _dot3(u0, u1, u2, du0, du1, du2), 0.0)
            dx0 += tl.math.div_rn(du0 - u0 * along, safe)
            dx1 += tl.math.div_rn(du1 - u1 * along, safe)
            dx2 += tl.math.div_rn(du2 - u2 * along, safe)

            d_opacity += tl.load(GRAD_OPACITIES + out, mask=inside, other=0.0)

        tl.store(D_MEANS + source * 3, dx0, mask=inside)
        tl.store(D_MEANS + source * 3 + 1, dx1, mask=inside)
        tl.store(D_MEANS + source * 3 + 2, dx2, mask=inside)
        d_cov = D_COVARIANCES + source * 9
        tl.store(d_cov, ds00, mask=inside)
        tl.store(d_cov + 1, ds01, mask=inside)
        tl.store(d_cov + 2, ds02, mask=inside)
        tl.store(d_cov + 3, ds10, mask=inside)
        tl.store(d_cov + 4, ds11, mask=inside)
        tl.store(d_cov + 5, ds12, mask=inside)
        tl.store(d_cov + 6, ds20, mask=inside)
        tl.store(d_cov + 7, ds21, mask=inside)
        tl.store(d_cov + 8, ds22, mask=inside)
        tl.store(D_OPACITIES + source, d_opacity, mask=inside)
        d_sh = D_HARMONICS + source * (3 * D_SH)
        _store_coefficient(d_sh, 0, D_SH, dr0, inside)
        _store_coefficient(d_sh, 1, D_SH, dr1, inside)
        _store_coefficient(d_sh, 2, D_SH, dr2, inside)
        _store_coefficient(d_sh, 3, D_SH, dr3, inside)
        _store_coefficient(d_sh, 4, D_SH, dr4, inside)
        _store_coefficient(d_sh, 5, D_SH, dr5, inside)
        _store_coefficient(d_sh, 6, D_SH, dr6, inside)
        _store_coefficient(d_sh, 7, D_SH, dr7, inside)
        _store_coefficient(d_sh, 8, D_SH, dr8, inside)
        d_sh = d_sh + D_SH
        _store_coefficient(d_sh, 0, D_SH, dg0, inside)
        _store_coefficient(d_sh, 1, D_SH, dg1, inside)
        _store_coefficient(d_sh, 2, D_SH, dg2, inside)
        _store_coefficient(d_sh, 3, D_SH, dg3, inside)
        _store_coefficient(d_sh, 4, D_SH, dg4, inside)
        _store_coefficient(d_sh, 5, D_SH, dg5, inside)
        _store_coefficient(d_sh, 6, D_SH, dg6, inside)
        _store_coefficient(d_sh, 7, D_SH, dg7, inside)
        _store_coefficient(d_sh, 8, D_SH, dg8, inside)
        d_sh = d_sh + D_SH
        _store_coefficient(d_sh, 0, D_SH, db0, inside)
        _store_coefficient(d_sh, 1, D_SH, db1, inside)
        _store_coefficient(d_sh, 2, D_SH, db2, inside)
        _store_coefficient(d_sh, 3, D_SH, db3, inside)
        _store_coefficient(d_sh, 4, D_SH, db4, inside)
        _store_coefficient(d_sh, 5, D_SH, db5, inside)
        _store_coefficient(d_sh, 6, D_SH, db6, inside)
        _store_coefficient(d_sh, 7, D_SH, db7, inside)
        _store_coefficient(d_sh, 8, D_SH, db8, inside)


class _CameraSpace(torch.autograd.Function):
    @staticmethod
    def forward(ctx, means, covariances, harmonics, opacities, table, problems, views: int, depth_mode: int):
        batch, count = means.shape[:2]
        d_sh = harmonics.shape[-1]
        images = batch * views
        new = lambda *shape: means.new_empty(shape)  # noqa: E731
        outputs = (new(images, count, 3), new(images, count, 6), new(images, count, 4), new(images, count))
        if count > 0:
            grid = (triton.cdiv(count, BLOCK), batch)
            _forward_kernel[grid](
                means, covariances, harmonics, opacities, table, *outputs, problems, count, views,
                D_SH=d_sh, DEPTH_MODE=depth_mode, BLOCK_G=BLOCK, num_warps=WARPS,
            )  # fmt: skip
        ctx.save_for_backward(means, harmonics, table)
        ctx.views, ctx.depth_mode = views, depth_mode
        return outputs

    @staticmethod
    def backward(ctx, grad_means, grad_covariances, grad_features, grad_opacities):
        means, harmonics, table = ctx.saved_tensors
        batch, count = means.shape[:2]
        d_sh = harmonics.shape[-1]
        grads = tuple(grad.contiguous() for grad in (grad_means, grad_covariances, grad_features, grad_opacities))
        results = (torch.empty_like(means), means.new_empty(batch, count, 9), torch.empty_like(harmonics),
                   means.new_empty(batch, count))  # fmt: skip
        if count > 0:
            grid = (triton.cdiv(count, BLOCK), batch)
            _backward_kernel[grid](
                means, harmonics, table, *grads, *results, count, ctx.views,
                D_SH=d_sh, DEPTH_MODE=ctx.depth_mode, BLOCK_G=BLOCK, num_warps=WARPS,
            )  # fmt: skip
        return (*results, None, None, None, None)


VIEW_BLOCK = 64


def view_constants(
    extrinsics: Tensor, intrinsics: Tensor, near: Tensor, far: Tensor, background: Tensor,
    image_shape: tuple[int, int], scale_invariant: bool, principal_point: str,
) -> tuple[Tensor, Tensor, Tensor, Tensor]:
    """Per-image table ``[I, FRAME_TABLE]``, pixel intrinsics ``[I, 3, 3]``, feature background
    ``[I, 4]`` and the problem mask (int32 ``[1]``, bits ``NON_FINITE | FOCAL | NEAR_BIT``) of
    cameras ``[B, V, ...]`` and a background ``[B, 3]``, in one launch."""
    if principal_point not in ("symmetric", "exact"):
        raise ValueError(f"principal_point must be 'symmetric' or 'exact', got {principal_point!r}")
    batch, views = extrinsics.shape[:2]
    images = batch * views
    height, width = image_shape
    table = extrinsics.new_empty(images, FRAME_TABLE)
    pixel = extrinsics.new_empty(images, 3, 3)
    full_background = extrinsics.new_empty(images, 4)
    problems = torch.zeros(1, dtype=torch.int32, device=extrinsics.device)
    _view_kernel[(triton.cdiv(images, VIEW_BLOCK),)](
        extrinsics.contiguous(), intrinsics.contiguous(), near.contiguous(), far.contiguous(), background.contiguous(),
        table, pixel, full_background, problems, images, views, float(width), float(height),
        SCALE_INVARIANT=scale_invariant, SYMMETRIC=principal_point == "symmetric", BLOCK_I=VIEW_BLOCK, num_warps=1,
    )  # fmt: skip
    return table, pixel, full_background, problems


def convert(
    means: Tensor, covariances: Tensor, harmonics: Tensor, opacities: Tensor, table: Tensor, problems: Tensor,
    views: int, depth_mode: str,
) -> tuple[Tensor, Tensor, Tensor, Tensor]:
    """World means [B, G, 3], covariances [B, G, 3, 3], harmonics [B, G, 3, d_sh], opacities [B, G]
    into camera-space means [B * V, G, 3] (rasteriser units), six covariance values [B * V, G, 6],
    features [B * V, G, 4] and opacities [B * V, G]; differentiable in the four inputs. ``table``
    and ``problems`` from :func:`view_constants`."""
    batch, count = means.shape[:2]
    return _CameraSpace.apply(
        means.contiguous(), covariances.reshape(batch, count, 9).contiguous(), harmonics.contiguous(),
        opacities.contiguous(), table, problems, views, DEPTH_MODES[depth_mode],
    )  # fmt: skip
