#!/usr/bin/env bash
# Issue 17 on nvidia-h200-x2 (repo root, after carrying .whl and .gpu_lpips; see make_carry.sh):
#   training throughput 1 vs 2 GPUs, kill-and-resume on 2 GPUs, 1- vs 2-GPU evaluation, 2 simulated nodes.
set -euo pipefail
source scripts/gpu/device_env.sh
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader
python3 scripts/gpu/ddp_scaling.py --out "$OUT/ddp" "$@"
