#!/usr/bin/env bash
# Issue 12, the differentiable fused cost volume (Triton forward + Triton backward,
# splatbench/model/encoder/unimatch/cost_volume_triton.py) on one H200, in at most ~5 minutes
# (CVGRAD_BUDGET, 300 s):
#   1. scripts/gpu/costvol_bench.py --training: correlation_cost_volume forward+backward at DepthSplat-small's
#      training shapes (16 reference views, 1 other, 128 channels, 32 planes, 64x64) with the PyTorch path and
#      with the fused kernels: medians (CUDA events), peak memory, max abs / relative difference of the output
#      and both gradients (float32 and bf16 features; shared and per-pixel planes); a training step of the
#      DepthSplat-small encoder (batch 8 x 2 views 256x256, tf32 and bf16_all) with either backend (step ms,
#      peak memory, loss and parameter-gradient differences); the backward kernel's launch shapes;
#   2. the recorded reference goldens on CUDA (inference: the fused forward must still be within 1e-4, and
#      bit-identical to the PyTorch path where it was).
# Results: $OUT/cvgrad/ training.json, training.md, goldens/kernel.json, goldens/kernel.md, summary.md,
# logs.tar.gz.
#
#   bash scripts/gpu/cvgrad.sh
#   OUT=/tmp/c PYTHON=/work/main/.venv/bin/python bash scripts/gpu/cvgrad.sh --smoke   # CPU, interpreter
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2
export PYTHONUNBUFFERED=1
OUT=${OUT:-outputs}
JOB=cvgrad
source scripts/gpu/script_env.sh "$@"
if [ "$SMOKE" = 0 ] && [ -d .whl ] && [ -f scripts/gpu/device_env.sh ]; then
  source scripts/gpu/device_env.sh || echo "cvgrad.sh: device_env.sh failed; going on with what is installed" >&2
fi
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total --format=csv,noheader || true

T0=$(date +%s)
BUDGET=${CVGRAD_BUDGET:-300}
left() {  # seconds for the next step: at most $1, never past the budget (minus 10 s to pack)
  local rest=$((BUDGET - 10 - ($(date +%s) - T0)))
  (( rest < $1 )) && echo $((rest > 5 ? rest : 5)) || echo "$1"
}
step() { echo "=== [$(( $(date +%s) - T0 )) s] $*"; }

if [ "$SMOKE" = 1 ]; then
  export TRITON_INTERPRET=1  # the kernels run on the CPU through Triton's interpreter
  KERNEL=(--smoke)
  GOLDENS=(mvsplat_v2_64)  # interpreted: one golden is minutes enough
else
  KERNEL=(--repeats 10)
  GOLDENS=()
fi

step "1. training: fused forward + backward vs the PyTorch path"
timeout "$(left 200)" $PY scripts/gpu/costvol_bench.py --training --out "$RESULTS" "${KERNEL[@]}" 2>&1 \
  | tee "$WORK/training.log" | grep -v -i warn | grep -v " INFO "
echo "cvgrad.sh: training step status ${PIPESTATUS[0]}"

step "2. goldens (inference), PyTorch path and fused kernel"
timeout "$(left 120)" $PY scripts/gpu/costvol_bench.py --goldens "${GOLDENS[@]}" --out "$RESULTS/goldens" "${KERNEL[@]}" 2>&1 \
  | tee "$WORK/goldens.log" | grep -v -i warn | grep -v " INFO "
echo "cvgrad.sh: goldens status ${PIPESTATUS[0]}"

step "pack results"
{
  echo "# Differentiable fused cost volume ($(date -u +%F))"
  echo
  [ -f "$RESULTS/training.md" ] && cat "$RESULTS/training.md"
  echo
  echo "## Goldens (inference)"
  echo
  [ -f "$RESULTS/goldens/kernel.md" ] && cat "$RESULTS/goldens/kernel.md"
} > "$RESULTS/summary.md"
tar -czf "$RESULTS/logs.tar.gz" -C "$WORK" . 2>/dev/null
echo "cvgrad.sh: done in $(( $(date +%s) - T0 )) s; results in $RESULTS: $(ls "$RESULTS" | tr '\n' ' ')"
rm -rf "$WORK"
