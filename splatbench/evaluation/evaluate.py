"""The one evaluation loop: ``evaluate(model, data, protocol) -> EvaluationReport``.

Test mode (through Lightning's test loop, ``test_mode.py``), the periodic evaluation during
training, the baselines and ``splatbench benchmark`` all score scenes here. Per scene:

1. ``model.prepare(batch)`` (the encoder's data shim), context images written if asked;
2. ``model.encode(context)`` timed as ``encoder``, Gaussians / depths written if asked;
3. ``model.render(encoded, target, (H, W))`` timed as ``decoder`` (one entry per target view);
4. every metric group of the protocol gives the scene's values: one ``SceneRow``.

A batch with several scenes is evaluated scene by scene. A scene the data layer skipped (a skip
record, with its reason) counts as skipped when the index asks for it; a scene whose metrics are
not finite, or whose data raises :class:`~splatbench.data.errors.DataError`, is logged, counted as
skipped with its reason, and the evaluation goes on. Any other error is a bug and ends the run.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Protocol

import numpy as np
import torch
from jaxtyping import Float
from torch import Tensor
from tqdm.auto import tqdm

from splatbench.data.errors import SKIPPED_MARKER, SKIPPED_RECORDS, DataError
from splatbench.evaluation.metric_groups import ScenePrediction, get_metric_group
from splatbench.evaluation.protocols import REFERENCE_METRICS, EvaluationProtocol
from splatbench.evaluation.report import EvaluationReport, SceneRow
from splatbench.geometry.gaussians import Gaussians, split_gaussians_by_scale
from splatbench.training.benchmarker import Benchmarker, peak_memory_bytes

logger = logging.getLogger(__name__)


class NonFiniteMetricsError(ValueError):
    """A scene's rendering gave non-finite metrics; the scene is skipped and counted."""

    kind = "non_finite_metrics"


# What the per-scene step skips (and counts) instead of ending the run.
SCENE_SKIP_ERRORS = (DataError, NonFiniteMetricsError)


class SceneWriter(Protocol):
    """Per-scene output hooks (``outputs.SceneOutputWriter`` writes test mode's files; a writer may
    also define ``scored(row, prediction)``, called once the scene's metrics are known)."""

    def context(self, scene: str, context: dict) -> None: ...

    def encoded(self, scene: str, context: dict, encoded: dict) -> None: ...

    def rendered(self, scene: str, target: dict, color: Tensor) -> None: ...


class EvaluationModel(Protocol):
    """What ``evaluate()`` needs from a model (``SplatModel`` adapts encoder + decoder; the
    baselines implement it directly)."""

    device: torch.device

    def prepare(self, batch: dict) -> dict: ...

    def encode(self, context: dict) -> dict[str, Any]: ...

    def render(self, encoded: dict[str, Any], target: dict, image_shape: tuple[int, int]) -> Float[Tensor, "1 view 3 height width"]: ...


class SplatModel:
    """An encoder + decoder pair as ``evaluate()`` sees it.

    ``encode`` returns ``{"gaussians": final-scale Gaussians, "depths": [1, V, H, W] or None,
    "depth_only": True when the encoder gives no Gaussians (nothing to render)}``;
    ``render`` draws the targets in chunks of ``render_chunk_size`` views (None: all at once).
    ``global_step`` is passed to the encoder (a callable, so a Lightning module's live step is used).
    """

    def __init__(
        self,
        encoder: torch.nn.Module,
        decoder: torch.nn.Module,
        data_shim: Callable[[dict], dict] | None = None,
        render_chunk_size: int | None = None,
        global_step: Callable[[], int] = lambda: 0,
        device: torch.device | None = None,
    ) -> None:
        self.encoder = encoder
        self.decoder = decoder
        self.data_shim = data_shim or (lambda batch: batch)
        self.render_chunk_size = render_chunk_size
        self.global_step = global_step
        self.device = device if device is not None else next(encoder.parameters(), torch.empty(0)).device

    def prepare(self, batch: dict) -> dict:
        return self.data_shim(batch)

    def encode(self, context: dict) -> dict[str, Any]:
        encoded = self.encoder(context, self.global_step(), deterministic=False)
        batch_size = context["image"].shape[0]
        # A depth-only encoder (model.encoder.train_depth_only) returns no Gaussians.
        gaussians = None
        if encoded.get("gaussians") is not None:
            gaussians, _ = split_gaussians_by_scale(encoded["gaussians"], batch_size)
        depths = encoded.get("depths")
        # Two-scale encoders stack coarse depths ahead of the final ones on the batch axis.
        return {
            "gaussians": gaussians,
            "depths": None if depths is None else depths[-batch_size:],
            "depth_only": gaussians is None,
        }

    def render(self, encoded: dict[str, Any], target: dict, image_shape: tuple[int, int]) -> Tensor:
        gaussians: Gaussians = encoded["gaussians"]
        num_views = target["extrinsics"].shape[1]
        chunk = self.render_chunk_size or num_views
        colors = []
        for start in range(0, num_views, chunk):
            views = {k: target[k][:, start : start + chunk] for k in ("extrinsics", "intrinsics", "near", "far")}
            output = self.decoder(
                gaussians, views["extrinsics"], views["intrinsics"], views["near"], views["far"], image_shape
            )
            colors.append(output.color)
        return torch.cat(colors, dim=1)


