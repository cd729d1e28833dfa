"""Load every official DepthSplat and MVSplat checkpoint form into our encoder, safely and with named errors.

MVSplat's Lightning ``.ckpt`` files (``re10k.ckpt``, ``acid.ckpt``) are kind ``model``: their
``state_dict`` holds ``encoder.*`` keys exactly as ours; its UniMatch initialisation
(``model.encoder.unimatch_weights_path``, train mode) is kind ``mvdepth`` into ``encoder.backbone``.

Kinds (the ``checkpointing.pretrained_<kind>`` options of the reference):

=============  ==========================================  ===============================  ===========
kind           file layout                                 loaded into                      strict
=============  ==========================================  ===============================  ===========
``model``      ``depthsplat-gs-*.pth`` raw state dict or   the encoder (keys ``encoder.*``)  ``strict``
               ``{"state_dict": ...}``; Lightning ``.ckpt``                                  (default
               (``{"state_dict": ...}`` plus trainer                                        True)
               state); ``.safetensors``
``depth``      ``depthsplat-depth-*.pth``: ``{"model": ...}``  ``encoder.depth_predictor``       always
``monodepth``  ``depth_anything_v2_vit{s,b,l}.pth``: raw   ``encoder.depth_predictor``       never
               (or ``{"state_dict"}``); only
               ``pretrained.*`` (the DINOv2) matches
``mvdepth``    UniMatch ``gmflow-scale1-things-*.pth``:    ``encoder.depth_predictor``       never
               ``{"model": ...}``; ``backbone.*`` and
               ``transformer.*`` match
=============  ==========================================  ===============================  ===========

The fixed strictness of ``depth``, ``monodepth`` and ``mvdepth`` is the reference's; the
``strict`` argument (``not checkpointing.no_strict_load``) applies to ``model`` only. Note that
the reference's train mode reuses the non-strict flag of a preceding ``pretrained_monodepth``
load for ``pretrained_model``; callers that want that quirk pass ``strict=False`` themselves.

Files are read only through :func:`splatbench.utils.io.safe_load_checkpoint`
(``torch.load(weights_only=True)`` or safetensors), so a pickle that carries code is refused.
A strict load checks every key first and raises one :class:`CheckpointMismatchError` naming all
missing, unexpected and mis-shaped keys; a non-strict load logs missing/unexpected keys and still
refuses mis-shaped ones (as ``torch`` does).

Key map: our parameter names equal the official ones, so ``KEY_MAP`` is empty. Should a name
ever differ, add ``(regex, replacement)`` pairs there (applied to checkpoint keys, relative to
the load target) and document the pair.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from torch import Tensor, nn

from splatbench.errors import SplatbenchError
from splatbench.utils.io import safe_load_checkpoint

logger = logging.getLogger(__name__)

CheckpointKind = Literal["model", "depth", "monodepth", "mvdepth"]

# (regex on checkpoint keys relative to the target, replacement). Empty: names match upstream.
KEY_MAP: tuple[tuple[str, str], ...] = ()

ENCODER_KEY_PREFIX = "encoder."


class CheckpointFormatError(SplatbenchError, ValueError):
    """The file's content is not the layout expected for the requested kind."""


class CheckpointMismatchError(SplatbenchError, ValueError):
    """Checkpoint keys or shapes do not fit the model."""


# A message lists at most this many keys per kind of problem (a wrong preset mismatches hundreds).
MAX_LISTED_KEYS = 10


@dataclass
class LoadReport:
    path: str
    kind: str
    layout: str
    strict: bool
    loaded: int
    missing: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _KindRule:
    wrapper_keys: tuple[str, ...]  # accepted wrapper keys around the state dict ("" = raw dict)
    target: Literal["encoder", "depth_predictor"]
    key_prefix: str  # prefix of the checkpoint keys that belong to the target
    strict: bool | None  # None: the caller's ``strict``
    hint: str


KIND_RULES: dict[str, _KindRule] = {
    "model": _KindRule(("state_dict", ""), "encoder", ENCODER_KEY_PREFIX, None,
                       "a full DepthSplat model (.pth raw or {'state_dict'}, Lightning .ckpt)"),
    "depth": _KindRule(("model",), "depth_predictor", "", True,
                       "a depth-only model {'model': depth_predictor state dict}"),
    "monodepth": _KindRule(("state_dict", ""), "depth_predictor", "", False,
                           "Depth Anything V2 weights (pretrained.* keys)"),
    "mvdepth": _KindRule(("model",), "depth_predictor", "", False,
                         "UniMatch weights {'model': backbone.*, transformer.*, ...}"),
}


