#!/usr/bin/env bash
# DepthSplat's depth inference (upstream scripts/inference_depth.sh), same settings: the base depth
# model (2 scales, 1/8 features, x4 upsampling, ViT-B) loaded strictly with
# checkpointing.pretrained_depth, decoder skipped (train.forward_depth_only), depth PNG/NPY and
# image+depth strips of every context view under output_dir/images/<scene>/depth/.
#
# Usage: scripts/inference_depth.sh [re10k-2v|re10k-6v|dl3dv-12v|all] [extra overrides...]
# Paths (environment, defaults as upstream):
#   DEPTH_CKPT  pretrained/depthsplat-depth-base-352x640-randview2-8-65a892c5.pth
#   RE10K_ROOT  datasets/re10k          DL3DV_ROOT  datasets/dl3dv_960p
#   INDEX_DIR   assets (evaluation_index_re10k.json, re10k_ctx_6v_video.json,
#               dl3dv_start_0_distance_100_ctx_12v_video.json)
# With chunks that carry dense depth_maps, add dataset.load_depth_maps=true test.compute_scores=true
# to also get the depth metrics (AbsRel, delta < 1.25, ...) in output_dir/metrics/.
set -euo pipefail

PYTHON=${PYTHON:-python}
DEPTH_CKPT=${DEPTH_CKPT:-pretrained/depthsplat-depth-base-352x640-randview2-8-65a892c5.pth}
RE10K_ROOT=${RE10K_ROOT:-datasets/re10k}
DL3DV_ROOT=${DL3DV_ROOT:-datasets/dl3dv_960p}
INDEX_DIR=${INDEX_DIR:-assets}
variant=${1:-all}
[ $# -gt 0 ] && shift

BASE_DEPTH_MODEL=(
  model.encoder.num_scales=2 model.encoder.upsample_factor=4 model.encoder.lowest_feature_resolution=8
  model.encoder.monodepth_vit_type=vitb train.forward_depth_only=true
  "checkpointing.pretrained_depth=$DEPTH_CKPT"
  test.compute_scores=false test.save_depth=true test.save_depth_concat_img=true
)

run() {
  "$PYTHON" -m splatbench test "$@"
}

re10k_2v() {  # RealEstate10K, 2 context views, 352x640 (centre crop of 360x640)
  run +experiment=re10k dataset.test_chunk_interval=10 "dataset.roots=[$RE10K_ROOT]" \
    dataset/view_sampler=evaluation "dataset.view_sampler.index_path=$INDEX_DIR/evaluation_index_re10k.json" \
    dataset.view_sampler.num_context_views=2 'dataset.image_shape=[352,640]' \
    "${BASE_DEPTH_MODEL[@]}" output_dir=outputs/depthsplat-depth-base-re10k "$@"
}

re10k_6v() {  # RealEstate10K, 6 context views, read with the DL3DV loader (as upstream)
  run +experiment=dl3dv dataset.test_chunk_interval=10 "dataset.roots=[$RE10K_ROOT]" \
    dataset/view_sampler=evaluation "dataset.view_sampler.index_path=$INDEX_DIR/re10k_ctx_6v_video.json" \
    dataset.view_sampler.num_context_views=6 'dataset.image_shape=[352,640]' 'dataset.ori_image_shape=[360,640]' \
    "${BASE_DEPTH_MODEL[@]}" output_dir=outputs/depthsplat-depth-base-re10k-view6 "$@"
}

dl3dv_12v() {  # DL3DV 960p, 12 context views, 512x960
  run +experiment=dl3dv dataset.test_chunk_interval=1 "dataset.roots=[$DL3DV_ROOT]" \
    dataset/view_sampler=evaluation \
    "dataset.view_sampler.index_path=$INDEX_DIR/dl3dv_start_0_distance_100_ctx_12v_video.json" \
    dataset.view_sampler.num_context_views=12 'dataset.image_shape=[512,960]' 'dataset.ori_image_shape=[540,960]' \
    "${BASE_DEPTH_MODEL[@]}" output_dir=outputs/depthsplat-depth-base-dl3dv-view12 "$@"
}

case "$variant" in
  re10k-2v) re10k_2v "$@" ;;
  re10k-6v) re10k_6v "$@" ;;
  dl3dv-12v) dl3dv_12v "$@" ;;
  all) re10k_2v "$@"; re10k_6v "$@"; dl3dv_12v "$@" ;;
  *) echo "inference_depth.sh: unknown variant '$variant' (re10k-2v, re10k-6v, dl3dv-12v, all)" >&2; exit 2 ;;
esac
