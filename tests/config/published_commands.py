"""Command lines published by DepthSplat, MVSplat and the "Benchmarking Feed-Forward 3DGS" study.

Each entry: (label, override list as the user types it after ``python -m src.main``).
"""

from __future__ import annotations

import shlex


def _split(text: str) -> list[str]:
    return shlex.split(text.replace("\\\n", " "))


STUDY_EVAL = _split(
    """+experiment=re10k dataset.test_chunk_interval=1 model.encoder.upsample_factor=4 \\
    model.encoder.lowest_feature_resolution=4 checkpointing.pretrained_model=pretrained/epoch_212-step_277951.ckpt \\
    mode=test dataset/view_sampler=evaluation dataset.view_sampler.index_path=assets/evaluation_index_re10k.json \\
    test.save_input_images=true test.save_gt_image=true test.save_image=true"""
)

STUDY_FINETUNE = _split(
    """+experiment=re10k data_loader.train.batch_size=1 dataset.test_chunk_interval=10 \\
    trainer.max_steps=4800000 model.encoder.gaussian_adapter.gaussian_scale_max=0.3 \\
    model.encoder.upsample_factor=4 model.encoder.lowest_feature_resolution=4 \\
    checkpointing.pretrained_model=pretrained/depthsplat-gs-small-re10k-256x256-view2-cfeab6b1.pth \\
    output_dir=checkpoints/re10k-256x256-depthsplat-small checkpointing.every_n_train_steps=100000 checkpointing.resume=False"""
)

STUDY_OVERLAP_EVAL = [
    STUDY_EVAL[:-3] + [f"dataset.view_sampler.index_path=assets/evaluation_index_re10k_{split}.json"]
    for split in ("high", "medium", "small", "ignore")
]

TRAIN_SMALL = _split(
    """+experiment=re10k data_loader.train.batch_size=8 dataset.test_chunk_interval=10 trainer.max_steps=150000 \\
    model.encoder.upsample_factor=4 model.encoder.lowest_feature_resolution=4 \\
    checkpointing.pretrained_monodepth=pretrained/depth_anything_v2_vits.pth \\
    checkpointing.pretrained_mvdepth=pretrained/gmflow-scale1-things-e9887eda.pth \\
    output_dir=checkpoints/re10k-256x256-depthsplat-small"""
)

TRAIN_SMALL_RESUME = _split(
    """+experiment=re10k data_loader.train.batch_size=8 dataset.test_chunk_interval=10 trainer.max_steps=150000 \\
    model.encoder.upsample_factor=4 model.encoder.lowest_feature_resolution=4 checkpointing.resume=true \\
    wandb.id=WANDB_ID output_dir=checkpoints/re10k-256x256-depthsplat-small"""
)

TRAIN_BASE = _split(
    """+experiment=re10k data_loader.train.batch_size=8 dataset.test_chunk_interval=10 trainer.max_steps=150000 \\
    model.encoder.num_scales=2 model.encoder.upsample_factor=2 model.encoder.lowest_feature_resolution=4 \\
    model.encoder.monodepth_vit_type=vitb checkpointing.pretrained_monodepth=pretrained/depth_anything_v2_vitb.pth \\
    checkpointing.pretrained_mvdepth=pretrained/gmflow-scale1-things-e9887eda.pth \\
    output_dir=checkpoints/re10k-256x256-depthsplat-base"""
)

TRAIN_LARGE = [o.replace("vitb", "vitl").replace("-base", "-large") for o in TRAIN_BASE]

TRAIN_RE10K_448_FOR_DL3DV = _split(
    """+experiment=re10k data_loader.train.batch_size=8 dataset.test_chunk_interval=10 dataset.image_shape=[256,448] \\
    trainer.max_steps=150000 trainer.num_nodes=8 model.encoder.num_scales=2 model.encoder.upsample_factor=4 \\
    model.encoder.lowest_feature_resolution=8 model.encoder.monodepth_vit_type=vitb \\
    checkpointing.pretrained_monodepth=pretrained/depth_anything_v2_vitb.pth \\
    checkpointing.pretrained_mvdepth=pretrained/gmflow-scale1-things-e9887eda.pth \\
    output_dir=checkpoints/re10k-256x448-depthsplat-base"""
)

