"""Published numbers, always shown labelled as published and never mixed with measured rows.

RealEstate10K, 2 context views, 256x256, pixelSplat's evaluation index (protocol
``re10k-pixelsplat-256``), unless the entry names another protocol. Sources as collected in the
project's reference notes (section 2.11 of depthsplat.md) and, for ReSplat, its release scripts;
entries marked unverified reached us only through third-party tables.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PublishedResult:
    method: str
    protocol: str
    psnr: float
    ssim: float
    lpips: float
    source: str
    verified: bool = True


PUBLISHED: tuple[PublishedResult, ...] = (
    PublishedResult("pixelSplat", "re10k-pixelsplat-256", 25.89, 0.858, 0.142, "MVSplat paper Tab. 1"),
    PublishedResult("MVSplat", "re10k-pixelsplat-256", 26.39, 0.869, 0.128, "MVSplat paper Tab. 1"),
    PublishedResult("DepthSplat-S", "re10k-pixelsplat-256", 27.06, 0.882, 0.119, "DepthSplat arXiv v3 Tab. 1 (third-party transcription)", False),
    PublishedResult("DepthSplat-B", "re10k-pixelsplat-256", 27.34, 0.887, 0.116, "DepthSplat arXiv v3 Tab. 1 (third-party transcription)", False),
    PublishedResult("DepthSplat-L", "re10k-pixelsplat-256", 27.47, 0.889, 0.114, "DepthSplat arXiv v3 Tab. 1/6 (third-party transcription)", False),
    # ReSplat's own release (haofeixu/resplat, scripts/*_refine.sh, test commands): 2 refinement
    # steps, evaluated with dataset.pose_align_middle_view=true (splatbench records that run as
    # protocol "<name>+align-middle").
    PublishedResult("ReSplat-base", "re10k-pixelsplat-256", 29.75, 0.912, 0.100,
                    "ReSplat release, scripts/re10k_view2_256x256_base_refine.sh (29.751, 2 refinement steps, middle-view pose alignment)"),
    PublishedResult("ReSplat-base-DL3DV-8v", "dl3dv-resplat-8v-256x448", 28.959, 0.902, 0.107,
                    "ReSplat release, scripts/dl3dv_view8_256x448_base_refine.sh (2 refinement steps, 8 views 256x448, "
                    "index dl3dv_start_0_distance_40_ctx_8v_tgt_8v.json, middle-view pose alignment)"),
)


def find_published(method: str) -> PublishedResult | None:
    return next((p for p in PUBLISHED if p.method == method), None)
