"""Statistical honesty for benchmark means: 95 % bootstrap intervals over scenes, and paired
intervals for the difference of two runs on the same scenes.

Percentile bootstrap: resample the scenes with replacement ``resamples`` times (fixed seed, so a
report is reproducible), take the mean of each resample, report the 2.5 and 97.5 percentiles.
The paired interval resamples the per-scene differences, which removes the between-scene spread
that both runs share (the usual reason two close runs look indistinguishable when compared unpaired).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

DEFAULT_RESAMPLES = 2000
DEFAULT_SEED = 0


@dataclass(frozen=True)
class MeanInterval:
    mean: float
    low: float
    high: float
    count: int

    def as_dict(self, prefix: str) -> dict[str, float | int]:
        return {prefix: self.mean, f"{prefix}_ci_low": self.low, f"{prefix}_ci_high": self.high}


def bootstrap_mean(values, resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED, level: float = 0.95) -> MeanInterval:
    """Mean of ``values`` with its percentile-bootstrap interval (NaN bounds for fewer than 2 values)."""
    data = np.asarray(values, dtype=np.float64)
    if data.size == 0:
        return MeanInterval(float("nan"), float("nan"), float("nan"), 0)
    mean = float(data.mean())
    if data.size < 2:
        return MeanInterval(mean, float("nan"), float("nan"), 1)
    rng = np.random.default_rng(seed)
    # Chunked so that 6474 scenes x 2000 resamples stays small in memory.
    means = np.empty(resamples)
    chunk = max(1, 2_000_000 // data.size)
    for start in range(0, resamples, chunk):
        stop = min(resamples, start + chunk)
        picks = rng.integers(0, data.size, size=(stop - start, data.size))
        means[start:stop] = data[picks].mean(axis=1)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    return MeanInterval(mean, float(low), float(high), int(data.size))


def paired_difference(first: dict[str, float], second: dict[str, float], **options) -> MeanInterval:
    """``mean(second - first)`` over the scenes both have, with a paired bootstrap interval."""
    common = sorted(set(first) & set(second))
    return bootstrap_mean([second[s] - first[s] for s in common], **options)
