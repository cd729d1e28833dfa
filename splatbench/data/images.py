"""Decoding the encoded frames stored in chunks, and the reference's LANCZOS-through-uint8 resize.

The reference decodes with PIL, converts to float in [0, 1] (``ToTensor``), then for the crop
shim converts back to uint8 (``(x * 255).clip(0, 255).to(uint8)``), resizes with PIL LANCZOS and
divides by 255. For every uint8 value ``k``, ``uint8(float32(k / 255) * 255) == k``, so that round
trip is the identity; :func:`resize_and_crop_frames` therefore resizes the decoded PIL image directly
and yields exactly the reference's numbers without the float detour.
"""

from __future__ import annotations

from io import BytesIO

import numpy as np
import torch
from jaxtyping import Float, UInt8
from PIL import Image
from torch import Tensor


RESIZE_MODES = ("reference", "box")


class ImageDecodeError(ValueError):
    """An encoded frame that PIL cannot decode, or that is not an RGB image."""


def open_encoded(encoded: UInt8[Tensor, " byte"] | bytes) -> Image.Image:
    """Decode one stored frame into a loaded RGB PIL image."""
    data = encoded if isinstance(encoded, (bytes, bytearray)) else encoded.numpy().tobytes()
    try:
        image = Image.open(BytesIO(data))
        image.load()
    except Exception as error:
        raise ImageDecodeError(f"cannot decode image ({type(error).__name__}: {error})") from error
    if image.mode != "RGB":
        raise ImageDecodeError(f"image mode is {image.mode}, expected RGB")
    return image


# uint8 -> float32 in [0, 1]: a correctly rounded k / 255, the same bits as ToTensor's
# ``x.float().div(255)`` (checked in the tests); a table lookup in numpy is far cheaper than
# torch elementwise ops on small CPU tensors.
_UINT8_TO_UNIT = np.arange(256, dtype=np.float32) / np.float32(255)


def pil_to_array(image: Image.Image) -> np.ndarray:
    """PIL RGB image -> float32 numpy [3, H, W] in [0, 1] (ToTensor's values)."""
    return _UINT8_TO_UNIT[np.asarray(image, dtype=np.uint8)].transpose(2, 0, 1)


def pil_to_tensor(image: Image.Image) -> Float[Tensor, "3 height width"]:
    """PIL RGB image -> float32 [3, H, W] in [0, 1], bit-identical to torchvision's ToTensor."""
    return torch.from_numpy(np.ascontiguousarray(pil_to_array(image)))


def stack_frames(frames: list[Image.Image]) -> Float[Tensor, "view 3 height width"]:
    """Stack equally sized frames into one tensor; numpy does the copies (torch.stack of many
    small CPU tensors is slow under thread contention)."""
    width, height = frames[0].size
    out = np.empty((len(frames), 3, height, width), dtype=np.float32)
    for i, frame in enumerate(frames):
        # The table lookup written straight into the channel-first slot (no float HWC temporary);
        # uint8 indices are always in range, so "clip" only skips numpy's bounds-check buffering.
        np.take(_UINT8_TO_UNIT, np.asarray(frame, dtype=np.uint8).transpose(2, 0, 1), out=out[i], mode="clip")
    return torch.from_numpy(out)


def decode_images(encoded_images: list) -> Float[Tensor, "view 3 height width"]:
    """Decode stored frames (all must have the same size) into one float tensor."""
    return stack_frames([open_encoded(encoded) for encoded in encoded_images])


def tensor_to_pil(image: Float[Tensor, "3 height width"]) -> Image.Image:
    """The reference's float -> uint8 conversion (truncation, not rounding)."""
    array = (image * 255).clip(min=0, max=255).type(torch.uint8)
    return Image.fromarray(array.permute(1, 2, 0).detach().cpu().numpy())


def lanczos_resize(image: Image.Image, shape: tuple[int, int]) -> Image.Image:
    height, width = shape
    if image.size == (width, height):
        return image
    return image.resize((width, height), Image.LANCZOS)


# Pillow's LANCZOS resize is separable: one pass along one axis into a uint8 image, then a pass
# along the other axis in which each output row (or column) reads only the same row (column) of
# that intermediate. Which axis goes first depends on the Pillow version and on the sizes, so it is
# probed once per (mode, input size, output size) on a noise image and cached: "hv" (horizontal
# first), "vh", or None (neither composition reproduces the one-call resize: no shortcut).
_PASS_ORDER: dict[tuple, str | None] = {}


def _pass_order(mode: str, size: tuple[int, int], new_size: tuple[int, int]) -> str | None:
    key = (mode, size, new_size)
    if key not in _PASS_ORDER:
        (width, height), (new_width, new_height) = size, new_size
        order = None
        if mode in ("RGB", "L"):
            noise_shape = (height, width, 3) if mode == "RGB" else (height, width)
            probe = Image.fromarray(np.random.default_rng(0).integers(0, 256, noise_shape, dtype=np.uint8))
            expected = probe.resize(new_size, Image.LANCZOS).tobytes()
            horizontal_first = probe.resize((new_width, height), Image.LANCZOS).resize(new_size, Image.LANCZOS)
            vertical_first = probe.resize((width, new_height), Image.LANCZOS).resize(new_size, Image.LANCZOS)
            if horizontal_first.tobytes() == expected:
                order = "hv"
            elif vertical_first.tobytes() == expected:
                order = "vh"
        _PASS_ORDER[key] = order
    return _PASS_ORDER[key]


