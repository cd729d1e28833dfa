"""Differentiable pure-PyTorch tile rasteriser that reproduces the 3DGS CUDA rasteriser's arithmetic.

All images of a call are rasterised together: Gaussians are projected with the EWA Jacobian,
dilated, assigned to the 16x16 tiles their screen footprint overlaps, sorted by depth inside each
tile, and composited front to back. Tiles are processed in groups and Gaussians in chunks along
each tile's list, so memory is bounded by ``max_elements`` (tile x Gaussian x pixel entries) and
not by the scene size; with autograd each chunk is recomputed in the backward pass (activation
checkpointing), so training memory stays bounded too.
"""

from __future__ import annotations

import math

import torch
import torch.utils.checkpoint
from jaxtyping import Bool, Float, Int64
from torch import Tensor

from splatbench.render.inputs import CameraSpaceGaussians, symmetric_from_triu
from splatbench.render.settings import REFERENCE_3DGS, RasterSettings

# Columns of the per-Gaussian table gathered for every chunk: u, v, conic (a, b, c), opacity.
_GEOMETRY_COLUMNS = 6


def _project(
    scene: CameraSpaceGaussians, image_shape: tuple[int, int], settings: RasterSettings
) -> tuple[Tensor, Tensor, Tensor, Tensor, Tensor]:
    """Screen-space centre [I,G,2], conic [I,G,3], tile rectangle [I,G,4] (x0, y0, x1, y1), depth, visibility."""
    height, width = image_shape
    x, y, z = scene.means.unbind(dim=-1)
    visible = z > settings.near_plane
    z = torch.where(visible, z, torch.ones_like(z))
    fx, fy, cx, cy = (scene.intrinsics[:, i, j, None] for i, j in ((0, 0), (1, 1), (0, 2), (1, 2)))

    # As both rasterisers do, the Jacobian is evaluated at a point clamped to 1.3x the frustum so
    # that Gaussians far outside the image do not get huge footprints.
    tan_x, tan_y = 0.5 * width / fx, 0.5 * height / fy
    clamped_x = z * torch.minimum(torch.maximum(x / z, -(cx / fx + 0.3 * tan_x)), (width - cx) / fx + 0.3 * tan_x)
    clamped_y = z * torch.minimum(torch.maximum(y / z, -(cy / fy + 0.3 * tan_y)), (height - cy) / fy + 0.3 * tan_y)
    zeros = torch.zeros_like(z)
    jacobian = torch.stack(
        (
            torch.stack((fx / z, zeros, -fx * clamped_x / (z * z)), dim=-1),
            torch.stack((zeros, fy / z, -fy * clamped_y / (z * z)), dim=-1),
        ),
        dim=-2,
    )  # [I, G, 2, 3]
    covariances = scene.covariances
    if covariances.shape[-1] == 6:
        covariances = symmetric_from_triu(covariances)
    covariance_2d = jacobian @ covariances @ jacobian.transpose(-1, -2)
    a = covariance_2d[..., 0, 0] + settings.dilation
    b = covariance_2d[..., 0, 1]
    c = covariance_2d[..., 1, 1] + settings.dilation
    determinant = a * c - b * b
    visible = visible & (determinant > 0) & (a > 0)  # positive definite, else 3DGS skips it everywhere
    safe_determinant = torch.where(visible, determinant, torch.ones_like(determinant))
    conic = torch.stack((c, -b, a), dim=-1) / safe_determinant[..., None]
    centre = torch.stack((fx * x / z + cx, fy * y / z + cy), dim=-1)

    opacities = scene.opacities
    if settings.antialiased:
        # gsplat's "antialiased" mode: the dilation keeps the splat's energy, so opacity shrinks by
        # sqrt(det(undilated) / det(dilated)); the reduced opacity also sets the footprint.
        undilated = (a - settings.dilation) * (c - settings.dilation) - b * b
        opacities = opacities * (undilated / safe_determinant).clamp_min(0).sqrt()
    rect, visible = _tile_rectangles(
        centre.detach(), a.detach(), c.detach(), determinant.detach(), opacities.detach(), image_shape, settings, visible
    )
    return centre, conic, rect, scene.means[..., 2].detach(), visible, opacities


