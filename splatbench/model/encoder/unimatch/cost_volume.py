"""Plane-sweep cost volume: warp other views' features onto depth planes of the reference view and
correlate. Depth candidates are uniform in inverse depth (coarse scale) or a narrow band around an
upsampled coarse estimate (refinement scales).

Two implementations of the correlation, picked by ``backend`` (:data:`COST_VOLUME_BACKENDS`):

* ``torch``: grid_sample per other view and chunk of planes, autograd through PyTorch's ops;
* ``triton``: the fused kernels of :mod:`.cost_volume_triton`: one forward kernel, and where
  gradients are needed a backward kernel that recomputes the samples (no warped features are
  stored between the passes);
* ``auto``: the fused kernels when the features are on CUDA and triton imports, the PyTorch path
  otherwise. For training it also falls back to the PyTorch path when
  ``torch.use_deterministic_algorithms(True)`` is on: the fused backward scatters the other views'
  gradients with atomic float32 adds, so their summation order (and last bits) vary from run to
  run, as with grid_sample's own CUDA backward (which PyTorch's deterministic mode refuses too).
  A forced ``triton`` is then refused (or, under ``warn_only``, warned about and run). Inference
  is unaffected: the forward kernel has no atomics and is chosen as before.

Both paths give gradients to the features only: the sample positions (intrinsics, poses, depth
candidates) are constants, the PyTorch path computing its grid under ``torch.no_grad()``."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Literal

import torch
import torch.nn.functional as F
from jaxtyping import Float
from torch import Tensor

from ..sync_free import cached_constant, invert

# Upper bound on the elements of one warped-feature chunk (batch x channels x planes x pixels):
# 2**28 float32 values are 1 GiB, and the correlation product of a chunk is as large again. Small
# inputs (2 views at 256x256) fit in one chunk, so they take no extra kernel launches.
DEFAULT_CHUNK_ELEMENTS = 2**28

CostVolumeBackend = Literal["auto", "torch", "triton"]
COST_VOLUME_BACKENDS: tuple[str, ...] = ("auto", "torch", "triton")
# Where ``auto`` considers the fused kernels (elsewhere Triton would only run interpreted).
AUTO_DEVICE_TYPES: tuple[str, ...] = ("cuda",)
# What the fused kernel computes in place of ``candidates_to_depth`` (others, exp included: done
# beforehand by PyTorch, whose exp the kernel's approximate one would not match to the last bit).
_FUSED_DEPTH_FROM: dict[Callable[[Tensor], Tensor], str] = {torch.reciprocal: "reciprocal"}


@cached_constant(maxsize=32)
def pixel_grid(height: int, width: int, device: torch.device) -> Float[Tensor, "3 pixels"]:
    """Homogeneous integer pixel coordinates (x, y, 1), row-major; built once per size and device
    (cached: read-only, never written by callers)."""
    y, x = torch.meshgrid(
        torch.arange(height, device=device, dtype=torch.float32),
        torch.arange(width, device=device, dtype=torch.float32),
        indexing="ij",
    )
    return torch.stack([x, y, torch.ones_like(x)], dim=0).view(3, -1)


def _sample_grid(
    rays: Float[Tensor, "batch 3 pixels"],
    intrinsics: Float[Tensor, "batch 3 3"],
    ref_to_other: Float[Tensor, "batch 4 4"],
    depth: Float[Tensor, "batch depth height width"],
    clamp_min_depth: float,
) -> Float[Tensor, "batch depth_x_height width 2"]:
    """grid_sample coordinates (align_corners=True) of the reference pixels lifted to ``depth``
    and projected into the other view."""
    b, d, h, w = depth.shape
    points = torch.bmm(ref_to_other[:, :3, :3], rays).unsqueeze(2) * depth.reshape(b, 1, d, h * w)
    points = points + ref_to_other[:, :3, 3:].unsqueeze(-1)
    projected = torch.bmm(intrinsics, points.reshape(b, 3, -1)).view(b, 3, d, h * w)
    pixels = projected[:, :2] / projected[:, 2:].clamp(min=clamp_min_depth)
    x = 2 * pixels[:, 0] / (w - 1) - 1
    y = 2 * pixels[:, 1] / (h - 1) - 1
    return torch.stack([x, y], dim=-1).view(b, d * h, w, 2)


def _bilinear_zero_padded(features: Tensor, grid: Tensor) -> Tensor:
    """``F.grid_sample(bilinear, zeros, align_corners=True)`` through PyTorch's own kernel.

    Calling the op directly skips the cuDNN sampler that ``grid_sample`` would pick on CUDA, which
    fails on large inputs (PyTorch issue #88380) and needed a global ``cudnn.flags`` switch."""
    return torch.grid_sampler_2d(features, grid.to(features.dtype), 0, 0, True)


def warp_to_depth_planes(
    features: Float[Tensor, "batch channel height width"],
    intrinsics: Float[Tensor, "batch 3 3"],
    ref_to_other: Float[Tensor, "batch 4 4"],
    depth: Float[Tensor, "batch depth height width"],
    clamp_min_depth: float = 1e-3,
    disable_cudnn: bool = False,
) -> Float[Tensor, "batch channel depth height width"]:
    """Sample ``features`` (of the other view) at the projections of reference pixels lifted to
    each candidate depth; ``intrinsics`` are in pixels of the feature map. Materialises every
    plane: :func:`correlation_cost_volume` works in chunks instead. (``disable_cudnn`` is kept
    for the config key of the same name; the cuDNN sampler is never used.)"""
    b, d, h, w = depth.shape
    c = features.shape[1]
    with torch.no_grad():
        rays = invert(intrinsics).bmm(pixel_grid(h, w, depth.device).unsqueeze(0).expand(b, 3, h * w))
        grid = _sample_grid(rays, intrinsics, ref_to_other, depth, clamp_min_depth)
    return _bilinear_zero_padded(features, grid).view(b, c, d, h, w)


def uniform_inverse_depth_candidates(
    min_inv_depth: Float[Tensor, " batch"], max_inv_depth: Float[Tensor, " batch"], num_candidates: int
) -> Float[Tensor, "batch depth 1 1"]:
    steps = torch.linspace(0, 1, num_candidates, device=min_inv_depth.device, dtype=min_inv_depth.dtype)
    span = (max_inv_depth - min_inv_depth).view(-1, 1, 1, 1)
    return min_inv_depth.view(-1, 1, 1, 1) + steps.view(1, -1, 1, 1) * span


def local_inverse_depth_candidates(
    coarse_inv_depth: Float[Tensor, "batch 1 height width"],
    min_inv_depth: Float[Tensor, " batch"],
    max_inv_depth: Float[Tensor, " batch"],
    num_candidates: int,
    num_coarse_candidates: int,
    scale_index: int,
) -> Float[Tensor, "batch depth height width"]:
    """``num_candidates`` planes around the coarse estimate, spaced at the coarse interval divided
    by 2**scale_index, clamped to the global range."""
    interval = (max_inv_depth - min_inv_depth) / (num_coarse_candidates - 1) / (2**scale_index)
    interval = interval.view(-1, 1, 1, 1)
    low = (coarse_inv_depth - interval * (num_candidates // 2)).clamp(min=min_inv_depth.view(-1, 1, 1, 1))
    high = (coarse_inv_depth + interval * (num_candidates // 2 - 1)).clamp(max=max_inv_depth.view(-1, 1, 1, 1))
    steps = torch.linspace(0, 1, num_candidates, device=coarse_inv_depth.device, dtype=coarse_inv_depth.dtype)
    return low + steps.view(1, -1, 1, 1) * (high - low)


def correlation_cost_volume(
    ref_features: Float[Tensor, "batch channel height width"],
    other_features: Float[Tensor, "batch others channel height width"],
    intrinsics: Float[Tensor, "batch 3 3"],
    ref_c2w: Float[Tensor, "batch 4 4"],
    other_c2w: Float[Tensor, "batch others 4 4"],
    inv_depth_candidates: Float[Tensor, "batch depth height width"],
    disable_cudnn: bool = False,
    max_chunk_elements: int = DEFAULT_CHUNK_ELEMENTS,
    candidates_to_depth: Callable[[Tensor], Tensor] = torch.reciprocal,
    backend: CostVolumeBackend = "auto",
) -> Float[Tensor, "batch depth height width"]:
    """Mean over the other views of <ref feature, warped feature> / sqrt(C) per depth plane.

    ``backend``: module docstring; ``triton`` where the kernels cannot run (no triton, CPU tensors
    without ``TRITON_INTERPRET=1``, gradients needed under deterministic algorithms) raises
    ValueError naming why.

    The candidates are inverse depths unless ``candidates_to_depth`` says otherwise (ReSplat
    samples log depth and passes ``torch.exp``).

    Works one other view and one chunk of depth planes at a time, accumulating the correlation,
    so memory grows with ``max_chunk_elements`` (warped features of one chunk), not with
    others x planes x pixels (12 views at 512x960 would need 48 GB at once).

    Runs in float32 even under autocast: bf16 poses and projections would misplace the samples,
    and the C-term dot products feed a softmax over depth candidates."""
    tensors = (ref_features, other_features, intrinsics, ref_c2w, other_c2w, inv_depth_candidates)
    if _use_fused_kernel(backend, tensors):
        return _fused_cost_volume(*tensors, candidates_to_depth)
    with torch.autocast(device_type=ref_features.device.type, enabled=False):
        ref_features, other_features = ref_features.float(), other_features.float()
        b, m, c, h, w = other_features.shape
        d = inv_depth_candidates.shape[1]
        intrinsics = intrinsics.float()
        ref_to_other = torch.matmul(invert(other_c2w.float()), ref_c2w.float().unsqueeze(1))  # [b, m, 4, 4]
        depth = candidates_to_depth(inv_depth_candidates.float())
        with torch.no_grad():
            rays = invert(intrinsics).bmm(pixel_grid(h, w, ref_features.device).unsqueeze(0).expand(b, 3, h * w))
        planes_per_chunk = max(1, min(d, max_chunk_elements // max(1, b * c * h * w)))
        ref = ref_features.view(b, c, 1, h, w)
        scale = 1.0 / (c**0.5 * m)
        chunks = []
        for start in range(0, d, planes_per_chunk):
            chunk_depth = depth[:, start : start + planes_per_chunk]
            planes = chunk_depth.shape[1]
            total = None
            for view in range(m):
                with torch.no_grad():
                    grid = _sample_grid(rays, intrinsics, ref_to_other[:, view], chunk_depth, 1e-3)
                warped = _bilinear_zero_padded(other_features[:, view], grid).view(b, c, planes, h, w)
                correlation = (ref * warped).sum(1)
                total = correlation if total is None else total + correlation
            chunks.append(total * scale)
        return chunks[0] if len(chunks) == 1 else torch.cat(chunks, dim=1)


def _use_fused_kernel(backend: str, tensors: tuple[Tensor, ...]) -> bool:
    if backend not in COST_VOLUME_BACKENDS:
        raise ValueError(f"unknown cost volume backend {backend!r}; choose from {list(COST_VOLUME_BACKENDS)}")
    ref_features, other_features = tensors[:2]
    if backend == "torch" or (backend == "auto" and ref_features.device.type not in AUTO_DEVICE_TYPES):
        return False
    from . import cost_volume_triton  # imports triton: only when the kernel may be used

    reason = cost_volume_triton.problem(ref_features, other_features)
    if reason is None and _needs_gradient(ref_features, other_features) and torch.are_deterministic_algorithms_enabled():
        reason = "deterministic algorithms are enabled and the fused backward adds gradients atomically"
        if backend == "triton" and torch.is_deterministic_algorithms_warn_only_enabled():
            warnings.warn(f"cost volume backend 'triton': {reason} (warn_only: running it anyway)", stacklevel=3)
            reason = None
    if reason is not None and backend == "triton":
        raise ValueError(f"cost volume backend 'triton': {reason}")
    return reason is None


def _needs_gradient(ref_features: Tensor, other_features: Tensor) -> bool:
    """Whether autograd will ask for gradients of the cost volume: those of the features only, the
    sample positions (cameras, candidates) being constants in both paths."""
    return torch.is_grad_enabled() and (ref_features.requires_grad or other_features.requires_grad)


# One kernel launch: nothing for torch.compile to fuse, so it is left out of compiled graphs.
@torch.compiler.disable
def _fused_cost_volume(
    ref_features: Tensor,
    other_features: Tensor,
    intrinsics: Tensor,
    ref_c2w: Tensor,
    other_c2w: Tensor,
    inv_depth_candidates: Tensor,
    candidates_to_depth: Callable[[Tensor], Tensor],
) -> Tensor:
    from .cost_volume_triton import differentiable_fused_correlation, fused_correlation

    with torch.autocast(device_type=ref_features.device.type, enabled=False):
        ref_to_other = torch.matmul(invert(other_c2w.float()), ref_c2w.float().unsqueeze(1))  # [b, m, 4, 4]
        candidates = inv_depth_candidates.float()
        depth_from = _FUSED_DEPTH_FROM.get(candidates_to_depth)
        if depth_from is None:
            candidates, depth_from = candidates_to_depth(candidates), "identity"
        # Inference calls the kernel alone (no autograd record, no saved inputs).
        correlation = (
            differentiable_fused_correlation if _needs_gradient(ref_features, other_features) else fused_correlation
        )
        return correlation(ref_features, other_features, intrinsics, ref_to_other, candidates, depth_from)