def lanczos_resize_and_crop(image: Image.Image, scaled: tuple[int, int], output_shape: tuple[int, int]) -> Image.Image:
    """``lanczos_resize(image, scaled)`` centre-cropped to ``output_shape``, bit for bit, with less work.

    The two separable passes are run as two resizes with the crop along the second pass's
    axis in between, so the second pass skips the rows/columns that the centre crop throws away
    (the first pass cannot be cut without changing its filter phases). See :func:`_pass_order`.
    """
    (h_scaled, w_scaled), (h_out, w_out) = scaled, output_shape
    width, height = image.size
    row, col = crop_offsets(scaled, output_shape)
    order = None
    if w_scaled != width and h_scaled != height:
        order = _pass_order(image.mode, image.size, (w_scaled, h_scaled))
    if order == "hv":
        image = image.resize((w_scaled, height), Image.LANCZOS)  # horizontal pass only
        image = image.crop((col, 0, col + w_out, height))
        image = image.resize((w_out, h_scaled), Image.LANCZOS)  # vertical pass only
        return image.crop((0, row, w_out, row + h_out))
    if order == "vh":
        image = image.resize((width, h_scaled), Image.LANCZOS)  # vertical pass only
        image = image.crop((0, row, width, row + h_out))
        image = image.resize((w_scaled, h_out), Image.LANCZOS)  # horizontal pass only
        return image.crop((col, 0, col + w_out, h_out))
    image = lanczos_resize(image, scaled)
    if scaled != output_shape:
        image = image.crop((col, row, col + w_out, row + h_out))
    return image


def scaled_shape(input_shape: tuple[int, int], output_shape: tuple[int, int]) -> tuple[int, int]:
    """Size the image is resized to before the centre crop (the reference's rounding)."""
    h_in, w_in = input_shape
    h_out, w_out = output_shape
    if h_out > h_in or w_out > w_in:
        raise ValueError(f"crop shape {h_out}x{w_out} is larger than the image {h_in}x{w_in}")
    scale = max(h_out / h_in, w_out / w_in)
    h_scaled, w_scaled = round(h_in * scale), round(w_in * scale)
    if not (h_scaled == h_out or w_scaled == w_out):
        raise ValueError(f"cannot rescale {h_in}x{w_in} so that one side equals {h_out}x{w_out}")
    return h_scaled, w_scaled


def crop_offsets(input_shape: tuple[int, int], output_shape: tuple[int, int]) -> tuple[int, int]:
    return (input_shape[0] - output_shape[0]) // 2, (input_shape[1] - output_shape[1]) // 2


def decode_frames(encoded_images: list) -> list[Image.Image]:
    """Decode stored frames into loaded RGB PIL images (raises ImageDecodeError)."""
    return [open_encoded(encoded) for encoded in encoded_images]


def resize_and_crop_frames(
    frames: list[Image.Image],
    output_shape: tuple[int, int],
    flip: bool = False,
    mode: str = "reference",
) -> tuple[Float[Tensor, "view 3 height width"], tuple[int, int]]:
    """Optionally mirror, LANCZOS-resize and centre-crop decoded frames to ``output_shape``.

    Returns the images and the scaled size before the crop (for the intrinsics update).
    ``mode="reference"`` is bit-identical to the reference's ToTensor -> flip -> crop shim.
    ``mode="box"`` resizes only the kept region (PIL's ``box``): about 40% less resize time,
    but about 0.03% of pixels differ by 1/255 from the reference (filter phases are recomputed
    from the box in floating point). Opt-in for training throughput; never for evaluation.
    """
    sizes = {frame.size for frame in frames}
    if len(sizes) != 1:
        raise ImageDecodeError(f"frames have different sizes {sorted(sizes)}")
    width, height = frames[0].size
    scaled = scaled_shape((height, width), tuple(output_shape))
    row, col = crop_offsets(scaled, tuple(output_shape))
    if mode not in RESIZE_MODES:
        raise ValueError(f"resize mode {mode!r} is not one of {', '.join(RESIZE_MODES)}")
    processed = []
    for frame in frames:
        if flip:
            frame = frame.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
        if mode == "box" and scaled != (height, width):
            sx, sy = width / scaled[1], height / scaled[0]
            box = (col * sx, row * sy, (col + output_shape[1]) * sx, (row + output_shape[0]) * sy)
            frame = frame.resize((output_shape[1], output_shape[0]), Image.LANCZOS, box=box)
        else:
            frame = lanczos_resize_and_crop(frame, scaled, tuple(output_shape))
        processed.append(frame)
    return stack_frames(processed), scaled
