#!/usr/bin/env bash
# Issue 16 (ReSplat half) on the GPU:
#   1. the CPU goldens of the ReSplat encoder replayed on CUDA (fp32, TF32 off, no autocast):
#      max |ours - reference| per field, initial stage and 2 refinement steps;
#      the PyTorch kNN on 131072 points (RE10K refinement size) against float64 CPU neighbours;
#   2. `splatbench bench`: ReSplat RE10K base (2 refinement steps, generated weights) beside
#      DepthSplat small, 2 views 256x256, fp32 / tf32 / bf16.
# Writes $OUT/resplat/{resplat_check.json, bench.json, bench.md, run.log}.
#
#   bash scripts/gpu/resplat.sh            # H200: about 2-3 minutes
#   bash scripts/gpu/resplat.sh --smoke    # CPU, tiny cases (checks the script)
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${OUT:-/tmp/resplat_out}
JOB=resplat
source scripts/gpu/script_env.sh "$@"

if [ "$SMOKE" = 1 ]; then
  export OMP_NUM_THREADS=1
  DEVICE=cpu
  CHECK=(--knn-points 4096)
  CASES=(resplat_tiny_2v_32 tiny_2v_32)
  BENCH=(--repeats 2 --warmup 1 --precisions fp32)
else
  DEVICE=cuda
  CHECK=()
  CASES=(small_2v_256 resplat_base_2v_256)
  BENCH=(--precisions fp32 tf32 bf16)
fi

start=$(date +%s)
"$PY" scripts/gpu/resplat_check.py --device "$DEVICE" --out "$RESULTS/resplat_check.json" "${CHECK[@]}" 2>&1 | tee "$RESULTS/run.log"
"$PY" -m splatbench bench --device "$DEVICE" --cases "${CASES[@]}" "${BENCH[@]}" --out "$WORK/bench" 2>&1 | tee -a "$RESULTS/run.log"
cp "$WORK/bench/bench.json" "$WORK/bench/bench.md" "$RESULTS/"
echo "resplat.sh: $(( $(date +%s) - start )) s in all; results in $RESULTS"
