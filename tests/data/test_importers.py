"""Importers on real data: COLMAP scenes of ../shared/data/real_scenes, RealEstate10K camera files;
binary COLMAP, OPENCV undistortion and nerfstudio transforms on controlled inputs."""

from __future__ import annotations

import json
import struct

import numpy as np
import pytest
import torch
from PIL import Image
from scipy.spatial.transform import Rotation

from splatbench.data.check import check_dataset
from splatbench.data.chunks import read_chunk
from splatbench.data.importers.colmap import CAMERA_MODELS, read_colmap_model
from splatbench.data.importers.common import distort_normalized, undistort_image
from splatbench.data.importers.re10k_txt import parse_re10k_camera_file
from splatbench.data.images import decode_images
from splatbench.geometry.camera import camera_vectors_to_matrices, matrices_to_camera_vectors

REAL_SCENES = ["Herz-Jesus-P8", "castle-P19", "entry-P10", "fountain-P11", "templeSparseRing"]
TEMPLE_BOX = (np.array([-0.073568, 0.021728, -0.012445]), np.array([0.028855, 0.181892, 0.062736]))


@pytest.fixture(scope="module")
def converted(shared_data, tmp_path_factory):
    from splatbench.data.importers import convert_colmap

    out = tmp_path_factory.mktemp("real")
    counts = convert_colmap(shared_data / "real_scenes", out, index_options={"context_gap": 4})
    scenes = {scene["key"]: scene for scene in read_chunk(out / "test" / "000000.torch")}
    return out, counts, scenes


def _project(scene, point):
    c2w, k = camera_vectors_to_matrices(scene["cameras"])
    w2c = torch.linalg.inv(c2w.double())
    camera = (w2c[:, :3, :3] @ torch.tensor(point, dtype=torch.float64) + w2c[:, :3, 3])
    pixels = (k.double() @ (camera / camera[:, 2:3]).unsqueeze(-1)).squeeze(-1)
    return pixels[:, :2], camera[:, 2]


def test_every_real_scene_converts_with_all_frames(converted, shared_data):
    out, counts, scenes = converted
    assert sorted(counts) == REAL_SCENES
    for name in REAL_SCENES:
        assert counts[name] == len(list((shared_data / "real_scenes" / name / "images").iterdir()))
    assert counts == {"Herz-Jesus-P8": 8, "castle-P19": 19, "entry-P10": 10, "fountain-P11": 11, "templeSparseRing": 16}
    assert check_dataset(out).problems == []
    index = json.loads((out / "evaluation_index.json").read_text())
    assert index["templeSparseRing"]["context"][1] - index["templeSparseRing"]["context"][0] == 4


def test_cameras_match_colmap_and_round_trip_exactly(converted, shared_data):
    _, _, scenes = converted
    for name in REAL_SCENES:
        cameras_txt, images_txt = read_colmap_model(shared_data / "real_scenes" / name / "sparse" / "0")
        frames = sorted(images_txt.values(), key=lambda image: image.name)
        vectors = scenes[name]["cameras"]
        for row, frame in zip(vectors, frames):
            w, x, y, z = frame.qvec
            rotation = Rotation.from_quat([x, y, z, w]).as_matrix()
            expected = np.concatenate([rotation, frame.tvec[:, None]], 1).reshape(12)
            assert np.allclose(row[6:].numpy(), expected, atol=1e-6)
            camera = cameras_txt[frame.camera_id]
            assert np.allclose(row[:4].numpy(), [camera.params["fx"] / camera.width, camera.params["fy"] / camera.height,
                                                 camera.params["cx"] / camera.width, camera.params["cy"] / camera.height])
        c2w, k = camera_vectors_to_matrices(vectors, dtype=torch.float64)
        assert torch.equal(matrices_to_camera_vectors(c2w, k), vectors)  # bit-exact in float64
        c2w, k = camera_vectors_to_matrices(vectors)
        assert torch.allclose(matrices_to_camera_vectors(c2w, k), vectors, atol=1e-5, rtol=1e-6)


