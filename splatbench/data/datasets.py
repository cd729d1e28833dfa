"""Dataset registry and ``get_dataset(cfg, stage, step_tracker)``."""

from __future__ import annotations

from splatbench.data.config import DatasetCfg
from splatbench.data.dataset_chunked import ChunkedDataset
from splatbench.data.dataset_dl3dv import DatasetDL3DV
from splatbench.data.dataset_re10k import DatasetRE10k
from splatbench.data.step_tracker import StepTracker
from splatbench.data.types import Stage
from splatbench.data.view_sampler import get_view_sampler

DATASETS: dict[str, type[ChunkedDataset]] = {
    "re10k": DatasetRE10k,
    "dl3dv": DatasetDL3DV,
}


def get_dataset(
    cfg: DatasetCfg,
    stage: Stage,
    step_tracker: StepTracker | None = None,
    global_rank: int = 0,
    world_size: int = 1,
    batch_size: int = 1,
) -> ChunkedDataset:
    view_sampler = get_view_sampler(
        cfg.view_sampler, stage, cfg.overfit_to_scene is not None, cfg.cameras_are_circular, step_tracker
    )
    return DATASETS[cfg.name](cfg, stage, view_sampler, global_rank=global_rank, world_size=world_size, batch_size=batch_size)
