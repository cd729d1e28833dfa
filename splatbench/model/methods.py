"""The method registry: every feed-forward 3DGS method splatbench runs, in one table.

The benchmark (``method:`` in a spec run), the Python API (``from_checkpoint(path, method=...)``),
the speed benchmark (``splatbench bench --cases``) and the CLI (``--method`` / ``--preset``,
``splatbench methods``) all look methods up here, so a method added once is available everywhere.

A :class:`Method` names the encoder preset that builds it (``splatbench.model.encoder.registry``),
the Hydra experiment that tests it with the published settings, the published row it reproduces
(``splatbench.evaluation.benchmark.published``) and the official checkpoint file. Old preset names
("small", "base", ...) are aliases, so ``get_method("small")`` is ``depthsplat-small``.

To add a method: register its encoder and preset in the encoder registry
(``splatbench/model/encoder/registry.py``), then add a :class:`Method` to ``BUILTIN_METHODS``
below. :func:`register_method` adds one at run time (plugins, tests).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import torch
from torch import nn


@dataclass(frozen=True)
class Method:
    name: str  # registry name, e.g. "mvsplat", "depthsplat-small"
    family: str  # display name of the method, e.g. "MVSplat"
    preset: str  # encoder preset (splatbench.model.encoder.registry.ENCODER_PRESETS)
    experiment: str | None  # Hydra experiment with the published test settings (None: none)
    published: str | None = None  # method name in the published table
    checkpoint: str | None = None  # official checkpoint file name (pattern) in the model zoo
    summary: str = ""
    aliases: tuple[str, ...] = field(default=())
    # Hydra overrides that select this model on top of any experiment (the benchmark appends
    # them after the run's experiment, so e.g. demo_tiny's data settings run MVSplat).
    model_overrides: tuple[str, ...] = field(default=())


METHODS: dict[str, Method] = {}
_ALIASES: dict[str, str] = {}


def register_method(method: Method) -> Method:
    """Add ``method``; a name or alias that is already taken by another method is refused."""
    for name in (method.name, *method.aliases):
        owner = _ALIASES.get(name)
        if owner is not None and owner != method.name:
            raise ValueError(f"method name {name!r} is already registered for {owner!r}")
    METHODS[method.name] = method
    for name in (method.name, *method.aliases):
        _ALIASES[name] = method.name
    return method


def method_names() -> list[str]:
    _register_builtin_methods()
    return list(METHODS)


def get_method(name: str) -> Method:
    """The method called ``name`` (or one of its aliases); ``ValueError`` naming the choices otherwise."""
    _register_builtin_methods()
    if name not in _ALIASES:
        raise ValueError(f"unknown method {name!r}; choose from {', '.join(METHODS)}")
    return METHODS[_ALIASES[name]]


def build_encoder(method: str | Method, **overrides) -> nn.Module:
    """The method's encoder (initial weights), config fields overridden by ``overrides``."""
    from splatbench.model.encoder import encoder_preset, get_encoder

    method = get_method(method) if isinstance(method, str) else method
    encoder, _ = get_encoder(encoder_preset(method.preset, **overrides))
    return encoder


@functools.lru_cache(maxsize=None)
def _preset_parameter_count(preset: str) -> int:
    from splatbench.model.encoder import encoder_preset, get_encoder

    with torch.device("meta"):
        encoder, _ = get_encoder(encoder_preset(preset))
    return sum(parameter.numel() for parameter in encoder.parameters())


def parameter_count(method: str | Method) -> int:
    """Parameters of the method's encoder (built on the meta device: no memory, no time)."""
    method = get_method(method) if isinstance(method, str) else method
    return _preset_parameter_count(method.preset)


def decoder_config(method: str | Method):
    """The method's decoder settings: its ``model.decoder.*`` overrides on the default decoder
    (ReSplat renders antialiased, not scale-invariant, with the exact principal point)."""
    import yaml

    from splatbench.config.loader import to_dataclass
    from splatbench.model.decoder.config import DecoderSplattingCfg

    method = get_method(method) if isinstance(method, str) else method
    prefix = "model.decoder."
    values = {}
    for override in method.model_overrides:
        if override.startswith(prefix):
            key, value = override[len(prefix):].split("=", 1)
            values[key] = yaml.safe_load(value)
    return to_dataclass(DecoderSplattingCfg, values, "model.decoder")


def count_parameters(module: nn.Module) -> int:
    return sum(parameter.numel() for parameter in module.parameters())


# The published MVSplat models: costvolume.yaml plus the settings of its experiment/re10k.yaml.
MVSPLAT_OVERRIDES = (
    "model/encoder=mvsplat",
    "model.encoder.num_depth_candidates=128",
    "model.encoder.costvolume_unet_attn_res=[4]",
    "model.encoder.depth_unet_feat_dim=32",
    "model.encoder.depth_unet_attn_res=[16]",
    "model.encoder.depth_unet_channel_mult=[1,1,1,1,1]",
    "optimizer.lr_monodepth=0",
)

