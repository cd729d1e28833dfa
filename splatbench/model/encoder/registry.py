"""Encoder registry: config ``name`` -> builder, and named presets -> configs.

Each encoder module registers itself when the package is imported (``splatbench.model.encoder``
imports them all), so ``get_encoder(cfg)`` builds whatever ``cfg.name`` names and
``encoder_preset(name)`` gives any registered preset without Hydra. The configs of all encoders
form the union that the typed Hydra schema accepts under ``model.encoder`` (picked by ``name``).
"""

from __future__ import annotations

import dataclasses
from typing import Any, Callable, Union

from torch import nn

DataShim = Callable[[dict], dict]

ENCODERS: dict[str, Callable[[Any], nn.Module]] = {}
ENCODER_PRESETS: dict[str, Callable[[], Any]] = {}
ENCODER_CONFIGS: list[type] = []


def register_encoder(names: str | tuple[str, ...], builder: Callable[[Any], nn.Module], config_type: type) -> None:
    """Register ``builder`` for every config ``name`` in ``names``; ``config_type`` joins the schema union."""
    for name in (names,) if isinstance(names, str) else names:
        if name in ENCODERS and ENCODERS[name] is not builder:
            raise ValueError(f"encoder name {name!r} is registered twice")
        ENCODERS[name] = builder
    if config_type not in ENCODER_CONFIGS:
        ENCODER_CONFIGS.append(config_type)


def register_preset(name: str, factory: Callable[[], Any]) -> None:
    if name in ENCODER_PRESETS and ENCODER_PRESETS[name] is not factory:
        raise ValueError(f"encoder preset {name!r} is registered twice")
    ENCODER_PRESETS[name] = factory


def encoder_preset(preset: str, /, **overrides) -> Any:
    """A preset config with optional top-level field overrides."""
    if preset not in ENCODER_PRESETS:
        raise ValueError(f"unknown encoder preset {preset!r}; choose from {sorted(ENCODER_PRESETS)}")
    return dataclasses.replace(ENCODER_PRESETS[preset](), **overrides)


def encoder_config_union() -> Any:
    """``EncoderDepthSplatCfg | EncoderMVSplatCfg | ...``: what ``model.encoder`` may hold."""
    return Union[tuple(ENCODER_CONFIGS)] if len(ENCODER_CONFIGS) > 1 else ENCODER_CONFIGS[0]


def get_encoder(cfg: Any) -> tuple[nn.Module, DataShim]:
    """``(encoder, data_shim)`` for ``cfg`` (the encoder named by ``cfg.name``)."""
    if cfg.name not in ENCODERS:
        raise ValueError(f"unknown encoder name {cfg.name!r}; choose from {sorted(ENCODERS)}")
    encoder = ENCODERS[cfg.name](cfg)
    return encoder, encoder.get_data_shim()
