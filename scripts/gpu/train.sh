#!/usr/bin/env bash
# Issue 12, training throughput on one H200 in at most ~5 minutes: DepthSplat-small, batch 8, 2 context +
# 4 target views at 256x256, real data loading (example scenes made here), through `splatbench bench`:
#   1. bf16-all + LPIPS, with a kernel profile of 2 steps after the timed ones (top kernels, kernel count,
#      share, and the operators with their input shapes);
#   2. fp32 (TF32 matmuls, as `splatbench train`) + LPIPS;
#   3. bf16-all and fp32 without LPIPS.
# Each `splatbench bench` call saves bench.json after every configuration, so a call cut by the budget
# keeps what it finished. gsplat's CUDA extension is JIT-built (about 100 s on a fresh machine) while the
# data are made, and waited for before the first configuration, so no configuration's start-up includes
# the build; every configuration reports its start-up split (build, Lightning set-up, first batch,
# first and second step).
# Results: $OUT/train/ summary.md (every table), reports.json, gsplat_build.txt, logs.tar.gz.
#
#   carry .whl .gpu_lpips (scripts/gpu/make_carry.sh), then
#   bash scripts/gpu/train.sh
#   OUT=/tmp/t PYTHON=/work/main/.venv/bin/python bash scripts/gpu/train.sh --smoke   # CPU check, tiny sizes
#
# TRAIN_BUDGET: seconds for the whole call (default 300). TRAIN_DATA: a chunk dataset (default: example
# scenes made here at 256x256). TRAIN_WORKERS: loader workers (default 12).
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2
export PYTHONUNBUFFERED=1
OUT=${OUT:-outputs}
JOB=train
source scripts/gpu/script_env.sh "$@"
if [ "$SMOKE" = 0 ] && [ -d .whl ] && [ -f scripts/gpu/device_env.sh ]; then
  source scripts/gpu/device_env.sh || echo "train.sh: device_env.sh failed; going on with what is installed" >&2
fi
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total --format=csv,noheader || true

T0=$(date +%s)
BUDGET=${TRAIN_BUDGET:-300}
left() {  # seconds for the next step: at most $1, never past the budget (minus 15 s to pack results)
  local rest=$((BUDGET - 15 - ($(date +%s) - T0)))
  (( rest < $1 )) && echo $((rest > 5 ? rest : 5)) || echo "$1"
}
stage() { echo "=== [$(( $(date +%s) - T0 )) s] $*"; }

if [ "$SMOKE" = 1 ]; then
  COMMON=(--smoke --device cpu --cases --train-preset tiny --train-image-shape 32 32 --train-batch-size 1
          --train-steps 1 --train-workers 0)
  DATA_ARGS=(--num-scenes 2 --num-test-scenes 1 --num-frames 12 --image-shape 32 32)
else
  COMMON=(--cases --train-preset small --train-image-shape 256 256 --train-batch-size 8 --train-steps 12
          --train-warmup 3 --train-workers "${TRAIN_WORKERS:-12}")
  DATA_ARGS=(--num-scenes 8 --num-test-scenes 1 --num-frames 24 --image-shape 256 256)
fi

GSPLAT_PID=
if [ "$SMOKE" = 0 ]; then
  stage "gsplat build (background, beside the data)"
  ( start=$(date +%s)
    timeout 240 $PY -c "from gsplat.cuda._backend import _C; assert _C is not None" > "$WORK/gsplat_build.log" 2>&1
    echo "gsplat extension: status $?, $(( $(date +%s) - start )) s" > "$RESULTS/gsplat_build.txt" ) &
  GSPLAT_PID=$!
fi

TRAIN_DATA=${TRAIN_DATA:-}
if [ -z "$TRAIN_DATA" ]; then
  stage "training data (splatbench data example)"
  TRAIN_DATA=$WORK/train_data
  timeout "$(left 60)" $PY -m splatbench data example "$TRAIN_DATA" "${DATA_ARGS[@]}" --no-middlebury > "$WORK/data.log" 2>&1 \
    || { echo "train.sh: making the example data failed (see logs.tar.gz)"; tail -n 5 "$WORK/data.log"; }
fi
if [ -n "$GSPLAT_PID" ]; then
  stage "waiting for the gsplat build"
  wait "$GSPLAT_PID"
  cat "$RESULTS/gsplat_build.txt"
fi

run_bench() {  # name, seconds, bench arguments...
  local name=$1 seconds=$2
  shift 2
  stage "$name"
  timeout "$(left "$seconds")" $PY -m splatbench bench --out "$WORK/$name" --overwrite --train-data "$TRAIN_DATA" \
    "${COMMON[@]}" "$@" > "$WORK/$name.log" 2>&1
  local rc=$?
  [ "$rc" = 0 ] || echo "train.sh: $name ended with status $rc (partial results kept; see logs.tar.gz)"
  [ -f "$WORK/$name/bench.md" ] && grep -v '^$' "$WORK/$name/bench.md" | head -n 80
}

# Most wanted first: a configuration cut by the budget costs only what comes after it.
if [ "$SMOKE" = 1 ]; then
  run_bench 1_bf16_all_lpips 120 --train-precisions bf16-all --train-lpips on --train-profile 1
  run_bench 2_fp32_lpips 120 --train-precisions fp32 --train-lpips on
  run_bench 3_mse 120 --train-precisions bf16-all fp32 --train-lpips off
else
  run_bench 1_bf16_all_lpips 110 --train-precisions bf16-all --train-lpips on --train-profile 2
  run_bench 2_fp32_lpips 70 --train-precisions fp32 --train-lpips on
  run_bench 3_mse 110 --train-precisions bf16-all fp32 --train-lpips off
fi

stage "pack results"
timeout 30 $PY - "$WORK" "$RESULTS" <<'PY'
import json
import sys
from pathlib import Path

from splatbench.evaluation.speed import markdown_report

work, results = Path(sys.argv[1]), Path(sys.argv[2])
reports, sections = {}, []
for path in sorted(work.glob("*/bench.json")):
    report = json.loads(path.read_text())
    reports[path.parent.name] = report
    sections.append(f"## {path.parent.name}\n\n{markdown_report(report)}")
(results / "reports.json").write_text(json.dumps(reports, indent=1))
(results / "summary.md").write_text("\n".join(sections))
for name, report in reports.items():
    for config, figures in report.get("training", {}).items():
        if "error" in figures:
            print(f"{config}: {figures['error']}")
        else:
            print(f"{config}: {figures['samples_per_second']:.1f} samples/s, {figures['step_ms']:.1f} ms/step, "
                  f"start-up {figures.get('startup_s', {})}")
print(f"packed {len(reports)} reports: {', '.join(reports)}")
PY
tar -czf "$RESULTS/logs.tar.gz" -C "$WORK" --exclude=train_data . 2>/dev/null
echo "train.sh: done in $(( $(date +%s) - T0 )) s; results in $RESULTS: $(ls "$RESULTS" | tr '\n' ' ')"
rm -rf "$WORK"
