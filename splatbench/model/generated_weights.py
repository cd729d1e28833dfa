"""Deterministic weights generated from parameter names, and fake official checkpoints.

Every tensor is drawn from a normal distribution whose seed is the SHA-256 of its full
state-dict key, then scaled by a rule chosen from the key and shape alone (so a shape table such
as ``depthsplat_state_dict_small.tsv`` is enough, no model needed):

* matrices and convolution kernels: ``N(0, 1) / sqrt(fan_in)`` (variance-preserving);
* 1-D ``*.weight`` (LayerNorm / GroupNorm / BatchNorm scales) and BatchNorm ``running_var``:
  ``1 + 0.1 N(0, 1)``;
* LayerScale ``*.gamma``: ``0.1 (1 + 0.1 N(0, 1))`` (trained DINOv2 values are small);
* ``*.bias``: ``0.05 N(0, 1)``; tokens and position embeddings: ``0.02 N(0, 1)``.

``DEFAULT_SCALE_OVERRIDES`` then multiplies chosen tensors: the depth-residual output layer of
the depth upsampler is scaled down, because with random weights the residual otherwise pushes
inverse depths onto the near/far clamp and the depth output stops depending on the rest of the
network. The same key always yields the same tensor on every machine, so two implementations of
one architecture can be given identical weights by name.

``write_fake_official_checkpoint`` turns an ``encoder.*`` state dict into a file in each of the
official layouts (full model, Lightning, depth-only, Depth Anything V2, UniMatch), for tests.
"""

from __future__ import annotations

import fnmatch
import hashlib
import logging
import math
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

import torch
from torch import Tensor, nn

from splatbench.utils.io import atomic_torch_save, atomic_write_bytes

logger = logging.getLogger(__name__)

# (fnmatch pattern on the full key, multiplier). Patterns are matched in order; all matches apply.
DEFAULT_SCALE_OVERRIDES: tuple[tuple[str, float], ...] = (
    ("*depth_predictor.upsampler.scratch.output_conv.4.*", 0.01),
    # ReSplat's refinement output layer (zero at initialisation in the reference): unscaled, the
    # random deltas blow the Gaussians up after one step and the later steps test nothing.
    ("*update_head.6.*", 0.01),
)


def name_seed(name: str) -> int:
    """A 63-bit seed from the SHA-256 of ``name`` (stable across runs, machines, Python versions)."""
    return int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "little") & (2**63 - 1)


def _base_scale(name: str, shape: Sequence[int]) -> tuple[float, float]:
    """(offset, std) for a key: the tensor is ``offset + std * N(0, 1)``."""
    leaf = name.rsplit(".", 1)[-1]
    if leaf in {"cls_token", "pos_embed", "mask_token", "register_tokens"}:
        return 0.0, 0.02
    if leaf == "gamma":
        return 0.1, 0.01
    if leaf == "running_var":  # BatchNorm statistics must stay positive
        return 1.0, 0.1
    if leaf == "bias":
        return 0.0, 0.05
    if len(shape) >= 2:
        fan_in = math.prod(shape[1:])
        return 0.0, 1.0 / math.sqrt(max(fan_in, 1))
    if leaf == "weight":
        return 1.0, 0.1
    return 0.0, 0.02


def generated_tensor(
    name: str,
    shape: Sequence[int],
    overrides: Iterable[tuple[str, float]] = DEFAULT_SCALE_OVERRIDES,
    dtype: torch.dtype = torch.float32,
) -> Tensor:
    """The deterministic tensor for state-dict key ``name`` with ``shape``."""
    generator = torch.Generator().manual_seed(name_seed(name))
    noise = torch.randn(tuple(shape), generator=generator, dtype=torch.float64)
    offset, std = _base_scale(name, shape)
    tensor = offset + std * noise
    for pattern, multiplier in overrides:
        if fnmatch.fnmatchcase(name, pattern):
            tensor = tensor * multiplier
    return tensor.to(dtype)


