"""Importers: COLMAP models, nerfstudio/instant-ngp ``transforms.json`` and RealEstate10K camera
files (plus frames) -> chunk datasets. ``IMPORTERS`` maps the CLI name to ``convert(src, out, ...)``."""

from __future__ import annotations

from splatbench.data.importers.colmap import convert_colmap
from splatbench.data.importers.nerfstudio import convert_nerfstudio
from splatbench.data.importers.re10k_txt import convert_re10k_txt

IMPORTERS = {
    "colmap": convert_colmap,
    "nerfstudio": convert_nerfstudio,
    "re10k-txt": convert_re10k_txt,
}

__all__ = ["IMPORTERS", "convert_colmap", "convert_nerfstudio", "convert_re10k_txt"]
