#!/usr/bin/env bash
# Issue 17 on nvidia-h200-x2 (repo root, after carrying .whl and .gpu_lpips; see make_carry.sh).
# Default parts (about 4 minutes with gsplat's build): the gradient all-reduce alone, training throughput
# 1 vs 2 GPUs and two independent 1-GPU trainings at the same time (contention vs DDP synchronisation).
# With the evaluation checks too (results are written after every part, so a cut-off keeps the earlier ones):
#   DDP_TIMEOUT=560 bash scripts/gpu/ddp.sh --parts allreduce,throughput,independent,resume,test,benchmark
# With --with-vggt, the VGGT benchmark (scripts/gpu/vggt.sh) runs on GPU 1 while the 1-GPU training
# runs on GPU 0, and the 2-GPU steps wait for it.
set -euo pipefail
source scripts/gpu/device_env.sh
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader
wait_args=()
if [ "${1:-}" = "--with-vggt" ]; then
  shift
  rm -f /tmp/vggt_done
  (CUDA_VISIBLE_DEVICES=1 bash scripts/gpu/vggt.sh --sizes ${VGGT_SIZES:-392x518 518x518} > "$OUT/vggt.log" 2>&1; echo "vggt exit $?" >> "$OUT/vggt.log"; touch /tmp/vggt_done) &
  wait_args=(--wait-for /tmp/vggt_done)
fi
pack_logs() {  # only 8 files come back from the machine: the logs travel as one archive
  (cd "$OUT" && tar czf logs.tgz --remove-files $(find . -name '*.log') 2>/dev/null || true)
}
trap pack_logs EXIT
timeout "${DDP_TIMEOUT:-520}" python3 scripts/gpu/ddp_scaling.py --out "$OUT/ddp" "${wait_args[@]}" "$@"
wait