def generated_state_dict(
    shapes: Mapping[str, Sequence[int]],
    overrides: Iterable[tuple[str, float]] = DEFAULT_SCALE_OVERRIDES,
) -> dict[str, Tensor]:
    """Generated tensors for every ``key -> shape`` entry (e.g. a reference shape table)."""
    overrides = tuple(overrides)
    return {name: generated_tensor(name, shape, overrides) for name, shape in shapes.items()}


@torch.no_grad()
def fill_weights_from_names(
    module: nn.Module,
    prefix: str = "",
    overrides: Iterable[tuple[str, float]] = DEFAULT_SCALE_OVERRIDES,
) -> nn.Module:
    """Overwrite every floating-point state-dict entry of ``module`` in place; returns ``module``.

    The seed of each tensor is ``prefix + key``; use the prefix that the key has in official
    checkpoints (``"encoder."`` for an encoder) so that weights agree with those generated from
    the reference shape tables.
    """
    overrides = tuple(overrides)
    for key, tensor in module.state_dict(keep_vars=True).items():
        if not tensor.is_floating_point():
            continue
        tensor.copy_(generated_tensor(prefix + key, tensor.shape, overrides, dtype=tensor.dtype))
    return module


def load_shape_table(path: str | os.PathLike) -> dict[str, tuple[int, ...]]:
    """Read a ``key<TAB>(d0, d1, ...)`` table such as ``depthsplat_state_dict_small.tsv``."""
    path = Path(path)
    shapes: dict[str, tuple[int, ...]] = {}
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            key, shape = line.split("\t")
            shapes[key] = tuple(int(x) for x in shape.strip().strip("()").split(",") if x.strip())
        except ValueError as error:
            raise ValueError(f"{path}:{number}: expected 'key<TAB>(d0, d1, ...)', got {line!r}") from error
    return shapes


# --- fake official checkpoints (tests) ----------------------------------------------------------

ENCODER_PREFIX = "encoder."
DEPTH_PREFIX = "encoder.depth_predictor."


def _select(state: Mapping[str, Tensor], prefix: str, parts: Sequence[str] = ("",)) -> dict[str, Tensor]:
    """Entries under ``prefix`` whose remainder starts with one of ``parts``, prefix removed."""
    return {
        key[len(prefix):]: value
        for key, value in state.items()
        if key.startswith(prefix) and key[len(prefix):].startswith(tuple(parts))
    }


def _full_raw(state: Mapping[str, Tensor]) -> dict:
    return dict(state)


def _full_wrapped(state: Mapping[str, Tensor]) -> dict:
    return {"state_dict": dict(state)}


def _lightning(state: Mapping[str, Tensor]) -> dict:
    # The layout Lightning 2.x writes with ModelCheckpoint, AdamW and OneCycleLR (plain data only).
    first = next(iter(state))
    return {
        "epoch": 212,
        "global_step": 277951,
        "pytorch-lightning_version": "2.4.0",
        "state_dict": dict(state),
        "loops": {"fit_loop": {"state_dict": {}, "epoch_progress": {"total": {"ready": 213, "completed": 212}}}},
        "callbacks": {
            "ModelCheckpoint{'monitor': 'info/global_step', 'mode': 'max'}": {
                "monitor": "info/global_step",
                "best_model_score": torch.tensor(277951.0),
                "best_model_path": "checkpoints/epoch_212-step_277951.ckpt",
                "current_score": torch.tensor(277951.0),
                "dirpath": "checkpoints",
                "best_k_models": {"checkpoints/epoch_212-step_277951.ckpt": torch.tensor(277951.0)},
                "kth_best_model_path": "checkpoints/epoch_212-step_277951.ckpt",
                "kth_value": torch.tensor(277951.0),
                "last_model_path": "",
            }
        },
        "optimizer_states": [
            {
                "state": {0: {"step": torch.tensor(277951.0), "exp_avg": torch.zeros_like(state[first]),
                              "exp_avg_sq": torch.zeros_like(state[first])}},
                "param_groups": [{"lr": 1e-5, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 0.0025,
                                  "amsgrad": False, "params": [0]}],
            }
        ],
        "lr_schedulers": [{"base_lrs": [4e-7], "last_epoch": 277951, "_step_count": 277952,
                           "total_steps": 4800010, "_anneal_func_type": "cos"}],
    }


