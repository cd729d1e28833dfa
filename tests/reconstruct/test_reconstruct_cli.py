"""``splatbench reconstruct`` end to end on CPU (fountain-P11, tiny model): files, MP4 read back,
depth maps, .ply, and viewer.html drawn by headless Chromium; one-line errors for bad input."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest
from PIL import Image
from plyfile import PlyData

from splatbench.cli.main import main
from splatbench.reconstruct.screenshot import find_chromium, screenshot_page
from splatbench.reconstruct.video import read_mp4_info

SHAPE = (64, 96)
FRAMES = 4


@pytest.fixture(scope="module")
def reconstruction(fountain, tiny_checkpoint, tmp_path_factory):
    out = tmp_path_factory.mktemp("recon") / "fountain"
    args = [
        "reconstruct", str(fountain / "images"), "--out", str(out), "--checkpoint", str(tiny_checkpoint),
        "--preset", "tiny", "--image-shape", *map(str, SHAPE), "--views", "3", "--video-frames", str(FRAMES),
        "--device", "cpu", "--evaluate-held-out",
    ]  # fmt: skip
    assert main(args) == 0
    return out, args


def test_reconstruct_writes_ply_videos_depth_and_viewer(reconstruction):
    out, _ = reconstruction
    summary = json.loads((out / "reconstruction.json").read_text())
    assert summary["pose_source"] == "colmap" and summary["photos"] == 11
    assert summary["context_views"] == ["0000.jpg", "0005.jpg", "0010.jpg"]  # the ends and the middle of the arc
    assert summary["image_shape"] == list(SHAPE)
    held_out = summary["held_out_psnr"]["per_photo"]
    assert sorted(held_out) == [f"{i:04d}.jpg" for i in (1, 2, 3, 4, 6, 7, 8, 9)] and all(np.isfinite(list(held_out.values())))

    vertices = PlyData.read(str(out / "gaussians.ply"))["vertex"]
    assert vertices.count == summary["gaussians"]["ply"] == 3 * (SHAPE[0] - 16) * (SHAPE[1] - 16)  # 8-pixel border trimmed
    # user's world frame: the Gaussians sit in front of the cameras COLMAP placed, not around the origin
    centres = np.array([c["c2w"] for c in summary["cameras"]])[:, :3, 3]
    means = np.stack([vertices["x"], vertices["y"], vertices["z"]], -1)
    forward = np.array(summary["cameras"][0]["c2w"])[:3, 2]
    assert np.median((means - centres[0]) @ forward) > 0

    for kind in ("interpolate", "wobble"):
        frames, size = read_mp4_info(out / "videos" / f"{kind}.mp4")
        assert frames == FRAMES and size == (2 * SHAPE[1], SHAPE[0])  # colour | depth

    for name in summary["context_views"]:
        stem = name.split(".")[0]
        depth = np.load(out / "depth" / f"{stem}.npy")
        assert depth.shape == SHAPE and np.isfinite(depth).all() and (depth > 0).all()
        assert Image.open(out / "depth" / f"{stem}.png").size == (SHAPE[1], SHAPE[0])
        assert Image.open(out / "context" / f"{stem}.png").size == (SHAPE[1], SHAPE[0])
    page = (out / "viewer.html").read_text()
    # self-contained: no external script, stylesheet or module import (file:// blocks them, and no CDN)
    assert "<script src" not in page and "<link" not in page and 'type="module"' not in page


def test_viewer_page_draws_splats_in_headless_chromium(reconstruction, tmp_path):
    out, _ = reconstruction
    assert find_chromium(), "chromium is needed (scripts/install_chromium.sh installs Debian's package)"
    state = screenshot_page(out / "viewer.html", tmp_path / "viewer.png", size=(480, 360))
    assert state == {"ready": "1", "error": None}
    pixels = np.asarray(Image.open(tmp_path / "viewer.png").convert("RGB")).astype(int)[:-30]  # without the status line
    lit = pixels.sum(-1) > 30
    orange = (np.abs(pixels - [255, 127, 14]).sum(-1) < 90)  # the input-camera frustums
    assert (lit & ~orange).mean() > 0.05


def test_existing_output_is_not_overwritten(reconstruction, capsys):
    out, args = reconstruction
    before = (out / "gaussians.ply").stat().st_mtime_ns
    assert main(args) == 2
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and str(out) in error and "--overwrite" in error
    assert (out / "gaussians.ply").stat().st_mtime_ns == before


def _scene_copy(fountain, tmp_path):
    scene = tmp_path / "scene"
    shutil.copytree(fountain, scene)
    return scene


@pytest.mark.parametrize("problem", ["unreadable", "mixed_sizes", "too_few", "no_poses", "missing_dir"])
def test_bad_photos_fail_with_one_line_naming_the_file(problem, fountain, tiny_checkpoint, tmp_path, capsys):
    scene = _scene_copy(fountain, tmp_path) if problem in ("unreadable", "mixed_sizes") else tmp_path / "photos"
    if problem == "unreadable":
        (scene / "images" / "0003.jpg").write_bytes(b"not a jpeg")
        culprit = "0003.jpg"
    elif problem == "mixed_sizes":
        Image.open(fountain / "images" / "0004.jpg").resize((384, 256)).save(scene / "images" / "0004.jpg")
        culprit = "0004.jpg"
    elif problem in ("too_few", "no_poses"):
        scene.mkdir()
        count = 1 if problem == "too_few" else 3
        for i in range(count):
            shutil.copy(fountain / "images" / f"000{i}.jpg", scene / f"000{i}.jpg")
        culprit = str(scene)
    else:
        culprit = str(tmp_path / "nowhere")
    images = scene / "images" if problem in ("unreadable", "mixed_sizes") else (scene if problem != "missing_dir" else tmp_path / "nowhere")
    code = main(["reconstruct", str(images), "--out", str(tmp_path / "out"), "--checkpoint", str(tiny_checkpoint), "--preset", "tiny"])
    error = capsys.readouterr().err.strip()
    assert code == 2 and len(error.splitlines()) == 1 and culprit in error, error
    expected = {"unreadable": "decode", "mixed_sizes": "size", "too_few": "at least 2", "no_poses": "no cameras", "missing_dir": "does not exist"}
    assert expected[problem] in error
    assert not (tmp_path / "out" / "gaussians.ply").exists()


def test_viewer_page_for_an_existing_ply_embeds_the_pruned_splats(reconstruction, tmp_path):
    import base64
    import io
    import re

    from splatbench.reconstruct.viewer import write_viewer_for_ply

    out, _ = reconstruction
    page = write_viewer_for_ply(out / "gaussians.ply", tmp_path / "viewer.html").read_text()
    embedded = re.search(r'<script id="splat-ply" type="application/octet-stream">([^<]*)</script>', page).group(1)
    light = PlyData.read(io.BytesIO(base64.b64decode(embedded)))["vertex"]
    full = PlyData.read(str(out / "gaussians.ply"))["vertex"]
    opacity = 1 / (1 + np.exp(-np.asarray(full["opacity"], dtype=np.float64)))
    assert light.count == int((opacity >= 0.02).sum())
    assert "f_rest_0" not in light.data.dtype.names and {"x", "f_dc_0", "opacity", "scale_0", "rot_0"} <= set(light.data.dtype.names)
