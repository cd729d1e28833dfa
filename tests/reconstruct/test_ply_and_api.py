"""The exported .ply (standard 3DGS layout) reloads with plyfile and re-renders to the in-memory
image; the API handles any image size and pixel K; mapping back to the user's frame is exact."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from plyfile import PlyData
from scipy.spatial.transform import Rotation

from splatbench import api
from splatbench.geometry.gaussians import Gaussians
from splatbench.reconstruct.normalize import SceneNormalization
from splatbench.reconstruct.photos import load_photo_set
from splatbench.render import render_gaussians
from splatbench.training.ply_export import border_mask

NEAR, FAR = 0.5, 100.0


def psnr(a: torch.Tensor, b: torch.Tensor) -> float:
    mse = ((a.clamp(0, 1) - b.clamp(0, 1)) ** 2).mean().item()
    return float("inf") if mse == 0 else -10 * np.log10(mse)


def gaussians_from_ply(path) -> Gaussians:
    """An independent reader: the 3DGS conventions written out by hand (sigmoid opacity, exp
    scales, w-first quaternions, channel-major f_rest)."""
    vertex = PlyData.read(str(path))["vertex"]
    names = vertex.data.dtype.names
    column = lambda name: np.asarray(vertex[name], dtype=np.float64)  # noqa: E731
    means = np.stack([column(n) for n in ("x", "y", "z")], -1)
    rest = sorted((n for n in names if n.startswith("f_rest_")), key=lambda n: int(n.split("_")[-1]))
    dc = np.stack([column(f"f_dc_{c}") for c in range(3)], -1)[:, :, None]
    per_channel = len(rest) // 3
    higher = np.stack([column(n) for n in rest], -1).reshape(len(means), 3, per_channel) if rest else np.zeros((len(means), 3, 0))
    scales = np.exp(np.stack([column(f"scale_{i}") for i in range(3)], -1))
    wxyz = np.stack([column(f"rot_{i}") for i in range(4)], -1)
    rotations = Rotation.from_quat(wxyz[:, [1, 2, 3, 0]]).as_matrix()
    covariances = rotations @ (scales[:, :, None] ** 2 * np.eye(3)) @ rotations.transpose(0, 2, 1)
    opacities = 1 / (1 + np.exp(-column("opacity")))
    as_tensor = lambda a: torch.from_numpy(np.ascontiguousarray(a)).float()[None]  # noqa: E731
    return Gaussians(as_tensor(means), as_tensor(covariances), as_tensor(np.concatenate([dc, higher], -1)), as_tensor(opacities))


@pytest.fixture(scope="module")
def fountain_reconstruction(fountain, tiny_checkpoint):
    """Two fountain views at an odd, non-multiple-of-16 size, pixel intrinsics, user frame."""
    photos = load_photo_set(fountain / "images")
    views = [3, 5]
    model = api.from_checkpoint(tiny_checkpoint, preset="tiny")
    height, width = photos.image_size
    pixel_k = photos.intrinsics[views].clone()
    pixel_k[:, 0] *= width
    pixel_k[:, 1] *= height
    normalization = SceneNormalization.from_cameras(photos.extrinsics[views])
    result = model.encode(
        photos.images_at(views), normalization.cameras_to_model(photos.extrinsics[views]).float(), pixel_k.float(),
        NEAR, FAR, image_shape=(51, 77), intrinsics_units="pixels",
    )  # fmt: skip
    return model, photos, views, normalization, result


def test_api_any_image_size_pixel_intrinsics(fountain_reconstruction):
    model, photos, views, _, result = fountain_reconstruction
    image = result.context["image"]
    # 512x768 -> resize to 51x77 (crop shim), drop the odd row/column, then the tiny encoder's shim: multiples of 16
    assert image.shape == (1, 2, 3, 48, 64)
    assert result.gaussians.means.shape == (1, 2 * 48 * 64, 3) and result.depths.shape == (1, 2, 48, 64)
    # normalised K follows every crop: fx_n * 48x64 pixels is the photo's focal scaled by 77/768, then 50/51... crops
    fx_pixels = photos.intrinsics[views[0], 0, 0].item() * 768 * (77 / 768)  # resize to width 77 keeps fx in pixels * scale
    assert result.context["intrinsics"][0, 0, 0, 0].item() * 64 == pytest.approx(fx_pixels, rel=1e-5)
    assert isinstance(model.render(result.gaussians, result.context["extrinsics"][0], result.context["intrinsics"][0], (48, 64), NEAR, FAR), api.DecoderOutput)


def test_ply_reloads_and_rerenders_to_the_in_memory_image(fountain_reconstruction, tmp_path):
    model, _, views, normalization, result = fountain_reconstruction
    user = normalization.gaussians_to_user(result.gaussians)
    cameras = normalization.cameras_to_user(result.context["extrinsics"][0].double()).float()[None]
    intrinsics = result.context["intrinsics"]
    near_user = torch.full((1, 2), NEAR / normalization.scale)
    far_user = torch.full((1, 2), FAR / normalization.scale)

    path = tmp_path / "scene.ply"
    count = api.save_ply(user, path)
    assert count == 2 * 48 * 64
    element = PlyData.read(str(path))["vertex"]
    d_sh = user.harmonics.shape[-1]
    expected = ["x", "y", "z", "nx", "ny", "nz", "f_dc_0", "f_dc_1", "f_dc_2"] + [f"f_rest_{i}" for i in range(3 * (d_sh - 1))]
    expected += ["opacity", "scale_0", "scale_1", "scale_2", "rot_0", "rot_1", "rot_2", "rot_3"]
    assert list(element.data.dtype.names) == expected and all(element.data.dtype[n] == np.float32 for n in expected)

    in_memory = render_gaussians(user, cameras, intrinsics, near_user, far_user, (48, 64), backend="torch")
    reloaded = render_gaussians(gaussians_from_ply(path), cameras, intrinsics, near_user, far_user, (48, 64), backend="torch")
    assert in_memory.alpha.mean() > 0.5
    assert psnr(in_memory.color, reloaded.color) > 40

    # the user-frame render equals the model-frame render (mapping back is exact)
    model_frame = render_gaussians(result.gaussians, result.context["extrinsics"], intrinsics, result.context["near"], result.context["far"], (48, 64), backend="torch")
    assert psnr(in_memory.color, model_frame.color) > 50

    # border trimming and opacity pruning remove exactly what they say
    trimmed = api.save_ply(user, tmp_path / "trimmed.ply", keep=border_mask(2, 48, 64, trim=8))
    assert trimmed == 2 * (48 - 16) * (64 - 16)
    threshold = float(user.opacities.median())
    pruned = api.save_ply(user, tmp_path / "pruned.ply", min_opacity=threshold)
    assert pruned == int((user.opacities[0] >= threshold).sum())
    assert PlyData.read(str(tmp_path / "pruned.ply"))["vertex"].count == pruned
    colour_only = PlyData.read(str(tmp_path / "dc.ply")) if api.save_ply(user, tmp_path / "dc.ply", sh_degree=0) else None
    assert not any(n.startswith("f_rest") for n in colour_only["vertex"].data.dtype.names)
