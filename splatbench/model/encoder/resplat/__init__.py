"""ReSplat (``model.encoder=resplat``): initial Gaussians from a DepthSplat-like network, refined
recurrently from render errors. ``EncoderReSplat(resplat_preset("re10k"))`` builds the official
RE10K base model; see :mod:`.config` for presets."""

from splatbench.model.encoder.resplat.config import RESPLAT_PRESETS, EncoderReSplatCfg, resplat_preset
from splatbench.model.encoder.resplat.encoder import EncoderReSplat

from splatbench.model.encoder.registry import register_encoder, register_preset

# In the encoder registry: model.encoder.name "resplat", presets "resplat-<preset>" (resplat-base, ...).
register_encoder("resplat", EncoderReSplat, EncoderReSplatCfg)
for _name, _factory in RESPLAT_PRESETS.items():
    register_preset(f"resplat-{_name}", _factory)

__all__ = ["RESPLAT_PRESETS", "EncoderReSplat", "EncoderReSplatCfg", "resplat_preset"]
