#!/usr/bin/env bash
# DepthSplat base model for DL3DV, as published upstream, in two stages:
#   stage1: RealEstate10K at 256x448, 2 views, 8 nodes x 4 GPUs x batch 8 x 150k steps (9.6M samples)
#   stage2: DL3DV fine-tuning from stage 1, a random number (2-6) of context views and 8 targets,
#           2 nodes x 4 GPUs x batch 1 x 100k steps (0.8M samples)
# Fewer GPUs: keep num_nodes x GPUs x batch x max_steps (splatbench.training.run.steps_for_total_samples).
# Multi-node: start the same command on every node with Lightning's environment
# (MASTER_ADDR, MASTER_PORT, NODE_RANK; SLURM is detected automatically).
#
# Usage: scripts/dl3dv_depthsplat_train.sh stage1|stage2|stage2-1gpu [extra overrides...]
set -euo pipefail

PYTHON=${PYTHON:-python}
stage=${1:-stage1}
shift || true

base_model=(
  model.encoder.num_scales=2
  model.encoder.upsample_factor=4
  model.encoder.lowest_feature_resolution=8
  model.encoder.monodepth_vit_type=vitb
)

dl3dv=(
  +experiment=dl3dv
  dataset.roots=[datasets/dl3dv]
  dataset.view_sampler.num_target_views=8
  dataset.view_sampler.num_context_views=6
  dataset.min_views=2
  dataset.max_views=6
  data_loader.train.batch_size=1
  checkpointing.pretrained_model=pretrained/depthsplat-gs-base-re10k-256x448-view2-76a0605a.pth
)

case "$stage" in
  stage1)
    args=(+experiment=re10k data_loader.train.batch_size=8 dataset.test_chunk_interval=10
          dataset.image_shape=[256,448] trainer.max_steps=150000 trainer.num_nodes=8
          "${base_model[@]}"
          checkpointing.pretrained_monodepth=pretrained/depth_anything_v2_vitb.pth
          checkpointing.pretrained_mvdepth=pretrained/gmflow-scale1-things-e9887eda.pth
          output_dir=checkpoints/re10k-256x448-depthsplat-base) ;;
  stage2)
    args=("${dl3dv[@]}" trainer.max_steps=100000 trainer.num_nodes=2 "${base_model[@]}"
          output_dir=checkpoints/dl3dv-256x448-depthsplat-base-randview2-6) ;;
  stage2-1gpu)  # the same 0.8M samples on one GPU: batch 1 x 800k steps
    args=("${dl3dv[@]}" trainer.max_steps=800000 trainer.devices=1 "${base_model[@]}"
          output_dir=checkpoints/dl3dv-256x448-depthsplat-base-randview2-6) ;;
  *) echo "usage: $0 stage1|stage2|stage2-1gpu [overrides...]" >&2; exit 2 ;;
esac

exec "$PYTHON" -m splatbench train "${args[@]}" "$@"
