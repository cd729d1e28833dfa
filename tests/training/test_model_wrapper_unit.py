"""ModelWrapper with fake components: optimizer groups, intermediate loss, NaN guard, test outputs."""

from __future__ import annotations

import json
import math

import pytest
import pytorch_lightning as pl
import torch

from splatbench.training.config import OptimizerCfg, TrainCfg
from splatbench.training.config import TestCfg as EvalCfg
from splatbench.training.model_wrapper import (
    ModelWrapper,
    NonFiniteLossError,
    PendingFlags,
    device_side_skip,
    split_gaussians_by_scale,
)
from splatbench.training.optimizer import build_optimizer, freeze_parameters
from tests.training.fakes import FakeDecoder, FakeEncoder, FakeMse, fake_loader, make_example


def make_wrapper(tmp_path, scales=1, train_cfg=None, test_cfg=None, loss=None) -> ModelWrapper:
    return ModelWrapper(
        OptimizerCfg(lr=1e-2, lr_monodepth=1e-3),
        test_cfg or EvalCfg(output_path=str(tmp_path / "metrics")),
        train_cfg or TrainCfg(),
        FakeEncoder(scales),
        None,
        FakeDecoder(),
        [loss or FakeMse()],
        output_dir=tmp_path,
    )


def quiet_trainer(tmp_path, **kwargs) -> pl.Trainer:
    defaults = dict(
        accelerator="cpu",
        devices=1,
        logger=False,
        enable_checkpointing=False,
        enable_progress_bar=False,
        enable_model_summary=False,
        default_root_dir=str(tmp_path),
    )
    return pl.Trainer(**{**defaults, **kwargs})


def test_two_param_groups_and_one_cycle_schedule():
    module = FakeEncoder()
    optimizer, scheduler = build_optimizer(module, OptimizerCfg(lr=2e-4, lr_monodepth=2e-6, weight_decay=0.01), 990)
    vit, rest = optimizer.param_groups
    assert {id(p) for p in vit["params"]} == {id(p) for p in module.pretrained.parameters()}
    assert len(rest["params"]) == 2 and rest["weight_decay"] == 0.01
    # OneCycleLR starts at max_lr / 25 and peaks after 1 % of (max_steps + 10) steps.
    assert vit["lr"] == pytest.approx(2e-6 / 25) and rest["lr"] == pytest.approx(2e-4 / 25)
    for _ in range(9):
        optimizer.step()
        scheduler.step()
    assert rest["lr"] == pytest.approx(2e-4)
    with pytest.raises(ValueError, match="trainer.max_steps"):
        build_optimizer(module, OptimizerCfg(), -1)


def test_freeze_by_name_substring():
    module = FakeEncoder()
    assert freeze_parameters(module, ["pretrained"]) == 2
    assert not any(p.requires_grad for p in module.pretrained.parameters())
    assert all(p.requires_grad for p in module.mix.parameters())


def test_split_gaussians_by_scale_keeps_final_last():
    batch = torch.utils.data.default_collate([make_example(0), make_example(1)])
    stacked = FakeEncoder(scales=3)(batch["context"], 0)["gaussians"]
    final, intermediates = split_gaussians_by_scale(stacked, 2)
    assert final.means.shape[0] == 2 and len(intermediates) == 2
    assert torch.equal(final.harmonics, stacked.harmonics[4:])


@pytest.mark.filterwarnings("ignore:You are trying to")
def test_intermediate_loss_weighting(tmp_path):
    batch = torch.utils.data.default_collate([make_example(0)])
    wrapper = make_wrapper(tmp_path, scales=2, train_cfg=TrainCfg(intermediate_loss_weight=0.9))
    total = wrapper.training_step(batch, 0)
    single = make_wrapper(tmp_path, scales=1)
    single.encoder.load_state_dict(wrapper.encoder.state_dict())
    final_loss = single.training_step(batch, 0)
    # intermediate colour is the final one + 0.1 everywhere
    encoded = wrapper.encoder(batch["context"], 0)["gaussians"]
    final, (coarse,) = split_gaussians_by_scale(encoded, 1)
    coarse_color = FakeDecoder()(coarse, batch["target"]["extrinsics"], None, None, None, (32, 32)).color
    coarse_loss = ((coarse_color - batch["target"]["image"]) ** 2).mean()
    assert total.item() == pytest.approx(final_loss.item() + 0.9 * coarse_loss.item(), rel=1e-6)


