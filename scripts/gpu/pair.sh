#!/usr/bin/env bash
# Two queues of GPU jobs side by side on nvidia-h200-x2, one queue per GPU, in one device call:
#
#   bash scripts/gpu/pair.sh "bash scripts/gpu/bench.sh; bash scripts/gpu/recon.sh" "bash scripts/gpu/depth.sh"
#
# Run from the repo root after a call that carried .whl and .gpu_lpips (scripts/gpu/make_carry.sh).
# gsplat is JIT-compiled once before the queues start, so they do not both wait on its build lock.
# Each queue's output goes to $OUT/gpu<N>.log. Only 8 files come back from a call, two folders deep at
# most, so at the end everything under $OUT except the *.md summaries is packed into $OUT/results.tgz.
set -uo pipefail
cd "$(dirname "$0")/../.."
: "${OUT:?set OUT}"
source scripts/gpu/device_env.sh || { echo "pair.sh: installing the carried wheels failed" >&2; exit 2; }
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader
start=$(date +%s)
python3 - <<'PYEOF'
from gsplat.cuda._backend import _C  # noqa: F401  (triggers the JIT build)
print("gsplat compiled:", _C is not None)
PYEOF
echo "gsplat build: $(( $(date +%s) - start )) s"

pids=()
for gpu in 0 1; do
  queue=${*:$((gpu + 1)):1}
  [ -n "$queue" ] || continue
  (export CUDA_VISIBLE_DEVICES=$gpu; eval "$queue") > "$OUT/gpu$gpu.log" 2>&1 &
  pids+=($!)
done
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
echo "queues done after $(( $(date +%s) - start )) s (exit $status)"

for gpu in 0 1; do [ -f "$OUT/gpu$gpu.log" ] && { echo "=== GPU $gpu (tail)"; tail -n 25 "$OUT/gpu$gpu.log"; }; done
# Pack: the jobs' summaries stay at the top level (at most 6), everything else goes into one archive.
summaries=$(cd "$OUT" && for name in leaderboard.md depth_finetune.md results.md summary.md ddp_results.md report.md; do
  find . -mindepth 2 -name "$name"; done | head -n 6)
for file in $summaries; do cp "$OUT/$file" "$OUT/$(echo "${file#./}" | tr '/' '_')"; done
(cd "$OUT" && tar czf /tmp/results.tgz $(ls -A | grep -v '\.md$') && mv /tmp/results.tgz results.tgz \
  && find . -mindepth 1 -maxdepth 1 ! -name results.tgz ! -name '*.md' -exec rm -rf {} +)
ls -la "$OUT"
exit $status
