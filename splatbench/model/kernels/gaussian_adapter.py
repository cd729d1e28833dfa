"""DepthSplat's Gaussian adapter (``splatbench/model/encoder/gaussian_adapter.py``) as one Triton
kernel: one pass over the raw head output, one write of every Gaussian field.

At 12 views of 512x960 the adapter turns 5.9 M pixels into Gaussians with about 150 element-wise
PyTorch kernels (quaternion to matrix, three 3x3 products, the SH masks, concatenations and
rotations, the ray unprojection), each a full pass over per-Gaussian tensors: ~20 ms on an H200 in
the fourth session's profile. Here each program takes ``BLOCK`` pixels of one view, reads their 37
raw channels (any strides: the fused heads' NHWC buffer or NCHW), the depth and the colour, and
writes means, covariances, SH, opacities, scales and world rotations; the per-view constants (K^-1,
the camera-to-world rotation and origin, its quaternion, the Wigner-D blocks of SH degrees 1 and 2)
are computed by the caller in PyTorch, with the same functions as the eager adapter, into a small
table (``[views, VIEW_TABLE]`` float32).

Arithmetic: the eager formulas in float32 (sums of three or four terms, one rounding each; divisions
IEEE-rounded; ``softplus`` as PyTorch's with threshold 20 and ``log1p`` computed accurately), so the
results equal the eager adapter's to float32 rounding (the tests compare both with the eager adapter
in float64). Only DepthSplat's convention (opacity channel, softplus scales, z-depth rays) and SH
degree <= 2; :func:`supported` says whether a call can go here.

Inference only (no autograd). Runs on CUDA, or anywhere through Triton's interpreter
(``TRITON_INTERPRET=1``), which is how the tests check it.
"""

from __future__ import annotations

import logging

import torch
from torch import Tensor

from splatbench.utils.triton_runtime import interpreted, opaque_to_compile

logger = logging.getLogger(__name__)

try:
    import triton
    import triton.language as tl
except ImportError:  # callers check supported()
    triton = None



# Per-view table: K^-1 (9), c2w rotation (9), origin (3), c2w quaternion xyzw (4), D1 (9), D2 (25).
K_INV, ROTATION, ORIGIN, QUATERNION, WIGNER_1, WIGNER_2 = 0, 9, 18, 21, 25, 34
VIEW_TABLE = 64
BLOCK = 128
WARPS = 4
SH_C0 = 0.28209479177387814


def supported(raw: Tensor, sh_degree: int) -> bool:
    """Whether the kernel can take this call: Triton present, CUDA (or interpreted), no autograd,
    float32, SH degree at most 2."""
    return (
        triton is not None
        and (raw.device.type == "cuda" or interpreted())
        and not torch.is_grad_enabled()
        and raw.dtype == torch.float32
        and sh_degree <= 2
    )


