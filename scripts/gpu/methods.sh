#!/usr/bin/env bash
# Issue 16 on one H200: the three methods side by side, with generated weights (nothing downloaded).
#   1. ReSplat's CPU goldens and the PyTorch kNN replayed on CUDA (scripts/gpu/resplat_check.py);
#      the exact kNN timed against the previous all-pairs search (scripts/gpu/knn_bench.py: 131,072
#      points = 2 views x 256 x 256 for the new one, 32,768 for both);
#   2. `splatbench bench`: DepthSplat-small, MVSplat and ReSplat-base (2 refinement steps), 2 views
#      256x256, fp32 and TF32: encoder latency (eager, CUDA graph), end to end with 3 renders (gsplat),
#      peak memory;
#   3. `splatbench benchmark` with one run per method (official-layout checkpoints of generated weights,
#      each method's own experiment) on example scenes made here at 256x256: the leaderboard with
#      parameter counts.
# gsplat's CUDA code is JIT-compiled in the background while step 1 runs (about 80 s on 16 cores).
# Writes $OUT/methods/{resplat_check.json, knn.json, bench.md, bench.json, leaderboard.md, spec.yaml, run.log}.
# A step that fails is reported and the next one still runs; the exit status is then 1.
#
#   bash scripts/gpu/methods.sh            # H200, carry .whl and .gpu_lpips: about 4-5 minutes
#   OUT=/tmp/m bash scripts/gpu/methods.sh --smoke   # CPU, tiny methods and sizes (checks the script)
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${OUT:-/tmp/methods_out}
JOB=methods
source scripts/gpu/script_env.sh "$@"
[ "$SMOKE" = 0 ] && [ -d .whl ] && source scripts/gpu/device_env.sh

if [ "$SMOKE" = 1 ]; then
  export OMP_NUM_THREADS=1
  DEVICE=cpu; SIZE=64; SCENES=1
  CHECK=(--knn-points 2048)
  KNN=(--points 4096 --old-points 2048 --repeats 1)
  CASES=(tiny_2v_32 mvsplat_tiny_2v_32 resplat_tiny_2v_32)
  BENCH=(--repeats 1 --warmup 0 --precisions fp32)
  METHODS="tiny mvsplat-tiny resplat-tiny"
else
  DEVICE=cuda; SIZE=256; SCENES=4
  CHECK=()
  KNN=(--points 131072 --old-points 32768 --repeats 5)
  CASES=(small_2v_256 mvsplat_2v_256 resplat_base_2v_256)
  BENCH=(--repeats 5 --warmup 2 --precisions fp32 tf32)
  METHODS="depthsplat-small mvsplat resplat-base"
fi
start=$(date +%s)
failed=()
step() {  # step NAME COMMAND...: run it, note a failure, go on
  local name=$1; shift
  "$@" || { echo "methods.sh: step '$name' failed (exit $?)" >&2; failed+=("$name"); }
}
status=0
{
  BUILD_PID=""
  if [ "$SMOKE" = 0 ] && "$PY" -c 'import gsplat' 2>/dev/null; then
    "$PY" -c 'from gsplat.cuda._backend import _C; print("gsplat compiled:", _C is not None)' > "$WORK/gsplat_build.log" 2>&1 &
    BUILD_PID=$!
  fi
  echo "== 1. ReSplat goldens and kNN on $DEVICE"
  step goldens "$PY" scripts/gpu/resplat_check.py --device "$DEVICE" --out "$RESULTS/resplat_check.json" "${CHECK[@]}"
  step knn "$PY" scripts/gpu/knn_bench.py --device "$DEVICE" --out "$RESULTS/knn.json" "${KNN[@]}"
  if [ -n "$BUILD_PID" ]; then
    wait "$BUILD_PID" || true
    echo "gsplat build done after $(( $(date +%s) - start )) s: $(tail -n 1 "$WORK/gsplat_build.log")"
  fi
  echo "== 2. splatbench bench: ${CASES[*]}"
  step bench "$PY" -m splatbench bench --device "$DEVICE" --cases "${CASES[@]}" "${BENCH[@]}" --out "$WORK/bench"
  cp "$WORK/bench/bench.json" "$WORK/bench/bench.md" "$RESULTS/" 2>/dev/null || true
  echo "== 3. splatbench benchmark: $METHODS on example scenes at ${SIZE}x${SIZE}"
  step data "$PY" -m splatbench data example "$WORK/data" --num-scenes 1 --num-test-scenes $SCENES --num-frames 24 \
    --image-shape $SIZE $SIZE --no-middlebury >/dev/null
  step spec "$PY" - "$WORK" "$RESULTS/spec.yaml" $SIZE $METHODS <<'PYEOF'
import sys
from pathlib import Path

import torch
import yaml

from splatbench.model.generated_weights import fill_weights_from_names, write_fake_official_checkpoint
from splatbench.model.methods import build_encoder, get_method

work, spec_path, size, names = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
runs = []
for name in names:
    method = get_method(name)
    encoder = fill_weights_from_names(build_encoder(method), prefix="encoder.")
    state = {f"encoder.{key}": value for key, value in encoder.state_dict().items()}
    # the form each method's official weights come in (MVSplat: Lightning .ckpt; DepthSplat / ReSplat: .pth)
    form, suffix = ("lightning", "ckpt") if method.preset.startswith("mvsplat") else ("full_raw", "pth")
    path = write_fake_official_checkpoint(work / f"{method.name}.{suffix}", form, state)
    runs.append({"name": f"{method.name}-generated", "method": method.name, "checkpoint": str(path),
                 "dataset_root": str(work / "data"), "indices": {"all": str(work / "data" / "evaluation_index.json")},
                 # the example set's frames and depth range instead of RE10K's
                 "overrides": [f"dataset.image_shape=[{size},{size}]", f"dataset.ori_image_shape=[{size},{size}]",
                               "dataset.near=0.5", "dataset.far=100.0"],
                 **({} if method.experiment else {"experiment": "demo_tiny"})})
    print(f"{method.name}: {sum(v.numel() for v in state.values()):,} parameters -> {path.name}")
spec_path.write_text(yaml.safe_dump({"protocol": "custom", "resamples": 200, "viewer_splats": 0, "runs": runs}, sort_keys=False))
PYEOF
  step benchmark "$PY" -m splatbench benchmark "$RESULTS/spec.yaml" --out "$WORK/benchmark" --no-progress \
    $([ "$SMOKE" = 1 ] && echo "--device cpu")
  cp "$WORK/benchmark/report/leaderboard.md" "$RESULTS/" 2>/dev/null && cat "$RESULTS/leaderboard.md"
  echo "methods.sh: $(( $(date +%s) - start )) s in all; results in $RESULTS; failed steps: ${failed[*]:-none}"
  [ ${#failed[@]} = 0 ]
} 2>&1 | tee "$RESULTS/run.log" || status=$?
rm -rf "$WORK"
exit "$status"
