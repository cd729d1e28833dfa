"""The encoder's training forward and backward replayed as CUDA graphs (``train.graph_encoder``, on
by default; ``false`` runs the encoder eagerly).

A training step of DepthSplat-small issues about six thousand kernels; the encoder's forward and
backward are most of them, and the host spends tens of milliseconds a step launching them (the GPU
waits whenever the host falls behind). The encoder's forward is free of host synchronisation (see
:mod:`splatbench.model.encoder.sync_free`), so ``torch.cuda.make_graphed_callables`` can capture it
and its backward once per input signature: each step then copies the context into the captured
inputs and replays one graph forward and one backward, through an autograd function, so gradients
reach the parameters as before and the renderer and losses (not capturable: gsplat reads tile
counts on the host) run eagerly on the outputs.

Conditions, else the eager encoder runs (and why is logged once):

* CUDA, training mode, autograd on, one process (DDP's gradient hooks are not checked here);
* an encoder whose forward does not depend on the global step (captured once, the step it saw
  would stay frozen): :data:`STEP_INDEPENDENT_ENCODERS`; MVSplat's opacity warm-up does depend on it;
* capture succeeded for this signature (shapes, dtypes of the context tensors); at most
  ``max_graphs`` signatures are kept, further shapes run eagerly.

With ``compile=True`` (``train.compile_encoder``) the graphs capture ``torch.compile``'s form of the
encoder (Inductor's fused kernels for forward and backward, AOTAutograd) instead of the eager one:
the first step per signature compiles (minutes), later steps replay as before. Where compiling or
capturing the compiled form fails, the eager form is captured instead (logged).

The optimizer updates the parameters in place, which the graphs read at replay; autocast's weight
casts are inside the captured region, so they follow the updates. The outputs are the graph's
static tensors, overwritten by the next replay (the training step is done with them by then).
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

import torch
from torch import Tensor, nn

from splatbench.model.encoder.graphed import CONTEXT_KEYS, compile_encoder

logger = logging.getLogger(__name__)

# Encoder classes whose forward ignores ``global_step`` (their training output depends on the
# context alone), so one capture serves every step.
STEP_INDEPENDENT_ENCODERS = ("EncoderDepthSplat",)


def flatten_tensors(value: Any) -> tuple[list[Tensor], Any]:
    """Tensors of nested dicts / lists / tuples / dataclasses in a fixed order, and the structure
    to rebuild ``value`` from them (:func:`unflatten_tensors`); None and other leaves are kept."""
    tensors: list[Tensor] = []

    def walk(item: Any) -> Any:
        if isinstance(item, Tensor):
            tensors.append(item)
            return ("tensor", len(tensors) - 1)
        if isinstance(item, dict):
            return ("dict", [(key, walk(entry)) for key, entry in item.items()])
        if isinstance(item, (list, tuple)):
            return ("sequence", type(item), [walk(entry) for entry in item])
        if dataclasses.is_dataclass(item) and not isinstance(item, type):
            return ("dataclass", type(item), [(f.name, walk(getattr(item, f.name))) for f in dataclasses.fields(item)])
        return ("leaf", item)

    return tensors, walk(value)


def unflatten_tensors(spec: Any, tensors: tuple[Tensor, ...] | list[Tensor]) -> Any:
    kind = spec[0]
    if kind == "tensor":
        return tensors[spec[1]]
    if kind == "dict":
        return {key: unflatten_tensors(entry, tensors) for key, entry in spec[1]}
    if kind == "sequence":
        return spec[1](unflatten_tensors(entry, tensors) for entry in spec[2])
    if kind == "dataclass":
        return spec[1](**{name: unflatten_tensors(entry, tensors) for name, entry in spec[2]})
    return spec[1]


class _TensorEncoder(nn.Module):
    """The encoder as ``forward(*context tensors) -> tuple of output tensors`` (what
    ``make_graphed_callables`` takes); ``spec`` rebuilds the encoder's own output."""

    def __init__(self, encoder: nn.Module, global_step: int, deterministic: bool) -> None:
        super().__init__()
        self.encoder = encoder
        self.global_step = global_step
        self.deterministic = deterministic
        self.spec: Any = None

    def forward(self, *context: Tensor) -> tuple[Tensor, ...]:
        output = self.encoder(dict(zip(CONTEXT_KEYS, context)), self.global_step, deterministic=self.deterministic)
        tensors, self.spec = flatten_tensors(output)
        return tuple(tensors)


@dataclasses.dataclass
class _Graphed:
    module: _TensorEncoder  # its forward replaced by the graphed one
    spec: Any
    form: str = "eager"  # or "compiled": which form of the encoder the graphs captured


