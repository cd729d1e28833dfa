"""Native VGGT (camera and depth heads): a feed-forward pose and depth estimator for many frames.

``VGGT(config)(images)`` -> :class:`VGGTPrediction`. ``weights.load_vggt(path)`` builds VGGT-1B and
loads the official ``model.pt``; ``preprocess.preprocess_images`` resizes images as VGGT expects.
See ``model.py`` for precision and memory, ``aggregator.py`` for the chunked attention,
``weights.py`` for the checkpoint rules and generated test weights.
"""

from splatbench.model.vggt.config import VGGT_PRESETS, VGGTConfig, vggt_preset
from splatbench.model.vggt.model import VGGT, VGGTPrediction

__all__ = ["VGGT", "VGGTConfig", "VGGTPrediction", "VGGT_PRESETS", "vggt_preset"]
