"""Registry of camera sources: which stored camera vectors feed context and target views.

``gt`` reads ``cameras`` (upstream DepthSplat). ``vggt`` reads ``vggt_camera`` (the study's
VGGT-processed chunks) and, as the study does, re-bases the poses on the first context view.
Sources written by ``splatbench preprocess --source NAME`` (other than ``vggt``) store their keys
under the source's name: ``NAME_camera`` [N, 18], ``NAME_depth`` [N, 2] per-frame (max, min) depth,
``NAME_valid`` bool [N] (False where the estimator could not place a frame), and optionally
``NAME_depth_maps`` / ``NAME_confidence`` [N, h, w]. ``vggt`` keeps the study's names for the first two
(``vggt_camera``, ``depth``). Intrinsics always come from ``cameras``: the study uses estimated
cameras only for the extrinsics. With ``dataset.near_far_source=depth_range`` the per-view near/far
are the source's stored (min, max) depth. Register more sources by adding a :class:`PoseSource`
to ``POSE_SOURCES`` (``stored_pose_source(name)`` gives the keys ``splatbench preprocess`` writes).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PoseSource:
    camera_key: str
    rebase_on_first_context: bool
    depth_key: str = "depth"  # per-frame (max, min) depth, read by near_far_source=depth_range
    valid_key: str | None = None  # bool [N]; frames marked False cannot be used as views
    depth_maps_key: str | None = None  # dense depth [N, h, w] in the source's scale
    confidence_key: str | None = None  # confidence of the dense depth [N, h, w]


def stored_pose_source(name: str, camera_key: str | None = None, depth_key: str | None = None) -> PoseSource:
    """The keys ``splatbench preprocess --source NAME`` writes (estimated frames are arbitrary: re-base)."""
    return PoseSource(
        camera_key=camera_key or f"{name}_camera",
        rebase_on_first_context=True,
        depth_key=depth_key or f"{name}_depth",
        valid_key=f"{name}_valid",
        depth_maps_key=f"{name}_depth_maps",
        confidence_key=f"{name}_confidence",
    )


POSE_SOURCES: dict[str, PoseSource] = {
    "gt": PoseSource(camera_key="cameras", rebase_on_first_context=False, depth_maps_key="depth_maps"),
    "vggt": stored_pose_source("vggt", camera_key="vggt_camera", depth_key="depth"),
    "colmap": stored_pose_source("colmap"),
    "gt_noise": stored_pose_source("gt_noise"),
}

NEAR_FAR_SOURCES = ("config", "depth_range")


def get_pose_source(name: str) -> PoseSource:
    try:
        return POSE_SOURCES[name]
    except KeyError:
        raise ValueError(f"dataset.pose_source: {name!r} is not one of {', '.join(sorted(POSE_SOURCES))}") from None
