"""Pose estimators behind one interface, registered by name.

A backend turns the frames of one scene (or one window of a long scene) into cameras:

* input :class:`FrameBatch`
    - ``images``        float32 [N, 3, H, W] in [0, 1], the scene's frames at their stored resolution
    - ``intrinsics``    float32 [N, 3, 3], *normalised* K (fx, cx divided by the width, fy, cy by the height),
                        from the chunk's ground-truth ``cameras``; backends may use them (COLMAP) or not (VGGT)
    - ``gt_extrinsics`` float32 [N, 4, 4] ground-truth camera-to-world poses; only ``gt_noise`` may read
                        them (every other backend must behave as if they were absent)
    - ``scene``         the scene key, for messages
    - ``frame_indices`` int64 [N], positions of these frames in the scene (a window's slice)

* output :class:`PoseEstimate`
    - ``extrinsics``    float32 [N, 4, 4] **camera-to-world**, OpenCV axes (+X right, +Y down, +Z forward),
                        in the backend's own world frame and scale (VGGT and COLMAP frames are arbitrary:
                        nothing aligns them to the ground truth, as in the study)
    - ``intrinsics``    float32 [N, 3, 3] normalised K as estimated (or the given K if the backend keeps them)
    - ``depth_range``   float32 [N, 2] per frame ``(max, min)`` z-depth, **max first** (the study's ``depth``
                        key), in the same scale as the translations
    - ``valid``         bool [N]; False for a frame the backend could not place (e.g. not registered by
                        COLMAP); the values of invalid frames are ignored
    - ``depth``         optional float32 [N, h, w] dense z-depth in the same scale, any resolution
    - ``confidence``    optional float32 [N, h, w] (same resolution as ``depth``), larger = more confident

A backend may set ``needs_images = False`` (``gt_noise``): the runner then passes ``images`` of shape
[N, 3, 0, 0] instead of decoding the frames.

A backend that cannot process a scene at all (too few matches, degenerate motion, non-finite output)
raises :class:`PoseBackendFailure` with the reason; the runner records it and goes on with the next scene.

Each backend lives in its own module ``splatbench.preprocess.backends.<name>`` exposing
``create_backend(options) -> PoseBackend``; ``POSE_BACKENDS`` imports it lazily, so a missing module or
dependency is one line (:class:`PoseBackendUnavailable`). The runner, not the backend, splits long scenes into
windows of at most ``max_frames_per_pass`` frames, aligns them and writes the chunk keys.

Backends are created by ``POSE_BACKENDS[name](options)`` where ``options`` maps option names to strings
as given on the command line (``--option KEY=VALUE``); a factory raises :class:`PoseBackendOptionError`
for an unknown or malformed option. The created backend exposes ``options``: its fully resolved options
(JSON-serialisable), recorded in the preprocess manifest so that a resumed run can check it is the same command.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Protocol

import torch
from torch import Tensor


@dataclass
class FrameBatch:
    scene: str
    images: Tensor  # float32 [N, 3, H, W] in [0, 1]
    intrinsics: Tensor  # float32 [N, 3, 3] normalised
    gt_extrinsics: Tensor  # float32 [N, 4, 4] c2w, only for gt_noise
    frame_indices: Tensor  # int64 [N]

    @property
    def num_frames(self) -> int:
        return int(self.images.shape[0])


@dataclass
class PoseEstimate:
    extrinsics: Tensor  # float32 [N, 4, 4] c2w OpenCV
    intrinsics: Tensor  # float32 [N, 3, 3] normalised
    depth_range: Tensor  # float32 [N, 2] (max, min)
    valid: Tensor  # bool [N]
    depth: Tensor | None = None  # float32 [N, h, w]
    confidence: Tensor | None = None  # float32 [N, h, w]

    def check(self, num_frames: int, scene: str) -> None:
        """Raise :class:`PoseBackendFailure` unless shapes match and every valid frame is finite."""
        expected = {"extrinsics": (num_frames, 4, 4), "intrinsics": (num_frames, 3, 3), "depth_range": (num_frames, 2), "valid": (num_frames,)}
        for name, shape in expected.items():
            if tuple(getattr(self, name).shape) != shape:
                raise PoseBackendFailure(f"{name} has shape {list(getattr(self, name).shape)}, expected {list(shape)}")
        for name in ("depth", "confidence"):
            value = getattr(self, name)
            if value is not None and (value.ndim != 3 or value.shape[0] != num_frames):
                raise PoseBackendFailure(f"{name} has shape {list(value.shape)}, expected [{num_frames}, h, w]")
        valid = self.valid.bool()
        if not bool(valid.any()):
            raise PoseBackendFailure("no frame was estimated")
        for name in ("extrinsics", "intrinsics", "depth_range"):
            if not bool(torch.isfinite(getattr(self, name)[valid]).all()):
                raise PoseBackendFailure(f"non-finite {name}")


class PoseBackendFailure(Exception):
    """The backend could not process this scene; ``reason`` is one line, recorded by the runner."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


