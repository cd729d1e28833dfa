"""ReSplat (``model.encoder=resplat``): initial Gaussians from a DepthSplat-like network, refined
recurrently from render errors. ``EncoderReSplat(resplat_preset("re10k"))`` builds the official
RE10K base model; see :mod:`.config` for presets."""

from splatbench.model.encoder.resplat.config import RESPLAT_PRESETS, EncoderReSplatCfg, resplat_preset
from splatbench.model.encoder.resplat.encoder import EncoderReSplat

__all__ = ["RESPLAT_PRESETS", "EncoderReSplat", "EncoderReSplatCfg", "resplat_preset"]
