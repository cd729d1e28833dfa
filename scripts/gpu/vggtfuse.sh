#!/usr/bin/env bash
# Issue 11 (VGGT), the element-wise work around the aggregator's matmuls in Triton
# (elementwise=triton, splatbench/model/kernels/norms.py), on nvidia-h200, from the repo root.
# Weights generated here (~10 s); nothing to carry. About 3-4 minutes:
#  1. scripts/gpu/vggtfuse_kernels.py (at most 90 s): each fused kernel against the eager ops it
#     replaces at one 16-frame chunk of 336 x 518, bf16 outputs against eager, a launch sweep;
#  2. scripts/bench_vggt.py with elementwise=triton: full-size golden, fp32 vs bf16 with the bf16 pass
#     through the kernels, then the aggregator alone at 336 x 518 (the anchor's size), 100 and 200
#     frames, 3 repeats, eager at 100 frames beside it, and a profile of one 100-frame pass;
#  3. the aggregator alone in eager mode at 200 frames (same call, for the comparison).
# Results in $OUT/vggtfuse/{kernels.*, triton/, eager200/}; extra arguments go to step 2.
#   bash scripts/gpu/vggtfuse.sh                    # GPU
#   OUT=/tmp bash scripts/gpu/vggtfuse.sh --smoke   # CPU check of the script (interpreter, tiny model)
set -euo pipefail
JOB=vggtfuse
source scripts/gpu/script_env.sh
export PYTHONUNBUFFERED=1
if command -v nvidia-smi >/dev/null; then nvidia-smi --query-gpu=name,memory.total,clocks.max.sm --format=csv,noheader; fi
SMOKE_ARGS=()
[ "$SMOKE" = 1 ] && SMOKE_ARGS=(--smoke) && shift
set +e
timeout 90 "$PY" scripts/gpu/vggtfuse_kernels.py --out "$RESULTS" "${SMOKE_ARGS[@]}" || echo "vggtfuse_kernels.py exit $? (not fatal)"
"$PY" scripts/bench_vggt.py --out "$RESULTS/triton" --sizes 336x518 --frames 100 200 --aggregator-only --repeats 3 \
  --elementwise triton --compare-elementwise eager --profile "${SMOKE_ARGS[@]}" "$@"
status=$?
"$PY" scripts/bench_vggt.py --out "$RESULTS/eager200" --sizes 336x518 --frames 200 --aggregator-only --repeats 3 \
  --elementwise eager --skip-golden "${SMOKE_ARGS[@]}" || echo "eager 200-frame run exit $? (not fatal)"
rmdir "$WORK" 2>/dev/null || true
exit $status
