"""scripts/inference_depth.sh: each of its three commands composes to the same configuration as
DepthSplat's published depth-inference command (paths aside), and is a valid test run."""

from __future__ import annotations

import os
import stat
import subprocess

import pytest
from omegaconf import OmegaConf

from tests.config.published_commands import DEPTH_DL3DV_12V, DEPTH_RE10K_2V, DEPTH_RE10K_6V
from tests.conftest import REPO_ROOT

PUBLISHED = {"re10k-2v": DEPTH_RE10K_2V, "re10k-6v": DEPTH_RE10K_6V, "dl3dv-12v": DEPTH_DL3DV_12V}
SAME_PATHS = ["checkpointing.pretrained_depth=/x/depth.pth", "dataset.view_sampler.index_path=/x/index.json", "dataset.roots=[/x/data]"]


def recorded_commands(tmp_path, variant: str) -> list[list[str]]:
    recorder = tmp_path / "record.sh"
    recorder.write_text('#!/usr/bin/env bash\n{ printf "%s\\n" "$@"; echo ---; } >> "$RECORD"\n')
    recorder.chmod(recorder.stat().st_mode | stat.S_IEXEC)
    record = tmp_path / "args.txt"
    record.unlink(missing_ok=True)
    subprocess.run(["bash", str(REPO_ROOT / "scripts" / "inference_depth.sh"), variant], check=True,
                   env={**os.environ, "PYTHON": str(recorder), "RECORD": str(record)})
    commands = [block.strip("\n").split("\n") for block in record.read_text().split("---\n") if block.strip()]
    for command in commands:
        assert command[:3] == ["-m", "splatbench", "test"]
    return [command[3:] for command in commands]


def resolved(overrides: list[str]) -> dict:
    from splatbench.cli.hydra_main import compose
    from splatbench.config.loader import to_dict
    from splatbench.config.validate import build_root_config

    return to_dict(build_root_config(OmegaConf.to_container(compose([*overrides, *SAME_PATHS, "mode=test"]), resolve=True)))


@pytest.mark.parametrize("variant", list(PUBLISHED))
def test_script_command_equals_the_published_one(tmp_path, variant):
    (ours,) = recorded_commands(tmp_path, variant)
    published = [o for o in PUBLISHED[variant] if not o.startswith("mode=")]
    mine, theirs = resolved(ours), resolved(published)
    assert mine == theirs
    encoder = mine["model"]["encoder"]
    assert (encoder["num_scales"], encoder["upsample_factor"], encoder["lowest_feature_resolution"],
            encoder["monodepth_vit_type"]) == (2, 4, 8, "vitb")
    assert mine["train"]["forward_depth_only"] and mine["test"]["save_depth"]


def test_all_runs_the_three_and_unknown_variant_fails(tmp_path):
    assert len(recorded_commands(tmp_path, "all")) == 3
    result = subprocess.run(["bash", str(REPO_ROOT / "scripts" / "inference_depth.sh"), "re10k-3v"], capture_output=True, text=True)
    assert result.returncode == 2 and "unknown variant" in result.stderr
