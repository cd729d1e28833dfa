"""Decoders: render Gaussians into target cameras through ``splatbench.render``."""

from __future__ import annotations

from collections.abc import Sequence

from splatbench.model.decoder.config import DecoderSplattingCfg
from splatbench.model.decoder.decoder_splatting import DecoderOutput, DecoderSplatting

DECODERS: dict[str, type[DecoderSplatting]] = {"splatting_cuda": DecoderSplatting}


def get_decoder(cfg: DecoderSplattingCfg, background_color: Sequence[float] = (0.0, 0.0, 0.0)) -> DecoderSplatting:
    """Build the decoder named by ``cfg.name`` (only "splatting_cuda" exists, as in the reference)."""
    if cfg.name not in DECODERS:
        raise ValueError(f"model.decoder.name: unknown decoder {cfg.name!r}; known: {sorted(DECODERS)}")
    return DECODERS[cfg.name](cfg, background_color)


__all__ = ["DECODERS", "DecoderOutput", "DecoderSplatting", "DecoderSplattingCfg", "get_decoder"]
