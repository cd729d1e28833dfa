"""Depth-only fine-tuning: random context-view counts per batch (shared by DDP ranks), batches of
2 and 5 views through one training step, and a few dozen steps lowering AbsRel on the example set."""

from __future__ import annotations

import dataclasses

import pytest
import torch
from torch.utils.data import DataLoader

from splatbench.data.datasets import get_dataset
from splatbench.data.example import make_example_dataset
from splatbench.training.depth_finetune import TRAIN_SAMPLER_OVERRIDES, run_depth_finetune
from tests.training.e2e_helpers import load_cfg


@pytest.fixture(scope="module")
def example_root(tmp_path_factory):
    return make_example_dataset(
        tmp_path_factory.mktemp("depth_data"), num_scenes=4, num_test_scenes=1, image_shape=(48, 48), include_middlebury=False
    )


def train_cfg(root, tmp_path, *extra):
    return load_cfg([
        "+experiment=depth_tiny", f"dataset.roots=[{root}]", f"output_dir={tmp_path / 'run'}", "mode=train",
        "dataset.image_shape=[48,48]", "dataset.ori_image_shape=[48,48]", "dataset.context_views_per_batch=[2,5]",
        *TRAIN_SAMPLER_OVERRIDES, *extra,
    ])


def view_counts(cfg, rank: int, batches: int) -> list[int]:
    dataset = get_dataset(cfg.dataset, "train", None, global_rank=rank, world_size=2, batch_size=2)
    counts = []
    for batch in DataLoader(dataset, batch_size=2):
        # default_collate would fail on a batch mixing view counts
        assert batch["context"]["image"].shape[:2] == batch["context"]["depth"].shape[:2]
        counts.append(batch["context"]["image"].shape[1])
        if len(counts) == batches:
            return counts
    raise AssertionError("loader ran dry")


def test_view_count_is_fixed_per_batch_and_equal_on_every_rank(example_root, tmp_path):
    cfg = train_cfg(example_root, tmp_path)
    rank0, rank1 = view_counts(cfg, 0, 8), view_counts(cfg, 1, 8)
    assert rank0 == rank1
    assert set(rank0) <= {2, 3, 4, 5} and len(set(rank0)) > 1
    # A sampler that cannot take a view count is refused up front, naming the key.
    bounded = load_cfg(["+experiment=depth_tiny", f"dataset.roots=[{example_root}]", "dataset/view_sampler=bounded",
                        "dataset.context_views_per_batch=[2,5]"])
    with pytest.raises(ValueError, match="dataset.context_views_per_batch"):
        get_dataset(bounded.dataset, "train", None)


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_batches_of_2_and_5_context_views_train(example_root, tmp_path):
    from splatbench.training.run import _build_model

    cfg = train_cfg(example_root, tmp_path)
    model = _build_model(cfg, None, tmp_path)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
    by_count = {}
    for views in (2, 5):
        fixed = dataclasses.replace(cfg.dataset, context_views_per_batch=[views, views])
        batch = next(iter(DataLoader(get_dataset(fixed, "train", None, batch_size=2), batch_size=2)))
        assert batch["context"]["image"].shape[:2] == (2, views)
        optimizer.zero_grad()
        loss = model.training_step(batch, 0)
        loss.backward()
        gradient = torch.nn.utils.get_total_norm([p.grad for p in model.parameters() if p.grad is not None])
        assert torch.isfinite(loss) and loss > 0 and torch.isfinite(gradient) and gradient > 0
        optimizer.step()
        by_count[views] = loss.item()
    assert set(by_count) == {2, 5}


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_depth_only_fine_tuning_lowers_abs_rel(tmp_path):
    # Kept small for CPU: 3 training scenes, batches of 2 or 3 views, evaluated on the scenes it saw.
    result = run_depth_finetune(
        tmp_path,
        overrides=["dataset.context_views_per_batch=[2,3]", "data_loader.train.batch_size=1"],
        steps=16,
        num_scenes=3,
        image_shape=(48, 48),
        sets=("train",),
    )
    before, after = result["sets"]["train"]["before"], result["sets"]["train"]["after"]
    assert before["scenes"] == after["scenes"] == 3
    assert after["depth_abs_rel"] < before["depth_abs_rel"], (before, after)
    assert (tmp_path / "depth_finetune.json").is_file() and (tmp_path / "depth_finetune.md").is_file()


def test_resized_ground_truth_never_blends_known_and_unknown_depth():
    from splatbench.data.shims.crop import resize_depths

    depth = torch.zeros(1, 4, 6)
    depth[:, :, :3] = 2.0  # right half unknown
    resized = resize_depths(depth, (7, 11))
    values = set(resized.unique().tolist())
    assert values == {0.0, 2.0}, values  # no 1.0-ish blend at the border
    assert resized[0, :, 0].eq(2.0).all() and resized[0, :, -1].eq(0.0).all()


def test_dense_depth_stored_by_a_pose_source_is_the_ground_truth(tmp_path):
    """With dataset.pose_source=colmap the views' depth comes from colmap_depth_maps (the source's
    scale, matching its poses), not from the chunk's depth_maps."""
    import json

    from splatbench.data.chunks import write_chunk, write_index
    from splatbench.data.example import make_synthetic_scene

    scene = make_synthetic_scene("s0", 0, num_frames=6, image_shape=(48, 48))
    frames = len(scene["images"])
    scene["colmap_camera"] = scene["cameras"].clone()
    scene["colmap_valid"] = torch.ones(frames, dtype=torch.bool)
    scene["colmap_depth"] = scene["depth"].clone()
    scene["colmap_depth_maps"] = 3.0 * scene["depth_maps"].float()
    write_chunk(tmp_path / "test" / "000000.torch", [scene])
    write_index(tmp_path / "test", {"s0": "000000.torch"})
    (tmp_path / "index.json").write_text(json.dumps({"s0": {"context": [0, 3], "target": [1]}}))
    cfg = load_cfg([
        "+experiment=depth_tiny", f"dataset.roots=[{tmp_path}]", "dataset.image_shape=[48,48]",
        "dataset.ori_image_shape=[48,48]", "dataset/view_sampler=evaluation",
        f"dataset.view_sampler.index_path={tmp_path / 'index.json'}", "dataset.pose_source=colmap", "mode=test",
    ])
    (example,) = list(get_dataset(cfg.dataset, "test", None))
    torch.testing.assert_close(example["context"]["depth"], 3.0 * scene["depth_maps"][[0, 3]].float())
