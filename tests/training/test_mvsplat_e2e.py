"""MVSplat end to end on the example set: its published test command line (as in the mvsplat
README, experiment prefixed with ``mvsplat/``) with an official-layout Lightning checkpoint of
the published architecture (generated weights), and a tiny MVSplat training with falling loss."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import pytest

from tests.config.published_commands import MVSPLAT_DTU_TEST, MVSPLAT_RE10K_TEST
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


def run_published_test(command: list[str], example_set: Path, index: Path, checkpoint: Path, out: Path) -> dict:
    from splatbench.cli.hydra_main import main as hydra_main

    published = [o.replace("checkpoints/re10k.ckpt", str(checkpoint)) for o in command]
    published = [o for o in published if not o.startswith("dataset.view_sampler.index_path=")]
    # Only where the data lives and its frame size / depth range differ from RealEstate10K.
    local = [
        f"dataset.roots=[{example_set}]",
        f"dataset.view_sampler.index_path={index}",
        "dataset.image_shape=[64,64]",
        "dataset.ori_image_shape=[64,64]",
        "dataset.near=0.5",
        "dataset.far=20.",
        "data_loader.test.num_workers=0",
        "trainer.accelerator=cpu",
        "trainer.devices=1",
        "test.eval_time_skip_steps=0",
        f"output_dir={out}",
    ]
    hydra_main(published + local)
    return json.loads((out / "metrics" / "scores_all_avg.json").read_text())


def test_published_test_command_runs(example_set, official_checkpoint, tmp_path):
    index = example_set / "evaluation_index.json"
    average = run_published_test(MVSPLAT_RE10K_TEST, example_set, index, official_checkpoint, tmp_path / "out")
    assert average["encoder"][0] == 2  # both test scenes of the example set
    assert 0 < average["ssim"] < 1 and average["lpips"] > 0 and average["psnr"] > 5


def test_published_dtu_command_runs_each_scene_four_times(example_set, official_checkpoint, tmp_path):
    """MVSplat's cross-dataset DTU test: every scene as 4 index entries SCENE_00..03, one target each."""
    entries = json.loads((example_set / "evaluation_index.json").read_text())
    scene, entry = next((key, value) for key, value in entries.items() if value is not None)
    index = tmp_path / "evaluation_index_dtu_like.json"
    index.write_text(json.dumps({f"{scene}_{run:02d}": {"context": entry["context"], "target": [entry["target"][run % len(entry["target"])]]}
                                 for run in range(4)}))
    average = run_published_test(MVSPLAT_DTU_TEST, example_set, index, official_checkpoint, tmp_path / "out")
    assert average["encoder"][0] == 4  # one scene, four runs
    assert 0 < average["ssim"] < 1 and average["psnr"] > 5
    rows = (tmp_path / "out" / "metrics" / "scores_per_scene.csv").read_text()
    assert all(f"{scene}_{run:02d}" in rows for run in range(4))


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
