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
        out[i] = pil_to_array(frame)
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
            frame = lanczos_resize(frame, scaled)
            if scaled != tuple(output_shape):
                frame = frame.crop((col, row, col + output_shape[1], row + output_shape[0]))
        processed.append(frame)
    return stack_frames(processed), scaled
