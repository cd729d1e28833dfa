"""Wall-clock timings of encoder/decoder calls and peak memory (written by evaluation/report.py).

Unlike the reference, timings wait for queued GPU work (``torch.cuda.synchronize``) before reading
the clock, so they measure the work itself rather than the kernel launch.
"""

from __future__ import annotations

import resource
import sys
import time
from collections import defaultdict
from contextlib import contextmanager
from typing import Iterator

import torch


def _synchronize(device: torch.device | None) -> None:
    if device is not None and device.type == "cuda":
        torch.cuda.synchronize(device)


class Benchmarker:
    """Collects per-call seconds under tags (``encoder``, ``decoder``)."""

    def __init__(self, device: torch.device | None = None) -> None:
        self.device = device
        self.execution_times: dict[str, list[float]] = defaultdict(list)

    @contextmanager
    def time(self, tag: str, num_calls: int = 1) -> Iterator[None]:
        """Time the block; record ``num_calls`` entries of (elapsed / num_calls), as the reference."""
        _synchronize(self.device)
        start = time.perf_counter()
        try:
            yield
        finally:
            _synchronize(self.device)
            elapsed = time.perf_counter() - start
            for _ in range(num_calls):
                self.execution_times[tag].append(elapsed / num_calls)

    def summary(self, skip: dict[str, int] | None = None) -> dict[str, list[float]]:
        """``{tag: [n_calls, mean_seconds]}`` after dropping the first ``skip[tag]`` entries."""
        skip = skip or {}
        result = {}
        for tag, times in self.execution_times.items():
            kept = times[int(skip.get(tag, 0)) :]
            result[tag] = [len(kept), sum(kept) / len(kept) if kept else float("nan")]
        return result


def peak_memory_bytes(device: torch.device | None) -> int:
    """CUDA: ``allocated_bytes.all.peak`` as the reference. CPU: the process's peak resident set size."""
    if device is not None and device.type == "cuda":
        return int(torch.cuda.memory_stats(device)["allocated_bytes.all.peak"])
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # ru_maxrss is in kilobytes on Linux and bytes on macOS.
    return int(max_rss if sys.platform == "darwin" else max_rss * 1024)


