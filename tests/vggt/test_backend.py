"""The ``vggt`` pose backend: VGGT output converted to the backend interface (c2w, normalised
intrinsics of the original image, (max, min) depth range, dense maps), and option / weights errors
as one line. Runs the tiny preset with generated weights written in the official layout."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from splatbench.model.vggt import VGGT, vggt_preset
from splatbench.model.vggt.preprocess import preprocess_images
from splatbench.model.vggt.weights import fill_generated_weights
from splatbench.preprocess.backends import FrameBatch, PoseBackendOptionError, create_backend


@pytest.fixture(scope="module")
def weights_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("vggt") / "model.pt"
    state = fill_generated_weights(VGGT(vggt_preset("tiny"))).state_dict()
    state["track_head.feature_extractor.norm.weight"] = torch.ones(8)  # ignored by name
    torch.save(state, path)
    return path


def frame_batch(height: int, width: int, count: int = 2) -> FrameBatch:
    generator = torch.Generator().manual_seed(height)
    images = torch.randint(0, 256, (count, 3, height, width), generator=generator).float() / 255
    return FrameBatch(scene="scene-a", images=images, intrinsics=torch.eye(3).repeat(count, 1, 1),
                      gt_extrinsics=torch.eye(4).repeat(count, 1, 1), frame_indices=torch.arange(count))


def test_estimate_converts_vggt_output(weights_path):
    backend = create_backend("vggt", {"weights": str(weights_path), "preset": "tiny", "device": "cpu",
                                      "chunk_frames": "2"})
    assert backend.options["dtype"] == "float32" and backend.max_frames_per_pass == 100
    frames = frame_batch(72, 128)
    estimate = backend.estimate(frames)
    estimate.check(frames.num_frames, frames.scene)

    # Independent path: the model on the preprocessed input (518 x 294, no crop for 16:9).
    inputs, geometry = preprocess_images(frames.images, "crop")
    assert tuple(inputs.shape[-2:]) == (294, 518) and geometry.offset_yx == (0, 0)
    model = fill_generated_weights(VGGT(vggt_preset("tiny")).eval())
    prediction = model(inputs)
    world_to_camera = torch.eye(4).repeat(2, 1, 1)
    world_to_camera[:, :3] = prediction.extrinsics[0]
    assert torch.allclose(estimate.extrinsics @ world_to_camera, torch.eye(4).expand(2, 4, 4), atol=1e-4)
    pixel = prediction.intrinsics[0]
    assert torch.allclose(estimate.intrinsics[:, 0, 0] * 518, pixel[:, 0, 0], rtol=1e-5)
    assert torch.allclose(estimate.intrinsics[:, 1, 1] * 294, pixel[:, 1, 1], rtol=1e-5)
    assert torch.allclose(estimate.intrinsics[:, :2, 2], torch.full((2, 2), 0.5))
    assert torch.allclose(estimate.depth, prediction.depth[0], rtol=1e-5)
    assert torch.allclose(estimate.confidence, prediction.depth_conf[0], rtol=1e-5)
    for index in range(2):
        values = prediction.depth[0, index].double().numpy()
        expected = [np.percentile(values, 98), np.percentile(values, 2)]
        assert np.allclose(estimate.depth_range[index].numpy(), expected, rtol=1e-5)
    assert (estimate.depth_range[:, 0] > estimate.depth_range[:, 1]).all()


def test_portrait_crop_marks_unseen_rows(weights_path):
    backend = create_backend("vggt", {"weights": str(weights_path), "preset": "tiny", "device": "cpu"})
    estimate = backend.estimate(frame_batch(140, 70, count=1))  # resized to 518 x 1036, 518 rows seen
    assert tuple(estimate.depth.shape) == (1, 1036, 518)
    assert torch.isnan(estimate.depth[:, :259]).all() and torch.isnan(estimate.depth[:, 777:]).all()
    assert torch.isfinite(estimate.depth[:, 259:777]).all()
    assert (estimate.confidence[:, :259] == 0).all()
    assert torch.allclose(estimate.intrinsics[:, 1, 2], torch.full((1,), 0.5))


@pytest.mark.parametrize("options, fragment", [
    ({}, "weights: required"),
    ({"weights": "WEIGHTS", "dtype": "float8"}, "dtype"),
    ({"weights": "WEIGHTS", "crop_mode": "stretch"}, "crop_mode"),
    ({"weights": "WEIGHTS", "frames_per_pass": "0"}, "frames_per_pass"),
    ({"weights": "WEIGHTS", "colour": "red"}, "unknown option 'colour'"),
    ({"weights": "WEIGHTS", "attention": "fa3"}, "attention: 'fa3' is not one of auto"),
    ({"weights": "WEIGHTS", "elementwise": "jit"}, "elementwise: 'jit' is not one of auto, eager"),
    ({"weights": "WEIGHTS", "attention": "cudnn"}, r"attention: 'cudnn' cannot run on cpu in float32 \(usable there: auto, default, .*math\)"),
])
def test_bad_options(weights_path, options, fragment):
    options = {key: str(weights_path) if value == "WEIGHTS" else value for key, value in options.items()}
    with pytest.raises(PoseBackendOptionError, match=fragment):
        create_backend("vggt", {"preset": "tiny", "device": "cpu", **options})


def test_mismatched_weights_name_file_and_key(tmp_path, weights_path):
    with pytest.raises(PoseBackendOptionError) as info:  # tiny weights into VGGT-1B
        create_backend("vggt", {"weights": str(weights_path), "device": "cpu"})
    message = str(info.value)
    assert str(weights_path) in message and "aggregator." in message and "\n" not in message
    missing = tmp_path / "absent.pt"
    with pytest.raises(PoseBackendOptionError, match="absent.pt: VGGT weights file does not exist"):
        create_backend("vggt", {"weights": str(missing), "device": "cpu"})


def _png(seed: int, height: int = 18, width: int = 32) -> torch.Tensor:
    import io

    from PIL import Image

    pixels = np.random.default_rng(seed).integers(0, 255, size=(height, width, 3), dtype=np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format="PNG")
    return torch.frombuffer(bytearray(buffer.getvalue()), dtype=torch.uint8)


def test_preprocess_command_end_to_end(weights_path, tmp_path, capsys):
    """``splatbench preprocess --source vggt`` on a 6-frame scene in two overlapping windows:
    every frame gets a finite camera and depth range; a bad weights file is one line, exit 2."""
    from splatbench.cli.main import main as cli_main
    from splatbench.data.chunks import read_chunk, write_chunk, write_index

    cameras = torch.zeros(6, 18)
    cameras[:, :4] = torch.tensor([0.9, 1.6, 0.5, 0.5])
    cameras[:, 6:18] = torch.eye(4)[:3].flatten()
    cameras[:, 9] = torch.arange(6) * 0.1  # x translation of the w2c rows
    scene = {"key": "walk", "url": "", "timestamps": torch.arange(6), "cameras": cameras,
             "images": [_png(i) for i in range(6)]}
    source = tmp_path / "in"
    write_chunk(source / "test" / "000000.torch", [scene])
    write_index(source / "test", {"walk": "000000.torch"})
    options = ["-o", f"weights={weights_path}", "-o", "preset=tiny", "-o", "device=cpu"]
    code = cli_main(["preprocess", "--source", "vggt", str(source), str(tmp_path / "out"), *options,
                     "--max-frames-per-pass", "4", "--window-overlap", "2", "--no-progress"])
    assert code == 0, capsys.readouterr().err
    written = read_chunk(tmp_path / "out" / "test" / "000000.torch")[0]
    assert written["vggt_camera"].shape == (6, 18) and torch.isfinite(written["vggt_camera"]).all()
    assert written["depth"].shape == (6, 2) and (written["depth"][:, 0] > written["depth"][:, 1]).all()

    bad = tmp_path / "bad.pt"
    state = torch.load(weights_path, weights_only=True)
    del state["camera_head.trunk_norm.bias"]
    torch.save(state, bad)
    code = cli_main(["preprocess", "--source", "vggt", str(source), str(tmp_path / "out2"),
                     "-o", f"weights={bad}", "-o", "preset=tiny", "-o", "device=cpu", "--no-progress"])
    error = capsys.readouterr().err.strip()
    assert code == 2 and "\n" not in error
    assert str(bad) in error and "camera_head.trunk_norm.bias" in error


def test_pad_mode_maps_drop_the_padding():
    from splatbench.model.vggt.preprocess import input_geometry
    from splatbench.preprocess.backends.vggt import to_original_extent

    geometry = input_geometry(640, 360, mode="pad")  # 518 x 294 image centred on 518 x 518
    maps = torch.arange(518 * 518, dtype=torch.float32).view(1, 518, 518)
    out = to_original_extent(maps, geometry, float("nan"))
    assert tuple(out.shape) == (1, 518, 294)
    assert torch.equal(out, maps[:, :, 112:406])


def test_attention_and_elementwise_options_reach_the_model(weights_path):
    default = create_backend("vggt", {"preset": "tiny", "device": "cpu", "weights": str(weights_path)})
    assert "attention" not in default.options and "elementwise" not in default.options  # old runs still resume
    assert default.model.aggregator.attention.backend == "auto"
    eager = create_backend("vggt", {"preset": "tiny", "device": "cpu", "weights": str(weights_path),
                                    "elementwise": "eager"})
    assert "elementwise" not in eager.options  # the old default: runs that used it recorded nothing
    assert eager.model.aggregator.elementwise == "eager"
    chosen = create_backend("vggt", {"preset": "tiny", "device": "cpu", "weights": str(weights_path),
                                     "attention": "math", "elementwise": "compile"})
    assert chosen.options["attention"] == "math" and chosen.options["elementwise"] == "compile"
    assert chosen.model.aggregator.attention.backend == "math"
    assert chosen.model.aggregator.elementwise == "compile"
