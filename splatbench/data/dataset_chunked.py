"""Iterable dataset over ``.torch`` chunks: the shared reader behind RE10K and DL3DV.

Per scene, in the reference's order: sample frame indices, skip a too-wide field of view,
decode the frames, check their size, build context/target views, flip (training), crop shim.
Bad scenes raise a :class:`DataError` internally; they are logged, counted and skipped. Camera
values are checked only for the frames a sample uses (as the reference, which evaluates scenes
whose unused frames hold NaN). The expected stored frame size of a scene is the one recorded in
its split's ``manifest.json`` (converted data) or else ``dataset.ori_image_shape``.

Test stage accounting: every scene the evaluation index asks for (its non-null entries) ends up
as examples or as exactly one skip record with a reason (``errors.skip_record``): bad scenes,
the scenes of an unreadable chunk, and scenes that are in no chunk at all. Scenes the index does
not ask for are passed over without a record.

Sharding. Train/val: a chunk order shared by every worker and rank (seeded per epoch) is split
across ``world_size * num_workers`` shards, by chunk when there are enough chunks and by scene
otherwise, so each scene is seen once per epoch. The training stream repeats epochs forever
(``len`` bounds the epoch), so that no rank runs dry before the others and no worker hands the
loader a short batch when its share runs out. Test: the
scenes, in sorted chunk order, are dealt out in units of ``batch_size`` scenes, first across
ranks, then across workers; a skipped scene is yielded as a skip record that the data module's
collate passes on or drops, so the order of test batches never depends on the worker count.
"""

from __future__ import annotations

import logging
import math
import random
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import numpy as np
import torch
from torch.utils.data import IterableDataset, get_worker_info

from splatbench.data.chunks import build_index, list_chunks, read_chunk, read_index
from splatbench.data.config import DatasetDL3DVCfg, DatasetRE10kCfg
from splatbench.data.errors import SKIPPED_MARKER, DataError, NoUsableScenesError, SkipCounter, skip_record
from splatbench.data.images import ImageDecodeError, decode_frames, resize_and_crop_frames
from splatbench.data.manifest import read_frame_shapes
from splatbench.data.pose_sources import NEAR_FAR_SOURCES, get_pose_source
from splatbench.data.scene_checks import check_camera_values, check_depth_range, check_frame_indices, check_scene_structure
from splatbench.data.shims.augmentation import reflect_extrinsics, should_flip
from splatbench.data.shims.crop import resize_depths
from splatbench.data.types import Stage
from splatbench.data.view_sampler import ViewSampler
from splatbench.geometry.camera import camera_vectors_to_matrices, rotation_is_valid, fov_from_intrinsics, rebase_extrinsics

logger = logging.getLogger(__name__)

__all__ = ["SKIPPED_MARKER", "ChunkedDataset", "SceneSkipped"]


