"""Fixtures of the data-layer tests: one small example dataset per session."""

from __future__ import annotations

import pytest

from splatbench.data.config import DatasetRE10kCfg, ViewSamplerBoundedCfg, ViewSamplerEvaluationCfg


@pytest.fixture(scope="session")
def example_root(tmp_path_factory):
    from splatbench.data.example import make_example_dataset

    root = tmp_path_factory.mktemp("example")
    return make_example_dataset(
        root, num_scenes=4, num_test_scenes=5, num_frames=24, scenes_per_chunk=2, context_gap=8, include_middlebury=False
    )


@pytest.fixture
def make_cfg():
    return example_cfg


def example_cfg(root, stage: str = "train", **overrides) -> DatasetRE10kCfg:
    sampler = (
        ViewSamplerEvaluationCfg(index_path=str(root / "evaluation_index.json"))
        if stage == "test"
        else ViewSamplerBoundedCfg(min_distance_between_context_views=4, max_distance_between_context_views=10, num_target_views=2)
    )
    options = dict(roots=[str(root)], image_shape=[64, 64], ori_image_shape=[64, 64], view_sampler=sampler)
    options.update(overrides)
    return DatasetRE10kCfg(**options)
