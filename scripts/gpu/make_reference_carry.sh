#!/usr/bin/env bash
# Run HERE (CPU machine, repo root) before the speed call: exports the reference encoder's sources
# (cvg/depthsplat's src/ and facebookresearch/dinov2's hubconf.py + dinov2/, about 2 MB) from two
# local git repositories into the git-ignored .gpu_ref/, which travels with `carry` next to .whl and
# .gpu_lpips (together about 56 MB, under the 64 MiB limit). Never committed.
#
#   bash scripts/gpu/make_reference_carry.sh /work/.mirror/cvg+depthsplat/repo /work/.mirror/facebookresearch+dinov2/repo \
#        [/work/.mirror/chenxiex+vggt/repo]
# The optional third repository adds VGGT's vggt/ package at upstream commit 44b3afb (the commit
# tests/vggt/golden/README.md names) for scripts/gpu/vggt_reference.py.
set -euo pipefail
cd "$(dirname "$0")/../.."
depthsplat_git=${1:?usage: make_reference_carry.sh DEPTHSPLAT_GIT_DIR DINOV2_GIT_DIR}
dinov2_git=${2:?usage: make_reference_carry.sh DEPTHSPLAT_GIT_DIR DINOV2_GIT_DIR}
exclude="$(git rev-parse --git-common-dir)/info/exclude"
grep -qx '/.gpu_\*/' "$exclude" 2>/dev/null || echo '/.gpu_*/' >> "$exclude"
rm -rf .gpu_ref.part && mkdir -p .gpu_ref.part/depthsplat .gpu_ref.part/dinov2
git --git-dir="$depthsplat_git" archive HEAD src | tar -x -C .gpu_ref.part/depthsplat
git --git-dir="$dinov2_git" archive HEAD hubconf.py dinov2 | tar -x -C .gpu_ref.part/dinov2
if [ -n "${3:-}" ]; then
  mkdir -p .gpu_ref.part/vggt
  git --git-dir="$3" archive 44b3afb vggt | tar -x -C .gpu_ref.part/vggt
fi
rm -rf .gpu_ref && mv .gpu_ref.part .gpu_ref
du -sh .gpu_ref