def test_temple_bounding_box_projects_onto_the_temple_in_every_photo(converted):
    _, _, scenes = converted
    scene = scenes["templeSparseRing"]
    images = decode_images(scene["images"])
    height, width = images.shape[-2:]
    centre = (TEMPLE_BOX[0] + TEMPLE_BOX[1]) / 2
    pixels, depth = _project(scene, centre)
    assert (depth > 0).all()
    columns, rows = pixels[:, 0] * width, pixels[:, 1] * height
    assert ((columns > 0) & (columns < width) & (rows > 0) & (rows < height)).all()
    # The whole temple lies inside the box: its silhouette must lie inside the box's projection.
    corners = np.array(np.meshgrid(*zip(*TEMPLE_BOX))).T.reshape(-1, 3)
    projected = torch.stack([_project(scene, corner)[0] for corner in corners], 1)  # [view, 8, 2]
    for view in range(len(images)):
        foreground = torch.from_numpy(np.argwhere(images[view].numpy().mean(0) > 0.25)).float()  # (row, column)
        low = projected[view].min(0).values * torch.tensor([width, height]) - 4
        high = projected[view].max(0).values * torch.tensor([width, height]) + 4
        inside = ((foreground[:, 1] >= low[0]) & (foreground[:, 1] <= high[0]) & (foreground[:, 0] >= low[1]) & (foreground[:, 0] <= high[1]))
        assert len(foreground) > 500 and inside.float().mean() > 0.99, (view, float(inside.float().mean()))


def test_strecha_scenes_look_at_a_common_point(converted):
    _, _, scenes = converted
    for name in ["Herz-Jesus-P8", "castle-P19", "entry-P10", "fountain-P11"]:
        c2w, _ = camera_vectors_to_matrices(scenes[name]["cameras"])
        origins, axes = c2w[:, :3, 3].double(), c2w[:, :3, 2].double()
        # Least-squares point closest to every optical axis.
        projectors = torch.eye(3, dtype=torch.float64) - axes[:, :, None] * axes[:, None, :]
        point = torch.linalg.solve(projectors.sum(0), (projectors @ origins[:, :, None]).sum(0)).squeeze(-1)
        pixels, depth = _project(scenes[name], point.numpy())
        assert (depth > 0).all() and ((pixels > 0) & (pixels < 1)).all(), name


def test_real_scenes_load_through_the_dataset(converted, make_cfg):
    out, _, _ = converted
    from splatbench.data.datasets import get_dataset

    # ori_image_shape is the RE10K default: the split's manifest.json (frame size per scene) wins.
    cfg = make_cfg(out, stage="test", image_shape=[256, 256], ori_image_shape=[360, 640])
    cfg.view_sampler.index_path = str(out / "evaluation_index.json")
    examples = [e for e in get_dataset(cfg, "test") if "__skipped__" not in e]
    assert [e["scene"] for e in examples] == REAL_SCENES  # every size loads, none is skipped
    example = examples[-1]
    assert example["context"]["image"].shape == (2, 3, 256, 256)
    k = example["context"]["intrinsics"][0]
    assert torch.allclose(k[0, 0], torch.tensor(1520.4 / 640 * 341 / 256)) and torch.allclose(k[1, 1], torch.tensor(1525.9 / 480))


def _write_colmap_binary(model_dir, cameras, images):
    model_dir.mkdir(parents=True)
    with (model_dir / "cameras.bin").open("wb") as handle:
        handle.write(struct.pack("<Q", len(cameras)))
        for camera_id, camera in cameras.items():
            model_id, names = CAMERA_MODELS[camera.model]
            handle.write(struct.pack("<iiQQ", camera_id, model_id, camera.width, camera.height))
            handle.write(struct.pack(f"<{len(names)}d", *[camera.params[n] for n in names]))
    with (model_dir / "images.bin").open("wb") as handle:
        handle.write(struct.pack("<Q", len(images)))
        for image_id, image in images.items():
            handle.write(struct.pack("<i7di", image_id, *image.qvec, *image.tvec, image.camera_id))
            handle.write(image.name.encode() + b"\x00")
            handle.write(struct.pack("<Q", 1) + struct.pack("<ddq", 1.0, 2.0, -1))


def test_binary_colmap_model_reads_like_the_text_model(shared_data, tmp_path):
    text_dir = shared_data / "real_scenes" / "templeSparseRing" / "sparse" / "0"
    cameras, images = read_colmap_model(text_dir)
    _write_colmap_binary(tmp_path / "sparse" / "0", cameras, images)
    cameras_bin, images_bin = read_colmap_model(tmp_path / "sparse" / "0")
    assert cameras_bin == cameras
    assert images_bin.keys() == images.keys()
    for key in images:
        assert images_bin[key].name == images[key].name and np.array_equal(images_bin[key].qvec, images[key].qvec)