def test_nonfinite_loss_is_skipped_and_counted(tmp_path):
    loss = FakeMse()
    loss.nan_steps = {2, 3}
    wrapper = make_wrapper(tmp_path, loss=loss, train_cfg=TrainCfg(max_consecutive_nonfinite_losses=3))
    snapshots = {}

    class Snapshot(pl.Callback):
        def on_train_batch_start(self, trainer, module, batch, batch_idx):
            snapshots[trainer.global_step] = module.encoder.mix.weight.detach().clone()

    trainer = quiet_trainer(tmp_path, max_steps=6, callbacks=[Snapshot()], gradient_clip_val=0.5)
    trainer.fit(wrapper, train_dataloaders=fake_loader(8))
    assert wrapper.nonfinite_steps_skipped == 2
    assert torch.equal(snapshots[2], snapshots[3]) and torch.equal(snapshots[3], snapshots[4])
    assert not torch.equal(snapshots[1], snapshots[2])
    assert all(torch.isfinite(p).all() for p in wrapper.parameters())


def test_repeated_nonfinite_losses_stop_the_run(tmp_path):
    loss = FakeMse()
    loss.nan_steps = set(range(2, 100))
    wrapper = make_wrapper(tmp_path, loss=loss, train_cfg=TrainCfg(max_consecutive_nonfinite_losses=3))
    trainer = quiet_trainer(tmp_path, max_steps=20)
    with pytest.raises(NonFiniteLossError, match="3 consecutive non-finite losses"):
        trainer.fit(wrapper, train_dataloaders=fake_loader(30))
    assert wrapper.nonfinite_steps_skipped == 3


class FusedAdamWrapper(ModelWrapper):
    """The real AdamW with ``fused=True`` on the CPU too (build_optimizer fuses on CUDA only), so the
    device-side skip of ``train.step_guard=async`` runs here."""

    def configure_optimizers(self):
        optimizer = torch.optim.AdamW(self.parameters(), lr=1e-2, weight_decay=0.01, fused=True)
        return {"optimizer": optimizer}


def run_guarded(tmp_path, guard: str, nan_steps: set[int], max_steps: int, limit: int = 3):
    loss = FakeMse()
    loss.nan_steps = set(nan_steps)
    torch.manual_seed(0)
    wrapper = FusedAdamWrapper(
        OptimizerCfg(), EvalCfg(output_path=str(tmp_path / "metrics")),
        TrainCfg(max_consecutive_nonfinite_losses=limit, step_guard=guard),
        FakeEncoder(), None, FakeDecoder(), [loss], output_dir=tmp_path,
    )  # fmt: skip
    snapshots, read_backs = {}, []

    class Snapshot(pl.Callback):
        def on_train_batch_start(self, trainer, module, batch, batch_idx):
            snapshots[trainer.global_step] = module.encoder.mix.weight.detach().clone()

    original_read = PendingFlags.read

    def counting_read(self):
        read_backs.append(wrapper.global_step)
        return original_read(self)

    trainer = quiet_trainer(tmp_path / guard, max_steps=max_steps, callbacks=[Snapshot()], gradient_clip_val=0.5)
    PendingFlags.read = counting_read
    try:
        trainer.fit(wrapper, train_dataloaders=fake_loader(max_steps + 2))
    finally:
        PendingFlags.read = original_read
    return wrapper, snapshots, read_backs


@pytest.mark.filterwarnings("ignore:You are trying to")
@pytest.mark.filterwarnings("ignore:Trying to infer")
def test_async_step_guard_skips_like_the_synchronous_one(tmp_path):
    """Oracle: the synchronous guard (gradients dropped on the host) with the same fused AdamW: the
    device-side skip gives bit-identical weights, AdamW moments and step counts, and the same count
    of skipped steps (booked one step late, the last one at the end of training)."""
    sync, sync_snapshots, _ = run_guarded(tmp_path, "sync", {2, 3, 5}, max_steps=6)
    fused, fused_snapshots, read_backs = run_guarded(tmp_path, "async", {2, 3, 5}, max_steps=6)
    assert sync.nonfinite_steps_skipped == fused.nonfinite_steps_skipped == 3
    assert torch.equal(fused_snapshots[2], fused_snapshots[4]) and not torch.equal(fused_snapshots[1], fused_snapshots[2])
    for step in sync_snapshots:
        assert torch.equal(sync_snapshots[step], fused_snapshots[step]), step
    for p_sync, p_fused in zip(sync.parameters(), fused.parameters()):
        assert torch.equal(p_sync, p_fused)
    sync_state = sync.trainer.optimizers[0].state
    fused_state = fused.trainer.optimizers[0].state
    for p_sync, p_fused in zip(sync.parameters(), fused.parameters()):
        assert sync_state[p_sync].keys() == fused_state[p_fused].keys()  # empty for a parameter without gradient
        for key in sync_state[p_sync]:
            assert torch.equal(sync_state[p_sync][key], fused_state[p_fused][key]), key
    # Each step's decision read back in the next step's hook (global step then +1), the last at the end.
    assert read_backs == [1, 2, 3, 4, 5, 6]


