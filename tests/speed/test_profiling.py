"""Module ranges of the bench profiles: every submodule's forward becomes a named range, the hooks
go away afterwards, and ranges never count as kernels or operators."""

import torch
from torch import nn
from torch.profiler import ProfilerActivity, profile

from splatbench.evaluation.profiling import is_annotation, module_ranges, module_times, top_ops


def _model() -> nn.Module:
    inner = nn.Sequential(nn.Linear(8, 8), nn.ReLU())
    return nn.Sequential(nn.Linear(4, 8), inner, nn.Linear(8, 2))


def test_module_ranges_name_each_submodule_and_are_removed():
    model = _model()
    with module_ranges(model, max_depth=2), profile(activities=[ProfilerActivity.CPU], record_shapes=True) as profiler:
        model(torch.randn(16, 4))
        model(torch.randn(16, 4))
    rows = {row["module"]: row for row in module_times(profiler, torch.device("cpu"), steps=2)}
    assert set(rows) == {"0", "1", "1.0", "1.1", "2"}  # depth 3 and the root are not ranged
    assert all(row["calls_per_step"] == 1 and row["ms_per_step"] > 0 for row in rows.values())
    assert rows["1"]["ms_per_step"] >= rows["1.0"]["ms_per_step"]  # children included
    assert all(not module._forward_hooks and not module._forward_pre_hooks for module in model.modules())
    assert not any(row["op"].startswith("module::") for row in top_ops(profiler, torch.device("cpu")))
    assert any(is_annotation(event) for event in profiler.events())


def test_no_model_no_ranges():
    model = _model()
    with module_ranges(None), profile(activities=[ProfilerActivity.CPU]) as profiler:
        model(torch.randn(2, 4))
    assert module_times(profiler, torch.device("cpu")) == []


def test_bf16_copies_made_under_the_ranges_do_not_outlive_the_profile():
    from splatbench.evaluation.speed import build_encoder, synthetic_views
    from splatbench.model.encoder.precision import fresh_bf16_weights

    encoder = build_encoder("tiny", torch.device("cpu"))
    encoder.precision_on_cpu, encoder.cfg.precision = True, "bf16-all"
    encoder.__dict__.pop("_bf16_weights", None)  # no forward yet: no cache
    with torch.no_grad(), module_ranges(encoder, max_depth=2), fresh_bf16_weights(encoder):
        encoder(synthetic_views(2, 32, 32, torch.device("cpu")))
        assert encoder.__dict__["_bf16_weights"]._copies  # copies made, with the ranges' hooks
    assert "_bf16_weights" not in encoder.__dict__
