"""Shims match the reference: LANCZOS-through-uint8 crop (fast path bit-identical), flip, patch crop."""

from __future__ import annotations

import numpy as np
import torch

from splatbench.data.example import encode_image
from splatbench.data.images import decode_frames, decode_images, resize_and_crop_frames
from splatbench.data.shims import apply_augmentation_shim, apply_crop_shim, apply_patch_shim, reflect_extrinsics


def _frames(count: int = 2, shape=(360, 640)) -> list[torch.Tensor]:
    rng = np.random.default_rng(0)
    ys, xs = np.mgrid[0 : shape[0], 0 : shape[1]]
    frames = []
    for i in range(count):
        base = np.stack([xs * 255 / shape[1], ys * 255 / shape[0], (xs + ys + 40 * i) % 256], -1)
        noisy = np.clip(base + rng.normal(0, 25, base.shape), 0, 255).astype(np.uint8)
        frames.append(encode_image(noisy))
    return frames


def test_fast_crop_path_is_bit_identical_to_the_reference_float_path():
    encoded = _frames()
    intrinsics = torch.tensor([[0.4748, 0, 0.5], [0, 0.8441, 0.5], [0, 0, 1.0]]).repeat(2, 1, 1)
    for flip in (False, True):
        images = decode_images(encoded)
        if flip:
            images = images.flip(-1)
        views = {"image": images, "intrinsics": intrinsics, "extrinsics": torch.eye(4).repeat(2, 1, 1)}
        reference = apply_crop_shim({"context": views, "target": views, "scene": "s"}, (256, 256))["context"]
        fast, scaled = resize_and_crop_frames(decode_frames(encoded), (256, 256), flip=flip)
        assert scaled == (256, 455)
        assert torch.equal(fast, reference["image"])
    # fx *= w_scaled / w_out, fy *= h_scaled / h_out; cx, cy unchanged.
    assert torch.allclose(reference["intrinsics"][0, 0, 0], torch.tensor(0.4748 * 455 / 256))
    assert torch.allclose(reference["intrinsics"][0, 1, 1], torch.tensor(0.8441))
    assert reference["intrinsics"][0, 0, 2] == 0.5 and reference["intrinsics"][0, 1, 2] == 0.5


def test_flip_reflects_extrinsics_and_keeps_geometry_consistent():
    c2w = torch.eye(4)
    c2w[:3, 3] = torch.tensor([1.0, 2.0, 3.0])
    reflected = reflect_extrinsics(c2w)
    assert reflected[:3, 3].tolist() == [-1.0, 2.0, 3.0]
    # A world point at camera-x = +a maps to camera-x = -a after reflecting image and world.
    point = torch.tensor([1.5, 0.0, 5.0, 1.0])
    camera = torch.linalg.inv(c2w) @ point
    mirrored_camera = torch.linalg.inv(reflected) @ (torch.diag(torch.tensor([-1.0, 1, 1, 1])) @ point)
    assert torch.allclose(mirrored_camera, camera * torch.tensor([-1.0, 1, 1, 1]))
    views = {"image": torch.arange(12.0).reshape(1, 1, 3, 4).expand(1, 3, 3, 4), "extrinsics": c2w[None]}
    example = {"context": views, "target": views, "scene": "s"}
    generator = torch.Generator().manual_seed(0)
    outcomes = [apply_augmentation_shim(example, generator)["context"]["image"][0, 0, 0, 0].item() for _ in range(200)]
    assert 70 < outcomes.count(3.0) < 130  # flipped roughly half the time


def test_patch_shim_crops_to_multiples_and_rescales_focal():
    views = {"image": torch.rand(1, 2, 3, 352, 640), "intrinsics": torch.tensor([[0.5, 0, 0.5], [0, 0.9, 0.5], [0, 0, 1.0]]).repeat(1, 2, 1, 1)}
    out = apply_patch_shim({"context": views, "target": views}, 64)["context"]
    assert out["image"].shape[-2:] == (320, 640)
    assert torch.allclose(out["intrinsics"][0, 0, 1, 1], torch.tensor(0.9 * 352 / 320))
    assert torch.equal(out["image"], views["image"][..., 16:336, :])


def test_uint8_to_float_matches_torch_to_tensor_bitwise():
    from PIL import Image

    from splatbench.data.images import pil_to_tensor

    values = np.arange(256, dtype=np.uint8).reshape(16, 16)
    image = Image.fromarray(np.stack([values, values[::-1], values.T], -1))
    expected = torch.from_numpy(np.array(image)).permute(2, 0, 1).contiguous().to(torch.float32).div(255)
    assert torch.equal(pil_to_tensor(image), expected)


def test_box_resize_mode_is_close_to_the_reference():
    encoded = _frames(1)
    reference, _ = resize_and_crop_frames(decode_frames(encoded), (256, 256))
    box, scaled = resize_and_crop_frames(decode_frames(encoded), (256, 256), mode="box")
    assert scaled == (256, 455)
    difference = (reference - box).abs()
    assert float(difference.max()) <= 1 / 255 + 1e-6 and float((difference > 0).float().mean()) < 0.01


def test_split_pass_resize_equals_one_pass_resize_then_crop_for_both_pass_orders():
    """The two-pass LANCZOS path must equal a full resize + centre crop, including sizes where
    Pillow resizes vertically first (e.g. 84x318 -> 74x282) and portrait frames."""
    from PIL import Image

    from splatbench.data.images import lanczos_resize, lanczos_resize_and_crop

    rng = np.random.default_rng(0)
    cases = [((318, 84), (282, 74), (64, 64)), ((640, 360), (455, 256), (256, 256)), ((360, 640), (256, 455), (256, 256)),
             ((480, 270), (456, 256), (256, 448))]
    for (width, height), scaled_wh, (out_h, out_w) in cases:
        image = Image.fromarray(rng.integers(0, 256, (height, width, 3), dtype=np.uint8))
        scaled = (scaled_wh[1], scaled_wh[0])  # (height, width)
        full = np.asarray(lanczos_resize(image, scaled))
        top, left = (full.shape[0] - out_h) // 2, (full.shape[1] - out_w) // 2
        expected = full[top : top + out_h, left : left + out_w]
        fast = np.asarray(lanczos_resize_and_crop(image, scaled, (out_h, out_w)))
        assert fast.shape == expected.shape and np.array_equal(fast, expected), (width, height, scaled_wh)
