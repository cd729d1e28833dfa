"""The typed root configuration, composed from each module's own config dataclasses.

Each layer owns its section (data, encoder, decoder, losses, training); this file only puts them
together and says which dataclass a Hydra group resolves to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from splatbench.data.config import DataLoaderCfg, DatasetDL3DVCfg, DatasetRE10kCfg
from splatbench.loss.config import LossContextDepthCfg, LossDepthCfg, LossLpipsCfg, LossMseCfg
from splatbench.model.decoder.config import DecoderSplattingCfg
from splatbench.model.encoder.config import EncoderDepthSplatCfg
from splatbench.model.encoder.resplat.config import EncoderReSplatCfg
from splatbench.training.config import (
    CheckpointingCfg,
    OptimizerCfg,
    TestCfg,
    TrainCfg,
    TrainerCfg,
    WandbCfg,
)

DatasetCfg = DatasetRE10kCfg | DatasetDL3DVCfg
# ``model.encoder.name`` picks the type: depthsplat / mvsplat, or resplat.
EncoderCfg = EncoderDepthSplatCfg | EncoderReSplatCfg

# Hydra's `loss: [mse, lpips]` composes into {"mse": {...}, "lpips": {...}}; each key picks its type.
LOSS_CFGS: dict[str, type] = {
    "mse": LossMseCfg,
    "lpips": LossLpipsCfg,
    "depth": LossDepthCfg,
    "context_depth": LossContextDepthCfg,
}


@dataclass
class ModelCfg:
    encoder: EncoderCfg
    decoder: DecoderSplattingCfg = field(default_factory=DecoderSplattingCfg)


@dataclass
class RootCfg:
    wandb: WandbCfg
    mode: Literal["train", "test"]
    dataset: DatasetCfg
    data_loader: DataLoaderCfg
    model: ModelCfg
    loss: dict
    optimizer: OptimizerCfg
    checkpointing: CheckpointingCfg
    train: TrainCfg
    test: TestCfg
    trainer: TrainerCfg
    seed: int
    output_dir: str
    use_plugins: bool = False
