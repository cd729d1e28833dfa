"""The ``vggt`` pose backend: native VGGT-1B (camera + depth heads) on the frames of one window.

Options (``--option KEY=VALUE``):

* ``weights`` (required): the official ``model.pt`` (flat state dict; ``.safetensors`` also read).
  A missing or mismatched file stops the run before any scene with one line naming the file and
  the first bad key.
* ``device``: ``auto`` (CUDA if available), ``cpu``, ``cuda``, ``cuda:N``.
* ``dtype``: ``auto`` (bf16 on GPUs that support it, else fp16; fp32 on CPU), ``float32``,
  ``bfloat16``, ``float16``. Low precision applies to the aggregator; the heads run in fp32.
* ``frames_per_pass`` (100): most frames VGGT sees at once; longer scenes are split into windows
  by the runner. ~0.1 GB of GPU memory per 518 x 294 frame (see docs/benchmarks.md).
* ``crop_mode``: ``crop`` (default; width 518) or ``pad`` (longer side 518, white square canvas).
* ``chunk_frames`` (16) / ``head_chunk_frames`` (8): frames per step inside the aggregator / the
  depth decoder (memory only; results equal up to float rounding).
* ``depth_percentile_low`` / ``_high`` (2 / 98): the per-frame depth range is these percentiles
  of the predicted depth over the image.
* ``preset``: model size, ``vggt-1b`` (default); ``tiny`` exists for tests.
* ``attention``: the aggregator's attention kernel, ``auto`` (default: on Hopper our Triton kernel
  for global attention, cuDNN else, then FlashAttention, on CUDA), ``triton``, ``cudnn``, ``flash``,
  ``efficient``, ``math`` or ``default`` (PyTorch's choice); ``elementwise``: ``auto`` (default:
  ``triton`` on CUDA, ``eager`` elsewhere), ``eager``, ``compile`` (norms, RoPE and residuals fused by
  ``torch.compile``; compiles for a minute on first use) or ``triton`` (the same work in the Triton
  kernels of ``splatbench/model/kernels/norms.py``; eager where they cannot run). Both change float rounding only (a forced
  kernel that cannot run on the device and dtype is refused at start-up); they
  are recorded in ``preprocess.json`` when not the default (nor ``elementwise=eager``, the
  default of runs started before ``auto``, which therefore resume with either).

Conversion: VGGT predicts world-to-camera OpenCV extrinsics in the first camera's frame (learned,
so frame 0 is only close to identity) and pixel intrinsics at the network input size. The backend
returns camera-to-world matrices, intrinsics normalised to the *original* image (crop / pad undone,
principal point at the centre), per-frame ``(max, min)`` depth, and dense depth and confidence over
the original image's extent at the resized scale (rows cropped away in ``crop`` mode are NaN / 0).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import torch
from torch import Tensor

from splatbench.model.vggt.attention import ATTENTION_BACKENDS, backend_problem
from splatbench.model.vggt.config import VGGT_PRESETS, vggt_preset
from splatbench.model.vggt.elementwise import ELEMENTWISE_MODES
from splatbench.model.vggt.preprocess import CROP_MODES, InputGeometry, preprocess_images
from splatbench.model.vggt.weights import VGGTWeightsError, load_vggt
from splatbench.preprocess.backends import (
    FrameBatch,
    OptionReader,
    PoseBackendFailure,
    PoseBackendOptionError,
    PoseEstimate,
)

logger = logging.getLogger(__name__)

DTYPES = {"float32": torch.float32, "bfloat16": torch.bfloat16, "float16": torch.float16}


def resolve_device(name: str) -> torch.device:
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    try:
        device = torch.device(name)
    except RuntimeError:
        raise PoseBackendOptionError(f"vggt option device: {name!r} is not a device (auto, cpu, cuda, cuda:N)") from None
    if device.type == "cuda" and not torch.cuda.is_available():
        raise PoseBackendOptionError(f"vggt option device: {name!r} asked for, but CUDA is not available")
    return device


def resolve_dtype(name: str, device: torch.device) -> torch.dtype:
    if name == "auto":
        if device.type != "cuda":
            return torch.float32
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    if name not in DTYPES:
        raise PoseBackendOptionError(f"vggt option dtype: {name!r} is not one of auto, {', '.join(DTYPES)}")
    return DTYPES[name]


def percentile_range(depth: Tensor, low: float, high: float) -> Tensor:
    """[N, 2] (high, low) percentiles of each frame's finite depths."""
    ranges = torch.full((depth.shape[0], 2), float("nan"), dtype=torch.float64)
    for index, frame in enumerate(depth.double().flatten(1)):
        finite = frame[torch.isfinite(frame)]
        if finite.numel():
            ranges[index] = torch.quantile(finite, torch.tensor([high / 100.0, low / 100.0], dtype=torch.float64))
    return ranges


def to_original_extent(maps: Tensor, geometry: InputGeometry, fill: float) -> Tensor:
    """[N, H_in, W_in] maps at the network input -> [N, h, w] over the resized original image."""
    (resized_h, resized_w), (top, left) = geometry.resized_hw, geometry.offset_yx
    rows, cols = geometry.valid_region()
    out = maps.new_full((maps.shape[0], resized_h, resized_w), fill)
    out[:, rows.start - top: rows.stop - top, cols.start - left: cols.stop - left] = maps[:, rows, cols]
    return out


