"""The API reproduces test mode for the same inputs: fountain-P11 converted to a chunk, evaluated
by ``splatbench test`` (resize 512x768 -> 64x96, tiny model) and by ``api.encode`` + ``render``
from the raw photos; ``test.save_video=true`` writes the rendered targets as an MP4."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch
from PIL import Image

from splatbench import api
from splatbench.data.chunks import read_chunk
from splatbench.data.images import decode_images
from splatbench.data.importers.colmap import convert_colmap
from splatbench.geometry.camera import camera_vectors_to_matrices
from splatbench.reconstruct.video import read_mp4_info
from tests.training.e2e_helpers import load_cfg, tiny_overrides

SHAPE = (64, 96)


@pytest.fixture(scope="module")
def test_mode_run(fountain, tiny_checkpoint, tmp_path_factory):
    from splatbench.training.run import test

    data = tmp_path_factory.mktemp("fountain_chunks")
    convert_colmap(fountain, data, split="test", index_options={"context_gap": 4, "num_targets": 2, "seed": 0})
    out = tmp_path_factory.mktemp("fountain_test")
    overrides = tiny_overrides(data, out, "test") + [
        f"dataset.image_shape=[{SHAPE[0]},{SHAPE[1]}]",
        "dataset.ori_image_shape=[512,768]",
        f"checkpointing.pretrained_model={tiny_checkpoint}",
        "test.compute_scores=false",
        "test.save_video=true",
        "test.save_input_images=false",
    ]
    (report,) = test(load_cfg(overrides)).values()
    assert report.skipped == []
    return data, out


def test_api_reproduces_test_mode_renders(test_mode_run, tiny_checkpoint):
    data, out = test_mode_run
    index = json.loads((data / "evaluation_index.json").read_text())
    ((scene_key, entry),) = [(k, v) for k, v in index.items() if v is not None]
    (scene,) = [s for s in read_chunk(sorted((data / "test").glob("*.torch"))[0]) if s["key"] == scene_key]
    extrinsics, intrinsics = camera_vectors_to_matrices(scene["cameras"])
    context, target = entry["context"], entry["target"]
    images = decode_images([scene["images"][i] for i in context])

    model = api.from_checkpoint(tiny_checkpoint, preset="tiny")
    result = model.encode(images, extrinsics[context], intrinsics[context], 0.5, 20.0, image_shape=SHAPE)
    # target cameras through the same resize / crop / shim as their images
    target_views = model.prepare_context(decode_images([scene["images"][i] for i in target]), extrinsics[target], intrinsics[target], 0.5, 20.0, image_shape=SHAPE)
    rendered = model.render(result.gaussians, target_views["extrinsics"][0], target_views["intrinsics"][0], SHAPE, 0.5, 20.0)

    for view, index in enumerate(target):
        saved = np.asarray(Image.open(out / "images" / scene_key / "color" / f"{index:06d}.png"), dtype=np.int16)
        ours = (rendered.color[0, view].clamp(0, 1) * 255).to(torch.uint8).permute(1, 2, 0).numpy().astype(np.int16)
        difference = np.abs(saved - ours)
        assert difference.max() <= 1 and (difference > 0).mean() < 1e-3, index

    frames, size = read_mp4_info(out / "videos" / f"{scene_key}_frame_{'_'.join(map(str, context))}.mp4")
    assert frames == len(target) and size == (SHAPE[1], SHAPE[0])