class PoseBackendOptionError(ValueError):
    """An unknown or malformed backend option (one line naming it)."""


class PoseBackendUnavailable(RuntimeError):
    """The backend's module or a dependency of it cannot be imported (one line naming it)."""


class PoseBackend(Protocol):
    name: str
    max_frames_per_pass: int | None  # None: any number of frames in one pass
    options: dict[str, Any]  # resolved options, JSON-serialisable

    def estimate(self, frames: FrameBatch) -> PoseEstimate: ...


BackendFactory = Callable[[Mapping[str, str]], PoseBackend]


def _lazy(module_name: str, factory_name: str = "create_backend") -> BackendFactory:
    """A factory that imports ``module_name`` only when the backend is asked for."""

    def factory(options: Mapping[str, str]) -> PoseBackend:
        try:
            module = importlib.import_module(module_name)
        except ImportError as error:
            raise PoseBackendUnavailable(f"pose backend module {module_name} cannot be imported: {error}") from error
        return getattr(module, factory_name)(options)

    factory.__qualname__ = f"lazy({module_name}:{factory_name})"
    return factory


POSE_BACKENDS: dict[str, BackendFactory] = {
    "vggt": _lazy("splatbench.preprocess.backends.vggt"),
    "colmap": _lazy("splatbench.preprocess.backends.colmap"),
    "gt_noise": _lazy("splatbench.preprocess.backends.gt_noise"),
}


def create_backend(name: str, options: Mapping[str, str] | None = None) -> PoseBackend:
    try:
        factory = POSE_BACKENDS[name]
    except KeyError:
        raise PoseBackendOptionError(f"--source: {name!r} is not one of {', '.join(sorted(POSE_BACKENDS))}") from None
    return factory(dict(options or {}))


class OptionReader:
    """Typed access to ``--option KEY=VALUE`` strings; unknown keys are an error at :meth:`finish`.

    Usage in a factory::

        reader = OptionReader("colmap", options)
        max_size = reader.get("max_image_size", int, 640)
        reader.finish()
    """

    def __init__(self, backend: str, options: Mapping[str, str]) -> None:
        self.backend = backend
        self.remaining = dict(options)
        self.resolved: dict[str, Any] = {}

    def get(self, key: str, kind: type, default: Any) -> Any:
        raw = self.remaining.pop(key, None)
        if raw is None:
            value = default
        elif kind is bool:
            if str(raw).lower() not in ("1", "0", "true", "false", "yes", "no"):
                raise PoseBackendOptionError(f"{self.backend} option {key}: expected true/false, got {raw!r}")
            value = str(raw).lower() in ("1", "true", "yes")
        else:
            try:
                value = kind(raw)
            except (TypeError, ValueError):
                raise PoseBackendOptionError(f"{self.backend} option {key}: expected {kind.__name__}, got {raw!r}") from None
        self.resolved[key] = value
        return value

    def finish(self) -> dict[str, Any]:
        if self.remaining:
            raise PoseBackendOptionError(
                f"{self.backend}: unknown option {sorted(self.remaining)[0]!r} (known: {', '.join(sorted(self.resolved)) or 'none'})"
            )
        return dict(self.resolved)
