#!/usr/bin/env bash
# The study's fine-tuning: the official DepthSplat small checkpoint on VGGT-processed RealEstate10K
# (poses and near/far from VGGT), 1 GPU x batch 1 x 4.8M steps = the reference's 4.8M samples,
# gaussian_scale_max 0.3, CNN backbone and DINOv2 ViT frozen, the fork's learning rates.
#
# Usage: scripts/finetune_vggt_re10k.sh [extra overrides...]   (e.g. checkpointing.resume=true)
set -euo pipefail

PYTHON=${PYTHON:-python}

exec "$PYTHON" -m splatbench train +experiment=re10k \
  dataset.roots=[datasets/vggt_re10k] \
  dataset.pose_source=vggt \
  dataset.near_far_source=depth_range \
  data_loader.train.batch_size=1 \
  dataset.test_chunk_interval=10 \
  trainer.max_steps=4800000 \
  trainer.devices=1 \
  model.encoder.gaussian_adapter.gaussian_scale_max=0.3 \
  model.encoder.upsample_factor=4 \
  model.encoder.lowest_feature_resolution=4 \
  optimizer.lr=1e-5 \
  optimizer.lr_monodepth=1e-6 \
  optimizer.weight_decay=0.0025 \
  checkpointing.no_strict_load=true \
  checkpointing.pretrained_model=pretrained/depthsplat-gs-small-re10k-256x256-view2-cfeab6b1.pth \
  'train.freeze=[encoder.depth_predictor.backbone,encoder.depth_predictor.pretrained]' \
  checkpointing.every_n_train_steps=100000 \
  output_dir=checkpoints/re10k-256x256-depthsplat-small \
  "$@"
