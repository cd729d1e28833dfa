"""Errors and skip accounting of the data layer.

Every problem with input data is a :class:`DataError` whose one-line message names the file,
the scene and the field. Long runs never crash on one bad scene: readers catch the error, log it
once, count it in a :class:`SkipCounter`, and move on; the count is reported at the end.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)


class DataError(ValueError):
    """Bad input data; ``str(error)`` is one line: ``FILE: scene SCENE: FIELD: reason``."""

    def __init__(self, file: str, scene: str | None, field_name: str | None, reason: str) -> None:
        self.file = str(file)
        self.scene = scene
        self.field = field_name
        self.reason = reason
        parts = [self.file]
        if scene is not None:
            parts.append(f"scene {scene}")
        if field_name is not None:
            parts.append(f"field {field_name}")
        super().__init__(": ".join(parts) + f": {reason}")


class ChunkReadError(DataError):
    """A chunk file that cannot be read at all (missing, truncated, not a list of scenes)."""


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