def _depth_only(state: Mapping[str, Tensor]) -> dict:
    return {"model": _select(state, DEPTH_PREFIX)}


def _depth_anything_v2(state: Mapping[str, Tensor]) -> dict:
    vit = {"pretrained." + key: value for key, value in _select(state, DEPTH_PREFIX + "pretrained.").items()}
    width = vit["pretrained.cls_token"].shape[-1]
    # Depth Anything V2 keeps the DINOv2 mask token and has its own DPT head named depth_head.*;
    # neither exists in DepthSplat's depth predictor.
    vit["pretrained.mask_token"] = generated_tensor("pretrained.mask_token", (1, width))
    for key, shape in {
        "depth_head.projects.0.weight": (48, width, 1, 1),
        "depth_head.scratch.output_conv1.weight": (16, 32, 3, 3),
        "depth_head.scratch.output_conv2.2.weight": (1, 32, 1, 1),
    }.items():
        vit[key] = generated_tensor(key, shape)
    return vit


def _unimatch_gmflow(state: Mapping[str, Tensor]) -> dict:
    model = _select(state, DEPTH_PREFIX, parts=("backbone.", "transformer."))
    # GMFlow's own flow upsampler and flow propagation attention, unknown to DepthSplat.
    for key, shape in {
        "upsampler.0.weight": (256, 130, 3, 3),
        "upsampler.0.bias": (256,),
        "upsampler.2.weight": (576, 256, 1, 1),
        "feature_flow_attn.q_proj.weight": (128, 128),
    }.items():
        model[key] = generated_tensor(key, shape)
    return {"model": model}


FAKE_CHECKPOINT_FORMS: dict[str, tuple[str, Callable[[Mapping[str, Tensor]], dict]]] = {
    # form: (file name suffix, builder from an encoder.* state dict)
    "full_raw": (".pth", _full_raw),
    "full_wrapped": (".pth", _full_wrapped),
    "full_safetensors": (".safetensors", _full_raw),
    "lightning": (".ckpt", _lightning),
    "depth_only": (".pth", _depth_only),
    "depth_anything_v2": (".pth", _depth_anything_v2),
    "unimatch_gmflow": (".pth", _unimatch_gmflow),
}


def write_fake_official_checkpoint(
    path: str | os.PathLike, form: str, encoder_state_dict: Mapping[str, Tensor]
) -> Path:
    """Write ``encoder_state_dict`` (keys ``encoder.*``) as an official checkpoint of ``form``.

    Forms: ``full_raw`` / ``full_wrapped`` / ``full_safetensors`` (full model .pth, raw,
    ``{"state_dict"}`` or safetensors), ``lightning`` (.ckpt), ``depth_only`` (``{"model"}`` with
    depth-predictor keys), ``depth_anything_v2`` (``pretrained.*`` plus DA-V2-only keys),
    ``unimatch_gmflow`` (``{"model"}`` with backbone/transformer plus GMFlow-only keys).
    """
    if form not in FAKE_CHECKPOINT_FORMS:
        raise ValueError(f"unknown checkpoint form {form!r}; choose from {sorted(FAKE_CHECKPOINT_FORMS)}")
    bad = [key for key in encoder_state_dict if not key.startswith(ENCODER_PREFIX)]
    if bad:
        raise ValueError(f"state dict keys must start with {ENCODER_PREFIX!r}: {bad[:5]}")
    suffix, build = FAKE_CHECKPOINT_FORMS[form]
    content = build({key: value.detach().cpu().contiguous() for key, value in encoder_state_dict.items()})
    path = Path(path)
    if form == "full_safetensors":
        from safetensors.torch import save

        return atomic_write_bytes(path, save(content))
    return atomic_torch_save(path, content)