class GraphedTrainingEncoder:
    """Callable like the encoder in training: ``(context, global_step, deterministic=False)``.
    Not an ``nn.Module``, so the encoder's parameters stay registered once (in the model)."""

    def __init__(self, encoder: nn.Module, max_graphs: int = 2, warmup: int = 3, compile: bool = False) -> None:
        self.encoder = encoder
        self.max_graphs = max_graphs
        self.warmup = warmup
        self.compile = compile
        self._compiled: nn.Module | None = None
        self._graphs: dict[tuple, _Graphed] = {}
        self._failed: set[tuple] = set()
        self._told: set[str] = set()
        self._storage: tuple = ()

    @property
    def captured_forms(self) -> list[str]:
        """Which form of the encoder each captured signature replays: "eager" or "compiled"."""
        return [graphed.form for graphed in self._graphs.values()]

    def _storage_fingerprint(self) -> tuple:
        """Where the parameters and buffers live. The graphs read them at their captured addresses:
        ``.to()``, ``.cpu()``/``.cuda()`` (Lightning moves the model to the CPU at the end of every
        ``fit``) or ``load_state_dict(assign=True)`` move them, and old graphs would replay on freed
        memory."""
        tensors = [*self.encoder.parameters(), *self.encoder.buffers()]
        return tuple((t.data_ptr(), t.dtype, t.device) for t in tensors)

    def _forget_stale_graphs(self) -> None:
        storage = self._storage_fingerprint()
        if storage != self._storage:
            self._graphs.clear()
            self._failed.clear()
            self._storage = storage

    def _tell(self, reason: str) -> None:
        if reason not in self._told:
            self._told.add(reason)
            # A warning when train.compile_encoder was asked for: the user expects the compiled speed.
            level = logging.WARNING if self.compile else logging.INFO
            logger.log(level, "train.graph_encoder: running the encoder eagerly (%s)%s", reason,
                       "; train.compile_encoder applies only to the captured encoder" if self.compile else "")  # fmt: skip

    def _why_eager(self, context: dict) -> str | None:
        if type(self.encoder).__name__ not in STEP_INDEPENDENT_ENCODERS:
            return f"{type(self.encoder).__name__} may depend on the global step"
        if context["image"].device.type != "cuda":
            return "not on CUDA"
        if not self.encoder.training or not torch.is_grad_enabled():
            return "not training"
        if torch.distributed.is_available() and torch.distributed.is_initialized() and torch.distributed.get_world_size() > 1:
            return "several processes"
        if any(key not in context for key in CONTEXT_KEYS):
            return f"context without one of {CONTEXT_KEYS}"
        return None

    @staticmethod
    def _signature(context: dict, deterministic: bool) -> tuple:
        return (deterministic, *((key, tuple(context[key].shape), context[key].dtype, context[key].device) for key in CONTEXT_KEYS))

    def __call__(self, context: dict, global_step: int, deterministic: bool = False) -> Any:
        reason = self._why_eager(context)
        if reason is not None:
            self._tell(reason)
            return self.encoder(context, global_step, deterministic=deterministic)
        self._forget_stale_graphs()
        key = self._signature(context, deterministic)
        graphed = self._graphs.get(key)
        if graphed is None:
            if key in self._failed or len(self._graphs) >= self.max_graphs:
                return self.encoder(context, global_step, deterministic=deterministic)
            graphed = self._capture(key, context, global_step, deterministic)
            if graphed is None:
                return self.encoder(context, global_step, deterministic=deterministic)
        outputs = graphed.module(*(context[name] for name in CONTEXT_KEYS))
        return unflatten_tensors(graphed.spec, outputs)

    def _capture(self, key: tuple, context: dict, global_step: int, deterministic: bool) -> _Graphed | None:
        forms = [("compiled", self._compiled_encoder())] if self.compile else []
        forms.append(("eager", self.encoder))
        for form, encoder in forms:
            graphed = self._capture_form(encoder, context, global_step, deterministic)
            if isinstance(graphed, _Graphed):
                graphed.form = form
                self._graphs[key] = graphed
                logger.info("train.graph_encoder: captured the %s encoder's forward and backward for %s", form, key[1:])
                return graphed
            logger.warning("train.graph_encoder: capture of the %s encoder failed for %s (%s)%s",
                           form, key[1:], graphed, "; trying the eager encoder" if form == "compiled" else
                           "; running the encoder eagerly")  # fmt: skip
        self._failed.add(key)
        return None

    def _compiled_encoder(self) -> nn.Module:
        if self._compiled is None:
            self._compiled = compile_encoder(self.encoder)
        return self._compiled

    def _capture_form(self, encoder: nn.Module, context: dict, global_step: int, deterministic: bool) -> _Graphed | str:
        """The graphed module, or why capture failed."""
        module = _TensorEncoder(encoder, global_step, deterministic)
        sample = tuple(context[name].detach().clone() for name in CONTEXT_KEYS)
        try:
            # Warm-up runs (forward + autograd.grad, no .grad accumulation) on a side stream, then
            # the forward and the backward are captured; the encoder's Triton kernels and cuDNN
            # plans (and, compiled, Inductor's kernels) are built in the warm-up, outside the capture.
            torch.cuda.make_graphed_callables(module, sample, num_warmup_iters=self.warmup, allow_unused_input=True)
        except Exception as error:  # capture refuses any synchronising or host-dependent operation
            torch.cuda.synchronize()
            return f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
        return _Graphed(module, module.spec)
