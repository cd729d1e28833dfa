"""Errors and skip accounting of the data layer.

Every problem with input data is a :class:`DataError` whose one-line message names the file,
the scene and the field. Long runs never crash on one bad scene: readers catch the error, log it
once, count it in a :class:`SkipCounter`, and move on; the count is reported at the end.

Evaluation is counted per requested scene: for every scene an evaluation index asks for, the
reader yields either examples or one skip record (:func:`skip_record`) carrying the reason, so
the evaluation loop's counts add up to the index. ``SKIP_HINTS`` says how to fix each reason.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

from splatbench.errors import SplatbenchError

logger = logging.getLogger(__name__)


class DataError(SplatbenchError, ValueError):
    """Bad input data; ``str(error)`` is one line: ``FILE: scene SCENE: field FIELD: reason``.

    ``kind`` is the skip reason it is counted under (default: the field name)."""

    def __init__(
        self, file: str, scene: str | None, field_name: str | None, reason: str, kind: str | None = None
    ) -> None:
        self.file = str(file)
        self.scene = scene
        self.field = field_name
        self.reason = reason
        self.kind = kind or field_name or "scene"
        parts = [self.file]
        if scene is not None:
            parts.append(f"scene {scene}")
        if field_name is not None:
            parts.append(f"field {field_name}")
        super().__init__(": ".join(parts) + f": {reason}")


class ChunkReadError(DataError):
    """A chunk file that cannot be read at all (missing, truncated, not a list of scenes)."""

    def __init__(self, file: str, scene: str | None, field_name: str | None, reason: str) -> None:
        super().__init__(file, scene, field_name, reason, kind="unreadable_chunk")


class NoUsableScenesError(SplatbenchError):
    """A run found nothing to work on (no chunks, or every scene skipped)."""


SKIPPED_MARKER = "__skipped__"
# Skip records that travel beside the examples of a mixed batch (batch size above 1).
SKIPPED_RECORDS = "__skipped_records__"


def skip_record(scene: str, reason: str, message: str) -> dict:
    """What the reader yields instead of an example for a requested scene it cannot use."""
    return {SKIPPED_MARKER: True, "scene": scene, "reason": reason, "message": message}


# How to fix each skip reason; used by the messages of runs that end with nothing evaluated.
SKIP_HINTS: dict[str, str] = {
    "frame_size": "set dataset.ori_image_shape to the stored frame size (or dataset.skip_bad_shape=false), "
    "or convert with 'splatbench data convert', which records the size in the split's manifest.json",
    "not_in_data": "the evaluation index names scenes that are not in dataset.roots; check dataset.roots "
    "and dataset.view_sampler.index_path",
    "unreadable_chunk": "a chunk file is corrupt or truncated; run 'splatbench data check ROOT' and re-create it",
    "view_sampler": "the scenes are too short for the view sampler's context gap",
    "max_fov": "the field of view is above dataset.max_fov",
}
DEFAULT_SKIP_HINT = "run 'splatbench data check ROOT' to list the problems"


def skip_summary(reasons: dict[str, str]) -> str:
    """``"frame_size: 3, not_in_data: 1"`` for {scene: reason}."""
    counts = Counter(reasons.values())
    return ", ".join(f"{reason}: {count}" for reason, count in sorted(counts.items()))


def _missing_key_hint(key: str) -> str | None:
    """A key a pose source reads (``missing:vggt_camera``): say which source and what to do."""
    from splatbench.data.pose_sources import POSE_SOURCES

    for name, source in POSE_SOURCES.items():
        if key in (source.camera_key, source.valid_key):
            return (
                f"the chunks have no '{key}' (dataset.pose_source={name}); use dataset.pose_source=gt, "
                f"or chunks processed by 'splatbench preprocess --source {name}'"
            )
        if key == source.depth_key:
            return f"the chunks have no '{key}' depth range (pose source {name}); use dataset.near_far_source=config"
    return None


def skip_hint(reasons: dict[str, str]) -> str:
    """The fix for the most common reason in {scene: reason}."""
    if not reasons:
        return DEFAULT_SKIP_HINT
    reason, _ = Counter(reasons.values()).most_common(1)[0]
    if reason.startswith("missing:"):
        return _missing_key_hint(reason.split(":", 1)[1]) or DEFAULT_SKIP_HINT
    return SKIP_HINTS.get(reason, DEFAULT_SKIP_HINT)


# Skips the protocol expects (null evaluation entries, scenes too short for the sampler, too
# wide a field of view) are logged at INFO; everything else is bad data and logged at WARNING.
EXPECTED_SKIP_REASONS = frozenset({"view_sampler", "max_fov"})


@dataclass
class SkipCounter:
    """Counts skipped scenes by reason; logs each skip once with its message."""

    counts: Counter = field(default_factory=Counter)

    def skip(self, reason: str, message: str) -> None:
        self.counts[reason] += 1
        level = logging.INFO if reason in EXPECTED_SKIP_REASONS else logging.WARNING
        logger.log(level, "skipped: %s", message)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def report(self, what: str = "data") -> None:
        if self.total:
            details = ", ".join(f"{reason}: {count}" for reason, count in sorted(self.counts.items()))
            logger.warning("%s: skipped %d scene(s) (%s)", what, self.total, details)
