"""Atomic writes and safe checkpoint loading.

Every file splatbench writes goes through a temporary file in the same folder followed by
``os.replace``, so an interrupted run never leaves a half-written output or checkpoint.
Checkpoints are read with ``torch.load(weights_only=True)`` or safetensors: no pickled code runs.
"""

from __future__ import annotations

import io
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any, Callable

from splatbench.errors import SplatbenchError, short_reason


def _atomic(path: str | os.PathLike, write: Callable[[Any], None], mode: str) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode) as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates 0600 files; give the result the permissions a plain open() would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return path


# What _atomic leaves behind when a process dies mid-write: ".NAME.<mkstemp suffix>.tmp".
_TEMPORARY_NAME = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")


def remove_stale_temporaries(folder: str | os.PathLike) -> list[Path]:
    """Delete the temporaries of interrupted atomic writes in ``folder`` (our naming pattern only;
    call at start-up, when no write of this run is in progress). Returns what was removed."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    removed = [path for path in folder.iterdir() if path.is_file() and _TEMPORARY_NAME.match(path.name)]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    return _atomic(path, lambda f: f.write(data), "wb")


def atomic_write_text(path: str | os.PathLike, text: str) -> Path:
    return _atomic(path, lambda f: f.write(text), "w")


def atomic_write_json(path: str | os.PathLike, obj: Any, indent: int | None = 2) -> Path:
    return atomic_write_text(path, json.dumps(obj, indent=indent) + "\n")


def atomic_torch_save(path: str | os.PathLike, obj: Any) -> Path:
    import torch

    buffer = io.BytesIO()
    torch.save(obj, buffer)
    return atomic_write_bytes(path, buffer.getvalue())


class CheckpointLoadError(SplatbenchError, ValueError):
    """A checkpoint file that cannot be read: corrupt, truncated, or holding pickled code."""


# torch's weights_only unpickler names the global it refused ("GLOBAL os.system", "global 'x.y'").
_REFUSED_GLOBAL = re.compile(r"GLOBAL ([\w.]+)|global '([\w.]+)'|Unsupported global: ([\w.]+)")


def _load_failure(path: Path, error: Exception) -> CheckpointLoadError:
    """Tell a file that carries pickled code (refused) from one that is simply broken."""
    text = str(error)
    refused = _REFUSED_GLOBAL.search(text)
    if "Weights only load failed" in text and refused:
        name = next(group for group in refused.groups() if group)
        return CheckpointLoadError(
            f"{path}: holds pickled Python objects ({name}); refused, because checkpoints are loaded "
            "with weights_only=True and never run code; re-save it as a plain state dict of tensors"
        )
    return CheckpointLoadError(f"{path}: corrupt or truncated, not a readable torch checkpoint ({short_reason(error, 100)})")


def safe_load_checkpoint(path: str | os.PathLike, map_location: str = "cpu", mmap: bool = False) -> Any:
    """Load a ``.pth``/``.ckpt``/``.torch`` file without executing pickled code.

    ``.safetensors`` files are read with safetensors. Anything else uses
    ``torch.load(weights_only=True)`` (``mmap``: map the tensors instead of reading them, for a
    cheap look at keys and shapes); a file that is corrupt or needs arbitrary unpickling raises a
    one-line :class:`CheckpointLoadError` naming the file and which of the two it is.
    """
    import torch

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: checkpoint file does not exist")
    if path.suffix == ".safetensors":
        from safetensors.torch import load_file

        try:
            return load_file(str(path), device=map_location)
        except Exception as error:  # safetensors raises its own SafetensorError for a bad header
            raise CheckpointLoadError(f"{path}: corrupt or truncated safetensors file ({short_reason(error, 100)})") from None
    try:
        return torch.load(path, map_location=map_location, weights_only=True, mmap=mmap)
    except RuntimeError as error:
        if mmap and "mmap" in str(error):  # legacy (non-zip) files cannot be mapped
            return safe_load_checkpoint(path, map_location)
        raise _load_failure(path, error) from None
    except Exception as error:  # pickle.UnpicklingError, EOFError, KeyError ... from a broken stream
        raise _load_failure(path, error) from None
