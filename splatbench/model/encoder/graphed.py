"""Replay the encoder's inference forward pass as a CUDA graph.

A forward pass of the small encoder at 2 views issues over a thousand kernels; at batch 1 the
GPU waits on the host launching them. The forward pass is free of host synchronisation (see
:mod:`splatbench.model.encoder.sync_free`), so it can be captured once per input signature
(shapes, dtypes, device) and replayed: the inputs are copied into the captured tensors, the
graph runs, and the outputs are cloned out (so they stay valid after the next call).

What the eager warm-up caches (the resized DINOv2 position embedding, the bf16 weight copies of
the ``bf16`` precision plan) is read by the graph as it was at capture: after changing the
weights, make a new ``GraphedEncoder``. (fp32 weights are read in place and need no new capture.)

Falls back to the eager module when there is nothing to gain or capture is impossible: not on
CUDA, in training mode, with autograd enabled, or when capturing a signature failed (logged
once). Up to ``max_graphs`` signatures are kept; a new shape beyond that runs eagerly.

    graphed = GraphedEncoder(encoder)
    with torch.no_grad():
        out = graphed(context)   # first call per shape: warm-up + capture; later calls: replay
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

import torch
from torch import Tensor, nn

logger = logging.getLogger(__name__)

CONTEXT_KEYS = ("image", "intrinsics", "extrinsics", "near", "far")


def compile_encoder(encoder: nn.Module) -> nn.Module:
    """``torch.compile`` of an encoder with static shapes, for capture by :class:`GraphedEncoder`
    (inference, ``bench --compile``) or the training graphs (``train.compile_encoder``). The
    wrapper shares the encoder's parameters and buffers and follows its train/eval flag.

    The transformer's layers specialise its forward (self or cross attention, shifted windows or
    not, each precision plan): more variants than Dynamo's default of 8 per function, past which
    it would silently run that function eagerly, so the limit is raised here.
    """
    config = torch._dynamo.config
    limit = "recompile_limit" if hasattr(config, "recompile_limit") else "cache_size_limit"  # (torch < 2.7)
    setattr(config, limit, max(getattr(config, limit), 64))
    return torch.compile(encoder, dynamic=False)


def _map_tensors(value: Any, function) -> Any:
    """Apply ``function`` to every tensor in nested dicts, lists, tuples and dataclasses."""
    if isinstance(value, Tensor):
        return function(value)
    if isinstance(value, dict):
        return {key: _map_tensors(item, function) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_map_tensors(item, function) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {field.name: _map_tensors(getattr(value, field.name), function) for field in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value


@dataclasses.dataclass
class _Captured:
    graph: torch.cuda.CUDAGraph
    inputs: dict[str, Tensor]
    outputs: Any


class GraphedEncoder:
    """Callable like the encoder on a context dict (keys ``image, intrinsics, extrinsics, near,
    far``); returns the encoder's output. ``warmup`` eager runs on a side stream precede each
    capture (they also build the cached constants outside the graph)."""

    def __init__(self, encoder: nn.Module, max_graphs: int = 4, warmup: int = 2) -> None:
        self.encoder = encoder
        self.max_graphs = max_graphs
        self.warmup = warmup
        self._graphs: dict[tuple, _Captured] = {}
        self._failed: set[tuple] = set()
        self._pool = None

    @staticmethod
    def _signature(context: dict) -> tuple:
        return tuple((key, tuple(context[key].shape), context[key].dtype, context[key].device) for key in CONTEXT_KEYS)

    def _eager(self, context: dict) -> Any:
        return self.encoder(context)

    def __call__(self, context: dict) -> Any:
        image = context["image"]
        if image.device.type != "cuda" or self.encoder.training or torch.is_grad_enabled():
            return self._eager(context)
        key = self._signature(context)
        captured = self._graphs.get(key)
        if captured is None:
            if key in self._failed or len(self._graphs) >= self.max_graphs:
                return self._eager(context)
            captured = self._capture(key, context)
            if captured is None:
                return self._eager(context)
        for name in CONTEXT_KEYS:
            captured.inputs[name].copy_(context[name])
        captured.graph.replay()
        return _map_tensors(captured.outputs, torch.clone)

    def _capture(self, key: tuple, context: dict) -> _Captured | None:
        inputs = {name: context[name].clone() for name in CONTEXT_KEYS}
        side = torch.cuda.Stream(device=inputs["image"].device)
        side.wait_stream(torch.cuda.current_stream())
        try:
            with torch.cuda.stream(side):
                for _ in range(self.warmup):
                    self.encoder(inputs)
            torch.cuda.current_stream().wait_stream(side)
            if self._pool is None:
                self._pool = torch.cuda.graph_pool_handle()
            graph = torch.cuda.CUDAGraph()
            with torch.cuda.graph(graph, pool=self._pool):
                outputs = self.encoder(inputs)
        except Exception as error:  # capture refuses any synchronising or host-dependent op
            self._failed.add(key)
            logger.warning("CUDA graph capture failed for input shapes %s (%s); running eagerly", key, error)
            torch.cuda.synchronize()
            return None
        captured = _Captured(graph, inputs, outputs)
        self._graphs[key] = captured
        return captured
