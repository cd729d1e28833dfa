#!/usr/bin/env bash
# Issue 12 (speed) on one H200, in one call of at most ~8 minutes: everything its "Done when" needs.
#   1. fp32 goldens on CUDA (TF32 off), eager and CUDA-graph: the reference's recorded outputs to 1e-4;
#   2a. `splatbench bench` beside the reference encoder, small 2 views 256x256, in fp32, TF32 and the
#      three bf16 modes (bf16: ViT + U-Net + depth upsampler in bf16, the rest fp32 with TF32 off;
#      bf16_tf32: the same with TF32; bf16_all: everything but the geometry in bf16), drift from fp32
#      (depth, render PSNR), profiles;
#   3. small 12 views 512x960, encoder only (TF32, bf16, bf16_all; fp32 once as the drift yardstick), profiled;
#   4. training throughput, small, batch 8, 2 context + 4 target views at 256x256, real data loading,
#      with and without LPIPS (real VGG weights from .gpu_lpips), fp32 and bf16-all, profiled;
#   2b. base and large 2 views, small 6 views 256x448 beside the reference (TF32 and the three bf16 modes; fp32 untimed, as the drift yardstick);
#   2c. base and large 2 views only, TF32 and bf16_tf32, beside the reference (2b's targets in about 2 minutes);
#   5. channels-last convolutions A/B (small 2 and 6 views, the bf16 modes); 3c: the same at 12 views 512x960;
#   6. torch.compile of the encoder under the CUDA graph, small 2 views 256x256 (TF32, bf16_tf32), end to
#      end, beside the reference encoder; 6b: the same at 12 views 512x960 (bf16_all, encoder only).
#      The first call of each mode compiles (about 50-170 s on the H200's 16 cores).
#   6c. the same for base and large, 2 views 256x256 (TF32, bf16_tf32), end to end, beside the reference.
#   6d. large alone, 2 views 256x256 (TF32, bf16_tf32), compiled + graphed, medians of 20, beside the
#      reference, with a profile of the TF32 replay (6c's large in about 5 minutes).
# Stages run in that order, each under a timeout cut to the time left (SPEED_BUDGET seconds, default
# 480), so a slow stage costs the later ones, never the whole call. SPEED_STAGES picks and orders them
# (default "1 2a 3 4 2b 5 6"; e.g. SPEED_STAGES="4 6 3 2b" when the goldens and 2 views were just run).
# Results: $OUT/speed/ (or $OUT/$SPEED_JOB/) summary.md
# (every table), reports.json (every report), goldens.txt, logs.tar.gz.
#
#   carry .whl .gpu_lpips .gpu_ref (scripts/gpu/make_carry.sh, scripts/gpu/make_reference_carry.sh), then
#   bash scripts/gpu/speed.sh
#   OUT=/tmp/s PYTHON=/work/main/.venv/bin/python bash scripts/gpu/speed.sh --smoke   # CPU check, tiny sizes
#
# Reference encoder: REFERENCE_SRC (cvg/depthsplat) and REFERENCE_DINOV2 (facebookresearch/dinov2), by
# default .gpu_ref/depthsplat and .gpu_ref/dinov2 when carried; without them the run goes on without
# the side-by-side column. TRAIN_DATA: a chunk dataset (default: example scenes made here at 256x256).
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2
export PYTHONUNBUFFERED=1
OUT=${OUT:-outputs}
JOB=${SPEED_JOB:-speed}  # another name keeps two runs in one call apart
source scripts/gpu/script_env.sh "$@"
if [ "$SMOKE" = 0 ] && [ -d .whl ] && [ -f scripts/gpu/device_env.sh ]; then
  source scripts/gpu/device_env.sh || echo "speed.sh: device_env.sh failed; going on with what is installed" >&2
fi
export TORCH_CUDA_ARCH_LIST=${TORCH_CUDA_ARCH_LIST:-9.0} MAX_JOBS=${MAX_JOBS:-16}
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total --format=csv,noheader || true

T0=$(date +%s)
BUDGET=${SPEED_BUDGET:-480}
# Seconds for the next stage: at most $1, and never past the budget (minus 15 s to pack results).
left() {
  local rest=$((BUDGET - 15 - ($(date +%s) - T0)))
  (( rest < $1 )) && echo $((rest > 5 ? rest : 5)) || echo "$1"
}
stage() { echo "=== [$(( $(date +%s) - T0 )) s] $*"; }

REFERENCE_SRC=${REFERENCE_SRC:-}
REFERENCE_DINOV2=${REFERENCE_DINOV2:-}
[ -z "$REFERENCE_SRC" ] && [ -d .gpu_ref/depthsplat/src ] && REFERENCE_SRC=$PWD/.gpu_ref/depthsplat
[ -z "$REFERENCE_DINOV2" ] && [ -f .gpu_ref/dinov2/hubconf.py ] && REFERENCE_DINOV2=$PWD/.gpu_ref/dinov2
reference=()
if [ -n "$REFERENCE_SRC" ]; then
  reference=(--reference-src "$REFERENCE_SRC")
  [ -n "$REFERENCE_DINOV2" ] && reference+=(--reference-dinov2 "$REFERENCE_DINOV2")
