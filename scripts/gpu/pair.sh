#!/usr/bin/env bash
# Two queues of GPU jobs side by side on nvidia-h200-x2, one queue per GPU, in one device call:
#
#   bash scripts/gpu/pair.sh "bash scripts/gpu/bench.sh; bash scripts/gpu/recon.sh" "bash scripts/gpu/depth.sh"
#
# PAIR_SECONDS (default 540): both queues are stopped that many seconds after the start, so the results
# are packed before the device call's own limit. PAIR_FIRST: a command that needs both GPUs (e.g. DDP),
# run before the two queues under PAIR_FIRST_SECONDS (default 240); its output goes to $OUT/both.log.
# PAIR_EARLY: a command for GPU 0 that needs no gsplat, started at once (before gsplat's build) and
# stopped at the same deadline; its output goes to $OUT/early.log. GPU 0's queue, if any, runs beside it.
#
# Run from the repo root after a call that carried .whl and .gpu_lpips (scripts/gpu/make_carry.sh).
# gsplat is JIT-compiled once before the queues start, so they do not both wait on its build lock.
# Each queue's output goes to $OUT/gpu<N>.log. Only 8 files come back from a call (16 MiB each, two
# folders deep at most), so at the end each job's folder is packed into $OUT/<job>.tgz.
set -uo pipefail
cd "$(dirname "$0")/../.."
: "${OUT:?set OUT}"
source scripts/gpu/device_env.sh || { echo "pair.sh: installing the carried wheels failed" >&2; exit 2; }
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader
start=$(date +%s)
PAIR_SECONDS=${PAIR_SECONDS:-540}  # from here to the end of both queues (gsplat's build included)
early_pid=
if [ -n "${PAIR_EARLY:-}" ]; then
  CUDA_VISIBLE_DEVICES=0 timeout -k 10 "$PAIR_SECONDS" bash -c "$PAIR_EARLY" > "$OUT/early.log" 2>&1 &
  early_pid=$!
fi
python3 - <<'PYEOF'
from gsplat.cuda._backend import _C  # noqa: F401  (triggers the JIT build)
print("gsplat compiled:", _C is not None)
PYEOF
echo "gsplat build: $(( $(date +%s) - start )) s"

if [ -n "${PAIR_FIRST:-}" ]; then
  first_left=$(( ${PAIR_FIRST_SECONDS:-240} < PAIR_SECONDS - ($(date +%s) - start) ? ${PAIR_FIRST_SECONDS:-240} : PAIR_SECONDS - ($(date +%s) - start) ))
  timeout -k 10 "$first_left" bash -c "$PAIR_FIRST" > "$OUT/both.log" 2>&1 || echo "pair.sh: PAIR_FIRST ended with status $?"
  echo "both GPUs' command done after $(( $(date +%s) - start )) s"
fi

pids=()
for gpu in 0 1; do
  queue=${*:$((gpu + 1)):1}
  [ -n "$queue" ] || continue
  # Every queue stops at the deadline so that the packing below always runs inside the call's limit.
  left=$(( PAIR_SECONDS - ($(date +%s) - start) ))
  CUDA_VISIBLE_DEVICES=$gpu timeout -k 10 "$left" bash -c "$queue" > "$OUT/gpu$gpu.log" 2>&1 &
  pids+=($!)
done
status=0
for pid in "${pids[@]}" $early_pid; do wait "$pid" || status=1; done
echo "queues done after $(( $(date +%s) - start )) s (exit $status)"

[ -f "$OUT/both.log" ] && { echo "=== both GPUs (tail)"; tail -n 25 "$OUT/both.log"; }
[ -f "$OUT/early.log" ] && { echo "=== GPU 0, early (tail)"; tail -n 25 "$OUT/early.log"; }
for gpu in 0 1; do [ -f "$OUT/gpu$gpu.log" ] && { echo "=== GPU $gpu (tail)"; tail -n 25 "$OUT/gpu$gpu.log"; }; done
# Pack: at most 8 files come back, 16 MiB each. The jobs' summaries stay at the top level (at most 3), each
# job's folder becomes <job>.tgz and the logs logs.tgz.
summaries=$(cd "$OUT" && for name in leaderboard.md depth_finetune.md results.md summary.md ddp_results.md report.md; do
  find . -mindepth 2 -name "$name"; done | head -n 3)
for file in $summaries; do cp "$OUT/$file" "$OUT/$(echo "${file#./}" | tr '/' '_')"; done
(cd "$OUT" && for entry in $(ls -A); do
   if [ -d "$entry" ]; then tar czf "$entry.tgz" "$entry" && rm -rf "$entry"; fi
 done && tar czf logs.tgz --remove-files *.log 2>/dev/null)
ls -la "$OUT"
exit $status
