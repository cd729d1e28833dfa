#!/usr/bin/env bash
# Issue 16 on one H200: the three methods side by side, with generated weights (nothing downloaded).
#   1. ReSplat's CPU goldens and the PyTorch kNN replayed on CUDA (scripts/gpu/resplat_check.py);
#   2. `splatbench bench`: DepthSplat-small, MVSplat and ReSplat-base (2 refinement steps), 2 views
#      256x256, fp32 and TF32: encoder latency (eager, CUDA graph), end to end with 3 renders, peak memory;
#   3. `splatbench benchmark` with one run per method (official-layout checkpoints of generated weights,
#      each method's own experiment) on example scenes made here at 256x256: the leaderboard with
#      parameter counts.
# Writes $OUT/methods/{resplat_check.json, bench.md, bench.json, leaderboard.md, spec.yaml, run.log}.
#
#   bash scripts/gpu/methods.sh            # H200: about 3 minutes after gsplat's build
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
  CASES=(tiny_2v_32 mvsplat_tiny_2v_32 resplat_tiny_2v_32)
  BENCH=(--repeats 1 --warmup 0 --precisions fp32)
  METHODS="tiny mvsplat-tiny resplat-tiny"
else
  DEVICE=cuda; SIZE=256; SCENES=4
  CHECK=()
  CASES=(small_2v_256 mvsplat_2v_256 resplat_base_2v_256)
  BENCH=(--repeats 5 --warmup 2 --precisions fp32 tf32)
  METHODS="depthsplat-small mvsplat resplat-base"
fi
start=$(date +%s)
{
  echo "== 1. ReSplat goldens and kNN on $DEVICE"
  "$PY" scripts/gpu/resplat_check.py --device "$DEVICE" --out "$RESULTS/resplat_check.json" "${CHECK[@]}"
  echo "== 2. splatbench bench: ${CASES[*]}"
  "$PY" -m splatbench bench --device "$DEVICE" --cases "${CASES[@]}" "${BENCH[@]}" --out "$WORK/bench"
  cp "$WORK/bench/bench.json" "$WORK/bench/bench.md" "$RESULTS/"
  echo "== 3. splatbench benchmark: $METHODS on example scenes at ${SIZE}x${SIZE}"
  "$PY" -m splatbench data example "$WORK/data" --num-scenes 1 --num-test-scenes $SCENES --num-frames 24 \
    --image-shape $SIZE $SIZE --no-middlebury >/dev/null
  "$PY" - "$WORK" "$RESULTS/spec.yaml" $SIZE $METHODS <<'PYEOF'
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
  "$PY" -m splatbench benchmark "$RESULTS/spec.yaml" --out "$WORK/benchmark" --no-progress \
    $([ "$SMOKE" = 1 ] && echo "--device cpu")
  cp "$WORK/benchmark/report/leaderboard.md" "$RESULTS/"
} 2>&1 | tee "$RESULTS/run.log"
echo "methods.sh: $(( $(date +%s) - start )) s in all; results in $RESULTS"
rm -rf "$WORK"
