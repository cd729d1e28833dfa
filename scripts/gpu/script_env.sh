# Sourced by the GPU job scripts (bench.sh, depth.sh, recon.sh) after `cd` to the repo root, with
# JOB set to the script's name and OUT set: the --smoke switch, the Python to run (the repo's .venv for a
# CPU smoke run), the import path, $OUT/$JOB for results and a scratch folder.
SMOKE=0
[ "${1:-}" = "--smoke" ] && SMOKE=1
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] && [ "$SMOKE" = 1 ] && PY=.venv/bin/python
export PYTHONPATH=$PWD${PYTHONPATH:+:$PYTHONPATH}
RESULTS=$OUT/$JOB
WORK=$(mktemp -d "/tmp/${JOB}_work.XXXXXX")
mkdir -p "$RESULTS"

# The real scenes: $1 if set, else .gpu_scenes/ (carried), else ../shared/data/real_scenes.
find_real_scenes() {
  local found=${1:-} candidate
  for candidate in .gpu_scenes ../shared/data/real_scenes; do
    if [ -z "$found" ] && [ -d "$candidate/fountain-P11" ]; then found=$candidate; fi
  done
  [ -n "$found" ] || { echo "$JOB.sh: no real scenes found (.gpu_scenes or ../shared/data/real_scenes)" >&2; exit 2; }
  SCENES=$found
}
