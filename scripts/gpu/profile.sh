#!/usr/bin/env bash
# Issue 12: where the time goes, on one GPU, stage by stage (each `splatbench bench` profile now has
# device time per encoder module and the top operators with their input shapes beside the kernels):
#   p2       small, 2 views 256x256, bf16_tf32 and bf16_all: encoder profiles (eager by module, graphed) and
#            the render of the 3 targets;
#   p12      small, 12 views 512x960, bf16_all, encoder only: eager profile by module, graphed time;
#   large    large, 2 views 256x256, beside the reference encoder (TF32, bf16_tf32, bf16_all), end to end;
#   largep   large, 2 views: encoder profiles by module in TF32 and the bf16 plan;
#   compile  small, 2 views: torch.compile of the encoder under the CUDA graph (bf16_tf32, bf16_all);
#   train    training, small, batch 8, bf16-all + LPIPS, NHWC encoder, 2 profiled steps by module.
# PROFILE_STAGES picks and orders them (default "p12 large train compile"); PROFILE_BUDGET (s, default 420);
# PROFILE_TRAIN_PRECISIONS: the training encoder plans (default bf16-all; e.g. "bf16-all fp32");
# PROFILE_TRAIN_OVERRIDES: config overrides for the training stage (e.g. "train.compile_encoder=true");
# PROFILE_JOB: the results folder's name (default profile), to keep two runs in one call apart.
# Results: $OUT/profile/<stage>/bench.md and bench.json.
#
#   carry .whl .gpu_lpips .gpu_ref, then bash scripts/gpu/profile.sh
#   OUT=/tmp/p PYTHON=/work/main/.venv/bin/python bash scripts/gpu/profile.sh --smoke   # CPU check
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2
export PYTHONUNBUFFERED=1
OUT=${OUT:-outputs}
JOB=${PROFILE_JOB:-profile}
source scripts/gpu/script_env.sh "$@"
if [ "$SMOKE" = 0 ] && [ -d .whl ] && [ -f scripts/gpu/device_env.sh ]; then
  source scripts/gpu/device_env.sh || echo "profile.sh: device_env.sh failed; going on with what is installed" >&2
fi
export TORCHINDUCTOR_COMPILE_THREADS=${TORCHINDUCTOR_COMPILE_THREADS:-16}
T0=$(date +%s)
BUDGET=${PROFILE_BUDGET:-420}
left() {
  local rest=$((BUDGET - 10 - ($(date +%s) - T0)))
  (( rest < $1 )) && echo $((rest > 5 ? rest : 5)) || echo "$1"
}
reference=()
[ -d .gpu_ref/depthsplat/src ] && reference=(--reference-src "$PWD/.gpu_ref/depthsplat" --reference-dinov2 "$PWD/.gpu_ref/dinov2")

if [ "$SMOKE" = 1 ]; then
  P12=(--smoke --device cpu --cases tiny_4v_32x48 --precisions bf16_all --no-render --profile tiny_4v_32x48:bf16_all)
  P2=(--smoke --device cpu --cases tiny_2v_32 --precisions fp32 --render-backend torch --profile tiny_2v_32:fp32)
  LARGE=(--smoke --device cpu --cases tiny_2v_32 --precisions fp32)
  LARGEP=(--smoke --device cpu --cases tiny_2v_32 --precisions fp32 --no-render --profile tiny_2v_32:fp32)
  COMPILE=()
  TRAIN=(--smoke --device cpu --cases --train-preset tiny --train-image-shape 32 32 --train-batch-size 1 --train-steps 1
         --train-workers 0 --train-precisions fp32 --train-lpips on --train-profile 1)
  DATA_ARGS=(--num-scenes 2 --num-test-scenes 1 --num-frames 12 --image-shape 32 32)
else
  P12=(--cases small_12v_512x960 --precisions bf16_all --repeats 3 --warmup 1 --no-render --profile small_12v_512x960:bf16_all)
  P2=(--cases small_2v_256 --precisions bf16_tf32 bf16_all --repeats 10 --warmup 3
      --profile small_2v_256:bf16_tf32 small_2v_256:bf16_all)
  LARGEP=(--cases large_2v_256 --precisions tf32 bf16 --repeats 10 --warmup 3 --no-render --profile large_2v_256:tf32 large_2v_256:bf16)
  LARGE=(--cases large_2v_256 --precisions tf32 bf16_tf32 bf16_all --repeats 10 --warmup 3 "${reference[@]}")
  COMPILE=(--cases small_2v_256 --precisions bf16_tf32 bf16_all --repeats 10 --warmup 3 --compile --profile small_2v_256:bf16_tf32)
  TRAIN=(--cases --train-preset small --train-image-shape 256 256 --train-batch-size 8 --train-steps 10 --train-warmup 3
         --train-workers 12 --train-precisions ${PROFILE_TRAIN_PRECISIONS:-bf16-all} --train-lpips on --train-profile 2 --train-channels-last)
  [ -n "${PROFILE_TRAIN_OVERRIDES:-}" ] && TRAIN+=(--train-overrides $PROFILE_TRAIN_OVERRIDES)
  DATA_ARGS=(--num-scenes 8 --num-test-scenes 1 --num-frames 24 --image-shape 256 256)
fi

run_bench() {  # name, seconds, bench arguments...
  local name=$1 seconds=$2
  shift 2
  echo "=== [$(( $(date +%s) - T0 )) s] $name"
  timeout "$(left "$seconds")" $PY -m splatbench bench --out "$RESULTS/$name" --overwrite "$@" > "$WORK/$name.log" 2>&1 \
    || { echo "profile.sh: $name ended with status $? (partial results kept)"; tail -n 5 "$WORK/$name.log"; }
  [ -f "$RESULTS/$name/bench.md" ] && head -n 60 "$RESULTS/$name/bench.md"
}
stage_p2() { run_bench p2 120 "${P2[@]}"; }
stage_p12() { run_bench p12 150 "${P12[@]}"; }
stage_large() { run_bench large 120 "${LARGE[@]}"; }
stage_largep() { run_bench largep 90 "${LARGEP[@]}"; }
stage_compile() { [ "${#COMPILE[@]}" -eq 0 ] || run_bench compile 240 "${COMPILE[@]}"; }
stage_train() {
  $PY -m splatbench data example "$WORK/train_data" "${DATA_ARGS[@]}" --no-middlebury > "$WORK/data.log" 2>&1 \
    || { echo "profile.sh: example data failed"; tail -n 5 "$WORK/data.log"; return; }
  run_bench train 200 --train-data "$WORK/train_data" "${TRAIN[@]}"
}
for name in ${PROFILE_STAGES:-p12 large train compile}; do
  if declare -F "stage_$name" >/dev/null; then "stage_$name"; else echo "profile.sh: unknown stage '$name'" >&2; fi
done
cp "$WORK"/*.log "$RESULTS/" 2>/dev/null
echo "profile.sh: done in $(( $(date +%s) - T0 )) s; results in $RESULTS"
rm -rf "$WORK"