def test_opencv_undistortion_recovers_the_pinhole_image():
    size = 96
    k = np.array([[0.8 * size, 0, 48.0], [0, 0.8 * size, 48.0], [0, 0, 1]])
    params = {"k1": -0.2, "k2": 0.05, "p1": 0.004, "p2": -0.003}

    def pattern(x, y):  # a smooth image defined on normalised pinhole coordinates
        return np.stack([128 + 100 * np.sin(6 * x), 128 + 100 * np.cos(5 * y), 128 + 90 * np.sin(4 * (x + y))], -1)

    us, vs = np.meshgrid(np.arange(size) + 0.5, np.arange(size) + 0.5)
    xn, yn = (us - 48) / k[0, 0], (vs - 48) / k[1, 1]
    pinhole = pattern(xn, yn)
    # Distorted photo: the pixel at distorted coordinates shows the pinhole ray that distorts to it.
    x, y = xn.copy(), yn.copy()
    for _ in range(50):
        fx, fy = distort_normalized(x, y, params)
        x, y = x - (fx - xn), y - (fy - yn)
    distorted = np.clip(pattern(x, y) + 0.5, 0, 255).astype(np.uint8)
    restored = undistort_image(distorted, k, params)
    inner = (slice(10, 86), slice(10, 86))
    error_restored = np.abs(restored[inner].astype(float) - pinhole[inner]).mean()
    error_distorted = np.abs(distorted[inner].astype(float) - pinhole[inner]).mean()
    assert error_restored < 1.5 and error_distorted > 10 * error_restored, (error_restored, error_distorted)


def test_nerfstudio_transforms_convert_from_opengl(tmp_path, example_root):
    from splatbench.data.importers import convert_nerfstudio

    scene = read_chunk(example_root / "train" / "000000.torch")[0]
    c2w, k = camera_vectors_to_matrices(scene["cameras"][:5])
    frames = []
    for i in range(5):
        Image.open(__import__("io").BytesIO(scene["images"][i].numpy().tobytes())).save(tmp_path / f"f{i}.png")
        c2w_gl = c2w[i].double() @ torch.diag(torch.tensor([1.0, -1, -1, 1], dtype=torch.float64))
        frames.append({"file_path": f"f{i}", "transform_matrix": c2w_gl.tolist()})
    meta = {"fl_x": 0.8 * 64, "fl_y": 0.8 * 64, "cx": 32.0, "cy": 32.0, "w": 64, "h": 64, "frames": frames}
    (tmp_path / "transforms.json").write_text(json.dumps(meta))
    convert_nerfstudio(tmp_path / "transforms.json", tmp_path / "out")
    converted = read_chunk(tmp_path / "out" / "test" / "000000.torch")[0]
    assert torch.allclose(converted["cameras"], scene["cameras"][:5], atol=1e-5)
    assert torch.equal(decode_images(converted["images"]), decode_images(scene["images"][:5]))
    # instant-ngp style: camera_angle_x only.
    meta = {"camera_angle_x": 2 * np.arctan(0.5 / 0.8), "frames": frames}
    (tmp_path / "transforms.json").write_text(json.dumps(meta))
    convert_nerfstudio(tmp_path / "transforms.json", tmp_path / "out2")
    converted = read_chunk(tmp_path / "out2" / "test" / "000000.torch")[0]
    assert torch.allclose(converted["cameras"][:, :4], torch.tensor([0.8, 0.8, 0.5, 0.5]).expand(5, 4), atol=1e-6)
    from splatbench.data.errors import DataError

    (tmp_path / "transforms.json").write_text(json.dumps({**meta, "camera_model": "OPENCV_FISHEYE"}))
    with pytest.raises(DataError, match="field camera_model: unsupported camera model OPENCV_FISHEYE"):
        convert_nerfstudio(tmp_path / "transforms.json", tmp_path / "out3")