@pytest.mark.filterwarnings("ignore:You are trying to")
@pytest.mark.filterwarnings("ignore:Trying to infer")
def test_async_step_guard_stops_after_the_limit(tmp_path):
    with pytest.raises(NonFiniteLossError, match="3 consecutive non-finite losses"):
        run_guarded(tmp_path, "async", set(range(2, 100)), max_steps=20, limit=3)
    # The last step's decision counts too: stopping on it at the end of training.
    with pytest.raises(NonFiniteLossError, match="3 consecutive non-finite losses"):
        run_guarded(tmp_path, "async", {3, 4, 5}, max_steps=6, limit=3)


def test_device_side_skip_needs_a_fused_adam():
    parameters = [torch.nn.Parameter(torch.ones(2))]
    assert device_side_skip(torch.optim.AdamW(parameters, fused=True))
    assert not device_side_skip(torch.optim.AdamW(parameters))
    assert not device_side_skip(torch.optim.SGD(parameters, lr=0.1))


def test_test_step_writes_reference_layout(tmp_path):
    test_cfg = EvalCfg(
        output_path=str(tmp_path / "metrics"), save_image=True, save_gt_image=True, save_input_images=True, eval_time_skip_steps=1
    )
    wrapper = make_wrapper(tmp_path, test_cfg=test_cfg)
    quiet_trainer(tmp_path).test(wrapper, dataloaders=fake_loader(3))
    scene_dir = tmp_path / "images" / "scene001" / "color"
    assert sorted(p.name for p in scene_dir.iterdir()) == sorted(
        ["input_000010.png", "input_000011.png", "000012.png", "000012_gt.png", "000013.png", "000013_gt.png"]
    )
    metrics = tmp_path / "metrics"
    avg = json.loads((metrics / "scores_all_avg.json").read_text())
    assert set(avg) == {"psnr", "ssim", "lpips", "encoder", "decoder"}
    psnrs = json.loads((metrics / "scores_psnr_all.json").read_text())
    assert len(psnrs) == 3 and avg["psnr"] == pytest.approx(sum(psnrs) / 3)
    # one call skipped for timing: 2 encoder calls left, 2 targets each -> 4 decoder entries
    assert avg["encoder"][0] == 2 and avg["decoder"][0] == 4
    bench = json.loads((metrics / "benchmark.json").read_text())
    assert len(bench["encoder"]) == 3 and len(bench["decoder"]) == 6
    assert isinstance(json.loads((metrics / "peak_memory.json").read_text()), int)
    rows = (metrics / "scores_per_scene.csv").read_text().splitlines()
    assert rows[0] == "scene,context_indices,target_indices,psnr,ssim,lpips"
    assert rows[2].startswith("scene001,10 11,12 13,")
    counts = json.loads((metrics / "scene_counts.json").read_text())
    assert counts["evaluated"] == 3 and counts["skipped"] == 0
    assert all(math.isfinite(v) for v in psnrs)


def test_periodic_and_final_checkpoints_are_atomic_and_named_like_the_reference(tmp_path):
    from splatbench.training.checkpointing import AtomicCheckpointIO, FinalCheckpoint, make_checkpoint_callback
    from splatbench.training.config import CheckpointingCfg

    periodic = make_checkpoint_callback(tmp_path, CheckpointingCfg(every_n_train_steps=4, save_top_k=5))
    trainer = quiet_trainer(
        tmp_path, max_steps=6, callbacks=[periodic, FinalCheckpoint(periodic)], enable_checkpointing=True,
        plugins=[AtomicCheckpointIO()],
    )
    trainer.fit(make_wrapper(tmp_path), train_dataloaders=fake_loader(4))
    # 4 batches per epoch: step 4 ends epoch 0, step 6 is the end of training in epoch 1
    assert sorted(p.name for p in (tmp_path / "checkpoints").iterdir()) == ["epoch_0-step_4.ckpt", "epoch_1-step_6.ckpt"]
    state = torch.load(tmp_path / "checkpoints" / "epoch_1-step_6.ckpt", weights_only=True)
    assert state["global_step"] == 6