class VGGTBackend:
    name = "vggt"

    def __init__(self, options: dict[str, Any], device: torch.device, dtype: torch.dtype,
                 elementwise: str = "auto") -> None:
        self.options = options  # as recorded: without defaults (create_backend)
        self.max_frames_per_pass = options["frames_per_pass"]
        self.device, self.dtype = device, dtype
        try:
            self.model = load_vggt(options["weights"], vggt_preset(options["preset"]), device=device,
                                   compute_dtype=dtype)
        except VGGTWeightsError as error:
            raise PoseBackendOptionError(f"vggt option weights: {error}") from None
        self.model.aggregator.attention.backend = options.get("attention", "auto")
        self.model.aggregator.elementwise = elementwise

    def estimate(self, frames: FrameBatch) -> PoseEstimate:
        options = self.options
        inputs, geometry = preprocess_images(frames.images, options["crop_mode"])
        prediction = self.model(inputs.to(self.device), compute_dtype=self.dtype,
                                chunk_frames=options["chunk_frames"], head_chunk_frames=options["head_chunk_frames"])
        world_to_camera = torch.eye(4, dtype=torch.float64).repeat(frames.num_frames, 1, 1)
        world_to_camera[:, :3] = prediction.extrinsics[0].double().cpu()
        if not torch.isfinite(world_to_camera).all():
            raise PoseBackendFailure("VGGT predicted non-finite extrinsics")
        intrinsics = geometry.normalized_intrinsics(prediction.intrinsics[0].double().cpu())
        depth = to_original_extent(prediction.depth[0].cpu(), geometry, float("nan"))
        confidence = to_original_extent(prediction.depth_conf[0].cpu(), geometry, 0.0)
        depth_range = percentile_range(depth, options["depth_percentile_low"], options["depth_percentile_high"])
        return PoseEstimate(
            extrinsics=torch.linalg.inv(world_to_camera).float(),
            intrinsics=intrinsics.float(),
            depth_range=depth_range.float(),
            valid=torch.ones(frames.num_frames, dtype=torch.bool),
            depth=depth.float(),
            confidence=confidence.float(),
        )


def create_backend(options: Mapping[str, str]) -> VGGTBackend:
    reader = OptionReader("vggt", options)
    weights = reader.get("weights", str, None)
    device_name = reader.get("device", str, "auto")
    dtype_name = reader.get("dtype", str, "auto")
    frames_per_pass = reader.get("frames_per_pass", int, 100)
    crop_mode = reader.get("crop_mode", str, "crop")
    chunk_frames = reader.get("chunk_frames", int, 16)
    head_chunk_frames = reader.get("head_chunk_frames", int, 8)
    low = reader.get("depth_percentile_low", float, 2.0)
    high = reader.get("depth_percentile_high", float, 98.0)
    preset = reader.get("preset", str, "vggt-1b")
    attention = reader.get("attention", str, "auto")
    elementwise = reader.get("elementwise", str, "auto")
    resolved = reader.finish()
    if not weights:
        raise PoseBackendOptionError("vggt option weights: required (path to the official model.pt)")
    if crop_mode not in CROP_MODES:
        raise PoseBackendOptionError(f"vggt option crop_mode: {crop_mode!r} is not one of {', '.join(CROP_MODES)}")
    for key, value in (("frames_per_pass", frames_per_pass), ("chunk_frames", chunk_frames),
                       ("head_chunk_frames", head_chunk_frames)):
        if value < 1:
            raise PoseBackendOptionError(f"vggt option {key}: must be at least 1, got {value}")
    if not 0 <= low < high <= 100:
        raise PoseBackendOptionError(f"vggt options depth_percentile_low/high: need 0 <= low < high <= 100, got {low}, {high}")
    if preset not in VGGT_PRESETS:
        raise PoseBackendOptionError(f"vggt option preset: {preset!r} is not one of {', '.join(VGGT_PRESETS)}")
    if attention not in ATTENTION_BACKENDS:
        raise PoseBackendOptionError(f"vggt option attention: {attention!r} is not one of {', '.join(ATTENTION_BACKENDS)}")
    if elementwise not in ELEMENTWISE_MODES:
        raise PoseBackendOptionError(f"vggt option elementwise: {elementwise!r} is not one of {', '.join(ELEMENTWISE_MODES)}")
    # Defaults stay out of the recorded settings, so runs started before these options resume.
    # "eager" was elementwise's default before "auto": runs that used it recorded nothing, and
    # asking for it again must resume them rather than be refused as a different setting.
    for key, unrecorded in (("attention", ("auto",)), ("elementwise", ("auto", "eager"))):
        if resolved.get(key) in unrecorded:
            del resolved[key]
    device = resolve_device(device_name)
    dtype = resolve_dtype(dtype_name, device)
    config = vggt_preset(preset)
    problem = backend_problem(attention, device, dtype, config.embed_dim // config.num_heads)
    if problem is not None:
        raise PoseBackendOptionError(f"vggt option attention: {problem}")
    resolved.update(weights=str(Path(weights).resolve()), device=str(device), dtype=str(dtype).removeprefix("torch."))
    return VGGTBackend(resolved, device, dtype, elementwise)
