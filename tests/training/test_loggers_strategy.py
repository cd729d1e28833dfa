"""Logger selection (CSV always, wandb only when asked and installed) and the DDP strategy choice."""

from __future__ import annotations

import logging

from pytorch_lightning.loggers import CSVLogger

from splatbench.training import loggers as loggers_module
from splatbench.training.config import TrainerCfg, WandbCfg
from splatbench.training.strategy import FrozenBufferDDPStrategy, select_strategy


def test_csv_logger_by_default_and_wandb_never_required(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(loggers_module, "_installed", lambda module: False)
    built = loggers_module.build_loggers(tmp_path, WandbCfg(), "train")
    assert [type(l) for l in built] == [CSVLogger]
    with caplog.at_level(logging.WARNING):
        built = loggers_module.build_loggers(tmp_path, WandbCfg(mode="offline"), "train")
    assert [type(l) for l in built] == [CSVLogger]
    assert "wandb package is not installed" in caplog.text
    # test mode never logs to wandb, as in the reference
    assert [type(l) for l in loggers_module.build_loggers(tmp_path, WandbCfg(mode="online"), "test")] == [CSVLogger]


def test_strategy_selection():
    assert select_strategy(TrainerCfg()) == "auto"
    assert isinstance(select_strategy(TrainerCfg(strategy="ddp")), FrozenBufferDDPStrategy)
    assert isinstance(select_strategy(TrainerCfg(devices=2, accelerator="cpu")), FrozenBufferDDPStrategy)
    assert select_strategy(TrainerCfg(devices=1, accelerator="cpu")) == "auto"
    assert isinstance(select_strategy(TrainerCfg(devices=1, num_nodes=2, accelerator="cpu")), FrozenBufferDDPStrategy)
    assert select_strategy(TrainerCfg(strategy="fsdp", devices=2)) == "fsdp"
