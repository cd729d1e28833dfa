"""Load the official VGGT-1B ``model.pt`` into the native model; generated weights for tests.

The official file is a flat state dict (1797 tensors, fp32, ~5 GB) for the full model. We build
the aggregator, camera head and depth head; the keys of the point and track heads
(:data:`IGNORED_PREFIXES`) are skipped by name. Every kept key must be present with its shape;
any other key is an error (for instance the pre-release layout with ``pose_token`` /
``image_backbone`` names). A bad file raises :class:`VGGTWeightsError` with one line naming the
file and the first bad key. Files are read with ``torch.load(weights_only=True, mmap=True)`` or
safetensors, never unpickling code, and the model is built on the meta device first so only one
copy of the weights is ever in memory.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path

import torch
from torch import Tensor, nn

from splatbench.model.generated_weights import generated_tensor
from splatbench.model.vggt.config import VGGTConfig
from splatbench.model.vggt.model import VGGT

logger = logging.getLogger(__name__)

IGNORED_PREFIXES = ("point_head.", "track_head.")

# Generated weights (tests, benchmarks): (fnmatch pattern, multiplier) and additive offsets per key.
# With pure noise the field-of-view outputs are ReLU(noise), i.e. zero half of the time (infinite
# focal length), and quaternions are arbitrary. Scaling the last pose layer down and offsetting its
# bias gives cameras near identity rotation with ~70 degree fields of view that still depend on
# the network; the depth output layer is scaled down so depths stay near exp(0).
VGGT_SCALE_OVERRIDES: tuple[tuple[str, float], ...] = (
    ("camera_head.pose_branch.fc2.weight", 0.1),
    ("depth_head.scratch.output_conv2.2.weight", 0.1),
)
VGGT_OFFSETS: dict[str, tuple[float, ...]] = {
    # per refinement round: quaternion w += 0.25, fov_h and fov_w += 0.3 rad (4 rounds add up)
    "camera_head.pose_branch.fc2.bias": (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.25, 0.3, 0.3),
}


class VGGTWeightsError(ValueError):
    """The weights file is missing, unreadable or does not fit VGGT."""


def generated_vggt_tensor(name: str, shape, dtype: torch.dtype = torch.float32) -> Tensor:
    """The deterministic tensor for official key ``name`` (see ``generated_weights.py``)."""
    tensor = generated_tensor(name, shape, VGGT_SCALE_OVERRIDES, dtype=torch.float64)
    if name in VGGT_OFFSETS:
        tensor = tensor + torch.tensor(VGGT_OFFSETS[name], dtype=torch.float64)
    return tensor.to(dtype)


@torch.no_grad()
def fill_generated_weights(model: nn.Module) -> nn.Module:
    """Overwrite every parameter of a :class:`VGGT` (on any device) with its generated value."""
    for name, tensor in model.state_dict(keep_vars=True).items():
        tensor.copy_(generated_vggt_tensor(name, tensor.shape, dtype=tensor.dtype))
    return model


def _read(path: Path) -> Mapping[str, Tensor]:
    if not path.is_file():
        raise VGGTWeightsError(f"{path}: VGGT weights file does not exist")
    try:
        if path.suffix == ".safetensors":
            from safetensors.torch import load_file

            return load_file(str(path), device="cpu")
        try:
            return torch.load(path, map_location="cpu", weights_only=True, mmap=True)
        except RuntimeError as error:
            if "mmap" not in str(error):
                raise
            # Files in torch's legacy (pre-zip) format cannot be memory-mapped: read them whole.
            return torch.load(path, map_location="cpu", weights_only=True)
    except Exception as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise VGGTWeightsError(f"{path}: not a readable weights-only state dict ({first_line})") from None


def check_state_dict(state: object, expected: Mapping[str, torch.Size], path: Path | str) -> dict[str, Tensor]:
    """The kept entries of ``state``; raises one line naming the first bad key otherwise."""
    if not isinstance(state, Mapping):
        raise VGGTWeightsError(f"{path}: expected a flat state dict, found {type(state).__name__}")
    problems = []
    for key, value in state.items():
        if not isinstance(value, Tensor):
            problems.append(f"entry {key!r} is a {type(value).__name__}, not a tensor (a wrapped checkpoint?)")
        elif str(key).startswith(IGNORED_PREFIXES):
            continue
        elif key not in expected:
            problems.append(f"unexpected key {key!r} (not in VGGT-1B's released layout)")
        elif tuple(value.shape) != tuple(expected[key]):
            problems.append(f"key {key!r} has shape {tuple(value.shape)}, expected {tuple(expected[key])}")
    problems += [f"missing key {key!r}" for key in expected if key not in state]
    if problems:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise VGGTWeightsError(f"{path}: {problems[0]}{more}")
    return {key: state[key] for key in expected}


def load_vggt(path: str | os.PathLike, config: VGGTConfig | None = None, device: str | torch.device = "cpu",
              compute_dtype: torch.dtype = torch.float32) -> VGGT:
    """VGGT-1B (or ``config``) with the weights in ``path``, on ``device``, in eval mode.

    With a bf16/fp16 ``compute_dtype`` the aggregator's matmul weights are stored in that dtype.
    """
    path = Path(path)
    with torch.device("meta"):
        model = VGGT(config)
    expected = {key: value.shape for key, value in model.state_dict().items()}
    content = _read(path)
    state = check_state_dict(content, expected, path)
    ignored = sum(str(key).startswith(IGNORED_PREFIXES) for key in content)
    model.load_state_dict(state, strict=True, assign=True)
    model = model.to(device=device, dtype=torch.float32)
    if compute_dtype != torch.float32:
        model.store_aggregator_weights(compute_dtype)
    model.eval().requires_grad_(False)
    logger.info("%s: loaded %d VGGT tensors (%d point/track-head tensors ignored)", path, len(state), ignored)
    return model