def _unwrap(content: object, path: Path, kind: str, rule: _KindRule) -> tuple[dict[str, Tensor], str]:
    if not isinstance(content, Mapping):
        raise CheckpointFormatError(f"{path}: expected a dict, found {type(content).__name__} (kind {kind!r})")
    for wrapper in rule.wrapper_keys:
        if wrapper and wrapper in content:
            layout = "lightning" if wrapper == "state_dict" and "pytorch-lightning_version" in content else wrapper
            state = content[wrapper]
            break
        if not wrapper:
            layout, state = "raw", content
            break
    else:
        found = sorted(str(k) for k in content)[:8]
        raise CheckpointFormatError(
            f"{path}: field {rule.wrapper_keys[0]!r} missing for kind {kind!r} ({rule.hint}); top-level keys: {found}"
        )
    if not isinstance(state, Mapping):
        raise CheckpointFormatError(f"{path}: {layout} content is {type(state).__name__}, not a state dict")
    not_tensors = [str(k) for k, v in state.items() if not isinstance(v, Tensor)]
    if not_tensors:
        if layout == "raw" and "model" in content and kind == "model":
            raise CheckpointFormatError(
                f"{path}: this looks like a depth-only or UniMatch file ({{'model': ...}}); "
                "load it as pretrained_depth or pretrained_mvdepth"
            )
        raise CheckpointFormatError(
            f"{path}: {len(not_tensors)} entries of the {layout} state dict are not tensors: {not_tensors[:8]}"
        )
    return dict(state), layout


def _resolve_target(model: nn.Module, target: str, kind: str = "model") -> nn.Module:
    """The encoder or depth predictor inside a wrapper / encoder / depth predictor. UniMatch
    weights (``mvdepth``) go where the encoder keeps its UniMatch CNN and transformer: the depth
    predictor (DepthSplat) or the module its ``unimatch_target`` names (MVSplat: ``backbone``)."""
    module = model.encoder if hasattr(model, "encoder") and isinstance(model.encoder, nn.Module) else model
    if kind == "mvdepth":
        target = getattr(module, "unimatch_target", target)
    if target != "encoder" and isinstance(getattr(module, target, None), nn.Module):
        module = getattr(module, target)
    return module


