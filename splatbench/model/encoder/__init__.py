"""Encoders: posed context images -> 3D Gaussians (DepthSplat, MVSplat, ReSplat, our lighter variant).

``get_encoder(cfg) -> (encoder, data_shim)`` builds the encoder named by ``cfg.name`` from the
``ENCODERS`` registry (:mod:`splatbench.model.encoder.registry`); ``encoder_preset(name)`` gives
ready configs without Hydra ("small", "base", "large", "mvsplat", "mvsplat_lite", "tiny",
"mvsplat_tiny", "resplat-base", "resplat-tiny", ...). Importing this package registers every encoder.
"""

from splatbench.model.encoder.config import EncoderDepthSplatCfg
from splatbench.model.encoder.depthsplat import EncoderDepthSplat
from splatbench.model.encoder.mvsplat import EncoderMVSplat
from splatbench.model.encoder.mvsplat_config import EncoderMVSplatCfg
from splatbench.model.encoder.resplat import EncoderReSplat, EncoderReSplatCfg
from splatbench.model.encoder.registry import ENCODER_PRESETS, ENCODERS, encoder_config_union, encoder_preset, get_encoder

__all__ = [
    "ENCODERS",
    "ENCODER_PRESETS",
    "EncoderDepthSplat",
    "EncoderDepthSplatCfg",
    "EncoderMVSplat",
    "EncoderMVSplatCfg",
    "EncoderReSplat",
    "EncoderReSplatCfg",
    "encoder_config_union",
    "encoder_preset",
    "get_encoder",
]
