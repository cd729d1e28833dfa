"""DL3DV reader (N context views, sorted indices) and the data module inside a Lightning Trainer."""

from __future__ import annotations

import itertools

import pytest
import torch

from splatbench.data.config import DataLoaderCfg, DataLoaderStageCfg, DatasetDL3DVCfg, ViewSamplerBoundedV2Cfg
from splatbench.data.datasets import get_dataset
from splatbench.data.step_tracker import StepTracker


def _dl3dv_cfg(root, **overrides) -> DatasetDL3DVCfg:
    sampler = ViewSamplerBoundedV2Cfg(
        num_context_views=4, num_target_views=3, min_distance_between_context_views=8, max_distance_between_context_views=16,
        extra_views_sampling_strategy="farthest_point", target_views_replace_sample=False,
    )
    options = dict(roots=[str(root)], image_shape=[64, 64], ori_image_shape=[64, 64], view_sampler=sampler, min_views=2, max_views=4)
    options.update(overrides)
    return DatasetDL3DVCfg(**options)


def test_dl3dv_random_context_count_and_sorted_indices(example_root):
    dataset = get_dataset(_dl3dv_cfg(example_root), "train")
    counts = set()
    for _ in range(3):
        for example in itertools.islice(dataset, len(dataset)):  # one epoch of the repeating stream
            context, target = example["context"]["index"], example["target"]["index"]
            counts.add(len(context))
            assert torch.equal(context, context.sort()[0]) and torch.equal(target, target.sort()[0])
            assert example["context"]["image"].shape == (len(context), 3, 64, 64)
            assert len(set(target.tolist())) == 3
    assert counts <= {2, 3, 4} and len(counts) >= 2
    test = get_dataset(_dl3dv_cfg(example_root, test_times_per_scene=2), "test")
    scenes = [example["scene"] for example in test if "__skipped__" not in example]
    assert scenes == [f"test_{i:05d}_0" for i in range(5) for _ in range(2)]
    assert all(len(e["context"]["index"]) == 4 for e in test if "__skipped__" not in e)


@pytest.mark.filterwarnings("ignore")
def test_data_module_in_a_lightning_trainer(example_root, make_cfg, tmp_path):
    import pytorch_lightning as pl

    from splatbench.data.data_module import DataModule
    from splatbench.data.shims import apply_patch_shim

    tracker = StepTracker()
    seen = {"train": [], "test": [], "steps": []}

    class Probe(pl.LightningModule):
        def __init__(self):
            super().__init__()
            self.weight = torch.nn.Parameter(torch.zeros(()))

        def training_step(self, batch, batch_idx):
            tracker.set_step(self.global_step)
            seen["train"].append(batch["context"]["image"].shape)
            return (self.weight - batch["context"]["image"].mean()) ** 2

        def validation_step(self, batch, batch_idx):
            pass

        def test_step(self, batch, batch_idx):
            seen["test"].append((batch["scene"][0], batch["context"]["image"].shape))

        def configure_optimizers(self):
            return torch.optim.SGD(self.parameters(), lr=0.1)

    stage = DataLoaderStageCfg(batch_size=1, num_workers=0, persistent_workers=False, seed=3)
    loaders = DataLoaderCfg(train=stage, test=stage, val=stage)
    module = DataModule(
        make_cfg(example_root, image_shape=[60, 60], ori_image_shape=[64, 64]), loaders, tracker,
        data_shim=lambda batch: apply_patch_shim(batch, 16),
    )
    trainer = pl.Trainer(
        max_steps=3, accelerator="cpu", devices=1, logger=False, enable_checkpointing=False,
        enable_progress_bar=False, enable_model_summary=False, num_sanity_val_steps=1, val_check_interval=2,
        default_root_dir=tmp_path,
    )
    trainer.fit(Probe(), datamodule=module)
    assert seen["train"] == [torch.Size([1, 2, 3, 48, 48])] * 3  # 60x60 patch-cropped to 48x48
    assert tracker.get_step() == 2
    test_module = DataModule(make_cfg(example_root, stage="test"), loaders)
    trainer.test(Probe(), datamodule=test_module, verbose=False)
    assert [scene for scene, _ in seen["test"]] == [f"test_{i:05d}_0" for i in range(5)]
