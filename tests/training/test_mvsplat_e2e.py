"""MVSplat end to end on the example set: its published test command line (as in the mvsplat
README, experiment prefixed with ``mvsplat/``) with an official-layout Lightning checkpoint of
the published architecture (generated weights), and a tiny MVSplat training with falling loss."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import pytest

from tests.config.published_commands import MVSPLAT_RE10K_TEST
from tests.training.e2e_helpers import build_example_set, load_cfg, logged_losses, tiny_overrides


@pytest.fixture(scope="module")
def example_set(tmp_path_factory) -> Path:
    return build_example_set(tmp_path_factory.mktemp("example"))


@pytest.fixture(scope="module")
def official_checkpoint(tmp_path_factory) -> Path:
    from splatbench.model.generated_weights import generated_state_dict, load_shape_table, write_fake_official_checkpoint

    shapes = load_shape_table(Path(__file__).parents[1] / "encoder" / "golden" / "mvsplat_state_dict.tsv")
    path = tmp_path_factory.mktemp("checkpoints") / "re10k.ckpt"
    return write_fake_official_checkpoint(path, "lightning", generated_state_dict(shapes))


def test_published_test_command_runs(example_set, official_checkpoint, tmp_path):
    from splatbench.cli.hydra_main import main as hydra_main

    published = [o.replace("checkpoints/re10k.ckpt", str(official_checkpoint)) for o in MVSPLAT_RE10K_TEST]
    # Only where the data lives and its frame size / depth range differ from RealEstate10K.
    local = [
        f"dataset.roots=[{example_set}]",
        f"dataset.view_sampler.index_path={example_set / 'evaluation_index.json'}",
        "dataset.image_shape=[64,64]",
        "dataset.ori_image_shape=[64,64]",
        "dataset.near=0.5",
        "dataset.far=20.",
        "data_loader.test.num_workers=0",
        "trainer.accelerator=cpu",
        "trainer.devices=1",
        "test.eval_time_skip_steps=0",
        f"output_dir={tmp_path / 'out'}",
    ]
    hydra_main(published + local)
    average = json.loads((tmp_path / "out" / "metrics" / "scores_all_avg.json").read_text())
    assert average["encoder"][0] == 2  # both test scenes of the example set
    assert 0 < average["ssim"] < 1 and average["lpips"] > 0 and average["psnr"] > 5


def test_tiny_mvsplat_trains_with_falling_loss(example_set, tmp_path):
    from splatbench.training.run import train

    output_dir = tmp_path / "run"
    overrides = tiny_overrides(
        example_set, output_dir, "train", "model/encoder=mvsplat_tiny", "optimizer.lr_monodepth=0",
        "trainer.max_steps=16", "checkpointing.every_n_train_steps=1000",
    )
    train(load_cfg(overrides))
    losses = logged_losses(output_dir)
    assert sorted(losses) == list(range(16))
    first = statistics.mean(losses[s] for s in range(4))
    last = statistics.mean(losses[s] for s in range(12, 16))
    assert last < 0.8 * first, (first, last)
