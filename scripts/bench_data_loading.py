"""Benchmark: decoded 256x256 views per second per worker, reading a 100-scene chunk set.

Builds (once, cached under --root) a RealEstate10K-shaped set: 360x640 JPEG frames (quality 95)
in .torch chunks, then runs the dataset exactly as training/testing does (decode, reference
LANCZOS-through-uint8 resize, centre crop, intrinsics update) in one process, which is what one
data-loader worker does. Frames are cut from a few ray-cast renders, shifted and re-tinted so that
every stored JPEG is different. Prints the throughput and where the time goes.

    .venv/bin/python scripts/bench_data_loading.py --stage test
    .venv/bin/python scripts/bench_data_loading.py --stage train --workers 2
"""

from __future__ import annotations

import argparse
import cProfile
import io
import logging
import pstats
import time
from pathlib import Path

import numpy as np
import torch
from PIL import Image
from tqdm import tqdm

from splatbench.data.chunks import write_chunk, write_index
from splatbench.data.config import (
    DataLoaderCfg,
    DataLoaderStageCfg,
    DatasetRE10kCfg,
    ViewSamplerBoundedCfg,
    ViewSamplerEvaluationCfg,
)
from splatbench.data.data_module import DataModule
from splatbench.data.evaluation_index import generate_evaluation_index
from splatbench.data.example import make_synthetic_scene
from splatbench.data.images import open_encoded
from splatbench.utils.io import atomic_write_json

logger = logging.getLogger("bench_data_loading")


def build_benchmark_set(root: Path, num_scenes: int, frames_per_scene: int, scenes_per_chunk: int, seed: int = 0) -> None:
    if (root / "test" / "index.json").is_file():
        logger.info("reusing %s", root)
        return
    rng = np.random.default_rng(seed)
    pool = []
    for base in range(3):
        scene = make_synthetic_scene(f"base{base}", 1000 + base, num_frames=4, image_shape=(360, 640), with_depth_maps=False)
        pool += [np.asarray(open_encoded(image)) for image in scene["images"]]
    intrinsics_scene = scene
    counts, index, chunk, chunk_number = {}, {}, [], 0
    for number in tqdm(range(num_scenes), desc="benchmark scenes"):
        images = []
        for _ in range(frames_per_scene):
            frame = np.roll(pool[int(rng.integers(len(pool)))], int(rng.integers(-40, 40)), axis=1)
            frame = np.clip(frame.astype(np.int16) + int(rng.integers(-20, 20)), 0, 255).astype(np.uint8)
            buffer = io.BytesIO()
            Image.fromarray(frame).save(buffer, format="JPEG", quality=95)
            images.append(torch.frombuffer(bytearray(buffer.getvalue()), dtype=torch.uint8))
        cameras = intrinsics_scene["cameras"][torch.arange(frames_per_scene) % 4]
        key = f"bench_{number:05d}"
        chunk.append({"key": key, "url": "", "timestamps": torch.arange(frames_per_scene), "cameras": cameras, "images": images})
        counts[key] = frames_per_scene
        if len(chunk) == scenes_per_chunk or number == num_scenes - 1:
            name = f"{chunk_number:06d}.torch"
            write_chunk(root / "test" / name, chunk)
            index.update({s["key"]: name for s in chunk})
            chunk, chunk_number = [], chunk_number + 1
    write_index(root / "test", index)
    atomic_write_json(root / "evaluation_index.json", generate_evaluation_index(counts, context_gap=frames_per_scene // 2, seed=seed))
    for split in ("train",):
        (root / split).mkdir(exist_ok=True)
        for path in (root / "test").iterdir():
            target = root / split / path.name
            if not target.exists():
                target.symlink_to(path.resolve())


def run(root: Path, stage: str, workers: int, profile: bool, resize_mode: str = "reference") -> tuple[int, float, str]:
    if stage == "test":
        sampler = ViewSamplerEvaluationCfg(index_path=str(root / "evaluation_index.json"))
    else:
        sampler = ViewSamplerBoundedCfg(min_distance_between_context_views=8, max_distance_between_context_views=30, num_target_views=4)
    cfg = DatasetRE10kCfg(roots=[str(root)], image_shape=[256, 256], view_sampler=sampler, augment=True, resize_mode=resize_mode)
    loader_stage = DataLoaderStageCfg(batch_size=1, num_workers=workers, persistent_workers=False, seed=1)
    module = DataModule(cfg, DataLoaderCfg(train=loader_stage, test=loader_stage, val=loader_stage))
    loader = module.test_dataloader() if stage == "test" else module.train_dataloader()
    if workers == 0:
        # A DataLoader worker process runs torch single-threaded; do the same in-process.
        torch.set_num_threads(1)
    profiler = cProfile.Profile() if profile and workers == 0 else None
    views = 0
    cpu_start = time.process_time()
    start = time.perf_counter()
    if profiler:
        profiler.enable()
    for batch in loader:
        views += batch["context"]["image"].shape[1] + batch["target"]["image"].shape[1]
    if profiler:
        profiler.disable()
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    breakdown = f"cpu time {cpu:.2f} s ({views / max(cpu, 1e-9):.1f} views per CPU-second)" if workers == 0 else ""
    if profiler:
        stats = pstats.Stats(profiler).stats
        total = max(sum(entry[2] for entry in stats.values()), 1e-9)

        def own_time(fragment: str) -> float:
            return sum(entry[2] for (_, _, name), entry in stats.items() if fragment in name)

        def cumulative(function: str) -> float:
            return sum(entry[3] for (_, _, name), entry in stats.items() if name == function)

        parts = {
            "LANCZOS resize": own_time("'resize' of 'ImagingCore'"),
            "JPEG decode": own_time("'decode' of 'ImagingDecoder'"),
            "chunk load": cumulative("read_chunk"),
            "collate": cumulative("collate_dropping_skips") + cumulative("default_collate"),
        }
        breakdown += "; " + ", ".join(f"{label} {100 * seconds / total:.0f}%" for label, seconds in parts.items())
    return views, elapsed, breakdown


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=Path("/tmp/splatbench_bench_data"))
    parser.add_argument("--num-scenes", type=int, default=100)
    parser.add_argument("--frames-per-scene", type=int, default=64)
    parser.add_argument("--scenes-per-chunk", type=int, default=25)
    parser.add_argument("--stage", choices=["train", "test"], default="test")
    parser.add_argument("--workers", type=int, default=0, help="0: in-process, i.e. exactly one worker")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--resize-mode", choices=["reference", "box"], default="reference")
    args = parser.parse_args()
    build_benchmark_set(args.root, args.num_scenes, args.frames_per_scene, args.scenes_per_chunk)
    if not args.no_profile and args.workers == 0:
        run(args.root, args.stage, 0, False, args.resize_mode)  # warm the page cache first
    views, elapsed, breakdown = run(args.root, args.stage, args.workers, not args.no_profile, args.resize_mode)
    per_worker = views / elapsed / max(1, args.workers)
    logger.info(
        "stage=%s resize=%s workers=%d: %d decoded 256x256 views in %.2f s -> %.1f views/s per worker",
        args.stage, args.resize_mode, args.workers, views, elapsed, per_worker,
    )
    if breakdown:
        logger.info("%s", breakdown)


if __name__ == "__main__":
    main()