@dataclass
class EvaluationOptions:
    """How to run (never what is measured: that is the protocol)."""

    # The first this-many batches are left out of the timing averages (still in benchmark.json).
    timing_skip_batches: int = 0
    # Stop after this many batches (the periodic evaluation's eval_data_length).
    max_batches: int | None = None
    compute_scores: bool = True
    # False: encode only (train.forward_depth_only).
    render: bool = True
    # Scenes the index asks for; a skipped scene outside it is not counted (None: count all).
    evaluation_scenes: set[str] | None = None
    progress: bool = True
    rank: int = 0


def split_scenes(batch: dict) -> list[dict]:
    """A collated batch of B scenes as B batches of one (the loop is per scene)."""
    batch_size = len(batch["scene"])
    if batch_size == 1:
        return [batch]

    def take(value: Any, b: int) -> Any:
        if isinstance(value, dict):
            return {k: take(v, b) for k, v in value.items()}
        if isinstance(value, Tensor):
            return value[b : b + 1]
        if isinstance(value, (list, tuple)) and len(value) == batch_size:
            return [value[b]]
        return value

    return [take(batch, b) for b in range(batch_size)]


class Evaluator:
    """The per-scene step and its accumulated state; ``evaluate()`` drives it over a loader,
    Lightning's test loop drives it batch by batch."""

    def __init__(
        self,
        model: EvaluationModel,
        protocol: EvaluationProtocol = REFERENCE_METRICS,
        writer: SceneWriter | None = None,
        options: EvaluationOptions | None = None,
    ) -> None:
        self.model = model
        self.protocol = protocol
        self.writer = writer
        self.options = options or EvaluationOptions()
        self.groups = [get_metric_group(name) for name in protocol.metric_groups]
        self.rows: list[SceneRow] = []
        self.skipped: list[str] = []
        self.skip_reasons: dict[str, str] = {}
        self.timing_skip = {"encoder": 0, "decoder": 0}
        self.benchmarker = Benchmarker(getattr(model, "device", None))

    def _skip(self, scene: str, reason: str) -> None:
        wanted = self.options.evaluation_scenes
        if wanted is None or scene in wanted:
            self.skipped.append(scene)
            self.skip_reasons[scene] = reason

    def add_batch(self, batch: dict, batch_idx: int) -> None:
        # The data layer already logged why; it sends a record for each scene the index asks for.
        for record in batch.pop(SKIPPED_RECORDS, []) if isinstance(batch, dict) else []:
            self._skip(record["scene"], record["reason"])
        if SKIPPED_MARKER in batch:
            scenes = batch["scene"] if isinstance(batch["scene"], list) else [batch["scene"]]
            reasons = batch.get("reason", ["scene"] * len(scenes))
            for scene, reason in zip(scenes, reasons if isinstance(reasons, list) else [reasons]):
                self._skip(scene, reason)
            return
        for scene_batch in split_scenes(batch):
            (scene,) = scene_batch["scene"]
            try:
                self._scene(scene_batch, batch_idx, scene)
            except SCENE_SKIP_ERRORS as error:
                # One bad scene must not end a long evaluation; it is counted and reported.
                logger.warning("scene %s skipped: %s", scene, error)
                self._skip(scene, getattr(error, "kind", "scene"))

    @torch.no_grad()
    def _scene(self, batch: dict, batch_idx: int, scene: str) -> None:
        batch = self.model.prepare(batch)
        context, target = batch["context"], batch["target"]
        num_targets, (height, width) = target["image"].shape[1], target["image"].shape[-2:]
        if self.writer is not None:
            self.writer.context(scene, context)
        with self.benchmarker.time("encoder"):
            encoded = self.model.encode(context)
        if self.writer is not None:
            self.writer.encoded(scene, context, encoded)
        if not self.options.render or encoded.get("depth_only", False):
            # Depth only (train.forward_depth_only, or a depth-only model): groups that need no render.
            if batch_idx < self.options.timing_skip_batches:
                self.timing_skip["encoder"] += 1
            if self.options.compute_scores:
                prediction = ScenePrediction(batch=batch, color=None, ground_truth=target["image"][0], encoded=encoded)
                self._record(scene, context, target, prediction, [g for g in self.groups if not g.needs_render], batch_idx)
            return
        with self.benchmarker.time("decoder", num_calls=num_targets):
            color = self.model.render(encoded, target, (height, width))
        if self.writer is not None:
            self.writer.rendered(scene, target, color[0])
        if batch_idx < self.options.timing_skip_batches:
            self.timing_skip["encoder"] += 1
            self.timing_skip["decoder"] += num_targets
        if not self.options.compute_scores:
            return
        prediction = ScenePrediction(batch=batch, color=color[0], ground_truth=target["image"][0], encoded=encoded)
        self._record(scene, context, target, prediction, self.groups, batch_idx)

    def _record(self, scene: str, context: dict, target: dict, prediction: ScenePrediction, groups: list, batch_idx: int) -> None:
        metrics: dict[str, float] = {}
        for group in groups:
            metrics.update(group.compute(prediction, self.protocol.metrics))
        if not metrics:
            return  # nothing to score (depth only, without ground-truth depth)
        if not all(np.isfinite(list(metrics.values()))):
            raise NonFiniteMetricsError(f"non-finite metrics {metrics}")
        row = SceneRow(
            scene=scene,
            context_indices=context["index"][0].tolist(),
            target_indices=target["index"][0].tolist(),
            metrics=metrics,
            order=(batch_idx, self.options.rank),
        )
        self.rows.append(row)
        if self.writer is not None and hasattr(self.writer, "scored"):
            self.writer.scored(row, prediction)

    def report(self) -> EvaluationReport:
        """This process's report (merge ranks with ``report.gather_reports``)."""
        return EvaluationReport(
            scenes=list(self.rows),
            skipped=list(self.skipped),
            skip_reasons=dict(self.skip_reasons),
            timings={k: list(v) for k, v in self.benchmarker.execution_times.items()},
            timing_skip=dict(self.timing_skip),
            peak_memory=peak_memory_bytes(getattr(self.model, "device", None)),
        )


def to_device(batch: Any, device: torch.device | None) -> Any:
    if device is None:
        return batch
    if isinstance(batch, dict):
        return {k: to_device(v, device) for k, v in batch.items()}
    if isinstance(batch, Tensor):
        return batch.to(device)
    return batch


def evaluate(
    model: EvaluationModel,
    data: Iterable[dict],
    protocol: EvaluationProtocol = REFERENCE_METRICS,
    writer: SceneWriter | None = None,
    options: EvaluationOptions | None = None,
) -> EvaluationReport:
    """Score every scene of ``data`` (collated batches, any batch size) under ``protocol``."""
    evaluator = Evaluator(model, protocol, writer, options)
    options = evaluator.options
    device = getattr(model, "device", None)
    for batch_idx, batch in enumerate(tqdm(data, desc="evaluate", unit="batch", leave=False, disable=not options.progress)):
        if options.max_batches is not None and batch_idx >= options.max_batches:
            break
        evaluator.add_batch(to_device(batch, device), batch_idx)
    return evaluator.report()
