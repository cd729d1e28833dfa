#!/usr/bin/env bash
# Issue 11 (VGGT) on nvidia-h200, from the repo root. Needs nothing carried: VGGT-1B's weights are
# generated here from their names (~10 s). About 3-4 minutes: full-size golden check, fp32 vs bf16
# (eager and with the element-wise work compiled), attention kernels against an fp32 reference,
# then 392 x 518 (4:3 after VGGT's resize, the anchor's size) at 100 and 200 frames (whole model
# and aggregator alone, bf16, attention backend recorded), the aggregator at 100 frames with
# FlashAttention, with 48-frame chunks and with torch.compile'd element-wise work for comparison,
# and a torch.profiler profile of one 100-frame aggregator pass. Then (at most 150 s, skipped without
# triton) scripts/gpu/attention_triton.py: an autotuned Triton attention forward checked against
# fp32 math and timed against cuDNN and flash at 104,100 and 208,200 tokens, in $OUT/vggt/triton/.
# Results in $OUT/vggt/{results.json,summary.md,profile.json,profile.md}; extra arguments go to
# scripts/bench_vggt.py and override these (e.g. --sizes 392x518 518x518).
#   bash scripts/gpu/vggt.sh                    # GPU
#   OUT=/tmp bash scripts/gpu/vggt.sh --smoke   # CPU check of the script (tiny model, 4 frames)
set -euo pipefail
JOB=vggt
source scripts/gpu/script_env.sh
export PYTHONUNBUFFERED=1
if command -v nvidia-smi >/dev/null; then nvidia-smi --query-gpu=name,memory.total,clocks.max.sm --format=csv,noheader; fi
COMPILE=(--compare-elementwise compile)
[ "$SMOKE" = 1 ] && COMPILE=()  # compiling on a CPU takes a minute; tested separately
set +e
"$PY" scripts/bench_vggt.py --out "$RESULTS" --sizes 392x518 --frames 100 200 --profile \
  --compare-attention flash --compare-chunk-frames 48 "${COMPILE[@]}" "$@"
status=$?
if [ "$SMOKE" = 0 ] && "$PY" -c "import triton" 2>/dev/null; then
  timeout 150 "$PY" scripts/gpu/attention_triton.py --out "$RESULTS/triton" || echo "attention_triton.py exit $? (not fatal)"
fi
rmdir "$WORK" 2>/dev/null || true
exit $status