def _apply_key_map(keys: Iterable[str], key_map: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Checkpoint key -> target key."""
    compiled = [(re.compile(pattern), replacement) for pattern, replacement in key_map]
    mapping = {}
    for key in keys:
        renamed = key
        for pattern, replacement in compiled:
            renamed = pattern.sub(replacement, renamed)
        mapping[key] = renamed
    return mapping


def _summary(names: list[str], label: str, limit: int = MAX_LISTED_KEYS) -> str:
    listed = ", ".join(names[:limit])
    more = f" and {len(names) - limit} more" if len(names) > limit else ""
    return f"{len(names)} {label} key{'s' if len(names) != 1 else ''}: {listed}{more}"


@dataclass
class KeyComparison:
    """How a checkpoint's tensors fit a model's state dict (names relative to the same root)."""

    missing: list[str]
    unexpected: list[str]
    misshaped: list[str]  # "key (checkpoint (..) vs model (..))"

    def problems(self, strict: bool) -> list[str]:
        """One summary per kind of problem, naming at most MAX_LISTED_KEYS keys in all."""
        kinds = [("missing", self.missing), ("unexpected", self.unexpected)] if strict else []
        kinds = [(label, names) for label, names in kinds + [("mis-shaped", self.misshaped)] if names]
        share = max(1, MAX_LISTED_KEYS // max(1, len(kinds)))
        return [_summary(names, label, share) for label, names in kinds]

    @property
    def count(self) -> int:
        return len(self.missing) + len(self.unexpected) + len(self.misshaped)


def compare_state_dicts(own: Mapping[str, Tensor], incoming: Mapping[str, Tensor], prefix: str = "") -> KeyComparison:
    """Missing, unexpected and mis-shaped keys of ``incoming`` against ``own`` (``prefix`` is
    prepended to the names in the result)."""
    return KeyComparison(
        missing=[prefix + key for key in own if key not in incoming],
        unexpected=[prefix + key for key in incoming if key not in own],
        misshaped=[
            f"{prefix + key} (checkpoint {tuple(value.shape)} vs model {tuple(own[key].shape)})"
            for key, value in incoming.items()
            if key in own and tuple(value.shape) != tuple(own[key].shape)
        ],
    )


def closest_preset(encoder_state: Mapping[str, Tensor]) -> tuple[str, int, int] | None:
    """(preset, keys that fit by name and shape, preset's key count) of the encoder preset whose
    state dict the given encoder tensors fit best; presets are built on the meta device (no memory)."""
    import torch

    from splatbench.model.encoder import ENCODER_PRESETS, encoder_preset, get_encoder

    best = None
    for name in ENCODER_PRESETS:
        with torch.device("meta"):
            encoder, _ = get_encoder(encoder_preset(name))
        shapes = {key: tuple(value.shape) for key, value in encoder.state_dict().items()}
        fits = sum(1 for key, value in encoder_state.items() if shapes.get(key) == tuple(value.shape))
        score = fits - abs(len(shapes) - len(encoder_state))
        if best is None or score > best[0]:
            best = (score, name, fits, len(shapes))
    return None if best is None else best[1:]


def preset_hint(encoder_state: Mapping[str, Tensor], comparison: KeyComparison) -> str:
    """"it looks like a checkpoint of the 'base' preset (...); " when many keys do not fit."""
    if comparison.count <= MAX_LISTED_KEYS:
        return ""
    guess = closest_preset(encoder_state)
    if guess is None:
        return ""
    name, fits, total = guess
    return f"it looks like a checkpoint of the '{name}' preset ({fits} of its {total} tensors fit); "


def load_pretrained_weights(
    model: nn.Module,
    path: str | os.PathLike,
    kind: CheckpointKind = "model",
    strict: bool | None = None,
    key_map: Iterable[tuple[str, str]] = KEY_MAP,
) -> LoadReport:
    """Load an official checkpoint of ``kind`` into ``model`` (a wrapper with ``.encoder``,
    an encoder, or a depth predictor). ``strict`` applies to ``kind="model"`` only (default True).
    """
    if kind not in KIND_RULES:
        raise ValueError(f"unknown checkpoint kind {kind!r}; choose from {sorted(KIND_RULES)}")
    rule = KIND_RULES[kind]
    strict = rule.strict if rule.strict is not None else (True if strict is None else bool(strict))
    path = Path(path)
    state, layout = _unwrap(safe_load_checkpoint(path, map_location="cpu"), path, kind, rule)
    target = _resolve_target(model, rule.target, kind)

    # Checkpoint keys outside the target prefix can never load: they are unexpected.
    foreign = [key for key in state if not key.startswith(rule.key_prefix)]
    relative = {key[len(rule.key_prefix):]: value for key, value in state.items() if key.startswith(rule.key_prefix)}
    renamed = _apply_key_map(relative, key_map)
    incoming = {renamed[key]: value for key, value in relative.items()}
    own = target.state_dict()

    comparison = compare_state_dicts(own, incoming, rule.key_prefix)
    comparison.unexpected = foreign + comparison.unexpected
    missing, unexpected = comparison.missing, comparison.unexpected
    problems = comparison.problems(strict)
    if problems:
        hint = preset_hint(incoming, comparison) if rule.target == "encoder" else ""
        raise CheckpointMismatchError(
            f"{path}: does not fit the {type(target).__name__} (kind {kind!r}, {'strict' if strict else 'non-strict'}): "
            + hint + "; ".join(problems)
        )

    matching = {key: value for key, value in incoming.items() if key in own}
    target.load_state_dict(matching, strict=False)
    if missing or unexpected:
        logger.warning(
            "%s: non-strict %s load: %d keys loaded, %d missing (e.g. %s), %d unexpected (e.g. %s)",
            path, kind, len(matching), len(missing), missing[:3], len(unexpected), unexpected[:3],
        )
    logger.info("%s: loaded %d tensors (%s, kind %s) into %s", path, len(matching), layout, kind, type(target).__name__)
    return LoadReport(str(path), kind, layout, strict, len(matching), missing, unexpected)
