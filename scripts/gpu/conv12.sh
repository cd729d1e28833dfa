#!/usr/bin/env bash
# Issue 12, sixth session: the bf16 convolution fast paths (splatbench/model/encoder/fast_convs.py:
# bf16 Gaussian heads under bf16_all, NHWC depth upsampler and U-Net, 1x1 projection before
# upsampling, fused conv bias / residual / activation epilogues and conv bias inside the GroupNorm
# kernel, fused ViT residual LayerNorms, a bf16 U-Net input under bf16_all) switched off and on
# in one process on one H200, in about 5 minutes (CONV12_BUDGET, 300 s):
#   1. scripts/gpu/conv12_bench.py: DepthSplat-small 12 views 512x960 bf16_all, 2 views 256x256
#      bf16_tf32 and bf16_all; per variant (off, on, each switch alone) the graphed encoder median
#      (round-robin replays), kernels and GPU time of one replay, depth drift and render PSNR vs fp32;
#      eager profiles by module and operator of the 12-view case, off and on;
#   2. `splatbench bench --cases small_12v_512x960 small_2v_256 --precisions bf16_all bf16_tf32` with
#      the new defaults, profiled at 12 views bf16_all (device time per module, top operators).
# Results: $OUT/conv12/ conv12.json, conv12.md, bench.json, bench.md, summary.md, logs.tar.gz.
#
#   bash scripts/gpu/conv12.sh
#   OUT=/tmp/c PYTHON=/work/main/.venv/bin/python bash scripts/gpu/conv12.sh --smoke   # CPU, tiny sizes
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2
export PYTHONUNBUFFERED=1
OUT=${OUT:-outputs}
JOB=conv12
source scripts/gpu/script_env.sh "$@"
if [ "$SMOKE" = 0 ] && [ -d .whl ] && [ -f scripts/gpu/device_env.sh ]; then
  source scripts/gpu/device_env.sh || echo "conv12.sh: device_env.sh failed; going on with what is installed" >&2
fi
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total --format=csv,noheader || true

T0=$(date +%s)
BUDGET=${CONV12_BUDGET:-300}
left() {  # seconds for the next step: at most $1, never past the budget (minus 10 s to pack)
  local rest=$((BUDGET - 10 - ($(date +%s) - T0)))
  (( rest < $1 )) && echo $((rest > 5 ? rest : 5)) || echo "$1"
}
step() { echo "=== [$(( $(date +%s) - T0 )) s] $*"; }

if [ "$SMOKE" = 1 ]; then
  # No Triton interpreter: a plumbing check (the tests check the kernels interpreted)
  PART=(--smoke)
  BENCH=(--smoke --device cpu --cases tiny_2v_32 --precisions bf16_all --repeats 1 --warmup 0 --no-render --profile tiny_2v_32:bf16_all)
else
  PART=(--repeats 15 --warmup 2)
  BENCH=(--cases small_12v_512x960 small_2v_256 --precisions bf16_all bf16_tf32 --repeats 5 --warmup 2 --no-render
         --profile small_12v_512x960:bf16_all)
fi

step "1. fast paths off / on / each alone, side by side"
timeout "$(left 210)" $PY scripts/gpu/conv12_bench.py --out "$RESULTS" "${PART[@]}" > "$WORK/part.log" 2>&1
echo "conv12.sh: part step status $?"
grep -v -i "warn\|USDT" "$WORK/part.log" | tail -n 40

step "2. splatbench bench, new defaults, 12-view profile"
timeout "$(left 120)" $PY -m splatbench bench --out "$WORK/bench" --overwrite "${BENCH[@]}" > "$WORK/bench.log" 2>&1
echo "conv12.sh: bench status $?"
[ -f "$WORK/bench/bench.json" ] && cp "$WORK/bench/bench.json" "$RESULTS/bench.json"
[ -f "$WORK/bench/bench.md" ] && cp "$WORK/bench/bench.md" "$RESULTS/bench.md" && head -n 8 "$WORK/bench/bench.md"

step "pack results"
{
  echo "# bf16 convolution fast paths ($(date -u +%F))"
  echo
  [ -f "$RESULTS/conv12.md" ] && cat "$RESULTS/conv12.md"
  echo
  echo "## splatbench bench (new defaults)"
  echo
  [ -f "$WORK/bench/bench.md" ] && cat "$WORK/bench/bench.md"
} > "$RESULTS/summary.md"
tar -czf "$RESULTS/logs.tar.gz" -C "$WORK" . 2>/dev/null
echo "conv12.sh: done in $(( $(date +%s) - T0 )) s; results in $RESULTS: $(ls "$RESULTS" | tr '\n' ' ')"
rm -rf "$WORK"
