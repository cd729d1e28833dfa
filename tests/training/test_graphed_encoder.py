"""train.graph_encoder's plumbing on the CPU (training/graphed_encoder.py). CUDA graphs themselves
need a GPU: scripts/gpu/train60.sh compares the graphed encoder's outputs and gradients with the
eager ones there. Here: the output structure survives the tensor-tuple round trip, the conditions
fall back to the eager encoder, and with the capture stood in by the identity (the module's own
forward) a training step gives exactly the eager step's loss and gradients."""

from __future__ import annotations

import logging

import pytest
import torch

from splatbench.geometry.gaussians import Gaussians
from splatbench.training import graphed_encoder
from splatbench.training.config import OptimizerCfg, TrainCfg
from splatbench.training.config import TestCfg as EvalCfg
from splatbench.training.graphed_encoder import GraphedTrainingEncoder, flatten_tensors, unflatten_tensors
from splatbench.training.model_wrapper import ModelWrapper
from tests.training.fakes import FakeDecoder, FakeEncoder, FakeMse, make_example


def test_flatten_round_trip_keeps_structure_and_none():
    gaussians = Gaussians(torch.rand(1, 4, 3), torch.rand(1, 4, 3, 3), torch.rand(1, 4, 3, 1), torch.rand(1, 4))
    value = {"gaussians": gaussians, "depths": torch.rand(1, 2, 2, 2), "intermediate": [gaussians], "note": None}
    tensors, spec = flatten_tensors(value)
    assert len(tensors) == 9 and all(isinstance(t, torch.Tensor) for t in tensors)
    rebuilt = unflatten_tensors(spec, tuple(t.clone() for t in tensors))
    assert rebuilt.keys() == value.keys() and rebuilt["note"] is None and rebuilt["gaussians"].scales is None
    assert isinstance(rebuilt["intermediate"], list) and isinstance(rebuilt["gaussians"], Gaussians)
    assert torch.equal(rebuilt["intermediate"][0].covariances, gaussians.covariances)
    assert torch.equal(rebuilt["depths"], value["depths"])


def test_falls_back_to_the_eager_encoder_and_says_why(caplog):
    encoder = FakeEncoder()
    graphed = GraphedTrainingEncoder(encoder)
    context = torch.utils.data.default_collate([make_example(0)])["context"]
    with caplog.at_level(logging.INFO, logger=graphed_encoder.__name__):
        output = graphed(context, 0)
        graphed(context, 1)
    assert torch.equal(output["gaussians"].harmonics, encoder(context, 0)["gaussians"].harmonics)
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 1 and "FakeEncoder may depend on the global step" in messages[0]  # said once
    graphed_encoder.STEP_INDEPENDENT_ENCODERS += ("FakeEncoder",)
    try:
        assert graphed._why_eager(context) == "not on CUDA"
    finally:
        graphed_encoder.STEP_INDEPENDENT_ENCODERS = graphed_encoder.STEP_INDEPENDENT_ENCODERS[:-1]


def wrapper_with(cfg: TrainCfg) -> ModelWrapper:
    torch.manual_seed(0)
    return ModelWrapper(OptimizerCfg(), EvalCfg(), cfg, FakeEncoder(), None, FakeDecoder(), [FakeMse()])


def test_identity_capture_gives_the_eager_step(monkeypatch):
    """The replay path (outputs rebuilt from the module's tensor tuple) with the capture replaced
    by the identity: loss and every parameter gradient equal to the eager training step's."""
    captured = []

    def identity_capture(module, sample, num_warmup_iters, allow_unused_input):
        assert all(not t.requires_grad for t in sample) and allow_unused_input
        module(*sample)  # as make_graphed_callables' warm-up: fills module.spec
        captured.append(module)
        return module

    monkeypatch.setattr(torch.cuda, "make_graphed_callables", identity_capture)
    monkeypatch.setattr(GraphedTrainingEncoder, "_why_eager", lambda self, context: None)
    batch = torch.utils.data.default_collate([make_example(0), make_example(1)])
    results = []
    for graph in (False, True):
        wrapper = wrapper_with(TrainCfg(graph_encoder=graph))
        for step in range(2):  # the second step replays the first capture
            wrapper.zero_grad(set_to_none=True)
            loss = _step(wrapper, batch)
            loss.backward()
        results.append((loss.detach(), {n: p.grad.clone() for n, p in wrapper.named_parameters() if p.grad is not None}))
    assert len(captured) == 1
    (eager_loss, eager_grads), (graph_loss, graph_grads) = results
    assert torch.equal(eager_loss, graph_loss) and eager_grads.keys() == graph_grads.keys()
    for name in eager_grads:
        assert torch.equal(eager_grads[name], graph_grads[name]), name


def _step(wrapper: ModelWrapper, batch: dict) -> torch.Tensor:
    predictions = wrapper.predict_for_losses(batch)
    return wrapper.losses[0](predictions, batch, 0)


