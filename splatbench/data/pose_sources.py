"""Registry of camera sources: which stored camera vectors feed context and target views.

``gt`` reads ``cameras`` (upstream DepthSplat). ``vggt`` reads ``vggt_camera`` (the study's
VGGT-processed chunks) and, as the study does, re-bases the poses on the first context view.
Intrinsics always come from ``cameras``: the study uses VGGT only for the extrinsics.
Register more sources by adding a :class:`PoseSource` to ``POSE_SOURCES``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PoseSource:
    camera_key: str
    rebase_on_first_context: bool


POSE_SOURCES: dict[str, PoseSource] = {
    "gt": PoseSource(camera_key="cameras", rebase_on_first_context=False),
    "vggt": PoseSource(camera_key="vggt_camera", rebase_on_first_context=True),
}

NEAR_FAR_SOURCES = ("config", "depth_range")


def get_pose_source(name: str) -> PoseSource:
    try:
        return POSE_SOURCES[name]
    except KeyError:
        raise ValueError(f"dataset.pose_source: {name!r} is not one of {', '.join(sorted(POSE_SOURCES))}") from None
