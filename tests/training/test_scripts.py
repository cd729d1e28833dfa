"""Every command in the training scripts composes into a typed RootCfg (no unknown keys, right types)."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

SCRIPTS = {
    "re10k_depthsplat_train.sh": ["small", "small-4090", "small-1gpu", "base", "large"],
    "dl3dv_depthsplat_train.sh": ["stage1", "stage2", "stage2-1gpu"],
    "finetune_vggt_re10k.sh": [None],
}


def script_overrides(tmp_path: Path, script: str, variant: str | None) -> list[str]:
    """Run the script with PYTHON replaced by a recorder; return the Hydra overrides it passes."""
    recorder = tmp_path / "record.sh"
    recorder.write_text('#!/usr/bin/env bash\nprintf "%s\\n" "$@" > "$RECORD"\n')
    recorder.chmod(recorder.stat().st_mode | stat.S_IEXEC)
    record = tmp_path / "args.txt"
    command = ["bash", str(REPO_ROOT / "scripts" / script)] + ([variant] if variant else [])
    subprocess.run(command, check=True, env={**os.environ, "PYTHON": str(recorder), "RECORD": str(record)})
    args = record.read_text().splitlines()
    assert args[:3] == ["-m", "splatbench", "train"]
    return args[3:]


@pytest.mark.parametrize("script,variant", [(s, v) for s, vs in SCRIPTS.items() for v in vs])
def test_script_commands_compose(tmp_path, script, variant):
    from splatbench.cli.hydra_main import compose
    from splatbench.config.validate import build_root_config
    from omegaconf import OmegaConf

    overrides = script_overrides(tmp_path, script, variant)
    cfg = build_root_config(OmegaConf.to_container(compose([*overrides, "mode=train"]), resolve=True))
    assert cfg.trainer.max_steps > 0
    if script == "finetune_vggt_re10k.sh":
        assert cfg.train.freeze == ["encoder.depth_predictor.backbone", "encoder.depth_predictor.pretrained"]
        assert cfg.model.encoder.gaussian_adapter.gaussian_scale_max == 0.3
        assert cfg.data_loader.train.batch_size * cfg.trainer.max_steps == 4_800_000
    if script == "re10k_depthsplat_train.sh" and variant in ("small", "base", "large"):
        assert 4 * cfg.data_loader.train.batch_size * cfg.trainer.max_steps == 4_800_000
