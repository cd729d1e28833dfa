"""Training losses (MSE/L1, LPIPS-VGG, rendered and context-view depth) and the registry that builds them from config."""

from __future__ import annotations

from typing import Any

from splatbench.loss.base import Loss, LossInputError, Predictions, ScalePrediction
from splatbench.loss.config import LossContextDepthCfg, LossDepthCfg, LossLpipsCfg, LossMseCfg, LossOptions
from splatbench.loss.loss_depth import LossContextDepth, LossDepth
from splatbench.loss.loss_lpips import LossLpips
from splatbench.loss.loss_mse import LossMse

LOSSES: dict[str, type[Loss]] = {loss.name: loss for loss in (LossMse, LossLpips, LossDepth, LossContextDepth)}


def get_losses(loss_cfgs: dict[str, Any], options: LossOptions | None = None) -> list[Loss]:
    """One loss per config entry, in the config's order (Hydra keeps the ``loss: [...]`` order).

    ``options`` carries ``train.l1_loss`` and ``train.train_ignore_large_loss``.
    """
    options = options if options is not None else LossOptions()
    unknown = [name for name in loss_cfgs if name not in LOSSES]
    if unknown:
        raise ValueError(f"loss: unknown loss {', '.join(unknown)} (valid: {', '.join(LOSSES)})")
    return [LOSSES[name](cfg, options) for name, cfg in loss_cfgs.items()]


__all__ = [
    "LOSSES",
    "Loss",
    "LossContextDepth",
    "LossContextDepthCfg",
    "LossDepth",
    "LossDepthCfg",
    "LossInputError",
    "LossLpips",
    "LossLpipsCfg",
    "LossMse",
    "LossMseCfg",
    "LossOptions",
    "Predictions",
    "ScalePrediction",
    "get_losses",
]
