"""Build the reference DepthSplat encoder from a local checkout, for side-by-side speed figures.

``splatbench bench --reference-src PATH`` times the reference encoder in the same process as
ours, with the same generated weights and inputs, so every speed claim is a measured ratio. PATH
is a checkout of cvg/depthsplat kept outside this repository (never committed, never fetched at
run time); its DINOv2 backbone comes from a local checkout of facebookresearch/dinov2 (built
with ``pretrained=False``: no download), by default ``PATH/dinov2`` or ``PATH/../dinov2``.

The reference lives in a top-level package called ``src``, as does our command-line shim; the
reference's packages are registered under that name only while it is imported, and only the
modules the encoder needs are executed (its package ``__init__`` files pull in datasets,
loggers and visualisers). Its own requirements (einops, jaxtyping, e3nn, torchvision) must be
installed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
import sys
import types
from pathlib import Path
from typing import Any, Iterator

import torch
from torch import nn

from splatbench.model.encoder.config import EncoderDepthSplatCfg
from splatbench.model.generated_weights import fill_weights_from_names

ENCODER_MODULE = "src.model.encoder.encoder_depthsplat"
# Packages whose __init__ would import far more than the encoder needs; registered as bare packages.
BARE_PACKAGES = (
    "src", "src/dataset", "src/dataset/shims", "src/model", "src/model/encoder",
    "src/model/encoder/visualization", "src/misc", "src/geometry",
)  # fmt: skip


class ReferenceUnavailable(RuntimeError):
    """The reference checkout (or one of its requirements) cannot be used; the message says why."""


def resolve_dinov2(reference_src: Path, dinov2: Path | None) -> Path:
    candidates = [dinov2] if dinov2 is not None else [reference_src / "dinov2", reference_src.parent / "dinov2"]
    for candidate in candidates:
        if candidate is not None and (candidate / "hubconf.py").is_file():
            return candidate
    raise ReferenceUnavailable(
        f"no facebookresearch/dinov2 checkout with hubconf.py at {', '.join(str(c) for c in candidates)}; "
        "pass --reference-dinov2 PATH"
    )


@contextlib.contextmanager
def _reference_import_scope(reference_src: Path, dinov2: Path) -> Iterator[None]:
    """``src`` -> the reference while importing; ``torch.hub.load`` -> local DINOv2, no weights."""
    ours = {name: module for name, module in sys.modules.items() if name == "src" or name.startswith("src.")}
    for name in ours:
        del sys.modules[name]
    original_hub_load = torch.hub.load

    def local_hub_load(_repo: str, model: str, *args, **kwargs):
        kwargs.update(source="local", pretrained=False)
        return original_hub_load(str(dinov2), model, *args, **kwargs)

    for package in BARE_PACKAGES:
        module = types.ModuleType(package.replace("/", "."))
        module.__path__ = [str(reference_src / package)]
        sys.modules[module.__name__] = module
    sys.path.insert(0, str(reference_src))
    torch.hub.load = local_hub_load
    try:
        yield
    finally:
        torch.hub.load = original_hub_load
        sys.path.remove(str(reference_src))
        for name in [n for n in sys.modules if n == "src" or n.startswith("src.")]:
            del sys.modules[name]
        sys.modules.update(ours)


def _reference_cfg(encoder_module: types.ModuleType, ours: EncoderDepthSplatCfg) -> Any:
    """The reference config dataclass filled field by field from ours (same key names)."""
    cfg_type = encoder_module.EncoderDepthSplatCfg
    nested = {
        "gaussian_adapter": encoder_module.GaussianAdapterCfg,
        "visualizer": encoder_module.EncoderVisualizerDepthSplatCfg,
    }
    values = {}
    for field in dataclasses.fields(cfg_type):
        if field.name in nested:
            values[field.name] = nested[field.name](**dataclasses.asdict(getattr(ours, field.name)))
        elif hasattr(ours, field.name):
            values[field.name] = getattr(ours, field.name)
        else:
            raise ReferenceUnavailable(f"reference config field {field.name!r} has no splatbench counterpart")
    values["name"] = "depthsplat"
    return cfg_type(**values)


def build_reference_encoder(reference_src: str | Path, cfg: EncoderDepthSplatCfg, dinov2: str | Path | None = None) -> nn.Module:
    """The reference ``EncoderDepthSplat`` for ``cfg`` with the generated weights ours gets."""
    reference_src = Path(reference_src).resolve()
    if not (reference_src / "src" / "model" / "encoder" / "encoder_depthsplat.py").is_file():
        raise ReferenceUnavailable(f"{reference_src}: not a cvg/depthsplat checkout (no src/model/encoder/encoder_depthsplat.py)")
    if not isinstance(cfg, EncoderDepthSplatCfg):
        raise ReferenceUnavailable(f"the DepthSplat reference has no {type(cfg).__name__} encoder")
    if not cfg.use_monodepth:
        raise ReferenceUnavailable("the reference has no encoder without the monocular ViT (preset mvsplat_lite/tiny)")
    dinov2_path = resolve_dinov2(reference_src, None if dinov2 is None else Path(dinov2).resolve())
    with _reference_import_scope(reference_src, dinov2_path):
        try:
            module = importlib.import_module(ENCODER_MODULE)
            encoder = module.EncoderDepthSplat(_reference_cfg(module, cfg))
        except ImportError as error:
            raise ReferenceUnavailable(f"{reference_src}: importing the reference failed ({error})") from error
    return fill_weights_from_names(encoder, prefix="encoder.")
