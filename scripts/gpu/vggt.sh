#!/usr/bin/env bash
# Issue 11 (VGGT) on nvidia-h200, from the repo root. Needs nothing carried: VGGT-1B's weights are
# generated here from their names. ~4-5 minutes: golden check at full size, fp32 vs bf16, then
# 100 and 200 frames at 518 x 294 and 518 x 518 (bf16). Results in $OUT/vggt/{results.json,summary.md}.
#   bash scripts/gpu/vggt.sh            # GPU
#   OUT=/tmp bash scripts/gpu/vggt.sh --smoke   # CPU check of the script (tiny model, 4 frames)
set -euo pipefail
export PYTHONPATH=$PWD${PYTHONPATH:+:$PYTHONPATH} PYTHONUNBUFFERED=1
if command -v nvidia-smi >/dev/null; then nvidia-smi --query-gpu=name,memory.total --format=csv,noheader; fi
PYTHON=${PYTHON:-python3}
"$PYTHON" scripts/bench_vggt.py --out "${OUT:?set OUT}/vggt" "$@"
