#!/usr/bin/env bash
# Issue 12, the fused Triton cost volume (splatbench/model/encoder/unimatch/cost_volume_triton.py) on
# one H200, in at most ~3.5 minutes (COSTVOL_BUDGET, 210 s):
#   1. scripts/gpu/costvol_bench.py: the kernel against the PyTorch path at the 12-view 512x960 shapes
#      (max abs and relative difference; shared planes, per-pixel planes, log depth), latency with CUDA
#      events (medians) and peak memory of correlation_cost_volume both ways (12 views 512x960 and
#      2 views 256x256), and the reference goldens on CUDA (fp32, TF32 off, 1e-4) with the PyTorch
#      path and with the kernel forced, side by side, and the two against each other (and the kernel
#      once more summing channels in PyTorch's CUDA order: is that order what is left?);
#   2. `splatbench bench` of the whole DepthSplat-small encoder at 12 views 512x960, bf16_all and TF32,
#      encoder only (--no-render: no gsplat build), with --cost-volume torch and then triton (the
#      second profiled: top kernels);
#   3. with the time left: the default launch shape beside the two runners-up of the earlier sweep and
#      the default with PyTorch's channel-sum order.
# Results: $OUT/costvol/ kernel.json, kernel.md, bench_torch.json, bench_triton.json, sweep.json,
# sweep.md, summary.md, logs.tar.gz.
#
#   bash scripts/gpu/costvol.sh
#   OUT=/tmp/c PYTHON=/work/main/.venv/bin/python bash scripts/gpu/costvol.sh --smoke   # CPU, interpreter
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2
export PYTHONUNBUFFERED=1
OUT=${OUT:-outputs}
JOB=costvol
source scripts/gpu/script_env.sh "$@"
if [ "$SMOKE" = 0 ] && [ -d .whl ] && [ -f scripts/gpu/device_env.sh ]; then
  source scripts/gpu/device_env.sh || echo "costvol.sh: device_env.sh failed; going on with what is installed" >&2
fi
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total --format=csv,noheader || true

T0=$(date +%s)
BUDGET=${COSTVOL_BUDGET:-210}
left() {  # seconds for the next step: at most $1, never past the budget (minus 10 s to pack)
  local rest=$((BUDGET - 10 - ($(date +%s) - T0)))
  (( rest < $1 )) && echo $((rest > 5 ? rest : 5)) || echo "$1"
}
step() { echo "=== [$(( $(date +%s) - T0 )) s] $*"; }

if [ "$SMOKE" = 1 ]; then
  export TRITON_INTERPRET=1  # the kernel runs on the CPU through Triton's interpreter
  KERNEL=(--smoke)
  BENCH=(--smoke --device cpu --cases tiny_2v_32 --precisions fp32 --repeats 1 --warmup 0)
  PROFILE=()
else
  KERNEL=(--repeats 10)
  BENCH=(--cases small_12v_512x960 --precisions bf16_all tf32 --repeats 5 --warmup 2)
  PROFILE=(--profile small_12v_512x960:bf16_all)
fi

step "1. kernel vs PyTorch path: accuracy, latency, goldens"
timeout "$(left 90)" $PY scripts/gpu/costvol_bench.py --out "$RESULTS" "${KERNEL[@]}" 2>&1 | tee "$WORK/kernel.log" | grep -v -i warn
echo "costvol.sh: kernel step status ${PIPESTATUS[0]}"

for backend in torch triton; do
  step "2. splatbench bench, encoder, --cost-volume $backend"
  extra=()
  [ "$backend" = triton ] && extra=("${PROFILE[@]}")
  timeout "$(left 55)" $PY -m splatbench bench --out "$WORK/bench_$backend" --overwrite --no-render \
    --cost-volume "$backend" "${BENCH[@]}" "${extra[@]}" > "$WORK/bench_$backend.log" 2>&1
  echo "costvol.sh: bench $backend status $?"
  [ -f "$WORK/bench_$backend/bench.json" ] && cp "$WORK/bench_$backend/bench.json" "$RESULTS/bench_$backend.json"
  [ -f "$WORK/bench_$backend/bench.md" ] && grep -v '^| `' "$WORK/bench_$backend/bench.md" | head -n 12
done

step "3. launch shapes"
timeout "$(left 30)" $PY scripts/gpu/costvol_bench.py --sweep --out "$RESULTS" "${KERNEL[@]}" 2>&1 | tee "$WORK/sweep.log" | grep -v -i warn | grep "^|"
echo "costvol.sh: sweep status ${PIPESTATUS[0]}"

step "pack results"
{
  echo "# Fused Triton cost volume ($(date -u +%F))"
  echo
  echo "## correlation_cost_volume: fused kernel vs PyTorch path"
  echo
  [ -f "$RESULTS/kernel.md" ] && cat "$RESULTS/kernel.md"
  for backend in torch triton; do
    echo
    echo "## Whole encoder, --cost-volume $backend"
    echo
    [ -f "$WORK/bench_$backend/bench.md" ] && cat "$WORK/bench_$backend/bench.md"
  done
  echo
  echo "## Launch shapes (12 views 512x960, shared planes)"
  echo
  [ -f "$RESULTS/sweep.md" ] && cat "$RESULTS/sweep.md"
} > "$RESULTS/summary.md"
tar -czf "$RESULTS/logs.tar.gz" -C "$WORK" . 2>/dev/null
echo "costvol.sh: done in $(( $(date +%s) - T0 )) s; results in $RESULTS: $(ls "$RESULTS" | tr '\n' ' ')"
rm -rf "$WORK"
