"""AdamW with the reference's two learning rates, the one-cycle cosine schedule, and freezing by name."""

from __future__ import annotations

import logging

import torch
from torch import nn

from splatbench.training.config import OptimizerCfg

logger = logging.getLogger(__name__)

# Parameters whose name contains this substring belong to the monocular ViT (DINOv2).
PRETRAINED_VIT_MARKER = "pretrained"


def freeze_parameters(module: nn.Module, name_substrings: list[str]) -> int:
    """Set ``requires_grad=False`` on every parameter whose name contains one of the substrings.

    Returns the number of tensors frozen. A substring that matches nothing is logged as a warning,
    since a typo would otherwise silently train everything.
    """
    frozen = 0
    for substring in name_substrings:
        matches = [p for name, p in module.named_parameters() if substring in name]
        if not matches:
            logger.warning("freeze: no parameter name contains %r", substring)
        for parameter in matches:
            if parameter.requires_grad:
                parameter.requires_grad_(False)
                frozen += 1
    if name_substrings:
        total = sum(p.numel() for p in module.parameters())
        trainable = sum(p.numel() for p in module.parameters() if p.requires_grad)
        logger.info("frozen %d tensors; %d of %d parameters remain trainable", frozen, trainable, total)
    return frozen


def build_optimizer(
    module: nn.Module, cfg: OptimizerCfg, max_steps: int
) -> tuple[torch.optim.AdamW, torch.optim.lr_scheduler.OneCycleLR]:
    """AdamW + OneCycleLR exactly as the reference's ``configure_optimizers``.

    With ``lr_monodepth > 0`` there are two groups: ViT parameters (name contains "pretrained") at
    ``lr_monodepth`` and everything else at ``lr``; otherwise one group at ``lr``. The schedule runs
    for ``max_steps + 10`` steps with 1 % warm-up and cosine annealing, without momentum cycling.
    Frozen parameters stay in the groups (they never receive gradients, so AdamW leaves them alone);
    this keeps the optimizer state layout identical whatever is frozen.
    """
    if max_steps <= 0:
        raise ValueError(
            f"trainer.max_steps: must be a positive step count for training, got {max_steps} "
            "(the one-cycle schedule length is max_steps + 10)"
        )
    if cfg.lr_monodepth > 0:
        vit_params, other_params = [], []
        for name, parameter in module.named_parameters():
            (vit_params if PRETRAINED_VIT_MARKER in name else other_params).append(parameter)
        groups = [
            {"params": vit_params, "lr": cfg.lr_monodepth},
            {"params": other_params, "lr": cfg.lr},
        ]
        max_lr: float | list[float] = [cfg.lr_monodepth, cfg.lr]
    else:
        groups = [{"params": list(module.parameters()), "lr": cfg.lr}]
        max_lr = cfg.lr
    # On CUDA the fused kernel updates every parameter in a few launches (the same arithmetic as
    # the default multi-tensor path, up to rounding).
    on_cuda = all(p.is_cuda and p.is_floating_point() for group in groups for p in group["params"])
    optimizer = torch.optim.AdamW(groups, weight_decay=cfg.weight_decay, fused=True if on_cuda else None)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(
        optimizer,
        max_lr,
        total_steps=max_steps + 10,
        pct_start=0.01,
        cycle_momentum=False,
        anneal_strategy="cos",
    )
    return optimizer, scheduler
