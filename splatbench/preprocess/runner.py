"""``splatbench preprocess``: estimate cameras for every frame of every scene of a chunk dataset.

Reads ``IN`` (a dataset root with ``train/`` and/or ``test/`` chunk folders, or one folder of chunks) and
writes ``OUT`` with the same layout: every chunk with the same scenes, each scene with the source's keys added
(see :mod:`splatbench.data.pose_sources` for their names), ``index.json`` regenerated per split, the root's
other files (e.g. ``evaluation_index.json``) copied, and ``OUT/preprocess.json``, the manifest: the command's
settings per source (sources of an already preprocessed ``IN`` carry over) and one record per scene.

Scenes longer than the backend's ``max_frames_per_pass`` (or ``--max-frames-per-pass``) are processed in
overlapping windows merged by :mod:`splatbench.preprocess.windows`.

Resuming: while running, ``OUT/.preprocess/`` holds the run's settings and one record per finished scene
(written atomically). A chunk is written (atomically) once all its scenes have records; then its scene records
are folded into one chunk record. Killed at any point and restarted with the same command, the run reuses
every record and rewrites nothing that is done; the final output is identical to an uninterrupted run (the
manifest holds no timings). The same command on a finished ``OUT`` reports it complete and changes nothing.
An ``OUT`` that exists and is neither empty nor a run of the same command is refused.

Scene outcomes: ``processed`` (keys written), ``failed`` (the backend failed; the reason is recorded and the
scene is written without the source's keys) and ``skipped`` (the stored scene itself is unusable: missing
keys, undecodable frames; written unchanged). The three counts add up to the scenes read.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch
import torch.nn.functional as F
from tqdm import tqdm

from splatbench.data.chunks import INDEX_NAME, list_chunks, read_chunk, read_index, split_folders, write_chunk, write_index
from splatbench.data.errors import DataError
from splatbench.data.images import ImageDecodeError, decode_images
from splatbench.data.pose_sources import PoseSource, stored_pose_source
from splatbench.data.scene_checks import check_scene_structure
from splatbench.geometry.camera import camera_vectors_to_matrices, matrices_to_camera_vectors
from splatbench.preprocess.backends import FrameBatch, PoseBackend, PoseBackendFailure, PoseEstimate, create_backend
from splatbench.preprocess.windows import MIN_SHARED_FRAMES, merge_windows, plan_windows
from splatbench.data.manifest import MANIFEST_NAME as DATA_MANIFEST_NAME
from splatbench.utils.io import atomic_torch_save, atomic_write_bytes, atomic_write_json, safe_load_checkpoint

logger = logging.getLogger(__name__)

MANIFEST_NAME = "preprocess.json"
STATE_DIR = ".preprocess"
FORMAT_VERSION = 1
STATUSES = ("processed", "failed", "skipped")
MIN_DEFAULT_OVERLAP = 4


class _Unset:
    """An option a run did not record (its default then)."""

    def __repr__(self) -> str:
        return "not set"


_UNSET = _Unset()


class PreprocessError(ValueError):
    """Bad command input (one line naming the path or option); nothing was written."""


def output_keys(source: str) -> PoseSource:
    """Keys a source writes: ``vggt`` keeps the study's ``vggt_camera`` / ``depth``; others are named after the source."""
    if source == "vggt":
        return stored_pose_source("vggt", camera_key="vggt_camera", depth_key="depth")
    return stored_pose_source(source)


def _source_key_names(keys: PoseSource) -> tuple[str, ...]:
    names = (keys.camera_key, keys.depth_key, keys.valid_key, keys.depth_maps_key, keys.confidence_key)
    return tuple(name for name in names if name is not None)