else
  echo "speed.sh: no reference checkout (REFERENCE_SRC or .gpu_ref/); timing splatbench alone" >&2
fi

if [ "$SMOKE" = 1 ]; then
  DEVICE=cpu
  SMALL=(--smoke --device cpu --cases tiny_2v_32 --profile tiny_2v_32:fp32)
  OTHERS=(--smoke --device cpu --cases tiny_4v_32x48 --precisions fp32 bf16)
  BASE_LARGE=()
  COMPILE_BASE_LARGE=()
  COMPILE_LARGE=()
  BIG=(--smoke --device cpu --cases tiny_4v_32x48 --precisions bf16_all)
  AB=(--smoke --device cpu --cases tiny_2v_32 --channels-last)
  AB12=(--smoke --device cpu --cases tiny_4v_32x48 --precisions bf16_all --no-render --channels-last)
  COMPILE=()
  COMPILE12=()
  TRAIN=(--smoke --device cpu --train-preset tiny --train-image-shape 64 64 --train-batch-size 2 --train-steps 2
         --train-workers 0 --train-precisions fp32 --train-lpips on --train-profile 1)
  DATA_ARGS=(--num-scenes 2 --num-test-scenes 1 --num-frames 12 --image-shape 64 64)
  reference=()
else
  DEVICE=cuda
  SMALL=(--cases small_2v_256 --precisions fp32 tf32 bf16 bf16_tf32 bf16_all --repeats 10 --warmup 3
         --profile small_2v_256:bf16_all small_2v_256:bf16 "${reference[@]}")
  OTHERS=(--cases base_2v_256 large_2v_256 small_6v_256x448 --precisions tf32 bf16 bf16_tf32 bf16_all
          --repeats 10 --warmup 3 "${reference[@]}")
  BASE_LARGE=(--cases base_2v_256 large_2v_256 --precisions tf32 bf16_tf32 --repeats 10 --warmup 3 "${reference[@]}")
  COMPILE_BASE_LARGE=(--cases base_2v_256 large_2v_256 --precisions tf32 bf16_tf32 --repeats 10 --warmup 3 --compile "${reference[@]}")
  COMPILE_LARGE=(--cases large_2v_256 --precisions tf32 bf16_tf32 --repeats 20 --warmup 5 --compile
                 --profile large_2v_256:tf32 "${reference[@]}")
  BIG=(--cases small_12v_512x960 --precisions bf16_all bf16 tf32 --repeats 5 --warmup 2 --no-render
       --profile small_12v_512x960:bf16_all "${reference[@]}")
  AB=(--cases small_2v_256 small_6v_256x448 --precisions bf16 bf16_all --repeats 10 --warmup 3 --channels-last)
  AB12=(--cases small_12v_512x960 --precisions bf16_all bf16 --repeats 5 --warmup 2 --no-render --channels-last)
  COMPILE=(--cases small_2v_256 --precisions tf32 bf16_tf32 --repeats 10 --warmup 3 --compile "${reference[@]}")
  COMPILE12=(--cases small_12v_512x960 --precisions bf16_all --repeats 5 --warmup 2 --no-render --compile "${reference[@]}")
  TRAIN=(--train-preset small --train-batch-size 8 --train-steps 12 --train-warmup 3 --train-workers 12
         --train-precisions bf16-all fp32 --train-lpips both --train-profile 2)
  DATA_ARGS=(--num-scenes 8 --num-test-scenes 1 --num-frames 24 --image-shape 256 256)
fi

# gsplat compiles its CUDA kernels on first use (about 100 s): start that now, beside the goldens.
if [ "$SMOKE" = 0 ]; then
  (timeout 300 $PY -c "from gsplat.cuda import _backend" > "$WORK/gsplat_build.log" 2>&1 &)
fi

STAGES=${SPEED_STAGES:-1 2a 3 4 2b 5 6}

