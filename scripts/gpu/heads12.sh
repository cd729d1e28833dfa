#!/usr/bin/env bash
# Issue 12, DepthSplat-small's full-resolution part at 12 views of 512x960 (DPT feature upsampler,
# Gaussian regressor and head, Gaussian adapter) on one H200, in about 3 minutes (HEADS12_BUDGET, 200 s):
#   1. scripts/gpu/heads12_bench.py: before/after of the full-resolution part (variants plain,
#      nhwc_upsampler, fused_heads, fast_eager_adapter, fast = the CUDA default with the Triton
#      adapter kernel) in bf16_all, bf16 and tf32: CUDA-event
#      medians of the part, of the adapter and of the whole encoder, peak memory, views per chunk,
#      max abs differences fast vs plain (fp32 with TF32 off, then TF32 and bf16_all), and a
#      torch.profiler operator table of the fast part and the adapter;
#   2. `splatbench bench --cases small_12v_512x960 --precisions bf16_all bf16 tf32 --no-render` (the
#      new defaults), profiled in bf16_all (device time per module, top operators).
# Results: $OUT/heads12/ heads12.json, heads12.md, profile.md, bench.json, bench.md, summary.md, logs.tar.gz.
#
#   bash scripts/gpu/heads12.sh
#   OUT=/tmp/h PYTHON=/work/main/.venv/bin/python bash scripts/gpu/heads12.sh --smoke   # CPU, small sizes
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2
export PYTHONUNBUFFERED=1
OUT=${OUT:-outputs}
JOB=heads12
source scripts/gpu/script_env.sh "$@"
if [ "$SMOKE" = 0 ] && [ -d .whl ] && [ -f scripts/gpu/device_env.sh ]; then
  source scripts/gpu/device_env.sh || echo "heads12.sh: device_env.sh failed; going on with what is installed" >&2
fi
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total --format=csv,noheader || true

T0=$(date +%s)
BUDGET=${HEADS12_BUDGET:-200}
left() {  # seconds for the next step: at most $1, never past the budget (minus 10 s to pack)
  local rest=$((BUDGET - 10 - ($(date +%s) - T0)))
  (( rest < $1 )) && echo $((rest > 5 ? rest : 5)) || echo "$1"
}
step() { echo "=== [$(( $(date +%s) - T0 )) s] $*"; }

if [ "$SMOKE" = 1 ]; then
  export TRITON_INTERPRET=1  # the adapter kernel runs on the CPU through Triton's interpreter
  PART=(--smoke --modes bf16_all)
  BENCH=(--smoke --device cpu --cases tiny_2v_32 --precisions fp32 bf16_all --repeats 1 --warmup 0 --profile tiny_2v_32:bf16_all)
else
  PART=(--repeats 7 --warmup 2)
  BENCH=(--cases small_12v_512x960 --precisions bf16_all bf16 tf32 --repeats 5 --warmup 2 --profile small_12v_512x960:bf16_all)
fi

step "1. full-resolution part: plain vs fast, accuracy, chunks, operators"
timeout "$(left 120)" $PY scripts/gpu/heads12_bench.py --out "$RESULTS" "${PART[@]}" > "$WORK/part.log" 2>&1
echo "heads12.sh: part step status $?"
grep -v -i "warn\|USDT" "$WORK/part.log" | tail -n 60

step "2. splatbench bench, whole encoder, new defaults"
timeout "$(left 80)" $PY -m splatbench bench --out "$WORK/bench" --overwrite --no-render "${BENCH[@]}" > "$WORK/bench.log" 2>&1
echo "heads12.sh: bench status $?"
[ -f "$WORK/bench/bench.json" ] && cp "$WORK/bench/bench.json" "$RESULTS/bench.json"
[ -f "$WORK/bench/bench.md" ] && cp "$WORK/bench/bench.md" "$RESULTS/bench.md" && head -n 8 "$WORK/bench/bench.md"
[ -f "$WORK/bench/bench.md" ] && grep -i "gaussian\|feature_upsampler" "$WORK/bench/bench.md" | head -n 20

step "pack results"
{
  echo "# Full-resolution heads, 12 views 512x960 ($(date -u +%F))"
  echo
  [ -f "$RESULTS/heads12.md" ] && cat "$RESULTS/heads12.md"
  echo
  echo "## splatbench bench (new defaults)"
  echo
  [ -f "$WORK/bench/bench.md" ] && cat "$WORK/bench/bench.md"
} > "$RESULTS/summary.md"
tar -czf "$RESULTS/logs.tar.gz" -C "$WORK" . 2>/dev/null
echo "heads12.sh: done in $(( $(date +%s) - T0 )) s; results in $RESULTS: $(ls "$RESULTS" | tr '\n' ' ')"
rm -rf "$WORK"
