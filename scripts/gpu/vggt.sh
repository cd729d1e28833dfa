#!/usr/bin/env bash
# Issue 11 (VGGT) on nvidia-h200, from the repo root. VGGT-1B's weights are generated here from their
# names (~10 s); nothing needs carrying except, for step 3, the reference package in .gpu_ref/vggt
# (scripts/gpu/make_reference_carry.sh). About 5-6 minutes:
#  1. scripts/bench_vggt.py: full-size golden check, fp32 vs bf16 (with PyTorch's kernels and with
#     the Triton attention kernel forced), attention kernels against an fp32 reference, then 336 x 518
#     and 392 x 518 at 100 and 200 frames (whole model and aggregator alone, bf16, attention "auto":
#     Triton for global attention, cuDNN for frame attention), the aggregator with cuDNN everywhere
#     for comparison, and a torch.profiler profile of one 100-frame aggregator pass;
#  2. scripts/gpu/attention_triton.py (at most 150 s): the Triton kernel's launch configurations swept
#     and the best against cuDNN / FlashAttention-2 at VGGT's lengths, in $OUT/vggt/triton/;
#  3. scripts/gpu/vggt_reference.py (at most 150 s, when .gpu_ref/vggt is there): the reference
#     aggregator's memory and time at 294 / 336 / 392 x 518, to find the README table's input size,
#     in $OUT/vggt/reference/.
# Results in $OUT/vggt/{results.json,summary.md,profile.json,profile.md}; extra arguments go to
# scripts/bench_vggt.py and override these (e.g. --sizes 392x518 518x518).
#   bash scripts/gpu/vggt.sh                    # GPU
#   OUT=/tmp bash scripts/gpu/vggt.sh --smoke   # CPU check of the script (tiny model, 4 frames)
set -euo pipefail
JOB=vggt
source scripts/gpu/script_env.sh
export PYTHONUNBUFFERED=1
if command -v nvidia-smi >/dev/null; then nvidia-smi --query-gpu=name,memory.total,clocks.max.sm --format=csv,noheader; fi
set +e
"$PY" scripts/bench_vggt.py --out "$RESULTS" --sizes 336x518 392x518 --frames 100 200 --profile \
  --compare-attention cudnn "$@"
status=$?
if [ "$SMOKE" = 0 ] && "$PY" -c "import triton" 2>/dev/null; then
  timeout 150 "$PY" scripts/gpu/attention_triton.py --out "$RESULTS/triton" || echo "attention_triton.py exit $? (not fatal)"
fi
if [ "$SMOKE" = 0 ] && [ -d .gpu_ref/vggt/vggt ]; then
  timeout 150 "$PY" scripts/gpu/vggt_reference.py --out "$RESULTS/reference" --sizes 294x518 336x518 392x518 \
    --fp32-frames 1 || echo "vggt_reference.py exit $? (not fatal)"
fi
rmdir "$WORK" 2>/dev/null || true
exit $status