def test_real_re10k_camera_files_parse(shared_data):
    files = sorted((shared_data / "re10k_poses").glob("*.txt"))
    assert len(files) == 10
    for path in files:
        url, timestamps, cameras = parse_re10k_camera_file(path)
        assert url.startswith("https://www.youtube.com/watch?v=")
        assert cameras.shape == (len(timestamps), 18) and len(timestamps) > 10
        assert bool((timestamps[1:] > timestamps[:-1]).all())
        assert torch.isfinite(cameras).all() and (cameras[:, 4:6] == 0).all()
        rotations = cameras[:, 6:].reshape(-1, 3, 4)[:, :, :3].double()
        assert torch.allclose(rotations @ rotations.transpose(1, 2), torch.eye(3, dtype=torch.float64).expand_as(rotations), atol=1e-4)
    url, timestamps, cameras = parse_re10k_camera_file(shared_data / "re10k_poses" / "0bf152ef84195293.txt")
    assert timestamps[0] == 158692025 and torch.allclose(cameras[0, :4], torch.tensor([0.474812461, 0.844111024, 0.5, 0.5]))


def test_re10k_txt_with_frames_converts(shared_data, tmp_path):
    from splatbench.data.importers import convert_re10k_txt

    camera_file = shared_data / "re10k_poses" / "0bf152ef84195293.txt"
    _, timestamps, cameras = parse_re10k_camera_file(camera_file)
    frames = tmp_path / "frames" / "0bf152ef84195293"
    frames.mkdir(parents=True)
    for timestamp in timestamps.tolist():
        Image.new("RGB", (64, 36), (timestamp % 251, 10, 20)).save(frames / f"{timestamp}.png")
    counts = convert_re10k_txt(camera_file, tmp_path / "out", frames=tmp_path / "frames", image_shape=None)
    scene = read_chunk(tmp_path / "out" / "test" / "000000.torch")[0]
    assert counts == {"0bf152ef84195293": len(timestamps)}
    assert torch.equal(scene["cameras"], cameras) and torch.equal(scene["timestamps"], timestamps)
    (frames / f"{timestamps[3].item()}.png").unlink()
    for name in list(frames.iterdir())[:1]:
        name.unlink()
    from splatbench.data.errors import DataError

    with pytest.raises(DataError, match="0bf152ef84195293: field images: .* cameras but .* frames"):
        convert_re10k_txt(camera_file, tmp_path / "out3", frames=tmp_path / "frames", image_shape=None)


def test_real_re10k_cameras_against_the_real_evaluation_index(shared_data, tmp_path, make_cfg, caplog):
    """The published pose files keep 16 frames per video, so the real index points past them:
    every scene is skipped with a message naming it; a regenerated index then reads through the
    256x256 crop shim with the real RealEstate10K intrinsics."""
    import logging

    from splatbench.data.datasets import get_dataset
    from splatbench.data.importers import convert_re10k_txt

    frames_root = tmp_path / "frames"
    for camera_file in sorted((shared_data / "re10k_poses").glob("*.txt")):
        _, timestamps, _ = parse_re10k_camera_file(camera_file)
        (frames_root / camera_file.stem).mkdir(parents=True)
        for timestamp in timestamps.tolist():
            Image.new("RGB", (640, 360), (timestamp % 251, 90, 160)).save(frames_root / camera_file.stem / f"{timestamp}.jpg")
    convert_re10k_txt(shared_data / "re10k_poses", tmp_path / "re10k", frames=frames_root, index_options={"context_gap": 10})
    cfg = make_cfg(tmp_path / "re10k", stage="test", image_shape=[256, 256], ori_image_shape=None)
    cfg.view_sampler.index_path = str(shared_data / "eval_index" / "evaluation_index_re10k.json")
    dataset = get_dataset(cfg, "test")
    with caplog.at_level(logging.WARNING):
        assert [e for e in dataset if "__skipped__" not in e] == []
    assert dataset.skips.total == 10
    assert "scene 0bf152ef84195293: field context index: frame 32 out of range (scene has 16 frames)" in caplog.text

    cfg.view_sampler.index_path = str(tmp_path / "re10k" / "evaluation_index.json")
    examples = [e for e in get_dataset(cfg, "test") if "__skipped__" not in e]
    assert len(examples) == 10
    k = examples[0]["context"]["intrinsics"][0]
    assert torch.allclose(k[0, 0], torch.tensor(0.474812461 * 455 / 256)) and torch.allclose(k[1, 1], torch.tensor(0.844111024))
    assert examples[0]["context"]["image"].shape == (2, 3, 256, 256)
