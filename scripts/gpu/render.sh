#!/usr/bin/env bash
# Issue 12, the gsplat render path on one H200, in about 3 minutes (RENDER_BUDGET, 240 s):
# scripts/gpu/render_bench.py compares the former path (conversion "matrix": 3x3 covariances into
# gsplat.rasterization) with the six-value path through gsplat's lower-level calls, its conversion
# in PyTorch ("elementwise") or in the fused Triton kernel ("triton"):
#   - images (max abs difference) and gradients w.r.t. means / covariances / harmonics / opacities
#     (relative difference) against the former path;
#   - inference: one render_gaussians call of 3 views 256x256 from 131,072 Gaussians, medians of the
#     wall time and of CUDA-event time, kernel count and device time of one call;
#   - training: render forward + backward at batch 8 x 4 targets, 131,072 Gaussians per element;
# for DepthSplat-small's Gaussians (generated weights, 2 synthetic views) and random_scene's.
# Results: $OUT/render/ render.json, render.md, summary.md, logs.tar.gz.
#
#   bash scripts/gpu/render.sh
#   OUT=/tmp/r PYTHON=/work/main/.venv/bin/python bash scripts/gpu/render.sh --smoke   # CPU, torch backend
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2
export PYTHONUNBUFFERED=1
OUT=${OUT:-outputs}
JOB=render
source scripts/gpu/script_env.sh "$@"
if [ "$SMOKE" = 0 ] && [ -d .whl ] && [ -f scripts/gpu/device_env.sh ]; then
  source scripts/gpu/device_env.sh || echo "render.sh: device_env.sh failed; going on with what is installed" >&2
fi
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total --format=csv,noheader || true

T0=$(date +%s)
BUDGET=${RENDER_BUDGET:-240}
step() { echo "=== [$(( $(date +%s) - T0 )) s] $*"; }

if [ "$SMOKE" = 1 ]; then
  export TRITON_INTERPRET=1  # the Triton conversion runs on the CPU through Triton's interpreter
  ARGS=(--smoke)
else
  ARGS=(--repeats "${RENDER_REPEATS:-20}")
fi

step "render paths: former (matrix) against six-value (elementwise, triton)"
timeout "$((BUDGET - 10))" $PY scripts/gpu/render_bench.py --out "$RESULTS" "${ARGS[@]}" 2>&1 | tee "$WORK/render.log" | grep -v -i warn
echo "render.sh: render_bench status ${PIPESTATUS[0]}"

step "pack results"
{
  echo "# gsplat render path: former against six-value ($(date -u +%F))"
  echo
  [ -f "$RESULTS/render.md" ] && cat "$RESULTS/render.md"
} > "$RESULTS/summary.md"
tar -czf "$RESULTS/logs.tar.gz" -C "$WORK" . 2>/dev/null
echo "render.sh: done in $(( $(date +%s) - T0 )) s; results in $RESULTS: $(ls "$RESULTS" | tr '\n' ' ')"
rm -rf "$WORK"