stage_1() {
stage "1. fp32 goldens ($DEVICE, TF32 off), eager and CUDA graph"
timeout "$(left 90)" $PY - "$DEVICE" <<'PY' 2>&1 | grep -v -i warn | tee "$RESULTS/goldens.txt"
import sys
from pathlib import Path

import numpy as np
import torch

from splatbench.model.encoder.config import encoder_preset
from splatbench.model.encoder.depthsplat import EncoderDepthSplat
from splatbench.model.encoder.graphed import GraphedEncoder
from splatbench.model.generated_weights import fill_weights_from_names

device = torch.device(sys.argv[1])
torch.backends.cuda.matmul.allow_tf32 = torch.backends.cudnn.allow_tf32 = False
worst = 0.0
for name, preset in [("depthsplat_small_v2_64", "small"), ("depthsplat_small_v4_64", "small"), ("depthsplat_base_v2_64", "base")]:
    g = dict(np.load(Path("tests/encoder/golden") / f"{name}.npz"))
    enc = fill_weights_from_names(EncoderDepthSplat(encoder_preset(preset)).eval(), prefix="encoder.").to(device)
    ctx = {"image": torch.from_numpy(g["image_u8"]).float().div(255).to(device)}
    ctx.update({k: torch.from_numpy(g[k]).to(device) for k in ("intrinsics", "extrinsics", "near", "far")})
    idx = torch.from_numpy(g["gaussian_index"]).to(device)
    runs = [("eager", enc)] + ([("graphed", GraphedEncoder(enc))] if device.type == "cuda" else [])
    for label, run in runs:
        with torch.no_grad():
            run(ctx)
            out = run(ctx)  # second call: the cached constants (and, graphed, the replay)
        gs = out["gaussians"]
        ours = {"depths": out["depths"], "opacities": gs.opacities, "means": gs.means[:, idx], "covariances": gs.covariances[:, idx], "harmonics": gs.harmonics[:, idx]}
        diffs = {k: float((v.float().cpu() - torch.from_numpy(g[k]).float()).abs().max()) for k, v in ours.items()}
        worst = max(worst, *diffs.values())
        print(f"golden {name} {label}: " + ", ".join(f"{k} {v:.2e}" for k, v in diffs.items()))
print(f"goldens: worst max abs difference {worst:.2e} ({'PASS' if worst <= 1e-4 else 'FAIL'} at 1e-4)")
PY
}

run_bench() {  # name, seconds, bench arguments...
  local name=$1 seconds=$2
  shift 2
  stage "$name"
  timeout "$(left "$seconds")" $PY -m splatbench bench --out "$WORK/$name" --overwrite "$@" > "$WORK/$name.log" 2>&1
  local rc=$?
  [ "$rc" = 0 ] || echo "speed.sh: stage $name ended with status $rc (partial results kept; see logs.tar.gz)"
  [ -f "$WORK/$name/bench.md" ] && cat "$WORK/$name/bench.md" | grep -v '^| `' | head -n 40
}

stage_2a() { run_bench 2a_small_2v 140 "${SMALL[@]}"; }  # includes waiting for gsplat's build
stage_3() { run_bench 3_small_12v 100 "${BIG[@]}"; }
stage_4() {
  stage "4. training data"
  TRAIN_DATA=${TRAIN_DATA:-}
  if [ -z "$TRAIN_DATA" ]; then
    TRAIN_DATA=$WORK/train_data
    timeout "$(left 60)" $PY -m splatbench data example "$TRAIN_DATA" "${DATA_ARGS[@]}" --no-middlebury > "$WORK/data.log" 2>&1
  fi
  run_bench 4_training 150 --cases --train-data "$TRAIN_DATA" "${TRAIN[@]}"
}
stage_2b() { run_bench 2b_base_large_6v 130 "${OTHERS[@]}"; }
stage_2c() { [ "${#BASE_LARGE[@]}" -eq 0 ] || run_bench 2c_base_large 120 "${BASE_LARGE[@]}"; }
stage_5() { run_bench 5_channels_last 40 "${AB[@]}"; }
stage_3c() { run_bench 3c_small_12v_channels_last 60 "${AB12[@]}"; }
export TORCHINDUCTOR_COMPILE_THREADS=${TORCHINDUCTOR_COMPILE_THREADS:-16}
stage_6() { [ "${#COMPILE[@]}" -eq 0 ] || run_bench 6_compile 260 "${COMPILE[@]}"; }
stage_6c() { [ "${#COMPILE_BASE_LARGE[@]}" -eq 0 ] || run_bench 6c_compile_base_large 420 "${COMPILE_BASE_LARGE[@]}"; }
stage_6d() { [ "${#COMPILE_LARGE[@]}" -eq 0 ] || run_bench 6d_compile_large 400 "${COMPILE_LARGE[@]}"; }
stage_6b() { [ "${#COMPILE12[@]}" -eq 0 ] || run_bench 6b_compile_12v 260 "${COMPILE12[@]}"; }

# Most wanted first: a stage cut by the budget costs only what comes after it.
for name in $STAGES; do
  if declare -F "stage_$name" >/dev/null; then "stage_$name"; else echo "speed.sh: unknown stage '$name' in SPEED_STAGES" >&2; fi
done

stage "pack results"
timeout 30 $PY scripts/gpu/pack_bench_reports.py "$WORK" "$RESULTS"
tar -czf "$RESULTS/logs.tar.gz" -C "$WORK" --exclude=train_data . 2>/dev/null
echo "speed.sh: done in $(( $(date +%s) - T0 )) s; results in $RESULTS: $(ls "$RESULTS" | tr '\n' ' ')"
rm -rf "$WORK"
