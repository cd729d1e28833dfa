"""``splatbench data`` subcommands and the example set (including the Middlebury stereo pair)."""

from __future__ import annotations

import argparse

import numpy as np
import torch

from splatbench.data.chunks import read_chunk, read_index
from splatbench.data.example import make_middlebury_scene
from splatbench.geometry.camera import camera_vectors_to_matrices


def _main(argv: list[str]) -> int:
    from splatbench.cli.data import add_parser

    parser = argparse.ArgumentParser()
    add_parser(parser.add_subparsers())
    args = parser.parse_args(argv)
    return args.handler(args)


def test_example_and_check_commands(tmp_path, capsys):
    assert _main(["data", "example", str(tmp_path / "ex"), "--num-scenes", "2", "--num-frames", "16", "--no-middlebury"]) == 0
    assert sorted(read_index(tmp_path / "ex" / "train")) == ["train_00000_0", "train_00001_0"]
    assert _main(["data", "check", str(tmp_path / "ex"), "--image-shape", "64", "64"]) == 0
    assert "3 scene(s) in 2 chunk(s); 0 problem(s)" in capsys.readouterr().out
    assert _main(["data", "index", str(tmp_path / "ex" / "test"), "--out", str(tmp_path / "i.json"), "--context-gap", "6"]) == 0
    (tmp_path / "ex" / "train" / "000000.torch").write_bytes(b"garbage")
    assert _main(["data", "check", str(tmp_path / "ex")]) == 1
    assert "000000.torch: unreadable chunk" in capsys.readouterr().out
    assert _main(["data", "convert", "colmap", str(tmp_path / "nothing"), str(tmp_path / "o")]) == 2
    assert "nothing: source folder does not exist" in capsys.readouterr().err


def test_example_scenes_have_exact_depth(example_root):
    """Unproject a pixel with its stored depth from one view, reproject into another: same colour."""
    from splatbench.data.images import decode_images

    scene = read_chunk(example_root / "train" / "000000.torch")[0]
    c2w, k = camera_vectors_to_matrices(scene["cameras"], dtype=torch.float64)
    images = decode_images([scene["images"][0], scene["images"][6]])
    depth = scene["depth_maps"][0].double()
    ys, xs = torch.meshgrid(torch.arange(8, 56, 4), torch.arange(8, 56, 4), indexing="ij")
    pixels = torch.stack([(xs + 0.5) / 64, (ys + 0.5) / 64, torch.ones_like(xs, dtype=torch.float64)], -1).reshape(-1, 3)
    points = (pixels @ torch.linalg.inv(k[0]).T) * depth[ys, xs].reshape(-1, 1)
    world = points @ c2w[0, :3, :3].T + c2w[0, :3, 3]
    w2c = torch.linalg.inv(c2w[6])
    camera = world @ w2c[:3, :3].T + w2c[:3, 3]
    projected = (camera / camera[:, 2:]) @ k[6].T
    column, row = (projected[:, 0] * 64).long(), (projected[:, 1] * 64).long()
    valid = (column >= 0) & (column < 64) & (row >= 0) & (row < 64)
    source = images[0][:, ys.reshape(-1), xs.reshape(-1)][:, valid]
    target = images[1][:, row[valid], column[valid]]
    # Colours agree for most sampled pixels (texture edges and occlusions account for the rest).
    agreement = ((source - target).abs().max(0).values < 0.12).float().mean()
    assert valid.sum() > 60 and agreement > 0.8, float(agreement)


def test_middlebury_pair_depth_is_consistent_with_disparity():
    from skimage.data import stereo_motorcycle

    scene = make_middlebury_scene()
    c2w, k = camera_vectors_to_matrices(scene["cameras"], dtype=torch.float64)
    assert torch.allclose(c2w[1, :3, 3], torch.tensor([0.193001, 0, 0], dtype=torch.float64))
    left, right, disparity = stereo_motorcycle()
    depth = scene["depth_maps"][0].double()
    rows, columns = np.nonzero(np.isfinite(disparity) & (depth.numpy() > 0))
    rows, columns = rows[::97], columns[::97]
    z = depth[rows, columns]
    width, height = 741, 500
    # Unproject left pixels with the stored depth, project into the right camera.
    x = ((torch.from_numpy(columns) + 0.5) / width - k[0, 0, 2]) / k[0, 0, 0] * z
    right_column = (k[1, 0, 0] * (x - 0.193001) / z + k[1, 0, 2]) * width - 0.5
    shift = torch.from_numpy(columns).double() - right_column
    assert torch.allclose(shift, torch.from_numpy(disparity[rows, columns]).double(), atol=1e-3)
    # Photometric check on the real photos: matched pixels have similar colours.
    target = np.round(right_column.numpy()).astype(int)
    inside = (target >= 0) & (target < width)
    difference = np.abs(left[rows[inside], columns[inside]].astype(float) - right[rows[inside], target[inside]].astype(float)).mean(1)
    assert len(rows) > 1000 and np.median(difference) < 12, np.median(difference)
    assert float(z.min()) > 0.5 and float(z.max()) < 5.0
    assert scene["depth"][0, 1] > 0 and scene["depth"][0, 0] > scene["depth"][0, 1]


def test_example_refuses_a_folder_with_other_chunks(tmp_path):
    import pytest

    from splatbench.data.errors import DataError
    from splatbench.data.example import make_example_dataset

    make_example_dataset(tmp_path, num_scenes=3, num_test_scenes=1, num_frames=8, scenes_per_chunk=1, include_middlebury=False)
    with pytest.raises(DataError, match="already holds a dataset .*pass --append"):
        make_example_dataset(tmp_path, num_scenes=1, num_test_scenes=1, num_frames=8, include_middlebury=False)
    assert len(list((tmp_path / "train").glob("*.torch"))) == 3  # nothing deleted
