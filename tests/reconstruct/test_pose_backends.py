"""Photos without cameras go through the pose-backend registry (``--poses NAME``): a stand-in
backend checks the plumbing (guessed K in, unplaced photos left out, one-line failures)."""

from __future__ import annotations

import shutil

import pytest
import torch

from splatbench.data.errors import DataError
from splatbench.preprocess import backends
from splatbench.preprocess.backends import PoseBackendFailure, PoseEstimate
from splatbench.reconstruct.photos import load_photo_set


class StandIn:
    name, max_frames_per_pass, options = "stand_in", None, {}

    def __init__(self, fail: bool = False) -> None:
        self.fail = fail
        self.seen = None

    def estimate(self, frames):
        self.seen = frames
        if self.fail:
            raise PoseBackendFailure("too few matches")
        count = frames.num_frames
        extrinsics = torch.eye(4).repeat(count, 1, 1)
        extrinsics[:, 0, 3] = torch.arange(count, dtype=torch.float32)
        valid = torch.ones(count, dtype=torch.bool)
        valid[1] = False  # e.g. not registered by COLMAP
        return PoseEstimate(extrinsics, frames.intrinsics, torch.tensor([[10.0, 1.0]]).repeat(count, 1), valid)


@pytest.fixture
def photos_only(fountain, tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    for i in range(4):
        shutil.copy(fountain / "images" / f"000{i}.jpg", folder)
    return folder


def test_estimated_poses_come_from_the_named_backend(photos_only, monkeypatch):
    backend = StandIn()
    monkeypatch.setitem(backends.POSE_BACKENDS, "stand_in", lambda options: backend)
    photos = load_photo_set(photos_only, "stand_in")
    assert photos.names == ["0000.jpg", "0002.jpg", "0003.jpg"] and photos.ignored == ["0001.jpg"]
    assert photos.pose_source == "estimate:stand_in"
    assert torch.equal(photos.extrinsics[:, 0, 3], torch.tensor([0.0, 2.0, 3.0], dtype=torch.float64))
    # K guessed as COLMAP does: focal 1.2 x the longer side (768), centred principal point
    k = backend.seen.intrinsics[0]
    assert k[0, 0].item() == pytest.approx(1.2 * 768 / 768) and k[1, 1].item() == pytest.approx(1.2 * 768 / 512)
    assert backend.seen.images.shape == (4, 3, 512, 768)


def test_backend_failure_is_one_line_naming_the_folder(photos_only, monkeypatch):
    monkeypatch.setitem(backends.POSE_BACKENDS, "stand_in", lambda options: StandIn(fail=True))
    with pytest.raises(DataError, match="too few matches") as error:
        load_photo_set(photos_only, "stand_in")
    assert str(photos_only) in str(error.value) and "\n" not in str(error.value)


def test_unknown_backend_is_named_before_any_photo_is_decoded(photos_only):
    (photos_only / "0003.jpg").write_bytes(b"broken")  # never read: the name is checked first
    with pytest.raises(DataError, match="--poses: 'nope' is not one of"):
        load_photo_set(photos_only, "nope")


def test_transforms_json_gives_the_same_cameras_as_the_colmap_model(fountain, tmp_path):
    """The photos with a nerfstudio transforms.json written from the COLMAP model by hand
    (OpenGL camera axes: Y and Z flipped) load with the COLMAP model's cameras."""
    import json

    import numpy as np

    reference = load_photo_set(fountain / "images")
    scene = tmp_path / "capture"
    shutil.copytree(fountain / "images", scene / "images")
    frames = []
    for name, c2w, k in zip(reference.names, reference.extrinsics.numpy(), reference.intrinsics.numpy()):
        gl = c2w @ np.diag([1.0, -1.0, -1.0, 1.0])
        frames.append({"file_path": f"images/{name}", "transform_matrix": gl.tolist(),
                       "fl_x": k[0, 0] * 768, "fl_y": k[1, 1] * 512, "cx": k[0, 2] * 768, "cy": k[1, 2] * 512, "w": 768, "h": 512})
    (scene / "transforms.json").write_text(json.dumps({"camera_model": "PINHOLE", "frames": frames}))
    photos = load_photo_set(scene / "images")
    assert photos.pose_source == "transforms" and photos.names == reference.names
    assert torch.allclose(photos.extrinsics, reference.extrinsics, atol=1e-5)
    assert torch.allclose(photos.intrinsics, reference.intrinsics, atol=1e-6)
    assert torch.equal(photos.images, reference.images)