def _tile_rectangles(
    centre: Tensor,
    a: Tensor,
    c: Tensor,
    determinant: Tensor,
    opacities: Tensor,
    image_shape: tuple[int, int],
    settings: RasterSettings,
    visible: Tensor,
) -> tuple[Int64[Tensor, "image gaussian 4"], Bool[Tensor, "image gaussian"]]:
    """Tiles [x0, x1) x [y0, y1) each Gaussian is evaluated in, by the rule of ``settings.extent``."""
    height, width = image_shape
    tile = settings.tile_size
    tiles_x, tiles_y = math.ceil(width / tile), math.ceil(height / tile)
    u, v = centre.unbind(dim=-1)
    if settings.extent == "3dgs":
        middle = 0.5 * (a + c)
        largest = middle + (middle * middle - determinant).clamp_min(0.1).sqrt()
        radius = (3.0 * largest.clamp_min(0).sqrt()).ceil()
        # 3DGS works in pixel coordinates whose pixel centres are integers.
        u, v = u - 0.5, v - 0.5
        x0 = ((u - radius) / tile).floor().clamp(0, tiles_x)
        y0 = ((v - radius) / tile).floor().clamp(0, tiles_y)
        x1 = ((u + radius + tile - 1) / tile).floor().clamp(0, tiles_x)
        y1 = ((v + radius + tile - 1) / tile).floor().clamp(0, tiles_y)
    else:
        opacity = opacities
        visible = visible & (opacity >= 1.0 / 255.0)
        extend = torch.sqrt(2.0 * torch.log((opacity * 255.0).clamp_min(1.0))).clamp_max(3.33)
        radius_x = (extend * a.clamp_min(0).sqrt()).ceil()
        radius_y = (extend * c.clamp_min(0).sqrt()).ceil()
        visible = visible & (radius_x > 0) & (radius_y > 0)
        visible = visible & (u + radius_x > 0) & (u - radius_x < width) & (v + radius_y > 0) & (v - radius_y < height)
        x0 = ((u - radius_x) / tile).floor().clamp(0, tiles_x)
        y0 = ((v - radius_y) / tile).floor().clamp(0, tiles_y)
        x1 = ((u + radius_x) / tile).ceil().clamp(0, tiles_x)
        y1 = ((v + radius_y) / tile).ceil().clamp(0, tiles_y)
    rect = torch.stack((x0, y0, x1, y1), dim=-1)
    rect = torch.where(torch.isfinite(rect), rect, torch.zeros_like(rect)).long()
    visible = visible & (rect[..., 2] > rect[..., 0]) & (rect[..., 3] > rect[..., 1])
    return rect, visible


def _intersections(
    rect: Int64[Tensor, "visible 4"],
    depth: Float[Tensor, " visible"],
    image_index: Int64[Tensor, " visible"],
    tiles_x: int,
    tiles_per_image: int,
) -> tuple[Int64[Tensor, " isect"], Int64[Tensor, " isect"]]:
    """(tile key, row of the visible-Gaussian table) per tile-Gaussian pair, sorted by tile then depth."""
    depth_rank = torch.empty_like(image_index)
    depth_rank[depth.argsort()] = torch.arange(len(image_index), device=depth.device)
    span_x = rect[:, 2] - rect[:, 0]
    counts = span_x * (rect[:, 3] - rect[:, 1])
    row = torch.repeat_interleave(torch.arange(len(counts), device=rect.device), counts)
    first = torch.cumsum(counts, 0) - counts
    local = torch.arange(len(row), device=rect.device) - first[row]
    tile_x = rect[row, 0] + local % span_x[row]
    tile_y = rect[row, 1] + local // span_x[row]
    tile_key = image_index[row] * tiles_per_image + tile_y * tiles_x + tile_x
    order = (tile_key * max(len(counts), 1) + depth_rank[row]).argsort()
    return tile_key[order], row[order]