# ReSplat renders through its own gsplat settings (antialiased, exact principal point).
RESPLAT_DECODER = ("model.decoder.raster=resplat", "model.decoder.scale_invariant=false", "model.decoder.principal_point=exact")
RESPLAT_RE10K_OVERRIDES = (
    "model/encoder=resplat",
    "model.encoder.latent_downsample=2",
    "model.encoder.fixed_latent_size=false",
    "model.encoder.init_gaussian_multiple=4",
    "model.encoder.num_refine=2",
    "model.encoder.refine_same_num_points=true",
    *RESPLAT_DECODER,
)

BUILTIN_METHODS = (
    Method(
        "depthsplat-small", "DepthSplat-S", "small", "re10k", "DepthSplat-S",
        "depthsplat-gs-small-re10k-256x256-view2-cfeab6b1.pth", "DepthSplat, ViT-S, one scale", ("small",),
        ("model/encoder=depthsplat",),
    ),
    Method(
        "depthsplat-base", "DepthSplat-B", "base", "re10k", "DepthSplat-B",
        "depthsplat-gs-base-re10k-256x256-view2-*.pth", "DepthSplat, ViT-B, two scales", ("base",),
        ("model/encoder=depthsplat", "model.encoder.monodepth_vit_type=vitb", "model.encoder.num_scales=2",
         "model.encoder.upsample_factor=2", "model.encoder.lowest_feature_resolution=4"),
    ),
    Method(
        "depthsplat-large", "DepthSplat-L", "large", "re10k", "DepthSplat-L",
        "depthsplat-gs-large-re10k-256x256-view2-*.pth", "DepthSplat, ViT-L, two scales", ("large",),
        ("model/encoder=depthsplat", "model.encoder.monodepth_vit_type=vitl", "model.encoder.num_scales=2",
         "model.encoder.upsample_factor=2", "model.encoder.lowest_feature_resolution=4"),
    ),
    Method(
        "mvsplat", "MVSplat", "mvsplat", "mvsplat/re10k", "MVSplat", "re10k.ckpt",
        "MVSplat (ECCV'24): cost volume + U-Nets, official Lightning checkpoints", ("costvolume",),
        MVSPLAT_OVERRIDES,
    ),
    Method(
        "resplat-base", "ReSplat-base", "resplat-base", "re10k_resplat", "ReSplat-base",
        "resplat-base-re10k-256x256-view2-b90d1b53.pth",
        "ReSplat (ECCV'26): DepthSplat-like initial Gaussians + 2 recurrent refinement steps (RE10K)",
        ("resplat", "resplat-re10k"), RESPLAT_RE10K_OVERRIDES,
    ),
    Method(
        "resplat-dl3dv", "ReSplat-base (DL3DV)", "resplat-dl3dv", "dl3dv_resplat", "ReSplat-base-DL3DV-8v",
        "resplat-base-dl3dv-*-view*.pth", "ReSplat's DL3DV base model (8 views, 256x448)", (),
        ("model/encoder=resplat", "model.encoder.shim_patch_size=16", "model.encoder.upsample_factor=8",
         "model.encoder.lowest_feature_resolution=8", "model.encoder.num_refine=2", *RESPLAT_DECODER),
    ),
    Method(
        "resplat-tiny", "ReSplat (tiny)", "resplat-tiny", None, None, None,
        "ReSplat's RE10K layout with narrow layers and one refinement step, for CPU tests", (),
        ("model/encoder=resplat_tiny", *RESPLAT_DECODER),
    ),
    Method(
        "mvsplat-tiny", "MVSplat (tiny)", "mvsplat_tiny", None, None, None,
        "MVSplat's architecture with narrow layers, for CPU tests and smoke runs", ("mvsplat_tiny",),
        ("model/encoder=mvsplat_tiny", "optimizer.lr_monodepth=0"),
    ),
    Method(
        "mvsplat-lite", "DepthSplat without ViT", "mvsplat_lite", None, None, None,
        "our own variant: DepthSplat's cost volume + U-Net without the monocular ViT (no official weights)",
        ("mvsplat_lite",), ("model/encoder=mvsplat_lite",),
    ),
    Method(
        "tiny", "DepthSplat without ViT (tiny)", "tiny", "demo_tiny", None, None,
        "mvsplat-lite with narrow layers: the demo and CPU test model", (), ("model/encoder=tiny",),
    ),
)


def _register_builtin_methods() -> None:
    if all(method.name in METHODS for method in BUILTIN_METHODS):
        return
    for method in BUILTIN_METHODS:
        if method.name not in METHODS:
            register_method(method)
