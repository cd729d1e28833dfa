"""RealEstate10K-style chunks: two (or more) context views, frames stored at 360x640."""

from __future__ import annotations

import re

from splatbench.data.dataset_chunked import ChunkedDataset

REFERENCE_SHAPE = (360, 640)
REFERENCE_SHAPE_HIGHRES = (720, 1280)
RUN_SUFFIX = re.compile(r"_\d{2,}$")


class DatasetRE10k(ChunkedDataset):
    def run_names(self, scene: str) -> list[str]:
        """MVSplat's DTU protocol: with ``test_times_per_scene`` above 1, run i of a test scene is
        the index entry ``SCENE_0i`` (its own context and target frames)."""
        times = self.times_per_scene()
        if self.stage != "test" or times == 1:
            return super().run_names(scene)
        return [f"{scene}_{i:02d}" for i in range(times)]

    def scene_of_run(self, run: str) -> str:
        if self.stage == "test" and self.times_per_scene() > 1 and RUN_SUFFIX.search(run):
            return RUN_SUFFIX.sub("", run)
        return run

    def expected_image_shape(self) -> tuple[int, int]:
        if self.cfg.ori_image_shape is not None:
            return tuple(self.cfg.ori_image_shape)
        return REFERENCE_SHAPE_HIGHRES if self.cfg.highres else REFERENCE_SHAPE
