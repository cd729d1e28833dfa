"""RealEstate10K-style chunks: two (or more) context views, frames stored at 360x640."""

from __future__ import annotations

from splatbench.data.dataset_chunked import ChunkedDataset

REFERENCE_SHAPE = (360, 640)
REFERENCE_SHAPE_HIGHRES = (720, 1280)


class DatasetRE10k(ChunkedDataset):
    def expected_image_shape(self) -> tuple[int, int]:
        if self.cfg.ori_image_shape is not None:
            return tuple(self.cfg.ori_image_shape)
        return REFERENCE_SHAPE_HIGHRES if self.cfg.highres else REFERENCE_SHAPE