def test_a_failed_capture_runs_eagerly_and_is_not_retried(monkeypatch, caplog):
    calls = []

    def failing_capture(module, sample, **kwargs):
        calls.append(1)
        raise RuntimeError("operation not permitted when stream is capturing")

    monkeypatch.setattr(torch.cuda, "make_graphed_callables", failing_capture)
    monkeypatch.setattr(torch.cuda, "synchronize", lambda *args: None)
    monkeypatch.setattr(GraphedTrainingEncoder, "_why_eager", lambda self, context: None)
    encoder = FakeEncoder()
    graphed = GraphedTrainingEncoder(encoder)
    context = torch.utils.data.default_collate([make_example(0)])["context"]
    with caplog.at_level(logging.WARNING, logger=graphed_encoder.__name__):
        first, second = graphed(context, 0), graphed(context, 1)
    assert len(calls) == 1 and "capture of the eager encoder failed" in caplog.text
    assert torch.equal(first["gaussians"].harmonics, encoder(context, 0)["gaussians"].harmonics)
    assert torch.equal(second["depths"], first["depths"])


@pytest.mark.parametrize("graph", [False, True])
def test_config_switch(graph):
    assert TrainCfg().graph_encoder  # on by default (eager wherever it does not apply)
    wrapper = wrapper_with(TrainCfg(graph_encoder=graph))
    assert (wrapper._training_encoder() is wrapper.encoder) is (not graph)
    assert not any("graphed" in name for name, _ in wrapper.named_modules())


def test_graphs_are_dropped_when_the_parameters_move():
    # Graphs replay at the captured addresses: after .to()/.cpu()/.cuda() (Lightning moves the model
    # to the CPU at the end of every fit) they must be captured anew, never replayed on freed memory.
    encoder = torch.nn.Linear(3, 2)
    graphed = GraphedTrainingEncoder(encoder)
    graphed._forget_stale_graphs()
    graphed._graphs[("stale",)] = object()
    graphed._failed.add(("failed",))
    graphed._forget_stale_graphs()  # same storage: kept
    assert ("stale",) in graphed._graphs and ("failed",) in graphed._failed
    encoder.to(torch.float64)  # same Parameter objects, new memory
    graphed._forget_stale_graphs()
    assert not graphed._graphs and not graphed._failed


def test_compiled_form_is_captured_and_a_failing_one_falls_back_to_eager(monkeypatch, caplog):
    # train.compile_encoder: the graphs capture torch.compile's form of the encoder; when compiling
    # or capturing it fails, the eager encoder is captured instead (never a silent eager step).
    captured_encoders = []

    def identity_capture(module, sample, num_warmup_iters, allow_unused_input):
        module(*sample)
        captured_encoders.append(module.encoder)
        return module

    class FailingCompiled(torch.nn.Module):
        def forward(self, *args, **kwargs):
            raise RuntimeError("Inductor failed")

    monkeypatch.setattr(torch.cuda, "make_graphed_callables", identity_capture)
    monkeypatch.setattr(torch.cuda, "synchronize", lambda *args: None)
    monkeypatch.setattr(GraphedTrainingEncoder, "_why_eager", lambda self, context: None)
    context = torch.utils.data.default_collate([make_example(0)])["context"]
    encoder = FakeEncoder()

    compiled_stand_in = FakeEncoder()
    monkeypatch.setattr(graphed_encoder, "compile_encoder", lambda module: compiled_stand_in)
    graphed = GraphedTrainingEncoder(encoder, compile=True)
    graphed(context, 0)
    assert captured_encoders == [compiled_stand_in]
    assert graphed.captured_forms == ["compiled"]

    monkeypatch.setattr(graphed_encoder, "compile_encoder", lambda module: FailingCompiled())
    graphed = GraphedTrainingEncoder(encoder, compile=True)
    with caplog.at_level(logging.WARNING, logger=graphed_encoder.__name__):
        output = graphed(context, 0)
    assert "capture of the compiled encoder failed" in caplog.text and "Inductor failed" in caplog.text
    assert captured_encoders[-1] is encoder and graphed.captured_forms == ["eager"]
    assert torch.equal(output["depths"], encoder(context, 0)["depths"])


def test_compile_switch_reaches_the_graphed_encoder():
    assert not TrainCfg().compile_encoder  # opt-in: the first step compiles for minutes
    wrapper = wrapper_with(TrainCfg(graph_encoder=True, compile_encoder=True))
    assert wrapper._training_encoder().compile


@pytest.mark.parametrize("mode", ["train", "test"])
def test_channels_last_switch_lays_out_training_encoder_weights_nhwc(mode, tmp_path):
    from splatbench.cli.hydra_main import compose, load_config
    from splatbench.training.run import _build_model

    cfg = load_config(compose(["+experiment=demo_tiny", f"mode={mode}", "train.channels_last=true"]))
    weights = [p for p in _build_model(cfg, None, tmp_path).encoder.parameters() if p.dim() == 4 and p.shape[1] > 1 and p.shape[2] * p.shape[3] > 1]
    assert weights
    nhwc = [p.is_contiguous(memory_format=torch.channels_last) and not p.is_contiguous() for p in weights]
    assert all(nhwc) if mode == "train" else not any(nhwc)  # a training switch: evaluation keeps NCHW


def test_compile_requested_where_graphs_do_not_apply_is_a_warning(caplog):
    graphed = GraphedTrainingEncoder(FakeEncoder(), compile=True)
    context = torch.utils.data.default_collate([make_example(0)])["context"]
    with caplog.at_level(logging.INFO, logger=graphed_encoder.__name__):
        graphed(context, 0)
    (record,) = caplog.records
    assert record.levelno == logging.WARNING and "train.compile_encoder applies only" in record.getMessage()