class SceneSkipped(Exception):
    """A scene the reference skips without an error (too few frames, too wide a field of view)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass
class Shard:
    index: int
    count: int


class ChunkedDataset(IterableDataset):
    """Base reader; subclasses set the expected frame size and the sampler's extra arguments."""

    default_near: float = 0.1
    default_far: float = 1000.0
    max_translation: float | None = None

    def __init__(
        self,
        cfg: DatasetRE10kCfg | DatasetDL3DVCfg,
        stage: Stage,
        view_sampler: ViewSampler,
        global_rank: int = 0,
        world_size: int = 1,
        batch_size: int = 1,
    ) -> None:
        super().__init__()
        self.cfg = cfg
        self.stage = stage
        self.view_sampler = view_sampler
        self.global_rank = global_rank
        self.world_size = max(1, world_size)
        self.batch_size = max(1, batch_size)
        self.pose_source = get_pose_source(cfg.pose_source)
        if cfg.near_far_source not in NEAR_FAR_SOURCES:
            raise ValueError(f"dataset.near_far_source: {cfg.near_far_source!r} is not one of {', '.join(NEAR_FAR_SOURCES)}")
        self.rebase = self.pose_source.rebase_on_first_context if cfg.rebase_poses is None else cfg.rebase_poses
        self.near = cfg.near if cfg.near != -1 else self.default_near
        self.far = cfg.far if cfg.far != -1 else self.default_far
        self.skips = SkipCounter()
        self._epoch = 0
        self._index_from_scan = False
        if stage != "test" and self.context_view_range() is not None:
            if not getattr(view_sampler, "takes_context_view_count", False):
                raise ValueError(
                    f"dataset.context_views_per_batch: the {type(view_sampler).__name__} view sampler cannot "
                    "take a view count; use dataset/view_sampler=boundedv2"
                )

        self.chunks: list[Path] = []
        self.frame_shapes: dict[str, tuple[int, int]] = {}
        for root in cfg.roots:
            split_dir = Path(root) / self.data_stage
            if cfg.use_index_to_load_chunk:
                index = read_index(split_dir) or {}
                self.chunks.extend(sorted({split_dir / name for name in index.values()}))
            else:
                self.chunks.extend(list_chunks(split_dir))
            for scene, shape in read_frame_shapes(split_dir).items():
                self.frame_shapes.setdefault(scene, shape)
        if cfg.overfit_to_scene is not None:
            self.chunks = [self.index[cfg.overfit_to_scene]] * max(1, len(self.chunks))
        if stage == "test":
            self.chunks = self.chunks[:: cfg.test_chunk_interval]
        if not self.chunks:
            folders = ", ".join(str(Path(root) / self.data_stage) for root in cfg.roots) or "(dataset.roots is empty)"
            message = f"dataset.roots: no .torch chunk files in {folders}"
            missing = [str(root) for root in cfg.roots if not Path(root).is_dir()]
            if missing:
                message += f" ({', '.join(missing)} does not exist)"
            if stage == "val":
                logger.warning("%s", message)
            else:
                raise NoUsableScenesError(message + "; point dataset.roots at a folder with train/ and test/ chunk folders")

    # ------------------------------------------------------------------ bookkeeping

    @property
    def data_stage(self) -> str:
        if self.cfg.overfit_to_scene is not None or self.stage == "val":
            return "test"
        return self.stage

    @property
    def index(self) -> dict[str, Path]:
        if not hasattr(self, "_index"):
            stages = ("test", "train") if self.cfg.overfit_to_scene is not None else (self.data_stage,)
            merged: dict[str, Path] = {}
            for stage in stages:
                for root in self.cfg.roots:
                    split_dir = Path(root) / stage
                    index = read_index(split_dir)
                    if index is None and split_dir.is_dir():
                        logger.warning("%s has no index.json; scanning its chunks", split_dir)
                        index = build_index(split_dir, skip_unreadable=True)
                        # A scan cannot see into unreadable chunks: scenes may hide there.
                        self._index_from_scan = True
                    for key, name in (index or {}).items():
                        merged.setdefault(key, split_dir / name)
            self._index = merged
        return self._index

    def times_per_scene(self) -> int:
        return self.cfg.test_times_per_scene if self.stage == "test" else self.cfg.train_times_per_scene

    def run_names(self, scene: str) -> list[str]:
        """Test stage: the name of each run of a scene (looked up in the evaluation index and given
        to its example as ``scene``); the scene's own name once per repeat unless a reader renames."""
        return [scene] * self.times_per_scene()

    def scene_of_run(self, run: str) -> str:
        """The scene a run name of :meth:`run_names` belongs to."""
        return run

    def __len__(self) -> int:
        if self.stage == "test":
            # Lightning stops a loader after len() batches, so this must never undercount: every
            # requested scene yields an example or a skip record, also those found in no chunk.
            chosen = {path.resolve() for path in self.chunks}
            requested = self.requested_scenes()
            keys = self.index if requested is None else {self.scene_of_run(run) for run in requested}
            accounted = [key for key in keys if key not in self.index or self.index[key].resolve() in chosen]
            total = sum(1 for key in accounted for run in self.run_names(key) if requested is None or run in requested)
            if self.cfg.test_len > 0:
                total = min(total, self.cfg.test_len)
            units = math.ceil(total / self.batch_size)
            mine = len(range(self.global_rank, units, self.world_size))
            return min(total, mine * self.batch_size)
        total = len(self.index) * self.cfg.train_times_per_scene
        return max(1, total // self.world_size) if self.world_size > 1 else total

    def _shards(self) -> tuple[Shard, int]:
        worker = get_worker_info()
        num_workers = 1 if worker is None else worker.num_workers
        worker_id = 0 if worker is None else worker.id
        shard = Shard(index=self.global_rank * num_workers + worker_id, count=self.world_size * num_workers)
        if worker is not None:
            # Every worker of an epoch gets base_seed + id; the base is shared, the id is not.
            common_seed = int(worker.seed) - worker_id
        else:
            # In-process loading (num_workers=0): the chunk order must still be the same on every
            # DDP rank, so it cannot come from a rank's own random state.
            common_seed = zlib.crc32(f"splatbench-{self.stage}".encode())
        return shard, common_seed

    def _shuffled(self, items: list, generator: torch.Generator) -> list:
        return [items[i] for i in torch.randperm(len(items), generator=generator).tolist()]

    # ------------------------------------------------------------------ iteration

    def __iter__(self) -> Iterator[dict]:
        if self.stage == "test":
            yield from self._iter_test()
            return
        shard, common_seed = self._shards()
        if get_worker_info() is not None:
            # Sampling randomness differs per rank and worker; the chunk order does not.
            torch.manual_seed((common_seed * 1_000_003 + shard.index) % 2**63)
            random.seed((common_seed * 1_000_003 + shard.index) % 2**63)
        # The training stream repeats epochs (``len`` bounds each epoch): a worker whose share
        # of scenes ends mid-batch would otherwise hand the loader a short batch every epoch,
        # and with few scenes per worker every batch would shrink.
        repeat = self.stage == "train"
        view_counts = self._context_view_counts(common_seed, get_worker_info())
        yielded = 0
        while True:
            generator = torch.Generator().manual_seed((common_seed + self._epoch) % 2**63)
            self._epoch += 1
            shuffle = self.stage == "train" or (self.stage == "val" and self.cfg.shuffle_val)
            chunks = self._shuffled(self.chunks, generator) if shuffle else list(self.chunks)
            by_chunk = len(chunks) >= shard.count
            # By scene: positions run across chunks. With fewer scenes than shards, shards share scenes
            # (shard i takes the scenes of shard i mod #scenes) so that no rank or worker is left empty.
            scene_shards = min(shard.count, max(1, len(self.index)))
            scene_position = 0
            for chunk_position, chunk_path in enumerate(chunks):
                if by_chunk and chunk_position % shard.count != shard.index:
                    continue
                scenes = self._load_scenes(chunk_path)
                if shuffle:
                    scenes = self._shuffled(scenes, generator)
                for scene in scenes:
                    scene_position += 1
                    if not by_chunk and (scene_position - 1) % scene_shards != shard.index % scene_shards:
                        continue
                    for _ in range(self.times_per_scene()):
                        views = None if view_counts is None else view_counts(yielded // self.batch_size)
                        examples, _ = self._examples_or_skip(scene, chunk_path, views)
                        for example in examples:
                            yielded += 1
                            yield example
            if not repeat or yielded == 0:
                # An epoch with nothing usable must not spin forever.
                break
        self.skips.report(f"{self.stage} data")

    def requested_scenes(self) -> set[str] | None:
        """Scenes the test stage must account for: the evaluation index's non-null entries (None
        when the sampler has no index: then every scene found is asked for)."""
        index = getattr(self.view_sampler, "index", None)
        if not isinstance(index, dict):
            return None
        return {scene for scene, entry in index.items() if entry is not None}

    def _test_items(self) -> Iterator[tuple[str, Path | None, object]]:
        """(run name, chunk, scene dict or a skip record) for every run of every test scene in order:
        the scenes of each chunk, then a record for each requested run of a scene found in no chunk."""
        requested = self.requested_scenes()
        seen: set[str] = set()
        unreadable: list[str] = []
        for chunk_path in self.chunks:
            try:
                scenes = self._read_scenes(chunk_path)
            except DataError as error:
                self.skips.skip("unreadable_chunk", str(error))
                unreadable.append(chunk_path.name)
                # The index tells which scenes the broken chunk held; each is accounted for.
                lost = sorted(key for key, path in self.index.items() if path.name == chunk_path.name and path.parent == chunk_path.parent)
                for key in lost:
                    seen.add(key)
                    for run in self.run_names(key):
                        if requested is None or run in requested:
                            yield run, chunk_path, skip_record(run, "unreadable_chunk", str(error))
                continue
            for scene in scenes:
                name = _scene_label(scene)
                seen.add(name)
                for run in self.run_names(name):
                    yield run, chunk_path, scene
        if requested is None:
            return
        chosen = {path.resolve() for path in self.chunks}
        for key in sorted({self.scene_of_run(run) for run in requested} - seen):
            chunk = self.index.get(key)
            if chunk is not None and chunk.resolve() not in chosen:
                continue  # left out on purpose by dataset.test_chunk_interval
            where = ", ".join(str(Path(root) / self.data_stage) for root in self.cfg.roots)
            detail = f"; {len(unreadable)} chunk(s) could not be read ({', '.join(unreadable[:3])})" if unreadable else ""
            hidden = unreadable and self._index_from_scan
            reason = "unreadable_chunk" if hidden else "not_in_data"
            for run in self.run_names(key):
                if run in requested:
                    message = f"{self.cfg.view_sampler.index_path}: scene {run}: asked for by the evaluation index but in no chunk under {where}{detail}"
                    yield run, None, skip_record(run, reason, message)

    def _iter_test(self) -> Iterator[dict]:
        shard, _ = self._shards()
        worker = get_worker_info()
        num_workers = 1 if worker is None else worker.num_workers
        worker_id = 0 if worker is None else worker.id
        position = 0
        limit = self.cfg.test_len if self.cfg.test_len > 0 else None
        requested = self.requested_scenes()
        for run, chunk_path, scene in self._test_items():
            if requested is not None and run not in requested:
                continue  # not asked for (null or absent in the index): neither dealt nor counted
            if limit is not None and position >= limit:
                self.skips.report("test data")
                return
            unit = position // self.batch_size
            position += 1
            if unit % self.world_size != self.global_rank:
                continue
            if (unit // self.world_size) % num_workers != worker_id:
                continue
            if isinstance(scene, dict) and SKIPPED_MARKER in scene:
                if chunk_path is None:  # in no chunk: logged here, by the rank and worker it is dealt to
                    logger.warning("skipped: %s", scene["message"])
                yield scene
                continue
            examples, skip = self._examples_or_skip(scene, chunk_path, run=run)
            if examples:
                yield from examples
            else:
                yield skip_record(run, *skip)
        self.skips.report("test data")

    def _read_scenes(self, chunk_path: Path) -> list:
        scenes = read_chunk(chunk_path)
        if self.cfg.overfit_to_scene is not None:
            matches = [s for s in scenes if isinstance(s, dict) and s.get("key") == self.cfg.overfit_to_scene]
            # As the reference: the scene repeated to the chunk's length (DL3DV tests it once).
            if self.stage != "test" or isinstance(self.cfg, DatasetRE10kCfg):
                matches = matches * len(scenes)
            scenes = matches
        return scenes

    def _load_scenes(self, chunk_path: Path) -> list:
        try:
            return self._read_scenes(chunk_path)
        except DataError as error:
            self.skips.skip("unreadable_chunk", str(error))
            return []

    def context_view_range(self) -> tuple[int, int] | None:
        """[min, max] context views per training batch, or None (the sampler decides per example)."""
        views = self.cfg.context_views_per_batch
        return None if views is None else (int(views[0]), int(views[1]))

    def _context_view_counts(self, common_seed: int, worker) -> Callable[[int], int] | None:
        """Batch number within this worker -> context-view count, or None.

        A loader worker builds whole batches from consecutive examples, and DDP step ``s`` of
        every rank takes batch ``s // num_workers`` of worker ``s % num_workers``; drawing the
        count from (shared seed, worker id, batch number) and not the rank therefore gives every
        rank the same count at the same step, and all examples of one batch the same count.
        """
        bounds = self.context_view_range()
        if bounds is None or self.stage == "test":
            return None
        worker_id = 0 if worker is None else worker.id
        low, high = bounds

        def count(batch_number: int) -> int:
            seed = ((common_seed % 2**31) * 1_000_003 + worker_id * 7919 + batch_number) % 2**63
            return int(torch.randint(low, high + 1, (), generator=torch.Generator().manual_seed(seed)))

        return count

    def _examples_or_skip(
        self, scene, chunk_path: Path, context_views: int | None = None, run: str | None = None
    ) -> tuple[list[dict], tuple[str, str] | None]:
        """(examples, None) or ([], (reason, message)) for one scene (one ``run`` of it in testing)."""
        try:
            return list(self.build_examples(scene, str(chunk_path), context_views, run)), None
        except DataError as error:
            self.skips.skip(error.kind, str(error))
            return [], (error.kind, str(error))
        except SceneSkipped as skipped:
            self.skips.skip(skipped.reason, str(skipped))
            return [], (skipped.reason, str(skipped))

    def first_skips(self, limit: int = 8) -> list[tuple[str, str]]:
        """(reason, message) of the first scenes that are skipped, read in this process; used to
        explain a training run whose every scene was skipped (workers cannot report back)."""
        found: list[tuple[str, str]] = []
        for chunk_path in self.chunks:
            try:
                scenes = self._read_scenes(chunk_path)
            except DataError as error:
                found.append(("unreadable_chunk", str(error)))
                scenes = []
            for scene in scenes:
                if len(found) >= limit:
                    return found
                examples, skip = self._examples_or_skip(scene, chunk_path)
                if skip is not None:
                    found.append(skip)
            if len(found) >= limit:
                break
        return found

    # ------------------------------------------------------------------ one scene

    def expected_image_shape(self) -> tuple[int, int] | None:
        raise NotImplementedError

    def sampler_kwargs(self) -> dict:
        return {}

    def postprocess_indices(self, context: torch.Tensor, target: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        return context, target

    def build_examples(self, scene, file: str, context_views: int | None = None, run: str | None = None) -> Iterator[dict]:
        """The example(s) of one scene; ``run`` (see :meth:`run_names`) names the evaluation index
        entry to sample and the example's ``scene``, else the scene's key does."""
        required = (self.pose_source.camera_key,)
        if self.cfg.near_far_source == "depth_range":
            required += (self.pose_source.depth_key,)
        num_frames = check_scene_structure(file, scene, required, check_values=False)
        name = scene["key"]
        label = name if run is None else run
        extrinsics, intrinsics = _camera_matrices(scene[self.pose_source.camera_key])
        if self.pose_source.camera_key != "cameras":
            _, intrinsics = _camera_matrices(scene["cameras"])

        try:
            kwargs = self.sampler_kwargs()
            if context_views is not None:
                low, high = self.context_view_range()
                kwargs.update(min_context_views=low, max_context_views=high, context_views=context_views)
            context, target = self.view_sampler.sample(label, extrinsics, intrinsics, **kwargs)
        except ValueError as error:
            raise SceneSkipped("view_sampler", f"{file}: scene {label}: {error}") from None
        context, target = self.postprocess_indices(context, target)
        check_frame_indices(file, name, context, num_frames, "context index")
        check_frame_indices(file, name, target, num_frames, "target index")
        used = torch.cat((context, target))
        self._check_estimated(scene, file, used)
        for camera_key in dict.fromkeys(("cameras", self.pose_source.camera_key)):
            check_camera_values(file, name, camera_key, scene[camera_key], used)
        if self.cfg.near_far_source == "depth_range":
            check_depth_range(file, name, scene[self.pose_source.depth_key], num_frames, used)

        if (fov_from_intrinsics(intrinsics).rad2deg() > self.cfg.max_fov).any():
            raise SceneSkipped("max_fov", f"{file}: scene {name}: field of view above {self.cfg.max_fov} degrees")
        if self.max_translation is not None:
            if (extrinsics[used, :3, 3] > self.max_translation).any():
                raise DataError(file, name, self.pose_source.camera_key, "camera translation above 1e3")

        try:
            context_frames = decode_frames([scene["images"][i] for i in context.tolist()])
            target_frames = decode_frames([scene["images"][i] for i in target.tolist()])
        except ImageDecodeError as error:
            raise DataError(file, name, "images", str(error)) from None
        sizes = {(f.size[1], f.size[0]) for f in context_frames + target_frames}
        if name in self.frame_shapes:
            if sizes != {self.frame_shapes[name]}:
                raise DataError(
                    file, name, "images",
                    f"frame size {_sizes(sizes)} differs from {_sizes({self.frame_shapes[name]})} recorded in manifest.json",
                    kind="frame_size",
                )
        else:
            expected = self.expected_image_shape()
            if expected is not None and sizes != {tuple(expected)} and self.cfg.skip_bad_shape:
                height, width = sorted(sizes)[0]
                raise DataError(
                    file, name, "images",
                    f"frame size {_sizes(sizes)} is not dataset.ori_image_shape {_sizes({tuple(expected)})}; set "
                    f"dataset.ori_image_shape=[{height},{width}] (no manifest.json records this scene's size)",
                    kind="frame_size",
                )

        if self.rebase:
            extrinsics = rebase_extrinsics(extrinsics, int(context[0]))
        if self.cfg.pose_align_middle_view:
            extrinsics = rebase_extrinsics(extrinsics, int(context[len(context) // 2]))
        flip = self.stage == "train" and self.cfg.augment and should_flip()
        output_shape = tuple(self.cfg.image_shape)
        try:
            views = {
                "context": self._views(scene, file, context, context_frames, extrinsics, intrinsics, output_shape, flip),
                "target": self._views(scene, file, target, target_frames, extrinsics, intrinsics, output_shape, flip),
            }
        except (ValueError, ImageDecodeError) as error:
            if isinstance(error, DataError):
                raise
            raise DataError(file, name, "images", str(error)) from None
        yield {**views, "scene": label}

    def _check_estimated(self, scene, file: str, used: torch.Tensor) -> None:
        """Views must have a pose from the source (``NAME_valid``); their camera values are
        checked by ``check_camera_values`` next."""
        key = self.pose_source.valid_key
        if key is not None and key in scene:
            valid = torch.as_tensor(scene[key]).bool()
            missing = sorted({int(i) for i in used if not bool(valid[int(i)])})
            if missing:
                raise DataError(file, scene["key"], key, f"frame(s) {missing} have no pose from this source")

    def _near_far(self, scene, file: str, indices: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        if self.cfg.near_far_source == "depth_range":
            depth = scene[self.pose_source.depth_key][indices].to(torch.float32)
            return depth[:, 1].clone(), depth[:, 0].clone()
        count = len(indices)
        return torch.full((count,), self.near, dtype=torch.float32), torch.full((count,), self.far, dtype=torch.float32)

    def _views(self, scene, file, indices, frames, extrinsics, intrinsics, output_shape, flip) -> dict:
        images, scaled = resize_and_crop_frames(frames, output_shape, flip=flip, mode=self.cfg.resize_mode)
        view_intrinsics = intrinsics[indices].clone()
        view_intrinsics[:, 0, 0] *= scaled[1] / output_shape[1]
        view_intrinsics[:, 1, 1] *= scaled[0] / output_shape[0]
        view_extrinsics = extrinsics[indices]
        if flip:
            view_extrinsics = reflect_extrinsics(view_extrinsics)
        near, far = self._near_far(scene, file, indices)
        views = {
            "extrinsics": view_extrinsics,
            "intrinsics": view_intrinsics,
            "image": images,
            "near": near,
            "far": far,
            "index": indices.to(torch.int64),
        }
        # Dense ground-truth depth: the pose source's own (e.g. vggt_depth_maps, in its scale,
        # consistent with its poses), else the chunk's depth_maps.
        depth_key = self.pose_source.depth_maps_key or "depth_maps"
        if self.cfg.load_depth_maps and depth_key in scene:
            depths = resize_depths(scene[depth_key][indices].to(torch.float32), scaled)
            row, col = (scaled[0] - output_shape[0]) // 2, (scaled[1] - output_shape[1]) // 2
            depths = depths[..., row : row + output_shape[0], col : col + output_shape[1]]
            views["depth"] = depths.flip(-1) if flip else depths
        return views


def _camera_matrices(vectors: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """c2w and K of every frame; frames whose world-to-camera matrix cannot be inverted get NaN
    (only the frames a sample uses are checked, and those are checked on the stored vectors)."""
    try:
        return camera_vectors_to_matrices(vectors)
    except np.linalg.LinAlgError:
        singular = ~rotation_is_valid(vectors[:, 6:].reshape(-1, 3, 4)[:, :, :3])
        repaired = vectors.clone()
        repaired[singular, 6:] = torch.tensor([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0], dtype=vectors.dtype)
        extrinsics, intrinsics = camera_vectors_to_matrices(repaired)
        extrinsics[singular] = float("nan")
        return extrinsics, intrinsics


def _sizes(sizes: set[tuple[int, int]]) -> str:
    return ", ".join(f"{h}x{w}" for h, w in sorted(sizes))


def _scene_label(scene) -> str:
    return scene["key"] if isinstance(scene, dict) and isinstance(scene.get("key"), str) else "<unnamed>"
