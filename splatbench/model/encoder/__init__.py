"""Encoders: posed context images -> per-pixel 3D Gaussians (DepthSplat, MVSplat-style).

``get_encoder(cfg) -> (encoder, data_shim)`` builds the encoder named by ``cfg.name`` from the
``ENCODERS`` registry; ``encoder_preset("small" | "base" | "large" | "mvsplat" | "tiny")`` gives
ready configs without Hydra.
"""

from splatbench.model.encoder.config import ENCODER_PRESETS, EncoderDepthSplatCfg, encoder_preset
from splatbench.model.encoder.depthsplat import ENCODERS, EncoderDepthSplat, get_encoder

__all__ = ["ENCODERS", "ENCODER_PRESETS", "EncoderDepthSplat", "EncoderDepthSplatCfg", "encoder_preset", "get_encoder"]