def test_resume_restores_step_for_the_sampler_curriculum(tmp_path):
    from splatbench.data.step_tracker import StepTracker
    from splatbench.training.checkpointing import AtomicCheckpointIO, find_latest_checkpoint, make_checkpoint_callback
    from splatbench.training.config import CheckpointingCfg

    periodic = make_checkpoint_callback(tmp_path, CheckpointingCfg(every_n_train_steps=3))
    first = quiet_trainer(tmp_path, max_steps=3, callbacks=[periodic], enable_checkpointing=True, plugins=[AtomicCheckpointIO()])
    first.fit(make_wrapper(tmp_path), train_dataloaders=fake_loader(8))

    tracker = StepTracker()
    seen_by_data = []

    class RecordTracker(pl.Callback):
        def on_train_batch_start(self, trainer, module, batch, batch_idx):
            seen_by_data.append(tracker.get_step())

    wrapper = make_wrapper(tmp_path)
    wrapper.step_tracker = tracker
    second = quiet_trainer(tmp_path, max_steps=5, callbacks=[RecordTracker()], plugins=[AtomicCheckpointIO()])
    second.fit(wrapper, train_dataloaders=fake_loader(8), ckpt_path=find_latest_checkpoint(tmp_path / "checkpoints"))
    assert seen_by_data == [3, 4]
    assert second.global_step == 5


def test_validation_logs_reference_metric_names(tmp_path):
    wrapper = make_wrapper(tmp_path)
    (metrics,) = quiet_trainer(tmp_path).validate(wrapper, dataloaders=fake_loader(2))
    assert set(metrics) == {"val/psnr_val", "val/ssim_val", "val/lpips_val"}
    assert metrics["val/psnr_val"] > 0


def test_depth_outputs_and_forward_depth_only(tmp_path):
    import numpy as np

    test_cfg = EvalCfg(output_path=str(tmp_path / "metrics"), save_depth=True, save_depth_npy=True, save_depth_concat_img=True)
    wrapper = make_wrapper(tmp_path, test_cfg=test_cfg, train_cfg=TrainCfg(forward_depth_only=True))
    quiet_trainer(tmp_path).test(wrapper, dataloaders=fake_loader(1))
    depth_dir = tmp_path / "images" / "scene000" / "depth"
    assert sorted(p.name for p in depth_dir.iterdir()) == [
        "000000.npy", "000000.png", "000001.npy", "000001.png", "img_depth_scene000.png"
    ]
    assert np.load(depth_dir / "000000.npy").shape == (32, 32)
    from PIL import Image

    assert Image.open(depth_dir / "img_depth_scene000.png").size == (2 * 32, 2 * 32)
    # depth only: no image scores, only the encoder timing (as the reference)
    assert set(json.loads((tmp_path / "metrics" / "scores_all_avg.json").read_text())) == {"encoder"}


def test_save_gaussian_writes_3dgs_ply(tmp_path):
    from plyfile import PlyData

    from splatbench.training.ply_export import border_mask, scales_and_rotations_from_covariances

    test_cfg = EvalCfg(output_path=str(tmp_path / "metrics"), save_gaussian=True)
    quiet_trainer(tmp_path).test(make_wrapper(tmp_path, test_cfg=test_cfg), dataloaders=fake_loader(1))
    vertices = PlyData.read(str(tmp_path / "gaussians" / "scene000.ply"))["vertex"]
    # fakes: one Gaussian per pixel of the averaged context (not one per context pixel), so no trim
    assert len(vertices) == 32 * 32
    assert border_mask(2, 32, 32).sum() == 2 * 16 * 16 and border_mask(1, 16, 16).all()
    names = [p.name for p in vertices.properties]
    assert names[:9] == ["x", "y", "z", "nx", "ny", "nz", "f_dc_0", "f_dc_1", "f_dc_2"]
    assert names[-8:] == ["opacity", "scale_0", "scale_1", "scale_2", "rot_0", "rot_1", "rot_2", "rot_3"]
    # identity covariance -> unit scales (log 0), identity rotation (w = +-1)
    assert abs(vertices["scale_0"]).max() < 1e-6 and (abs(vertices["rot_0"]) > 0.999).all()

    rotation = torch.tensor([[0.0, -1, 0], [1, 0, 0], [0, 0, 1]])
    covariance = rotation @ torch.diag(torch.tensor([4.0, 1.0, 0.25])) @ rotation.T
    scales, quaternions = scales_and_rotations_from_covariances(covariance[None])
    from scipy.spatial.transform import Rotation

    rebuilt = torch.from_numpy(Rotation.from_quat(quaternions.numpy()).as_matrix()).float()
    assert torch.allclose(rebuilt @ torch.diag_embed(scales**2) @ rebuilt.transpose(1, 2), covariance[None], atol=1e-5)
