#!/usr/bin/env bash
# Issue 12, the multi-view transformer's grouped window attention (mask-free attention per window region,
# no roll / window copies, keys projected once per view; splatbench/model/encoder/unimatch/mv_transformer.py)
# on one H200, in at most ~4 minutes (WINATTN_BUDGET, 245 s):
#   1. scripts/gpu/winattn_bench.py: DepthSplat-small's transformer alone at 12 views 512x960 (features
#      128x240, 2 key views), the reference schedule (roll + masked SDPA) against the grouped one, in the
#      bf16_all and bf16 plans' settings: CUDA-event medians, peak memory, max / median abs difference of
#      the outputs (and of the reference itself against the float32 transformer); the whole encoder eager in
#      bf16_all both ways (latency, depth difference); the grouped transformer's top CUDA operators; one
#      unshifted self-attention call, SDPA (auto / cuDNN / FlashAttention-2) against the Triton kernel of
#      splatbench/model/kernels/attention.py at head dim 128 (a few launch shapes);
#   2. `splatbench bench --cases small_12v_512x960 --precisions bf16_all bf16 --no-render` with the new
#      default (window_attention_backend=auto: grouped on CUDA in both bf16 plans).
# Results: $OUT/winattn/ transformer.json, transformer.md, bench.json, bench.md, summary.md, logs.tar.gz.
#
#   bash scripts/gpu/winattn.sh
#   OUT=/tmp/w PYTHON=/work/main/.venv/bin/python bash scripts/gpu/winattn.sh --smoke   # CPU, tiny sizes
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2
export PYTHONUNBUFFERED=1
OUT=${OUT:-outputs}
JOB=winattn
source scripts/gpu/script_env.sh "$@"
if [ "$SMOKE" = 0 ] && [ -d .whl ] && [ -f scripts/gpu/device_env.sh ]; then
  source scripts/gpu/device_env.sh || echo "winattn.sh: device_env.sh failed; going on with what is installed" >&2
fi
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total --format=csv,noheader || true

T0=$(date +%s)
BUDGET=${WINATTN_BUDGET:-245}
left() {  # seconds for the next step: at most $1, never past the budget (minus 10 s to pack)
  local rest=$((BUDGET - 10 - ($(date +%s) - T0)))
  (( rest < $1 )) && echo $((rest > 5 ? rest : 5)) || echo "$1"
}
step() { echo "=== [$(( $(date +%s) - T0 )) s] $*"; }

if [ "$SMOKE" = 1 ]; then
  KERNEL=(--smoke)
  BENCH=(--smoke --device cpu --cases tiny_4v_32x48 --precisions bf16_all --repeats 1 --warmup 0)
else
  KERNEL=(--repeats 10 --warmup 3)
  BENCH=(--cases small_12v_512x960 --precisions bf16_all bf16 --repeats 10 --warmup 3)
fi

step "1. transformer: reference vs grouped schedule; whole encoder both ways"
timeout "$(left 140)" $PY scripts/gpu/winattn_bench.py --out "$RESULTS" "${KERNEL[@]}" 2>&1 | tee "$WORK/transformer.log" | grep -v -i warn
echo "winattn.sh: transformer step status ${PIPESTATUS[0]}"

step "2. splatbench bench, encoder, the new default"
timeout "$(left 100)" $PY -m splatbench bench --out "$WORK/bench" --overwrite --no-render "${BENCH[@]}" > "$WORK/bench.log" 2>&1
echo "winattn.sh: bench status $?"
[ -f "$WORK/bench/bench.json" ] && cp "$WORK/bench/bench.json" "$RESULTS/bench.json"
[ -f "$WORK/bench/bench.md" ] && cp "$WORK/bench/bench.md" "$RESULTS/bench.md" && grep -v '^| `' "$WORK/bench/bench.md" | head -n 14

step "pack results"
{
  echo "# Grouped window attention ($(date -u +%F))"
  echo
  echo "## The multi-view transformer, reference vs grouped"
  echo
  [ -f "$RESULTS/transformer.md" ] && cat "$RESULTS/transformer.md"
  echo
  echo "## splatbench bench, encoder, window_attention_backend=auto"
  echo
  [ -f "$RESULTS/bench.md" ] && cat "$RESULTS/bench.md"
} > "$RESULTS/summary.md"
tar -czf "$RESULTS/logs.tar.gz" -C "$WORK" . 2>/dev/null
echo "winattn.sh: done in $(( $(date +%s) - T0 )) s; results in $RESULTS: $(ls "$RESULTS" | tr '\n' ' ')"
rm -rf "$WORK"
