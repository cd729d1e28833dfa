"""Chunk datasets and the data module on the example set: layout, order, sharding, pose sources."""

from __future__ import annotations

import itertools

import pytest
import torch

from splatbench.data.config import DataLoaderCfg, DataLoaderStageCfg
from splatbench.data.data_module import DataModule
from splatbench.data.datasets import get_dataset
from splatbench.data.errors import DataError


def _loader_cfg(num_workers: int, batch_size: int = 1) -> DataLoaderCfg:
    stage = DataLoaderStageCfg(batch_size=batch_size, num_workers=num_workers, persistent_workers=False, seed=5)
    return DataLoaderCfg(train=stage, test=stage, val=stage)


def test_training_batches_have_the_reference_layout(example_root, make_cfg):
    module = DataModule(make_cfg(example_root), _loader_cfg(0, batch_size=2))
    batch = next(iter(module.train_dataloader()))
    context, target = batch["context"], batch["target"]
    assert context["image"].shape == (2, 2, 3, 64, 64) and target["image"].shape == (2, 2, 3, 64, 64)
    assert context["extrinsics"].shape == (2, 2, 4, 4) and context["intrinsics"].shape == (2, 2, 3, 3)
    assert torch.allclose(context["near"], torch.full((2, 2), 0.1)) and torch.allclose(context["far"], torch.full((2, 2), 1000.0))
    assert context["index"].dtype == torch.int64 and len(batch["scene"]) == 2
    gaps = (context["index"][:, 1] - context["index"][:, 0]).tolist()
    assert all(4 <= gap <= 10 for gap in gaps)
    assert 0.0 <= float(context["image"].min()) and float(context["image"].max()) <= 1.0


def _test_order(module) -> list[tuple[str, list[int]]]:
    return [(batch["scene"][0], batch["context"]["index"][0].tolist()) for batch in module.test_dataloader()]


def test_test_order_is_sorted_and_independent_of_worker_count(example_root, make_cfg):
    cfg = make_cfg(example_root, stage="test")
    orders = [_test_order(DataModule(cfg, _loader_cfg(workers))) for workers in (0, 1, 2, 3)]
    assert orders[0] == orders[1] == orders[2] == orders[3]
    assert [scene for scene, _ in orders[0]] == [f"test_{i:05d}_0" for i in range(5)]
    assert len(get_dataset(cfg, "test")) == 5


def test_ranks_see_disjoint_scenes_and_every_test_scene_once(example_root, make_cfg):
    cfg = make_cfg(example_root, stage="test")
    per_rank = []
    for rank in range(2):
        dataset = get_dataset(cfg, "test", global_rank=rank, world_size=2)
        per_rank.append([example["scene"] for example in dataset])
        assert len(dataset) == len(per_rank[-1])
    assert not set(per_rank[0]) & set(per_rank[1])
    assert sorted(per_rank[0] + per_rank[1]) == [f"test_{i:05d}_0" for i in range(5)]
    train_cfg = make_cfg(example_root, augment=False)
    seen = []
    for rank in range(2):
        torch.manual_seed(11)  # the same shared chunk order on both "ranks"
        dataset = get_dataset(train_cfg, "train", global_rank=rank, world_size=2)
        iterator = iter(dataset)
        seen.append({next(iterator)["scene"] for _ in range(2)})
    assert not seen[0] & seen[1] and len(seen[0] | seen[1]) == 4


def test_vggt_pose_source_rebases_and_uses_depth_range(example_root, make_cfg):
    from splatbench.data.chunks import read_chunk

    cfg = make_cfg(example_root, stage="test", pose_source="vggt", near_far_source="depth_range")
    example = next(iter(get_dataset(cfg, "test")))
    assert torch.allclose(example["context"]["extrinsics"][0], torch.eye(4), atol=1e-5)
    scene = next(s for s in read_chunk(example_root / "test" / "000000.torch") if s["key"] == example["scene"])
    indices = example["context"]["index"]
    assert torch.equal(example["context"]["far"], scene["depth"][indices, 0])
    assert torch.equal(example["context"]["near"], scene["depth"][indices, 1])
    gt = next(iter(get_dataset(make_cfg(example_root, stage="test"), "test")))
    # Same intrinsics; relative poses agree up to the VGGT-like scale and small perturbation.
    assert torch.equal(gt["context"]["intrinsics"], example["context"]["intrinsics"])
    relative_gt = torch.linalg.inv(gt["context"]["extrinsics"][0]) @ gt["context"]["extrinsics"][1]
    relative_vggt = example["context"]["extrinsics"][1]
    assert torch.allclose(relative_gt[:3, :3], relative_vggt[:3, :3], atol=0.02)


def test_vggt_on_plain_chunks_is_a_clear_error_naming_chunk_and_scene(tmp_path, example_root, make_cfg, caplog):
    from splatbench.data.chunks import read_chunk, write_chunk

    scenes = read_chunk(example_root / "test" / "000000.torch")
    for scene in scenes:
        del scene["vggt_camera"]
    write_chunk(tmp_path / "test" / "000000.torch", scenes)
    cfg = make_cfg(tmp_path, stage="test", pose_source="vggt")
    cfg.view_sampler.index_path = str(example_root / "evaluation_index.json")
    dataset = get_dataset(cfg, "test")
    assert [e for e in dataset if "__skipped__" not in e] == []
    assert dataset.skips.counts["missing:vggt_camera"] == 2
    assert f"{tmp_path / 'test' / '000000.torch'}: scene test_00000_0: field vggt_camera: missing key" in caplog.text
    with pytest.raises(ValueError, match="pose_source"):
        get_dataset(make_cfg(tmp_path, pose_source="no_such_source"), "train")


