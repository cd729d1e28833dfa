"""SIGTERM under DDP, agreed once per step on the training step's own all-reduce.

Lightning (2.5.2 and later, pull request #20825) broadcasts rank 0's SIGTERM flag at the start of
every training step when there is more than one process: a host-to-device copy, an NCCL broadcast
and a read back, before the next batch is fetched. The read waits for the previous step's optimizer
update on the GPU and for the other ranks, so on every step the GPU then sits idle while the host
takes the next batch from the loader, copies it over and launches the forward pass; a single process
does that work while its GPU is still busy with the update. (Lightning issue #21487 reports the cost.)

Here that broadcast is switched off and the flag rides on the all-reduce that the training step
already makes before the optimizer update (``ModelWrapper.on_before_optimizer_step``): the signal
handler only notes the SIGTERM (``pending``) and forwards it to the child processes as Lightning's
does; the step's all-reduce shows a SIGTERM on any rank to every rank, and then sets Lightning's
``received_sigterm`` on all of them at the same step, so that all raise ``SIGTERMException``
together at that step's end (Lightning's own check) instead of one rank leaving the others waiting
in a collective. A SIGTERM that arrives during validation takes effect after the next training step
(Lightning would cut the validation short). Test mode and single-process runs keep Lightning's handling.
"""

from __future__ import annotations

import logging
from types import FrameType
from typing import Any

import pytorch_lightning as pl

logger = logging.getLogger(__name__)


class AgreedSigterm:
    def __init__(self, trainer: pl.Trainer) -> None:
        self.trainer = trainer
        self.pending = False

    def _notify(self, signum: Any, _: FrameType | None) -> None:
        logger.info("rank %d: received SIGTERM (%s); all ranks stop after this step", self.trainer.global_rank, signum)
        if not self.pending:
            launcher = self.trainer.strategy.launcher
            if launcher is not None:
                launcher.kill(signum)
        self.pending = True

    def agreed(self) -> None:
        """Called on every rank at the same step once the step's all-reduce saw a pending SIGTERM."""
        self.trainer._signal_connector.received_sigterm = True


def install_agreed_sigterm(trainer: pl.Trainer) -> AgreedSigterm | None:
    """Replace Lightning's per-step SIGTERM broadcast (multi-process runs of a Lightning that has
    it; else None and Lightning's own handling stays). Call before ``trainer.fit``."""
    loop = trainer.fit_loop.epoch_loop
    connector = getattr(trainer, "_signal_connector", None)
    if trainer.world_size <= 1 or not hasattr(loop, "_broadcast_sigterm_tensor") or not hasattr(connector, "_sigterm_notifier_fn"):
        return None
    handler = AgreedSigterm(trainer)
    loop._broadcast_sigterm_tensor = lambda: None
    connector._sigterm_notifier_fn = handler._notify  # read when fit registers the signal handlers
    return handler
