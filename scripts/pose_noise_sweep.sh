#!/usr/bin/env bash
# Robustness curve data: ground-truth poses with growing noise, their pose error and the rendering
# error of a model tested on them, per scene.
#
# Usage: scripts/pose_noise_sweep.sh DATA OUT "ROT_DEG:TRANS_FRACTION ..." [splatbench test overrides...]
#   e.g. scripts/pose_noise_sweep.sh datasets/re10k sweeps/re10k "0:0 1:0.02 3:0.05 10:0.1" \
#          +experiment=re10k checkpointing.pretrained_model=pretrained/depthsplat-gs-small-re10k-256x256-view2-cfeab6b1.pth \
#          dataset/view_sampler=evaluation dataset.view_sampler.index_path=assets/evaluation_index_re10k.json
# For each level L it writes OUT/L/data (chunks with gt_noise keys and preprocess.json, which records the
# level), OUT/L/data/poses_eval/poses_gt_noise.{json,csv} (pose error per scene) and OUT/L/test (the
# `splatbench test` outputs, metrics/scores_per_scene.csv per scene). Rerunning resumes: finished
# preprocessing is kept, existing pose results are refreshed, and test outputs are rewritten.
set -euo pipefail

if [ $# -lt 3 ]; then
  sed -n '2,13p' "$0" >&2
  exit 2
fi
PYTHON=${PYTHON:-python}
data=$1 out=$2 levels=$3
shift 3

for level in $levels; do
  rotation=${level%%:*} translation=${level##*:}
  if [ -z "$rotation" ] || [ -z "$translation" ] || [ "$rotation:$translation" != "$level" ]; then
    echo "pose_noise_sweep.sh: level '$level' is not ROT_DEG:TRANS_FRACTION" >&2
    exit 2
  fi
  dir="$out/${rotation}deg_${translation}"
  "$PYTHON" -m splatbench preprocess --source gt_noise "$data" "$dir/data" \
    -o rotation_deg="$rotation" -o translation="$translation" --no-progress
  "$PYTHON" -m splatbench poses-eval "$dir/data" --source gt_noise --overwrite --no-progress
  "$PYTHON" -m splatbench test "$@" "dataset.roots=[$dir/data]" dataset.pose_source=gt_noise output_dir="$dir/test"
done