TRAIN_DL3DV = _split(
    """+experiment=dl3dv data_loader.train.batch_size=1 dataset.roots=[datasets/dl3dv] \\
    dataset.view_sampler.num_target_views=8 dataset.view_sampler.num_context_views=6 dataset.min_views=2 \\
    dataset.max_views=6 trainer.max_steps=100000 trainer.num_nodes=2 model.encoder.num_scales=2 \\
    model.encoder.upsample_factor=4 model.encoder.lowest_feature_resolution=8 model.encoder.monodepth_vit_type=vitb \\
    checkpointing.pretrained_model=pretrained/depthsplat-gs-base-re10k-256x448-view2-76a0605a.pth \\
    wandb.project=depthsplat output_dir=checkpoints/dl3dv-256x448-depthsplat-base-randview2-6"""
)

DEPTH_RE10K_2V = _split(
    """+experiment=re10k dataset.test_chunk_interval=10 mode=test dataset/view_sampler=evaluation \\
    dataset.image_shape=[352,640] test.compute_scores=false dataset.view_sampler.num_context_views=2 \\
    model.encoder.num_scales=2 model.encoder.upsample_factor=4 model.encoder.lowest_feature_resolution=8 \\
    model.encoder.monodepth_vit_type=vitb train.forward_depth_only=true \\
    checkpointing.pretrained_depth=pretrained/depthsplat-depth-base-352x640-randview2-8-65a892c5.pth \\
    test.compute_scores=false test.save_depth=true test.save_depth_concat_img=true \\
    output_dir=outputs/depthsplat-depth-base-re10k"""
)

DEPTH_RE10K_6V = _split(
    """+experiment=dl3dv dataset.test_chunk_interval=10 mode=test dataset.roots=[datasets/re10k] \\
    dataset/view_sampler=evaluation dataset.view_sampler.num_context_views=6 \\
    dataset.view_sampler.index_path=assets/re10k_ctx_6v_video.json dataset.image_shape=[352,640] \\
    dataset.ori_image_shape=[360,640] model.encoder.num_scales=2 model.encoder.upsample_factor=4 \\
    model.encoder.lowest_feature_resolution=8 model.encoder.monodepth_vit_type=vitb train.forward_depth_only=true \\
    checkpointing.pretrained_depth=pretrained/depthsplat-depth-base-352x640-randview2-8-65a892c5.pth \\
    test.compute_scores=false test.save_depth=true test.save_depth_concat_img=true \\
    output_dir=outputs/depthsplat-depth-base-re10k-view6"""
)

DEPTH_DL3DV_12V = _split(
    """+experiment=dl3dv dataset.test_chunk_interval=1 mode=test dataset.roots=[datasets/dl3dv_960p] \\
    dataset/view_sampler=evaluation dataset.image_shape=[512,960] dataset.ori_image_shape=[540,960] \\
    dataset.view_sampler.num_context_views=12 \\
    dataset.view_sampler.index_path=assets/dl3dv_start_0_distance_100_ctx_12v_video.json \\
    model.encoder.num_scales=2 model.encoder.upsample_factor=4 model.encoder.lowest_feature_resolution=8 \\
    model.encoder.monodepth_vit_type=vitb train.forward_depth_only=true \\
    checkpointing.pretrained_depth=pretrained/depthsplat-depth-base-352x640-randview2-8-65a892c5.pth \\
    test.compute_scores=false test.save_depth=true test.save_depth_concat_img=true \\
    output_dir=outputs/depthsplat-depth-base-dl3dv-view12"""
)

EVAL_LARGE_RE10K = _split(
    """+experiment=re10k dataset.test_chunk_interval=1 model.encoder.num_scales=2 model.encoder.upsample_factor=2 \\
    model.encoder.lowest_feature_resolution=4 model.encoder.monodepth_vit_type=vitl \\
    checkpointing.pretrained_model=pretrained/depthsplat-gs-large-re10k-256x256-view2-e0f0f27a.pth \\
    mode=test dataset/view_sampler=evaluation"""
)

EVAL_DL3DV_6V = _split(
    """+experiment=dl3dv mode=test dataset/view_sampler=evaluation dataset.view_sampler.num_context_views=6 \\
    dataset.view_sampler.index_path=assets/dl3dv_start_0_distance_50_ctx_6v_video_0_50.json \\
    model.encoder.num_scales=2 model.encoder.upsample_factor=4 model.encoder.lowest_feature_resolution=8 \\
    model.encoder.monodepth_vit_type=vitb"""
)

