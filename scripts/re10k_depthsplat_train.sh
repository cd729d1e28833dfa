#!/usr/bin/env bash
# DepthSplat training on RealEstate10K (256x256, 2 context views), as published upstream.
#
# Budget invariant: GPUs x num_nodes x data_loader.train.batch_size x trainer.max_steps = samples seen.
# The published runs use 4 GPUs x 8 x 150k = 4.8M samples. Other hardware keeps that product:
#   4x 24 GB GPUs : batch 4 x 300k steps        1x 80 GB GPU : batch 8 x 600k steps
# `python -c "from splatbench.training.run import steps_for_total_samples as s; print(s(4_800_000, GPUS, BATCH))"`
# prints max_steps for any other setup. Lightning runs one DDP process per visible GPU.
#
# Usage: scripts/re10k_depthsplat_train.sh small|base|large|small-1gpu|small-4090 [extra overrides...]
# Needs pretrained/depth_anything_v2_vit{s,b,l}.pth and pretrained/gmflow-scale1-things-e9887eda.pth.
# After a crash, rerun the same command with checkpointing.resume=true (and wandb.id=ID to continue
# the same wandb run); it continues from the newest checkpoints/*.ckpt of output_dir.
set -euo pipefail

PYTHON=${PYTHON:-python}
model=${1:-small}
shift || true

common=(
  +experiment=re10k
  dataset.test_chunk_interval=10
  model.encoder.lowest_feature_resolution=4
  checkpointing.pretrained_mvdepth=pretrained/gmflow-scale1-things-e9887eda.pth
)

case "$model" in
  small)  # 4 GPUs x batch 8 x 150k steps
    args=(data_loader.train.batch_size=8 trainer.max_steps=150000
          model.encoder.upsample_factor=4 model.encoder.monodepth_vit_type=vits
          checkpointing.pretrained_monodepth=pretrained/depth_anything_v2_vits.pth
          output_dir=checkpoints/re10k-256x256-depthsplat-small) ;;
  small-4090)  # same sample budget on 4x 24 GB GPUs: batch 4 x 300k steps
    args=(data_loader.train.batch_size=4 trainer.max_steps=300000
          model.encoder.upsample_factor=4 model.encoder.monodepth_vit_type=vits
          checkpointing.pretrained_monodepth=pretrained/depth_anything_v2_vits.pth
          output_dir=checkpoints/re10k-256x256-depthsplat-small) ;;
  small-1gpu)  # same sample budget on one 80 GB GPU: batch 8 x 600k steps
    args=(data_loader.train.batch_size=8 trainer.max_steps=600000 trainer.devices=1
          model.encoder.upsample_factor=4 model.encoder.monodepth_vit_type=vits
          checkpointing.pretrained_monodepth=pretrained/depth_anything_v2_vits.pth
          output_dir=checkpoints/re10k-256x256-depthsplat-small) ;;
  base)  # 4 GPUs x batch 8 x 150k steps, two scales, ViT-B
    args=(data_loader.train.batch_size=8 trainer.max_steps=150000
          model.encoder.num_scales=2 model.encoder.upsample_factor=2 model.encoder.monodepth_vit_type=vitb
          checkpointing.pretrained_monodepth=pretrained/depth_anything_v2_vitb.pth
          output_dir=checkpoints/re10k-256x256-depthsplat-base) ;;
  large)  # 4 GPUs x batch 8 x 150k steps, two scales, ViT-L
    args=(data_loader.train.batch_size=8 trainer.max_steps=150000
          model.encoder.num_scales=2 model.encoder.upsample_factor=2 model.encoder.monodepth_vit_type=vitl
          checkpointing.pretrained_monodepth=pretrained/depth_anything_v2_vitl.pth
          output_dir=checkpoints/re10k-256x256-depthsplat-large) ;;
  *) echo "usage: $0 small|small-4090|small-1gpu|base|large [overrides...]" >&2; exit 2 ;;
esac

exec "$PYTHON" -m splatbench train "${common[@]}" "${args[@]}" "$@"
