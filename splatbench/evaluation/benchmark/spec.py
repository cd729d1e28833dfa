"""The benchmark spec (YAML) and its expansion into evaluation units.

Example spec (relative paths are relative to the spec file)::

    protocol: custom                # a named protocol (splatbench.evaluation.protocols.PROTOCOLS)
    resamples: 2000                 # bootstrap resamples for the 95 % intervals
    viewer_splats: 20000            # 3D viewer pages of the best and worst scene of each run's first
                                    # evaluation, with this many splats (about 155 bytes each); 0: none
    runs:
      - name: tiny
        checkpoint: checkpoints/epoch_0-step_200.ckpt   # or: baseline: nearest-context
        experiment: demo_tiny       # Hydra experiment that builds the model and data settings
        dataset_root: data/example
        track: example              # tracks are reported apart (RE10K, real scenes, ...)
        pose_sources: [gt, {vggt: {near_far_source: depth_range}}, {gt_noise: {rotation_deg: 2}}]
        indices: {all: data/example/evaluation_index.json, high: idx/high.json}
        num_context_views: 2
        overrides: [dataset.near=0.5]   # extra Hydra overrides
        published: DepthSplat-S     # optional: the published row this run reproduces

Every run is expanded into one unit per (pose source, index). A unit's key hashes everything that
changes its numbers (protocol id, checkpoint sha256, dataset files, pose source and options,
index sha256, context views, overrides), so results are reused exactly when nothing changed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from splatbench.errors import SplatbenchError
from splatbench.evaluation.protocols import get_protocol

BASELINES = ("nearest-context",)
# Pose sources whose keys the chunks already hold; the others are made by ``splatbench preprocess``.
STORED_POSE_SOURCES = ("gt", "vggt")
RUN_FIELDS = {
    "name", "checkpoint", "baseline", "experiment", "dataset_root", "track", "pose_sources", "indices",
    "num_context_views", "overrides", "published", "protocol",
}  # fmt: skip


class SpecError(SplatbenchError, ValueError):
    """A bad spec: the message names the file and the field."""


@dataclass(frozen=True)
class PoseSourceSpec:
    name: str
    options: tuple[tuple[str, str], ...] = ()

    @property
    def label(self) -> str:
        if not self.options:
            return self.name
        return f"{self.name}(" + ",".join(f"{k}={v}" for k, v in self.options) + ")"

    @property
    def noise_level(self) -> float | None:
        """Rotation noise in degrees for ``gt_noise`` (0 for ``gt``), else None."""
        if self.name == "gt":
            return 0.0
        if self.name == "gt_noise":
            return float(dict(self.options).get("rotation_deg", 1.0))
        return None

    @property
    def needs_preprocess(self) -> bool:
        return self.name not in STORED_POSE_SOURCES

    @property
    def near_far_source(self) -> str | None:
        """``near_far_source`` among the options: the dataset's ``near_far_source`` for this source
        (e.g. ``depth_range`` for vggt, as the study); not passed to the pose backend."""
        return dict(self.options).get("near_far_source")

    @property
    def backend_options(self) -> dict[str, str]:
        return {k: v for k, v in self.options if k != "near_far_source"}


@dataclass(frozen=True)
class Unit:
    """One evaluation: a run's model on one dataset, pose source and index."""

    run: str
    model: tuple[str, str]  # ("checkpoint", path) or ("baseline", name)
    experiment: str
    dataset_root: str
    pose: PoseSourceSpec
    split: str
    index_path: str
    num_context_views: int
    protocol: str
    track: str
    overrides: tuple[str, ...] = ()
    published: str | None = None

    @property
    def label(self) -> str:
        return f"{self.run} / {self.pose.label} / {self.split}"

    def identity(self) -> dict[str, Any]:
        """Everything that changes this unit's numbers (hashed into its key)."""
        from splatbench.evaluation.records import checkpoint_sha256

        kind, value = self.model
        return {
            "protocol": get_protocol(self.protocol).protocol_id,
            "model": {kind: checkpoint_sha256(value) if kind == "checkpoint" else value},
            "experiment": self.experiment,
            "dataset": dataset_fingerprint(self.dataset_root),
            "pose_source": [self.pose.name, list(map(list, self.pose.options))],
            "index_sha256": checkpoint_sha256(self.index_path),
            "num_context_views": self.num_context_views,
            "overrides": list(self.overrides),
        }

    def key(self) -> str:
        text = json.dumps(self.identity(), sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()


def dataset_fingerprint(root: str) -> str:
    """Hash of the dataset's chunk files (relative name and size) and index files: cheap on 500 GB,
    and a re-converted or edited dataset almost always changes a size."""
    base = Path(root)
    entries = []
    for path in sorted(base.rglob("*")):
        if path.is_file() and path.suffix in (".torch", ".json"):
            entries.append(f"{path.relative_to(base)}:{path.stat().st_size}")
    return hashlib.sha256("\n".join(entries).encode()).hexdigest()


@dataclass
class BenchmarkSpec:
    path: Path
    units: list[Unit]
    resamples: int = 2000
    raw: dict = field(default_factory=dict)
    viewer_splats: int = 20000


def _fail(path: Path, where: str, message: str) -> SpecError:
    return SpecError(f"{path}: {where}: {message}")


def _resolve(base: Path, value: str) -> str:
    path = Path(value).expanduser()
    return str(path if path.is_absolute() else (base / path))


def _pose_sources(path: Path, where: str, value: Any) -> list[PoseSourceSpec]:
    if value is None:
        return [PoseSourceSpec("gt")]
    if not isinstance(value, list) or not value:
        raise _fail(path, where, "must be a non-empty list, e.g. [gt, {gt_noise: {rotation_deg: 2}}]")
    sources = []
    for i, item in enumerate(value):
        if isinstance(item, str):
            sources.append(PoseSourceSpec(item))
        elif isinstance(item, dict) and len(item) == 1:
            (name, options), = item.items()
            if options is not None and not isinstance(options, dict):
                raise _fail(path, f"{where}[{i}].{name}", "options must be a mapping")
            sources.append(PoseSourceSpec(str(name), tuple(sorted((str(k), str(v)) for k, v in (options or {}).items()))))
        else:
            raise _fail(path, f"{where}[{i}]", f"expected a name or {{name: {{options}}}}, got {item!r}")
    from splatbench.data.pose_sources import POSE_SOURCES

    for i, source in enumerate(sources):
        if source.name not in POSE_SOURCES:
            raise _fail(path, f"{where}[{i}]", f"pose source {source.name!r} is not one of {', '.join(sorted(POSE_SOURCES))}")
    labels = [s.label for s in sources]
    if len(set(labels)) != len(labels):
        raise _fail(path, where, f"duplicate pose sources {labels}")
    return sources


def load_spec(path: str | Path) -> BenchmarkSpec:
    """Parse and validate a spec; every problem raises ``SpecError`` naming the file and field."""
    import yaml

    path = Path(path)
    if not path.is_file():
        raise SpecError(f"{path}: spec file not found")
    try:
        raw = yaml.safe_load(path.read_text())
    except yaml.YAMLError as error:
        raise SpecError(f"{path}: not valid YAML ({str(error).splitlines()[0]})") from error
    if not isinstance(raw, dict):
        raise SpecError(f"{path}: a spec is a mapping with a 'runs' list")
    unknown = set(raw) - {"protocol", "resamples", "runs", "viewer_splats"}
    if unknown:
        raise _fail(path, sorted(unknown)[0], "unknown key (allowed: protocol, resamples, runs, viewer_splats)")
    base = path.parent
    default_protocol = str(raw.get("protocol", "custom"))
    runs = raw.get("runs")
    if not isinstance(runs, list) or not runs:
        raise _fail(path, "runs", "must be a non-empty list of runs")
    resamples = raw.get("resamples", 2000)
    if not isinstance(resamples, int) or resamples < 100:
        raise _fail(path, "resamples", f"must be an integer >= 100, got {resamples!r}")
    viewer_splats = raw.get("viewer_splats", 20000)
    if not isinstance(viewer_splats, int) or isinstance(viewer_splats, bool) or viewer_splats < 0:
        raise _fail(path, "viewer_splats", f"must be an integer >= 0, got {viewer_splats!r}")
    units: list[Unit] = []
    names: set[str] = set()
    for r, run in enumerate(runs):
        where = f"runs[{r}]"
        if not isinstance(run, dict):
            raise _fail(path, where, "each run is a mapping")
        unknown = set(run) - RUN_FIELDS
        if unknown:
            raise _fail(path, f"{where}.{sorted(unknown)[0]}", f"unknown key (allowed: {', '.join(sorted(RUN_FIELDS))})")
        name = run.get("name")
        if not isinstance(name, str) or not name or name in names:
            raise _fail(path, f"{where}.name", f"each run needs a unique non-empty name, got {name!r}")
        names.add(name)
        protocol = str(run.get("protocol", default_protocol))
        try:
            get_protocol(protocol)
        except ValueError as error:
            raise _fail(path, f"{where}.protocol", str(error)) from None
        if ("checkpoint" in run) == ("baseline" in run):
            raise _fail(path, where, "give exactly one of 'checkpoint' (a model file) or 'baseline' (nearest-context)")
        if "checkpoint" in run:
            checkpoint = _resolve(base, str(run["checkpoint"]))
            if not Path(checkpoint).is_file():
                raise _fail(path, f"{where}.checkpoint", f"{checkpoint} not found")
            model = ("checkpoint", checkpoint)
        else:
            if run["baseline"] not in BASELINES:
                raise _fail(path, f"{where}.baseline", f"{run['baseline']!r} is not one of {', '.join(BASELINES)}")
            model = ("baseline", str(run["baseline"]))
        root = run.get("dataset_root")
        if not isinstance(root, str):
            raise _fail(path, f"{where}.dataset_root", "required: the dataset root (with test/ chunks)")
        root = _resolve(base, root)
        if not Path(root).is_dir():
            raise _fail(path, f"{where}.dataset_root", f"{root} is not a folder")
        indices = run.get("indices")
        if not isinstance(indices, dict) or not indices:
            raise _fail(path, f"{where}.indices", "required: a mapping {split name: index file}")
        resolved_indices = {}
        for split, index in indices.items():
            index = _resolve(base, str(index))
            if not Path(index).is_file():
                raise _fail(path, f"{where}.indices.{split}", f"{index} not found")
            from splatbench.data.errors import DataError
            from splatbench.data.evaluation_index import count_non_null, load_evaluation_index

            try:
                scenes = count_non_null(load_evaluation_index(index))
            except DataError as error:
                raise _fail(path, f"{where}.indices.{split}", str(error)) from None
            if scenes == 0:
                raise _fail(path, f"{where}.indices.{split}", f"{index} asks for no scene (every entry is null)")
            resolved_indices[str(split)] = index
        views = run.get("num_context_views", 2)
        if not isinstance(views, int) or views < 1:
            raise _fail(path, f"{where}.num_context_views", f"must be a positive integer, got {views!r}")
        overrides = run.get("overrides", [])
        if not isinstance(overrides, list) or not all(isinstance(o, str) for o in overrides):
            raise _fail(path, f"{where}.overrides", "must be a list of Hydra override strings")
        published = run.get("published")
        if published is not None:
            from splatbench.evaluation.benchmark.published import PUBLISHED, find_published

            entry = find_published(str(published))
            if entry is None:
                raise _fail(path, f"{where}.published", f"{published!r} is not one of {', '.join(p.method for p in PUBLISHED)}")
            if entry.protocol != protocol:
                raise _fail(path, f"{where}.published", f"{published} was published under protocol {entry.protocol}, not {protocol}")
        experiment = run.get("experiment", "re10k")
        for pose in _pose_sources(path, f"{where}.pose_sources", run.get("pose_sources")):
            for split, index in resolved_indices.items():
                units.append(
                    Unit(
                        run=name,
                        model=model,
                        experiment=str(experiment),
                        dataset_root=root,
                        pose=pose,
                        split=split,
                        index_path=index,
                        num_context_views=views,
                        protocol=protocol,
                        track=str(run.get("track", "main")),
                        overrides=tuple(overrides),
                        published=None if published is None else str(published),
                    )
                )
    return BenchmarkSpec(path=path, units=units, resamples=resamples, raw=raw, viewer_splats=viewer_splats)
