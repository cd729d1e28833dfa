"""Data: chunk readers (RealEstate10K, DL3DV, VGGT-processed), view samplers, shims, importers, example set.

Public entry points (imported lazily, so ``import splatbench.data`` stays cheap):

* ``DataModule(dataset_cfg, data_loader_cfg, step_tracker=None, global_rank=0, data_shim=None)``
* ``get_dataset(cfg, stage, step_tracker=None, global_rank=0, world_size=1, batch_size=1)``
* ``StepTracker``; ``read_chunk(path)`` / ``write_chunk(path, scenes)``
* ``make_example_dataset(out_dir, num_scenes=12, image_shape=(64, 64), ...)``
* ``load_evaluation_index(path)``; ``DataError`` (bad input: file, scene, field)
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "DataModule": "splatbench.data.data_module",
    "get_data_shim": "splatbench.data.data_module",
    "get_dataset": "splatbench.data.datasets",
    "DATASETS": "splatbench.data.datasets",
    "StepTracker": "splatbench.data.step_tracker",
    "read_chunk": "splatbench.data.chunks",
    "write_chunk": "splatbench.data.chunks",
    "make_example_dataset": "splatbench.data.example",
    "load_evaluation_index": "splatbench.data.evaluation_index",
    "DataError": "splatbench.data.errors",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'splatbench.data' has no attribute {name!r}")
