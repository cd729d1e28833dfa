"""Decoders: render Gaussians into target cameras through ``splatbench.render``."""
