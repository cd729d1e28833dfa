"""The full-size native VGGT has exactly the official names and shapes of every kept key.

The expected table is ``../shared/reference/vggt_state_dict.tsv`` (all 1797 keys of the released
``VGGT()``, read at test time). The point and track heads are not built: their keys are the only
ones we leave out. The model is built on the meta device (no 1.2 B floats allocated).
"""

from __future__ import annotations

import torch

from splatbench.model.generated_weights import load_shape_table
from splatbench.model.vggt import VGGT, VGGTConfig
from splatbench.model.vggt.weights import IGNORED_PREFIXES


def test_full_size_state_dict_matches_official_keys(shared_data):
    official = load_shape_table(shared_data.parent / "reference" / "vggt_state_dict.tsv")
    assert len(official) == 1797
    kept = {key: shape for key, shape in official.items() if not key.startswith(IGNORED_PREFIXES)}
    ignored = {key.split(".")[0] for key in official if key.startswith(IGNORED_PREFIXES)}
    assert ignored == {"point_head", "track_head"}

    with torch.device("meta"):
        model = VGGT(VGGTConfig())
    ours = {key: tuple(value.shape) for key, value in model.state_dict().items()}

    missing = sorted(set(kept) - set(ours))
    extra = sorted(set(ours) - set(kept))
    wrong = sorted(key for key in set(ours) & set(kept) if ours[key] != kept[key])
    assert not missing and not extra and not wrong, (
        f"missing {missing[:10]}, unexpected {extra[:10]}, mis-shaped {[(k, ours[k], kept[k]) for k in wrong[:10]]}"
    )
    # 1797 official tensors minus 62 point-head and 394 track-head tensors.
    assert len(ours) == 1797 - 62 - 394
    # Every entry is a parameter: nothing else (buffers) would need to come from a checkpoint.
    assert sum(1 for _ in model.parameters()) == len(ours)
    # Parameter count from the spec: 1,190,596,120 without the track head, minus the point head.
    assert sum(p.numel() for p in model.parameters()) == 1_190_596_120 - 32_654_628
