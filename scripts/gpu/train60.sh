#!/usr/bin/env bash
# Issue 12, training throughput (the `train60` helper's levers), on one H200 in at most ~5 minutes
# (TRAIN60_BUDGET, 300 s): DepthSplat-small, batch 8, 2 context + 4 target views at 256x256, MSE + LPIPS,
# bf16-all with the NHWC encoder, through the real training path of `splatbench bench --train-*`
# (splatbench/evaluation/speed_training.py), on example data made here:
#   1. lpips: the LPIPS loss alone at the training shape (32 images 256x256): fp32 (evaluation arithmetic,
#      the oracle) / bf16 eager / bf16 with the fused distance kernel: loss and gradient differences, ms;
#   2. graph (run after 3's first round and 4): the CUDA-graphed encoder (train.graph_encoder) against eager on one real training batch:
#      outputs and parameter gradients (eager twice for the run-to-run noise; capture; replay);
#   3. throughput: samples/s of the variants side by side, interleaved over rounds (medians), each adding
#      one lever to the one before:
#        before       train.step_guard=sync, loss.lpips.fused_distance=false, loss/total a progress-bar metric,
#                     model.encoder.window_attention_backend=reference, train.graph_encoder=false
#        sync_free    no host synchronisation in the step (device-side skip, no progress-bar read-back)
#        fused_lpips  + the fused LPIPS distance
#        grouped      + the grouped window attention (auto takes it in bf16-all training now)
#        defaults     + train.graph_encoder=true: the defaults
#   4. syncs: host synchronisations left in the timed steps (set_sync_debug_mode warn), by source line;
#      then 3's further rounds (so a run cut short by the budget still has every check).
# TRAIN60_VARIANTS / TRAIN60_ROUNDS / TRAIN60_STEPS pick the variants, rounds (2) and timed steps (20);
# TRAIN60_STAGES the stages (default: all, in the order above); TRAIN60_EXTRA more train60_bench.py
# arguments (e.g. --graph-compiled: the graph stage also checks train.compile_encoder's graphs).
# Results: $OUT/train60/summary.md, throughput.json, lpips.json, graph.json, syncs.json, train60.log.
#
#   bash scripts/gpu/train60.sh
#   OUT=/tmp/t PYTHON=/work/main/.venv/bin/python bash scripts/gpu/train60.sh --smoke   # CPU, tiny model
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2
export PYTHONUNBUFFERED=1
OUT=${OUT:-outputs}
JOB=train60
source scripts/gpu/script_env.sh "$@"
if [ "$SMOKE" = 0 ] && [ -d .whl ] && [ -f scripts/gpu/device_env.sh ]; then
  source scripts/gpu/device_env.sh || echo "train60.sh: device_env.sh failed; going on with what is installed" >&2
fi
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total --format=csv,noheader || true
T0=$(date +%s)
BUDGET=${TRAIN60_BUDGET:-300}

if [ "$SMOKE" = 1 ]; then
  DATA_ARGS=(--num-scenes 2 --num-test-scenes 1 --num-frames 12 --image-shape 32 32)
  BENCH=(--smoke --variants before fused_lpips defaults)
else
  DATA_ARGS=(--num-scenes 8 --num-test-scenes 1 --num-frames 24 --image-shape 256 256)
  BENCH=(--rounds "${TRAIN60_ROUNDS:-2}" --steps "${TRAIN60_STEPS:-20}")
fi
[ -n "${TRAIN60_VARIANTS:-}" ] && BENCH+=(--variants $TRAIN60_VARIANTS)
[ -n "${TRAIN60_STAGES:-}" ] && BENCH+=(--stages $TRAIN60_STAGES)
[ -n "${TRAIN60_EXTRA:-}" ] && BENCH+=($TRAIN60_EXTRA)
export TORCHINDUCTOR_COMPILE_THREADS=${TORCHINDUCTOR_COMPILE_THREADS:-16}

echo "=== [$(( $(date +%s) - T0 )) s] example data"
$PY -m splatbench data example "$WORK/train_data" "${DATA_ARGS[@]}" --no-middlebury > "$WORK/data.log" 2>&1 \
  || { echo "train60.sh: example data failed"; tail -n 5 "$WORK/data.log"; exit 1; }
echo "=== [$(( $(date +%s) - T0 )) s] lpips, throughput (first round), syncs, graph, further rounds"
rest=$((BUDGET - 10 - ($(date +%s) - T0)))
if [ "$SMOKE" = 1 ]; then
  # The LPIPS kernels through Triton's interpreter for the loss check only: with TRITON_INTERPRET set,
  # every Triton path of the encoder would be interpreted in the training runs too (minutes a step).
  TRITON_INTERPRET=1 timeout "$rest" $PY scripts/gpu/train60_bench.py --data "$WORK/train_data" --out "$RESULTS" \
    "${BENCH[@]}" --stages lpips > "$RESULTS/train60_lpips.log" 2>&1
  BENCH+=(--stages throughput syncs graph rounds --keep-lpips)
  rest=$((BUDGET - 10 - ($(date +%s) - T0)))
fi
timeout "$((rest > 5 ? rest : 5))" $PY scripts/gpu/train60_bench.py --data "$WORK/train_data" --out "$RESULTS" "${BENCH[@]}" \
  > "$RESULTS/train60.log" 2>&1
status=$?
grep -E "train60 (INFO|ERROR)|Error|error" "$RESULTS/train60.log" | tail -n 40
[ -f "$RESULTS/summary.md" ] && cat "$RESULTS/summary.md"
echo "train60.sh: status $status, done in $(( $(date +%s) - T0 )) s; results in $RESULTS: $(ls "$RESULTS" | tr '\n' ' ')"
rm -rf "$WORK"
exit $status