if triton is not None:

    @triton.jit
    def _dot3(a0, a1, a2, b0, b1, b2):
        return (a0 * b0 + a1 * b1) + a2 * b2

    @triton.jit
    def _div(a, b):
        """IEEE-rounded a / b (Triton's ``/`` is approximate to 2 ulp), b broadcast to a."""
        return tl.math.div_rn(a, b + tl.zeros_like(a))

    @triton.jit
    def _sigmoid(x):
        return _div(tl.full(x.shape, 1.0, tl.float32), 1.0 + tl.exp(-x))

    @triton.jit
    def _channel(raw, c, raw_sc, inside):
        return tl.load(raw + c * raw_sc, mask=inside, other=0.0)

    @triton.jit
    def _softplus_shifted(x, scale_min, scale_max):
        # PyTorch's softplus(x - 4) (beta 1, threshold 20), clamped: log1p(e) = log(u) * e / (u - 1)
        # with u = 1 + e is accurate where log(1 + e) would lose e's low bits.
        x = x - 4.0
        e = tl.exp(x)
        u = 1.0 + e
        log1p = tl.where(u == 1.0, e, tl.log(u) * _div(e, tl.where(u == 1.0, 1.0, u - 1.0)))
        value = tl.where(x > 20.0, x, log1p)
        return tl.minimum(tl.maximum(value, scale_min), scale_max)

    @triton.jit
    def _adapt_kernel(
        RAW, DEPTH, IMAGE, TABLE, SH_MASK,
        MEANS, COVARIANCES, HARMONICS, OPACITIES, SCALES, ROTATIONS,
        raw_sv, raw_sc, raw_sh, raw_sw,
        height, width, pixel_w, pixel_h, scale_min, scale_max,
        HAS_IMAGE: tl.constexpr, D_SH: tl.constexpr, BLOCK_P: tl.constexpr,
    ):  # fmt: skip
        view = tl.program_id(1)
        pixels = height * width
        p = tl.program_id(0) * BLOCK_P + tl.arange(0, BLOCK_P)
        inside = p < pixels
        row = p // width
        col = p - row * width
        raw = RAW + view.to(tl.int64) * raw_sv + row.to(tl.int64) * raw_sh + col.to(tl.int64) * raw_sw
        out = view.to(tl.int64) * pixels + p  # Gaussian index in (view, row, column) order
        table = TABLE + view * 64

        # opacity, offset
        tl.store(OPACITIES + out, _sigmoid(_channel(raw, 0, raw_sc, inside)), mask=inside)
        x = _div(col.to(tl.float32) + 0.5, width.to(tl.float32)) + (_sigmoid(_channel(raw, 1, raw_sc, inside)) - 0.5) * pixel_w
        y = _div(row.to(tl.float32) + 0.5, height.to(tl.float32)) + (_sigmoid(_channel(raw, 2, raw_sc, inside)) - 0.5) * pixel_h

        # scales
        s0 = _softplus_shifted(_channel(raw, 3, raw_sc, inside), scale_min, scale_max)
        s1 = _softplus_shifted(_channel(raw, 4, raw_sc, inside), scale_min, scale_max)
        s2 = _softplus_shifted(_channel(raw, 5, raw_sc, inside), scale_min, scale_max)
        tl.store(SCALES + out * 3, s0, mask=inside)
        tl.store(SCALES + out * 3 + 1, s1, mask=inside)
        tl.store(SCALES + out * 3 + 2, s2, mask=inside)

        # quaternion (xyzw), normalised as the eager adapter: q / (|q| + 1e-8)
        qx, qy, qz, qw = _channel(raw, 6, raw_sc, inside), _channel(raw, 7, raw_sc, inside), _channel(raw, 8, raw_sc, inside), _channel(raw, 9, raw_sc, inside)
        norm = tl.sqrt_rn(((qx * qx + qy * qy) + qz * qz) + qw * qw) + 1e-8
        qx, qy, qz, qw = _div(qx, norm), _div(qy, norm), _div(qz, norm), _div(qw, norm)
        two_s = _div(tl.full(qx.shape, 2.0, tl.float32), (((qx * qx + qy * qy) + qz * qz) + qw * qw) + 1e-8)
        r00 = 1.0 - two_s * (qy * qy + qz * qz)
        r01 = two_s * (qx * qy - qz * qw)
        r02 = two_s * (qx * qz + qy * qw)
        r10 = two_s * (qx * qy + qz * qw)
        r11 = 1.0 - two_s * (qx * qx + qz * qz)
        r12 = two_s * (qy * qz - qx * qw)
        r20 = two_s * (qx * qz - qy * qw)
        r21 = two_s * (qy * qz + qx * qw)
        r22 = 1.0 - two_s * (qx * qx + qy * qy)
        # camera-frame covariance (R S)(R S)^T
        m00, m01, m02 = r00 * s0, r01 * s1, r02 * s2
        m10, m11, m12 = r10 * s0, r11 * s1, r12 * s2
        m20, m21, m22 = r20 * s0, r21 * s1, r22 * s2
        c00 = _dot3(m00, m01, m02, m00, m01, m02)
        c01 = _dot3(m00, m01, m02, m10, m11, m12)
        c02 = _dot3(m00, m01, m02, m20, m21, m22)
        c11 = _dot3(m10, m11, m12, m10, m11, m12)
        c12 = _dot3(m10, m11, m12, m20, m21, m22)
        c22 = _dot3(m20, m21, m22, m20, m21, m22)
        # world frame: Rc (C Rc^T), Rc the view's camera-to-world rotation
        w00, w01, w02 = tl.load(table + 9), tl.load(table + 10), tl.load(table + 11)
        w10, w11, w12 = tl.load(table + 12), tl.load(table + 13), tl.load(table + 14)
        w20, w21, w22 = tl.load(table + 15), tl.load(table + 16), tl.load(table + 17)
        a00, a01, a02 = _dot3(w00, w01, w02, c00, c01, c02), _dot3(w00, w01, w02, c01, c11, c12), _dot3(w00, w01, w02, c02, c12, c22)
        a10, a11, a12 = _dot3(w10, w11, w12, c00, c01, c02), _dot3(w10, w11, w12, c01, c11, c12), _dot3(w10, w11, w12, c02, c12, c22)
        a20, a21, a22 = _dot3(w20, w21, w22, c00, c01, c02), _dot3(w20, w21, w22, c01, c11, c12), _dot3(w20, w21, w22, c02, c12, c22)
        cov = COVARIANCES + out * 9
        tl.store(cov + 0, _dot3(a00, a01, a02, w00, w01, w02), mask=inside)
        tl.store(cov + 1, _dot3(a00, a01, a02, w10, w11, w12), mask=inside)
        tl.store(cov + 2, _dot3(a00, a01, a02, w20, w21, w22), mask=inside)
        tl.store(cov + 3, _dot3(a10, a11, a12, w00, w01, w02), mask=inside)
        tl.store(cov + 4, _dot3(a10, a11, a12, w10, w11, w12), mask=inside)
        tl.store(cov + 5, _dot3(a10, a11, a12, w20, w21, w22), mask=inside)
        tl.store(cov + 6, _dot3(a20, a21, a22, w00, w01, w02), mask=inside)
        tl.store(cov + 7, _dot3(a20, a21, a22, w10, w11, w12), mask=inside)
        tl.store(cov + 8, _dot3(a20, a21, a22, w20, w21, w22), mask=inside)

        # world rotation: normalize(q_c2w * q)
        px, py, pz, pw = tl.load(table + 21), tl.load(table + 22), tl.load(table + 23), tl.load(table + 24)
        ox = ((pw * qx + px * qw) + py * qz) - pz * qy
        oy = ((pw * qy - px * qz) + py * qw) + pz * qx
        oz = ((pw * qz + px * qy) - py * qx) + pz * qw
        ow = ((pw * qw - px * qx) - py * qy) - pz * qz
        onorm = tl.maximum(tl.sqrt_rn(((ox * ox + oy * oy) + oz * oz) + ow * ow), 1e-12)
        tl.store(ROTATIONS + out * 4, _div(ox, onorm), mask=inside)
        tl.store(ROTATIONS + out * 4 + 1, _div(oy, onorm), mask=inside)
        tl.store(ROTATIONS + out * 4 + 2, _div(oz, onorm), mask=inside)
        tl.store(ROTATIONS + out * 4 + 3, _div(ow, onorm), mask=inside)

        # means: origin + Rc (d / d_z) depth with d = K^-1 (x, y, 1)
        k00, k01, k02 = tl.load(table + 0), tl.load(table + 1), tl.load(table + 2)
        k10, k11, k12 = tl.load(table + 3), tl.load(table + 4), tl.load(table + 5)
        k20, k21, k22 = tl.load(table + 6), tl.load(table + 7), tl.load(table + 8)
        d0 = _dot3(k00, k01, k02, x, y, 1.0)
        d1 = _dot3(k10, k11, k12, x, y, 1.0)
        d2 = _dot3(k20, k21, k22, x, y, 1.0)
        d0, d1 = _div(d0, d2), _div(d1, d2)
        d2 = _div(d2, d2)
        depth = tl.load(DEPTH + out, mask=inside, other=0.0)
        means = MEANS + out * 3
        tl.store(means + 0, tl.load(table + 18) + _dot3(w00, w01, w02, d0, d1, d2) * depth, mask=inside)
        tl.store(means + 1, tl.load(table + 19) + _dot3(w10, w11, w12, d0, d1, d2) * depth, mask=inside)
        tl.store(means + 2, tl.load(table + 20) + _dot3(w20, w21, w22, d0, d1, d2) * depth, mask=inside)

        # SH, channel-major (rgb, D_SH): masked, DC from the image, degrees 1 and 2 rotated
        for c in tl.static_range(3):
            base = 10 + c * D_SH
            sh = HARMONICS + out * (3 * D_SH) + c * D_SH
            dc = _channel(raw, base, raw_sc, inside) * tl.load(SH_MASK)
            if HAS_IMAGE:
                colour = tl.load(IMAGE + (view.to(tl.int64) * 3 + c) * pixels + p, mask=inside, other=0.0)
                dc = dc + _div(colour - 0.5, 0.28209479177387814)  # (rgb - 0.5) / SH_C0
            tl.store(sh, dc, mask=inside)
            if D_SH >= 4:
                e0 = _channel(raw, base + 1, raw_sc, inside) * tl.load(SH_MASK + 1)
                e1 = _channel(raw, base + 2, raw_sc, inside) * tl.load(SH_MASK + 2)
                e2 = _channel(raw, base + 3, raw_sc, inside) * tl.load(SH_MASK + 3)
                for i in tl.static_range(3):
                    g = table + 25 + 3 * i
                    tl.store(sh + 1 + i, _dot3(e0, e1, e2, tl.load(g), tl.load(g + 1), tl.load(g + 2)), mask=inside)
            if D_SH >= 9:
                f0 = _channel(raw, base + 4, raw_sc, inside) * tl.load(SH_MASK + 4)
                f1 = _channel(raw, base + 5, raw_sc, inside) * tl.load(SH_MASK + 5)
                f2 = _channel(raw, base + 6, raw_sc, inside) * tl.load(SH_MASK + 6)
                f3 = _channel(raw, base + 7, raw_sc, inside) * tl.load(SH_MASK + 7)
                f4 = _channel(raw, base + 8, raw_sc, inside) * tl.load(SH_MASK + 8)
                for i in tl.static_range(5):
                    g = table + 34 + 5 * i
                    value = (((f0 * tl.load(g) + f1 * tl.load(g + 1)) + f2 * tl.load(g + 2)) + f3 * tl.load(g + 3)) + f4 * tl.load(g + 4)
                    tl.store(sh + 4 + i, value, mask=inside)