def _pixel_basis(tile: int, device: torch.device, dtype: torch.dtype) -> Float[Tensor, "6 pixel"]:
    """Monomials (1, x, y, x^2, y^2, xy) of every pixel centre of a tile, relative to the tile centre."""
    local = torch.arange(tile * tile, device=device)
    x = (local % tile).to(dtype) + 0.5 - tile / 2
    y = (local // tile).to(dtype) + 0.5 - tile / 2
    return torch.stack((torch.ones_like(x), x, y, x * x, y * y, x * y))


def _composite_chunk(
    table: Float[Tensor, "tile k column"],
    present: Bool[Tensor, "tile k"],
    tile_centre: Float[Tensor, "tile 2"],
    transmittance: Float[Tensor, "tile pixel"],
    pixel_basis: Float[Tensor, "6 pixel"],
    settings: RasterSettings,
) -> tuple[Tensor, Tensor, Tensor]:
    """Composite one depth-sorted chunk of Gaussians into their tiles' pixels, front to back."""
    u, v, conic_a, conic_b, conic_c, opacity = (table[..., i] for i in range(_GEOMETRY_COLUMNS))
    du, dv = u - tile_centre[:, None, 0], v - tile_centre[:, None, 1]
    # The Mahalanobis exponent 0.5 a dx^2 + b dx dy + 0.5 c dy^2 is a quadratic in the pixel
    # position; expanding it around the tile centre turns the per-pixel work into one matrix
    # product (of the negated coefficients, which saves a pass over the result).
    negated = torch.stack(
        (
            -(0.5 * conic_a * du * du + 0.5 * conic_c * dv * dv + conic_b * du * dv),
            conic_a * du + conic_b * dv,
            conic_c * dv + conic_b * du,
            -0.5 * conic_a,
            -0.5 * conic_c,
            -conic_b,
        ),
        dim=-1,
    )
    # Conics are positive definite (checked at projection), so the 3DGS test sigma >= 0 always holds.
    alpha = (opacity[..., None] * torch.exp(negated @ pixel_basis)).clamp_max(settings.alpha_max)
    alpha = torch.where(present[..., None] & (alpha >= settings.alpha_min), alpha, 0.0)
    # Transmittance in front of every Gaussian (exclusive cumulative product), carried across chunks.
    after = transmittance[:, None, :] * torch.cumprod(1.0 - alpha, dim=1)
    before = torch.cat((transmittance[:, None, :], after[:, :-1]), dim=1)
    if settings.transmittance_rule == "strict":
        composited = after >= settings.transmittance_min
    else:
        composited = after > settings.transmittance_min
    weight = torch.where(composited, alpha * before, 0.0)
    features = torch.einsum("tkp,tkc->tpc", weight, table[..., _GEOMETRY_COLUMNS:])
    return features, weight.sum(dim=1), after[:, -1]


def _rasterize_group(
    group: Int64[Tensor, " tile"],
    counts: Int64[Tensor, " tile"],
    starts: Int64[Tensor, " tile"],
    row: Int64[Tensor, " isect"],
    table: Float[Tensor, "visible column"],
    pixel_basis: Float[Tensor, "6 pixel"],
    tiles_x: int,
    tiles_per_image: int,
    chunk: int,
    settings: RasterSettings,
    use_checkpoint: bool,
) -> tuple[Float[Tensor, "tile pixel channel"], Float[Tensor, "tile pixel"]]:
    """Composite the depth-sorted lists of a group of tiles, ``chunk`` Gaussians per step."""
    device, dtype = table.device, table.dtype
    tile = settings.tile_size
    channels = table.shape[-1] - _GEOMETRY_COLUMNS
    in_image = group % tiles_per_image
    tile_centre = torch.stack((in_image % tiles_x, in_image // tiles_x), dim=-1).to(dtype) * tile + tile / 2
    pixels = pixel_basis.shape[1]
    transmittance = torch.ones(len(group), pixels, device=device, dtype=dtype)
    accumulated = torch.zeros(len(group), pixels, channels, device=device, dtype=dtype)
    alpha = torch.zeros(len(group), pixels, device=device, dtype=dtype)
    ends = starts + counts
    offsets = torch.arange(chunk, device=device)
    for chunk_start in range(0, int(counts.max()), chunk):
        alive = transmittance.detach().amax(dim=1)
        if settings.transmittance_rule == "strict":
            alive = alive >= settings.transmittance_min
        else:
            alive = alive > settings.transmittance_min
        active = ((counts > chunk_start) & alive).nonzero(as_tuple=True)[0]
        if len(active) == 0:
            break
        position = starts[active, None] + chunk_start + offsets
        present = position < ends[active, None]
        chunk_table = table[row[position.clamp_max(len(row) - 1)]]
        arguments = (chunk_table, present, tile_centre[active], transmittance[active], pixel_basis, settings)
        if use_checkpoint:
            features, weight, after = torch.utils.checkpoint.checkpoint(_composite_chunk, *arguments, use_reentrant=False)
        else:
            features, weight, after = _composite_chunk(*arguments)
        accumulated = accumulated.index_add(0, active, features)
        alpha = alpha.index_add(0, active, weight)
        transmittance = transmittance.index_copy(0, active, after)
    return accumulated, alpha


def rasterize_torch(
    scene: CameraSpaceGaussians,
    image_shape: tuple[int, int],
    settings: RasterSettings = REFERENCE_3DGS,
    gaussian_chunk: int = 256,
    max_elements: int = 1 << 24,
) -> tuple[Float[Tensor, "image channel height width"], Float[Tensor, "image height width"]]:
    """Composite features (no background) and alpha of every image of ``scene``."""
    height, width = image_shape
    tile = settings.tile_size
    tiles_x, tiles_y = math.ceil(width / tile), math.ceil(height / tile)
    tiles_per_image = tiles_x * tiles_y
    images, _, channels = scene.features.shape
    pixels_per_tile = tile * tile
    device, dtype = scene.means.device, scene.means.dtype

    centre, conic, rect, depth, visible, opacities = _project(scene, image_shape, settings)
    image_of_row, gaussian_of_row = visible.nonzero(as_tuple=True)
    tile_key, row = _intersections(
        rect[image_of_row, gaussian_of_row], depth[image_of_row, gaussian_of_row], image_of_row, tiles_x, tiles_per_image
    )
    table = torch.cat(
        (
            centre[image_of_row, gaussian_of_row],
            conic[image_of_row, gaussian_of_row],
            opacities[image_of_row, gaussian_of_row, None],
            scene.features[image_of_row, gaussian_of_row],
        ),
        dim=-1,
    )

    total_tiles = images * tiles_per_image
    counts = torch.bincount(tile_key, minlength=total_tiles)
    starts = torch.cumsum(counts, 0) - counts
    busy = (counts > 0).nonzero(as_tuple=True)[0]
    busy = busy[counts[busy].argsort(descending=True)]  # similar list lengths share a group

    pixel_basis = _pixel_basis(tile, device, dtype)
    use_checkpoint = torch.is_grad_enabled() and table.requires_grad

    out_features, out_alpha, out_tiles = [], [], []
    busy_counts = counts[busy].tolist()
    first = 0
    while first < len(busy):
        # Tiles are sorted by list length, so the first tile of a group has the longest list; the
        # chunk never exceeds it (no padding waste on sparse tiles) and the group fills max_elements.
        chunk = min(gaussian_chunk, 1 << max(0, int(busy_counts[first]) - 1).bit_length())
        group_size = max(1, max_elements // (chunk * pixels_per_tile))
        group = busy[first : first + group_size]
        first += group_size
        features, alpha = _rasterize_group(
            group, counts[group], starts[group], row, table, pixel_basis, tiles_x, tiles_per_image, chunk, settings, use_checkpoint
        )
        out_features.append(features)
        out_alpha.append(alpha)
        out_tiles.append(group)

    features = torch.zeros(total_tiles, pixels_per_tile, channels, device=device, dtype=dtype)
    alpha = torch.zeros(total_tiles, pixels_per_tile, device=device, dtype=dtype)
    if out_tiles:
        tiles = torch.cat(out_tiles)
        features = features.index_copy(0, tiles, torch.cat(out_features))
        alpha = alpha.index_copy(0, tiles, torch.cat(out_alpha))
    elif table.requires_grad:
        # Nothing visible: the render is the background and every gradient is zero, but the output
        # must stay in the autograd graph (a training step on such a view would fail in backward).
        zero = table.sum() * 0
        features, alpha = features + zero, alpha + zero

    def to_image(values: Tensor) -> Tensor:
        values = values.reshape(images, tiles_y, tiles_x, tile, tile, -1)
        values = values.permute(0, 5, 1, 3, 2, 4).reshape(images, -1, tiles_y * tile, tiles_x * tile)
        return values[:, :, :height, :width]

    return to_image(features), to_image(alpha[..., None])[:, 0]
