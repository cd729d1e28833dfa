"""Published numbers, always shown labelled as published and never mixed with measured rows.

RealEstate10K, 2 context views, 256x256, pixelSplat's evaluation index (protocol
``re10k-pixelsplat-256``). Sources as collected in the project's reference notes (section 2.11 of
depthsplat.md); entries marked unverified there reached us only through third-party tables.
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
    PublishedResult("ReSplat-base", "re10k-pixelsplat-256", 29.75, 0.912, 0.100, "ReSplat (as given in the benchmark issue)", False),
)


def find_published(method: str) -> PublishedResult | None:
    return next((p for p in PUBLISHED if p.method == method), None)
