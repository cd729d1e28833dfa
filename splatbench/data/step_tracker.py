"""The global training step, readable from data-loader worker processes.

Workers are forked or spawned with a copy of the dataset; a tensor in shared memory is the one
object they still share with the trainer, so the view samplers' curricula follow the real step.
Writing a single int64 is atomic enough for a curriculum, so no lock is needed.
"""

from __future__ import annotations

import torch


class StepTracker:
    def __init__(self) -> None:
        self.step = torch.zeros((), dtype=torch.int64).share_memory_()

    def set_step(self, step: int) -> None:
        self.step.fill_(int(step))

    def get_step(self) -> int:
        return int(self.step.item())
