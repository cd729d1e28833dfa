"""Evaluation indices: the published files parse with the documented counts; generation is seeded."""

from __future__ import annotations

import pytest

from splatbench.data.errors import DataError
from splatbench.data.evaluation_index import count_non_null, generate_evaluation_index, load_evaluation_index

PUBLISHED = {
    # file: (keys, non-null, context views)
    "evaluation_index_re10k.json": (7194, 6474, 2),
    "evaluation_index_acid.json": (1848, 1595, 2),
    "evaluation_index_re10k_high.json": (1630, 1630, 2),
    "evaluation_index_re10k_medium.json": (2565, 2565, 2),
    "evaluation_index_re10k_small.json": (1403, 1403, 2),
    "evaluation_index_re10k_ignore.json": (1596, 3, 2),
    "re10k_ctx_6v_video.json": (1600, 1600, 6),
    "dl3dv_start_0_distance_50_ctx_2v_video_0_50.json": (140, 140, 2),
    "dl3dv_start_0_distance_50_ctx_4v_video_0_50.json": (140, 140, 4),
    "dl3dv_start_0_distance_50_ctx_6v_video_0_50.json": (140, 140, 6),
    "dl3dv_start_0_distance_100_ctx_12v_video.json": (140, 140, 12),
    "dl3dv_start_0_distance_10_ctx_2v_tgt_4v.json": (140, 140, 2),
}


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_published_indices_parse(shared_data, name):
    index = load_evaluation_index(shared_data / "eval_index" / name)
    keys, non_null, context_views = PUBLISHED[name]
    assert len(index) == keys and count_non_null(index) == non_null
    assert {len(entry.context) for entry in index.values() if entry is not None} == {context_views}


def test_re10k_index_has_two_contexts_three_targets(shared_data):
    index = load_evaluation_index(shared_data / "eval_index" / "evaluation_index_re10k.json")
    entries = [entry for entry in index.values() if entry is not None]
    assert len(entries) == 6474 and all(len(e.context) == 2 and len(e.target) == 3 for e in entries)
    assert max(max(e.context + e.target) for e in entries) < 400


def test_generation_is_deterministic_and_documented():
    counts = {"a": 100, "b": 12, "c": 2, "d": 50}
    first = generate_evaluation_index(counts, context_gap=20, num_targets=3, seed=7)
    assert first == generate_evaluation_index(counts, context_gap=20, num_targets=3, seed=7)
    assert first != generate_evaluation_index(counts, context_gap=20, num_targets=3, seed=8)
    assert first["c"] is None  # too short: needs a frame between the contexts
    left, right = first["a"]["context"]
    assert right - left == 20 and len(first["a"]["target"]) == 3
    assert all(left < t < right for t in first["a"]["target"]) and first["a"]["target"] == sorted(first["a"]["target"])
    assert first["b"]["context"] == [0, 11]  # the gap is clamped to the scene length


def test_malformed_index_names_file_and_scene(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"s1": {"context": [0, "x"], "target": [1]}}')
    with pytest.raises(DataError, match=r"bad.json: scene s1: field context: must be a list"):
        load_evaluation_index(path)
    path.write_text("{not json")
    with pytest.raises(DataError, match="not valid JSON"):
        load_evaluation_index(path)