EVAL_HIGHRES_SMALL = _split(
    """+experiment=dl3dv dataset.test_chunk_interval=1 dataset.roots=[datasets/dl3dv_960p] \\
    dataset.image_shape=[512,960] dataset.ori_image_shape=[540,960] model.encoder.upsample_factor=8 \\
    model.encoder.lowest_feature_resolution=8 model.encoder.gaussian_adapter.gaussian_scale_max=0.1 \\
    checkpointing.pretrained_model=pretrained/depthsplat-gs-small-re10kdl3dv-448x768-randview4-10-c08188db.pth \\
    mode=test dataset/view_sampler=evaluation"""
)

# MVSplat's README (donydchen/mvsplat), with its experiment names prefixed by "mvsplat/" (its
# "+experiment=re10k" is DepthSplat's here). The DTU line is the cross-dataset test of the RE10K
# model: each DTU scene runs 4 times (dataset.test_times_per_scene=4 in mvsplat/dtu).
MVSPLAT_RE10K_TEST = _split(
    """+experiment=mvsplat/re10k checkpointing.load=checkpoints/re10k.ckpt mode=test \\
    dataset/view_sampler=evaluation test.compute_scores=true"""
)
MVSPLAT_ACID_TEST = _split(
    """+experiment=mvsplat/acid checkpointing.load=checkpoints/acid.ckpt mode=test dataset/view_sampler=evaluation \\
    dataset.view_sampler.index_path=assets/evaluation_index_acid.json test.compute_scores=true"""
)
MVSPLAT_RE10K_VIDEO = _split(
    """+experiment=mvsplat/re10k checkpointing.load=checkpoints/re10k.ckpt mode=test dataset/view_sampler=evaluation \\
    dataset.view_sampler.index_path=assets/evaluation_index_re10k_video.json test.save_video=true \\
    test.save_image=false test.compute_scores=false"""
)
MVSPLAT_ABLATION_BASE = _split(
    """+experiment=mvsplat/re10k checkpointing.load=checkpoints/ablations/re10k_worefine.ckpt mode=test \\
    dataset/view_sampler=evaluation test.compute_scores=true wandb.name=abl/re10k_base model.encoder.wo_depth_refine=true"""
)
MVSPLAT_DTU_TEST = _split(
    """+experiment=mvsplat/dtu checkpointing.load=checkpoints/re10k.ckpt mode=test dataset/view_sampler=evaluation \\
    dataset.view_sampler.index_path=assets/evaluation_index_dtu_nctx2.json test.compute_scores=true"""
)
MVSPLAT_TRAIN = _split("+experiment=mvsplat/re10k data_loader.train.batch_size=14")

PUBLISHED: dict[str, list[str]] = {
    "study_eval": STUDY_EVAL,
    "study_finetune": STUDY_FINETUNE,
    **{f"study_overlap_{i}": c for i, c in enumerate(STUDY_OVERLAP_EVAL)},
    "train_small": TRAIN_SMALL,
    "train_small_resume": TRAIN_SMALL_RESUME,
    "train_base": TRAIN_BASE,
    "train_large": TRAIN_LARGE,
    "train_re10k_448": TRAIN_RE10K_448_FOR_DL3DV,
    "train_dl3dv": TRAIN_DL3DV,
    "depth_re10k_2v": DEPTH_RE10K_2V,
    "depth_re10k_6v": DEPTH_RE10K_6V,
    "depth_dl3dv_12v": DEPTH_DL3DV_12V,
    "eval_large_re10k": EVAL_LARGE_RE10K,
    "eval_dl3dv_6v": EVAL_DL3DV_6V,
    "eval_highres_small": EVAL_HIGHRES_SMALL,
    "mvsplat_re10k_test": MVSPLAT_RE10K_TEST,
    "mvsplat_acid_test": MVSPLAT_ACID_TEST,
    "mvsplat_re10k_video": MVSPLAT_RE10K_VIDEO,
    "mvsplat_ablation_base": MVSPLAT_ABLATION_BASE,
    "mvsplat_dtu_test": MVSPLAT_DTU_TEST,
    "mvsplat_train": MVSPLAT_TRAIN,
}