def test_validation_loader_yields_one_example(example_root, make_cfg):
    module = DataModule(make_cfg(example_root), _loader_cfg(0))
    batches = list(module.val_dataloader())
    assert len(batches) == 1 and batches[0]["context"]["image"].shape[1] == 2


def test_depth_maps_follow_the_crop(example_root, make_cfg):
    cfg = make_cfg(example_root, stage="test", load_depth_maps=True, image_shape=[48, 48])
    example = next(iter(get_dataset(cfg, "test")))
    assert example["context"]["depth"].shape == (2, 48, 48)
    assert float(example["context"]["depth"].min()) > 0
    assert isinstance(DataError("f", "s", "x", "r"), ValueError)


def test_chunk_interval_overfit_and_index_loading(example_root, make_cfg):
    # Test chunks hold scenes (0, 1), (2, 3), (4,): every second chunk keeps 0, 1, 4.
    cfg = make_cfg(example_root, stage="test", test_chunk_interval=2)
    assert [e["scene"] for e in get_dataset(cfg, "test")] == ["test_00000_0", "test_00001_0", "test_00004_0"]
    assert len(get_dataset(cfg, "test")) == 3
    cfg = make_cfg(example_root, stage="test", test_len=2)
    assert [e["scene"] for e in get_dataset(cfg, "test")] == ["test_00000_0", "test_00001_0"]
    cfg = make_cfg(example_root, stage="test", use_index_to_load_chunk=True)
    assert len([e for e in get_dataset(cfg, "test")]) == 5
    overfit = make_cfg(example_root, overfit_to_scene="test_00003_0")
    dataset = get_dataset(overfit, "train")
    scenes = [next(iter(dataset))["scene"] for _ in range(3)]
    assert scenes == ["test_00003_0"] * 3


@pytest.mark.parametrize("image_shape", [[48, 64], [64, 48], [40, 40]])
def test_processed_views_stay_geometrically_consistent(example_root, make_cfg, image_shape):
    """After crop/resize (intrinsics update) and random flips (reflected extrinsics), a context
    pixel unprojected with its depth lands on the same colour in the other context view."""
    cfg = make_cfg(example_root, image_shape=image_shape, load_depth_maps=True)
    torch.manual_seed(4)
    dataset = get_dataset(cfg, "train")
    height, width = image_shape
    checked = 0
    # the training stream repeats epochs; one epoch is len(dataset) examples
    for example in itertools.islice(dataset, len(dataset)):
        views = example["context"]
        ys, xs = torch.meshgrid(torch.arange(2, height - 2, 3), torch.arange(2, width - 2, 3), indexing="ij")
        pixels = torch.stack([(xs + 0.5) / width, (ys + 0.5) / height, torch.ones(xs.shape)], -1).reshape(-1, 3).double()
        k, c2w = views["intrinsics"].double(), views["extrinsics"].double()
        depth = views["depth"][0].double()[ys.reshape(-1), xs.reshape(-1)]
        world = (pixels @ torch.linalg.inv(k[0]).T) * depth[:, None] @ c2w[0, :3, :3].T + c2w[0, :3, 3]
        w2c = torch.linalg.inv(c2w[1])
        camera = world @ w2c[:3, :3].T + w2c[:3, 3]
        projected = (camera / camera[:, 2:]) @ k[1].T
        column, row = (projected[:, 0] * width).floor().long(), (projected[:, 1] * height).floor().long()
        valid = (column >= 0) & (column < width) & (row >= 0) & (row < height) & (camera[:, 2] > 0)
        source = views["image"][0][:, ys.reshape(-1), xs.reshape(-1)][:, valid]
        target = views["image"][1][:, row[valid], column[valid]]
        agreement = ((source - target).abs().max(0).values < 0.15).float().mean()
        assert valid.sum() > 30 and agreement > 0.7, float(agreement)
        checked += 1
    assert checked == 4


@pytest.mark.parametrize("world_size", [3, 8])
def test_training_shards_by_scene_across_chunks_and_no_rank_runs_dry(example_root, make_cfg, world_size):
    """4 training scenes in 2 chunks: with more ranks than chunks the deal is by scene, counted across
    chunks (counting within each chunk left ranks 2+ without data, and DDP waited on them forever);
    with more ranks than scenes, ranks share scenes rather than get none."""
    first = []
    for rank in range(world_size):
        dataset = get_dataset(make_cfg(example_root), "train", global_rank=rank, world_size=world_size)
        first.append(next(iter(dataset))["scene"])
    assert set(first) <= {f"train_{i:05d}_0" for i in range(4)}
    if world_size == 3:
        # one epoch deals disjoint scenes to the ranks
        assert len(set(first)) == 3, first
    else:
        # 8 ranks over 4 scenes: ranks r and r + 4 share a scene
        assert first[:4] == first[4:] and len(set(first)) == 4, first