def view_table(
    extrinsics: Tensor, intrinsics_inverse: Tensor, camera_quaternions: Tensor, wigner: list[Tensor]
) -> Tensor:
    """``[views, VIEW_TABLE]`` float32 from per-view tensors (flattened over batch and view)."""
    views = extrinsics.shape[0]
    parts = [intrinsics_inverse.reshape(views, 9), extrinsics[:, :3, :3].reshape(views, 9), extrinsics[:, :3, 3],
             camera_quaternions.reshape(views, 4)]  # fmt: skip
    parts += [block.reshape(views, -1) for block in wigner[1:]]
    table = torch.cat([part.float() for part in parts], dim=1)
    return torch.nn.functional.pad(table, (0, VIEW_TABLE - table.shape[1])).contiguous()


@opaque_to_compile
def adapt(
    raw: Tensor,
    depths: Tensor,
    images: Tensor | None,
    table: Tensor,
    sh_mask: Tensor,
    scale_range: tuple[float, float],
) -> dict[str, Tensor]:
    """raw ``[views, d_raw, H, W]`` (any strides), depths ``[views, H, W]``, images ``[views, 3, H, W]``
    or None, table from :func:`view_table`, ``sh_mask`` ``[d_sh]``. Returns flat fields over
    ``views * H * W`` Gaussians: means ``[n, 3]``, covariances ``[n, 3, 3]``, harmonics ``[n, 3, d_sh]``,
    opacities ``[n]``, scales ``[n, 3]``, rotations ``[n, 4]``."""
    views, _, height, width = raw.shape
    d_sh = sh_mask.numel()
    n = views * height * width
    empty = lambda *shape: torch.empty(shape, dtype=torch.float32, device=raw.device)  # noqa: E731
    fields = {"means": empty(n, 3), "covariances": empty(n, 3, 3), "harmonics": empty(n, 3, d_sh),
              "opacities": empty(n), "scales": empty(n, 3), "rotations": empty(n, 4)}  # fmt: skip
    depths = depths.float().contiguous()
    image = depths if images is None else images.float().contiguous()
    pixel_size = torch.tensor((1.0 / width, 1.0 / height), dtype=torch.float32).tolist()
    grid = (triton.cdiv(height * width, BLOCK), views)
    _adapt_kernel[grid](
        raw, depths, image, table, sh_mask.float().contiguous(),
        fields["means"], fields["covariances"], fields["harmonics"], fields["opacities"], fields["scales"], fields["rotations"],
        raw.stride(0), raw.stride(1), raw.stride(2), raw.stride(3),
        height, width, pixel_size[0], pixel_size[1], float(scale_range[0]), float(scale_range[1]),
        HAS_IMAGE=images is not None, D_SH=d_sh, BLOCK_P=BLOCK, num_warps=WARPS,
    )  # fmt: skip
    return fields