@dataclass
class PreprocessSummary:
    out: Path
    scenes: list[dict[str, Any]] = field(default_factory=list)
    resumed: int = 0
    already_complete: bool = False
    unreadable_chunks: list[str] = field(default_factory=list)
    frames_estimated: int = 0
    seconds: float = 0.0

    def counts(self) -> dict[str, int]:
        counts = {status: 0 for status in STATUSES}
        for scene in self.scenes:
            counts[scene["status"]] += 1
        return counts


class PreprocessRun:
    def __init__(
        self,
        source: str,
        input_root: str | os.PathLike,
        output_root: str | os.PathLike,
        options: dict[str, str] | None = None,
        max_frames_per_pass: int | None = None,
        window_overlap: int | None = None,
        dense_shape: tuple[int, int] | None = None,
        progress: bool = True,
    ) -> None:
        self.input_root = Path(input_root)
        self.output_root = Path(output_root)
        self.progress = progress
        self._check_paths()
        self.splits = split_folders(self.input_root)
        if not self.splits:
            raise PreprocessError(f"{self.input_root}: no chunk files (*.torch) in it or in its train/ or test/ folders")
        self._refuse_unrelated_output()  # before the backend loads (VGGT weights take a while)
        self.backend: PoseBackend = create_backend(source, options or {})
        self.source = source
        self.keys = output_keys(source)
        limits = [limit for limit in (self.backend.max_frames_per_pass, max_frames_per_pass) if limit is not None]
        self.max_frames = min(limits) if limits else None
        if self.max_frames is not None and self.max_frames <= MIN_SHARED_FRAMES:
            raise PreprocessError(f"--max-frames-per-pass: need more than {MIN_SHARED_FRAMES} frames per pass, got {self.max_frames}")
        if window_overlap is None and self.max_frames is not None:
            window_overlap = max(MIN_DEFAULT_OVERLAP, self.max_frames // 8)
        if self.max_frames is not None:
            window_overlap = min(window_overlap, self.max_frames - 1)
            if window_overlap < MIN_SHARED_FRAMES:
                raise PreprocessError(f"--window-overlap: windows must share at least {MIN_SHARED_FRAMES} frames to be aligned, got {window_overlap}")
        self.window_overlap = window_overlap
        if dense_shape is not None and (len(dense_shape) != 2 or min(dense_shape) < 1):
            raise PreprocessError(f"--dense-shape: expected two positive integers H W, got {list(dense_shape)}")
        self.dense_shape = None if dense_shape is None else (int(dense_shape[0]), int(dense_shape[1]))
        self.settings = {
            "format_version": FORMAT_VERSION,
            "source": source,
            "input": str(self.input_root.resolve()),
            "backend_options": self.backend.options,
            "max_frames_per_pass": self.max_frames,
            "window_overlap": self.window_overlap,
            "dense_shape": None if self.dense_shape is None else list(self.dense_shape),
            "keys": list(_source_key_names(self.keys)),
        }

    # ------------------------------------------------------------------ set-up

    def _check_paths(self) -> None:
        if not self.input_root.is_dir():
            raise PreprocessError(f"{self.input_root}: input dataset folder does not exist")
        inside = self.output_root.resolve()
        source = self.input_root.resolve()
        if inside == source or source in inside.parents:
            raise PreprocessError(f"{self.output_root}: OUT must not be IN or lie inside it ({self.input_root})")
        if inside in source.parents:
            raise PreprocessError(f"{self.output_root}: OUT must not contain IN ({self.input_root})")

    def _refuse_unrelated_output(self) -> None:
        out = self.output_root
        ours = (out / STATE_DIR / "run.json").is_file() or (out / MANIFEST_NAME).is_file()
        if out.exists() and not ours and (not out.is_dir() or any(out.iterdir())):
            raise PreprocessError(f"{out}: exists and is not a preprocess run of this command; choose a new OUT")

    @property
    def state_dir(self) -> Path:
        return self.output_root / STATE_DIR

    def _start(self) -> str:
        """'fresh', 'resume' or 'complete'; refuses an OUT that is something else."""
        out = self.output_root
        manifest = out / MANIFEST_NAME
        state = self.state_dir / "run.json"
        if state.is_file():
            recorded = json.loads(state.read_text())
            self._refuse_if_different(recorded, state)
            return "resume"
        if manifest.is_file():
            recorded = json.loads(manifest.read_text()).get("run", {})
            self._refuse_if_different(recorded, manifest)
            return "complete"
        self._refuse_unrelated_output()
        self.state_dir.mkdir(parents=True, exist_ok=True)
        atomic_write_json(state, self.settings)
        return "fresh"

    def _refuse_if_different(self, recorded: dict, path: Path) -> None:
        for key, value in self.settings.items():
            value, old = json.loads(json.dumps(value)), recorded.get(key)
            if value == old:
                continue
            if isinstance(value, dict) and isinstance(old, dict):  # name the first differing option
                name = next(name for name in sorted({*value, *old}) if value.get(name, _UNSET) != old.get(name, _UNSET))
                key, old, value = f"{key}.{name}", old.get(name, _UNSET), value.get(name, _UNSET)
            raise PreprocessError(
                f"{self.output_root}: holds a run with a different {key} ({old!r}, now {value!r}; see {path}); use a new OUT"
            )

    # ------------------------------------------------------------------ running

    def run(self) -> PreprocessSummary:
        started = time.perf_counter()
        summary = PreprocessSummary(out=self.output_root)
        state = self._start()
        if state == "complete":
            manifest = json.loads((self.output_root / MANIFEST_NAME).read_text())
            summary.scenes = manifest["scenes"]
            summary.unreadable_chunks = manifest.get("unreadable_chunks", [])
            summary.already_complete = True
            return summary
        total = self._count_scenes()
        with tqdm(total=total, unit="scene", desc=f"preprocess {self.source}", disable=not self.progress) as bar:
            for split in self.splits:
                relative = split.relative_to(self.input_root)
                for chunk_path in list_chunks(split):
                    self._run_chunk(chunk_path, relative, summary, bar, started)
        self._finish(summary)
        summary.seconds = time.perf_counter() - started
        return summary

    def _count_scenes(self) -> int | None:
        total = 0
        for split in self.splits:
            try:
                index = read_index(split)
            except (DataError, ValueError):
                return None
            if index is None:
                return None
            total += len(index)
        return total

    def _chunk_state(self, relative: Path, chunk_path: Path) -> Path:
        return self.state_dir / relative / chunk_path.stem

    def _run_chunk(self, chunk_path: Path, relative: Path, summary: PreprocessSummary, bar, started: float) -> None:
        out_chunk = self.output_root / relative / chunk_path.name
        state = self._chunk_state(relative, chunk_path)
        done = state.with_suffix(".done.json")
        if done.is_file() and out_chunk.is_file():
            records = json.loads(done.read_text())
            summary.scenes.extend(records)
            summary.resumed += len(records)
            bar.update(len(records))
            return
        try:
            scenes = read_chunk(chunk_path)
        except DataError as error:
            logger.warning("skipped chunk: %s", error)
            summary.unreadable_chunks.append(str(error))
            return
        written, records = [], []
        for number, scene in enumerate(scenes):
            record_path = state / f"{number:06d}.torch"
            if record_path.is_file():
                stored = safe_load_checkpoint(record_path)
                summary.resumed += 1
            else:
                stored = self._process_scene(scene, str(chunk_path))
                atomic_torch_save(record_path, stored)
                summary.frames_estimated += stored["record"].get("frames", 0)
                _fault_hook()
            record = {"split": str(relative) if str(relative) != "." else "", "chunk": chunk_path.name, **stored["record"]}
            records.append(record)
            written.append(self._output_scene(scene, stored["keys"]))
            bar.update(1)
            elapsed = max(time.perf_counter() - started, 1e-9)
            bar.set_postfix(frames_per_s=f"{summary.frames_estimated / elapsed:.2f}", refresh=False)
        write_chunk(out_chunk, written)
        atomic_write_json(done, records)
        shutil.rmtree(state, ignore_errors=True)
        summary.scenes.extend(records)

    def _output_scene(self, scene, keys: dict[str, torch.Tensor]):
        if not isinstance(scene, dict):
            return scene
        stale = [name for name in _source_key_names(self.keys) if name in scene]
        if stale:
            logger.warning("scene %s: replacing the input's %s", scene.get("key"), ", ".join(stale))
        output = {name: value for name, value in scene.items() if name not in stale}
        # canonical key objects: pickle memoises strings by identity, so keys read back from a scene record
        # would otherwise serialise differently from fresh ones and a resumed chunk would not be byte-identical
        output.update({name: keys[name] for name in _source_key_names(self.keys) if name in keys})
        return output

    def _process_scene(self, scene, file: str) -> dict[str, Any]:
        """{'record': manifest entry, 'keys': tensors to add}; never raises for bad data or backend failure."""
        name = scene.get("key") if isinstance(scene, dict) and isinstance(scene.get("key"), str) else "<unnamed>"
        try:
            num_frames = check_scene_structure(file, scene)
        except DataError as error:
            return {"record": {"scene": name, "status": "skipped", "reason": str(error)}, "keys": {}}
        record: dict[str, Any] = {"scene": name, "frames": num_frames}
        try:
            estimate, windows, residuals = self._estimate(scene, file, num_frames)
        except DataError as error:
            return {"record": {**record, "frames": 0, "status": "skipped", "reason": str(error)}, "keys": {}}
        except PoseBackendFailure as failure:
            logger.warning("%s: scene %s: %s failed: %s", file, name, self.source, failure.reason)
            return {"record": {**record, "status": "failed", "reason": failure.reason}, "keys": {}}
        record.update(
            status="processed",
            reason=None,
            valid_frames=int(estimate.valid.sum()),
            windows=windows,
            alignment_residual=max(residuals) if residuals else 0.0,
            window_residuals=residuals,
        )
        return {"record": record, "keys": self._keys(estimate)}

    def _estimate(self, scene, file: str, num_frames: int) -> tuple[PoseEstimate, int, list[float]]:
        name = scene["key"]
        c2w, intrinsics = camera_vectors_to_matrices(scene["cameras"])
        windows = plan_windows(num_frames, self.max_frames, self.window_overlap or 0)
        estimates = []
        for number, window in enumerate(windows):
            indices = list(window)
            try:
                if getattr(self.backend, "needs_images", True):
                    images = decode_images([scene["images"][i] for i in indices])
                else:
                    images = torch.empty(len(indices), 3, 0, 0)
            except (ImageDecodeError, ValueError, RuntimeError) as error:
                raise DataError(file, name, "images", f"cannot decode frames {indices[0]}..{indices[-1]}: {error}") from None
            batch = FrameBatch(
                scene=name,
                images=images,
                intrinsics=intrinsics[indices],
                gt_extrinsics=c2w[indices],
                frame_indices=torch.tensor(indices, dtype=torch.int64),
            )
            try:
                estimate = self.backend.estimate(batch)
                estimate.check(len(indices), name)
            except PoseBackendFailure as failure:
                prefix = f"window {number} (frames {indices[0]}..{indices[-1]}): " if len(windows) > 1 else ""
                raise PoseBackendFailure(prefix + failure.reason) from None
            estimates.append(estimate)
        merged, residuals = merge_windows(windows, estimates, num_frames)
        return merged, len(windows), residuals

    def _keys(self, estimate: PoseEstimate) -> dict[str, torch.Tensor]:
        valid = estimate.valid.bool()
        # invalid frames hold NaN; give them identities for the inversion, then mark their rows NaN
        extrinsics = torch.where(valid[:, None, None], estimate.extrinsics, torch.eye(4, dtype=estimate.extrinsics.dtype))
        intrinsics = torch.where(valid[:, None, None], estimate.intrinsics, torch.eye(3, dtype=estimate.intrinsics.dtype))
        cameras = matrices_to_camera_vectors(extrinsics, intrinsics)
        cameras[~valid] = float("nan")
        depth_range = estimate.depth_range.to(torch.float32).clone()
        depth_range[~valid] = float("nan")
        keys = {
            self.keys.camera_key: cameras,
            self.keys.depth_key: depth_range,
            self.keys.valid_key: valid.clone(),
        }
        if self.dense_shape is not None:
            for key, value in ((self.keys.depth_maps_key, estimate.depth), (self.keys.confidence_key, estimate.confidence)):
                if value is not None:
                    resized = F.interpolate(value[:, None].to(torch.float32), size=self.dense_shape, mode="bilinear", align_corners=False)
                    keys[key] = resized[:, 0].to(torch.float16)
        return keys

    # ------------------------------------------------------------------ finishing

    def _finish(self, summary: PreprocessSummary) -> None:
        for split in self.splits:
            relative = split.relative_to(self.input_root)
            out_split = self.output_root / relative
            index = {}
            for chunk_path in list_chunks(out_split):
                for scene in read_chunk(chunk_path):
                    if isinstance(scene, dict) and isinstance(scene.get("key"), str):
                        index[scene["key"]] = chunk_path.name
            write_index(out_split, index)
            # The split's data manifest (frame sizes of photo datasets) describes the same frames: readers of
            # OUT need it exactly as readers of IN do.
            data_manifest = split / DATA_MANIFEST_NAME
            if data_manifest.is_file():
                atomic_write_bytes(out_split / DATA_MANIFEST_NAME, data_manifest.read_bytes())
        self._copy_root_files()
        summary.scenes.sort(key=lambda record: (record["split"], record["chunk"]))
        atomic_write_json(self.output_root / MANIFEST_NAME, self._manifest(summary))
        shutil.rmtree(self.state_dir, ignore_errors=True)

    def _copy_root_files(self) -> None:
        if self.splits == [self.input_root]:
            return  # IN is a split folder: its index.json was regenerated above
        for path in sorted(self.input_root.iterdir()):
            if path.is_file() and path.name not in (MANIFEST_NAME, INDEX_NAME) and not (self.output_root / path.name).exists():
                atomic_write_bytes(self.output_root / path.name, path.read_bytes())

    def _manifest(self, summary: PreprocessSummary) -> dict[str, Any]:
        sources = {}
        previous = self.input_root / MANIFEST_NAME
        if previous.is_file():
            try:
                sources = dict(json.loads(previous.read_text()).get("sources", {}))
            except (ValueError, AttributeError):
                logger.warning("%s: unreadable manifest of the input; its sources are not carried over", previous)
        sources[self.source] = self.settings
        return {
            "run": self.settings,
            "sources": sources,
            "counts": summary.counts(),
            "unreadable_chunks": summary.unreadable_chunks,
            "scenes": summary.scenes,
        }


# Fault injection for the resume tests: SIGKILL this process after that many newly finished scenes.
KILL_AFTER_SCENES_ENV = "SPLATBENCH_PREPROCESS_KILL_AFTER_SCENES"
_finished_this_process = 0


def _fault_hook() -> None:
    global _finished_this_process
    _finished_this_process += 1
    limit = os.environ.get(KILL_AFTER_SCENES_ENV)
    if limit and _finished_this_process >= int(limit):
        os.kill(os.getpid(), signal.SIGKILL)


def run_preprocess(source: str, input_root, output_root, options: dict[str, str] | None = None, **settings) -> PreprocessSummary:
    """Preprocess ``input_root`` into ``output_root`` with ``source``; see the module docstring."""
    return PreprocessRun(source, input_root, output_root, options, **settings).run()
