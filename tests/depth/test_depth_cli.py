"""``splatbench depth``: a depth map per image of a real COLMAP scene, in the documented layout,
resumable, with one-line errors; neighbour selection and the 16-bit encoding checked by hand."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest
import torch
from PIL import Image

from splatbench.cli.main import main
from splatbench.model.depth_inference import encode_depth_png, read_depth_png, select_neighbours
from splatbench.model.encoder.config import depth_preset
from splatbench.model.encoder.depthsplat import EncoderDepthSplat
from splatbench.model.generated_weights import write_fake_official_checkpoint

SCENE = "Herz-Jesus-P8"


@pytest.fixture(scope="module")
def tiny_depth_checkpoint(tmp_path_factory):
    torch.manual_seed(0)
    encoder = EncoderDepthSplat(depth_preset("tiny"))
    state = {f"encoder.{k}": v for k, v in encoder.state_dict().items()}
    return write_fake_official_checkpoint(tmp_path_factory.mktemp("ckpt") / "depth-tiny.pth", "depth_only", state)


def test_neighbours_are_nearest_cameras_looking_the_same_way():
    c2w = torch.eye(4).repeat(5, 1, 1)
    c2w[:, 0, 3] = torch.tensor([0.0, 1.0, 2.0, 0.4, 5.0])
    # Camera 3 is nearest to camera 0 but looks backwards (rotated 180 degrees about y).
    c2w[3, :3, :3] = torch.diag(torch.tensor([-1.0, 1.0, -1.0]))
    chosen = select_neighbours(c2w, 2)
    assert chosen[0].tolist() == [1, 2]
    assert chosen[1].tolist() == [0, 2]
    assert chosen[4].tolist() == [2, 1]
    # Camera 3 has nobody looking its way: it falls back to the smallest angle, then the rest.
    assert len(set(chosen[3].tolist())) == 2 and 3 not in chosen[3].tolist()


def test_depth_png_round_trip_and_zero_for_invalid(tmp_path):
    depth = np.array([[1.0, 2.5], [0.0, np.inf]], dtype=np.float32)
    png, scale = encode_depth_png(depth)
    assert scale == pytest.approx(2.5 / 65535)
    (tmp_path / "d.png").write_bytes(png)
    (tmp_path / "d.json").write_text(json.dumps({"scale": scale}))
    values = np.asarray(Image.open(tmp_path / "d.png"))
    assert values.dtype == np.uint16 and values.tolist() == [[26214, 65535], [0, 0]]
    np.testing.assert_allclose(read_depth_png(tmp_path / "d.png"), [[1.0, 2.5], [0.0, 0.0]], atol=scale)


def test_depth_command_writes_the_layout_and_resumes(shared_data, tiny_depth_checkpoint, tmp_path, capsys):
    scene = shared_data / "real_scenes" / SCENE
    out = tmp_path / "out"
    args = ["depth", str(scene), "--out", str(out), "--checkpoint", str(tiny_depth_checkpoint), "--preset", "tiny",
            "--max-side", "64", "--near", "1", "--far", "100", "--npy", "--device", "cpu"]
    assert main(args) == 0
    names = sorted(p.stem for p in (scene / "images").glob("*.jpg"))
    assert sorted(p.stem for p in (out / "depth").glob("*.png")) == names
    assert sorted(p.stem for p in (out / "preview").glob("*.png")) == names
    assert sorted(p.stem for p in (out / "npy").glob("*.npy")) == names
    sidecar = json.loads((out / "depth" / f"{names[0]}.json").read_text())
    assert (sidecar["height"], sidecar["width"]) == (512, 768)  # the original image size
    assert sidecar["predicted_at"] == [48, 64] and len(sidecar["neighbours"]) == 2
    assert sidecar["image"] not in sidecar["neighbours"]
    metric = read_depth_png(out / "depth" / f"{names[0]}.png")
    exact = np.load(out / "npy" / f"{names[0]}.npy")
    assert metric.shape == exact.shape == (512, 768)
    np.testing.assert_allclose(metric, exact, atol=sidecar["scale"])
    # Depth in the poses' units lies in the searched range, given back in those units.
    assert sidecar["near"] == pytest.approx(1.0 / sidecar["model_scale"])
    assert exact.min() >= sidecar["near"] * (1 - 1e-3) and exact.max() <= sidecar["far"] * (1 + 1e-3)
    assert np.asarray(Image.open(out / "preview" / f"{names[0]}.png")).shape == (512, 768, 3)

    # A second run finds everything done and changes nothing.
    before = (out / "depth" / f"{names[0]}.png").stat().st_mtime_ns
    capsys.readouterr()
    assert main(args) == 0
    assert "nothing to do" in capsys.readouterr().out
    assert (out / "depth" / f"{names[0]}.png").stat().st_mtime_ns == before


def test_depth_command_bad_inputs_give_one_line_and_exit_2(shared_data, tiny_depth_checkpoint, tmp_path, capsys):
    scene = shared_data / "real_scenes" / SCENE
    cases = {
        "does not exist": [str(tmp_path / "missing"), "--checkpoint", str(tiny_depth_checkpoint)],
        "at least 2 are needed": [str(tmp_path), "--checkpoint", str(tiny_depth_checkpoint)],
        "--checkpoint: file not found": [str(scene), "--checkpoint", str(tmp_path / "none.pth")],
        "--near/--far": [str(scene), "--checkpoint", str(tiny_depth_checkpoint), "--near", "5", "--far", "1"],
        # the small architecture does not fit a tiny checkpoint: the strict load names the problem
        "does not fit": [str(scene), "--checkpoint", str(tiny_depth_checkpoint), "--preset", "small"],
    }
    for expected, extra in cases.items():
        capsys.readouterr()
        assert main(["depth", *extra, "--out", str(tmp_path / "o")]) == 2, expected
        err = capsys.readouterr().err.strip()
        assert expected in err and len(err.splitlines()) == 1, err
    # transforms.json whose frames lack poses
    bad = tmp_path / "ns"
    bad.mkdir()
    shutil.copy(scene / "images" / "0000.jpg", bad / "0000.jpg")
    (bad / "transforms.json").write_text(json.dumps({"frames": [{"file_path": "0000.jpg"}]}))
    assert main(["depth", str(bad), "--out", str(tmp_path / "o"), "--checkpoint", str(tiny_depth_checkpoint)]) == 2
    assert "transforms.json" in capsys.readouterr().err
