"""Independent oracles and test scenes for the plane-sweep cost volume
(splatbench/model/encoder/unimatch/cost_volume*.py), shared by its forward and backward tests:

* :func:`oracle`: float64 loops over batch, plane, pixel and view, from the definition (lift,
  project, bilinear sample with zero padding, dot, mean over views);
* :func:`differentiable_oracle`: the same definition vectorised in float64 torch, so that
  torch.autograd gives the exact gradients with respect to the features (the sample positions
  are constants, as in the code under test);
* :func:`scene`: tiny cameras whose samples fall inside the image, across its border, off it and
  behind the other camera."""

from __future__ import annotations

import math

import numpy as np
import torch


def oracle(ref, others, intrinsics, ref_c2w, other_c2w, candidates, to_depth):
    """float64 loops over batch, plane, pixel and view; also counts the kinds of samples seen."""
    ref, others, intrinsics, ref_c2w, other_c2w = (
        t.double().numpy() for t in (ref, others, intrinsics, ref_c2w, other_c2w)
    )
    b, m, c, h, w = others.shape
    candidates = candidates.double().expand(b, -1, h, w).numpy()
    d = candidates.shape[1]
    out = np.zeros((b, d, h, w))
    seen = {"inside": 0, "partly_outside": 0, "outside": 0, "behind": 0}
    for bi in range(b):
        k_inv = np.linalg.inv(intrinsics[bi])
        for mi in range(m):
            ref_to_other = np.linalg.inv(other_c2w[bi, mi]) @ ref_c2w[bi]
            for di in range(d):
                for y in range(h):
                    for x in range(w):
                        depth = to_depth(candidates[bi, di, y, x])
                        point = ref_to_other[:3, :3] @ (k_inv @ np.array([x, y, 1.0])) * depth + ref_to_other[:3, 3]
                        projected = intrinsics[bi] @ point
                        seen["behind"] += projected[2] < 1e-3
                        z = max(projected[2], 1e-3)
                        u, v = projected[0] / z, projected[1] / z
                        u0, v0 = math.floor(u), math.floor(v)
                        sample = np.zeros(c)
                        corners_in = 0
                        for cu, cv, weight in (
                            (u0, v0, (u0 + 1 - u) * (v0 + 1 - v)),
                            (u0 + 1, v0, (u - u0) * (v0 + 1 - v)),
                            (u0, v0 + 1, (u0 + 1 - u) * (v - v0)),
                            (u0 + 1, v0 + 1, (u - u0) * (v - v0)),
                        ):
                            if 0 <= cu < w and 0 <= cv < h:
                                sample += weight * others[bi, mi, :, cv, cu]
                                corners_in += 1
                        seen[{4: "inside", 0: "outside"}.get(corners_in, "partly_outside")] += 1
                        out[bi, di, y, x] += ref[bi, :, y, x] @ sample
    return torch.from_numpy(out / (math.sqrt(c) * m)), seen


def scene(seed: int, batch=2, others=3, c=8, planes=5, h=6, w=7, per_pixel=False, log_depth=False):
    """Cameras around a reference at the origin looking down +z; the third other view stands 2.5
    units ahead of the reference, so the near planes are behind it. Depths 0.8 .. 12."""
    generator = torch.Generator().manual_seed(seed)
    ref = torch.randn(batch, c, h, w, generator=generator)
    other = torch.randn(batch, others, c, h, w, generator=generator)
    intrinsics = torch.tensor([[0.9 * w, 0.0, (w - 1) / 2], [0.0, 0.8 * h, (h - 1) / 2], [0.0, 0.0, 1.0]])
    intrinsics = intrinsics.expand(batch, 3, 3).clone()
    intrinsics[-1, 0, 2] += 0.7  # batch elements differ
    ref_c2w = torch.eye(4).repeat(batch, 1, 1)
    ref_c2w[:, :3, 3] = torch.randn(batch, 3, generator=generator) * 0.05
    other_c2w = torch.eye(4).repeat(batch, others, 1, 1)
    for view in range(others):
        angle = 0.25 * (view + 1) * (-1) ** view
        cos, sin = math.cos(angle), math.sin(angle)
        other_c2w[:, view, :3, :3] = torch.tensor([[cos, 0.0, sin], [0.0, 1.0, 0.0], [-sin, 0.0, cos]])
        other_c2w[:, view, :3, 3] = torch.tensor([1.2 * sin, 0.1 * view, 0.0])
        if view == 2:
            other_c2w[:, view, 2, 3] = 2.5
    other_c2w[..., :3, 3] += ref_c2w[:, None, :3, 3]
    near, far = 0.8, 12.0
    if log_depth:
        low, high = math.log(near), math.log(far)
    else:
        low, high = 1 / far, 1 / near
    if per_pixel:
        candidates = low + (high - low) * torch.rand(batch, planes, h, w, generator=generator)
    else:
        candidates = torch.linspace(low, high, planes).view(1, planes, 1, 1).repeat(batch, 1, 1, 1)
        candidates = candidates.expand(batch, planes, h, w)  # stride 0 over pixels, as the encoder passes it
    return ref, other, intrinsics, ref_c2w, other_c2w, candidates


def differentiable_oracle(ref, others, intrinsics, ref_c2w, other_c2w, candidates, to_depth):
    """``[batch, depth, height, width]`` float64 cost volume of float64 copies of ``ref`` and
    ``others`` (pass tensors that require grad: autograd reaches them through ``.double()``).
    ``to_depth`` maps a float64 candidate tensor to depth."""
    b, m, c, h, w = others.shape
    candidates = candidates.double().expand(b, -1, h, w)
    d = candidates.shape[1]
    depth = to_depth(candidates)
    k = intrinsics.double()
    y, x = torch.meshgrid(torch.arange(h, dtype=torch.float64), torch.arange(w, dtype=torch.float64), indexing="ij")
    rays = torch.einsum("bij,jhw->bihw", torch.linalg.inv(k), torch.stack([x, y, torch.ones_like(x)]))
    ref = ref.double()
    out = torch.zeros(b, d, h, w, dtype=torch.float64)
    for view in range(m):
        ref_to_other = torch.linalg.inv(other_c2w[:, view].double()) @ ref_c2w.double()
        rotated = torch.einsum("bij,bjhw->bihw", ref_to_other[:, :3, :3], rays)
        points = rotated[:, :, None] * depth[:, None] + ref_to_other[:, :3, 3, None, None, None]  # [b, 3, d, h, w]
        projected = torch.einsum("bij,bjdhw->bidhw", k, points)
        z = projected[:, 2].clamp(min=1e-3)
        u, v = projected[:, 0] / z, projected[:, 1] / z
        u0, v0 = u.floor(), v.floor()
        features = others[:, view].double().flatten(2)  # [b, c, h*w]
        sample = torch.zeros(b, c, d, h, w, dtype=torch.float64)
        for du, dv in ((0, 0), (1, 0), (0, 1), (1, 1)):
            cu, cv = u0 + du, v0 + dv
            weight = (1 - (u - cu).abs()) * (1 - (v - cv).abs())
            inside = (cu >= 0) & (cu < w) & (cv >= 0) & (cv < h)
            index = (cv.clamp(0, h - 1) * w + cu.clamp(0, w - 1)).long().view(b, 1, -1).expand(b, c, -1)
            sample = sample + torch.gather(features, 2, index).view(b, c, d, h, w) * (weight * inside)[:, None]
        out = out + (ref[:, :, None] * sample).sum(1)
    return out / (math.sqrt(c) * m)
