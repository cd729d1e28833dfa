"""``test.save_gaussian``: one scene's Gaussians as a standard 3DGS ``.ply`` (world frame).

Attributes per vertex: x y z, nx ny nz (zeros), f_dc_0..2, f_rest_* (channel-major, as 3DGS),
opacity (logit), scale_0..2 (log), rot_0..3 (w, x, y, z). As the reference, Gaussians of the
8-pixel border of each context view are left out (they are usually poor). Unlike the reference,
positions stay in world coordinates and all SH bands are written, since our harmonics are in the
3DGS basis.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import torch
from jaxtyping import Float
from plyfile import PlyData, PlyElement
from torch import Tensor

from splatbench.geometry.rotation import matrix_to_quaternion, xyzw_to_wxyz
from splatbench.geometry.gaussians import Gaussians
from splatbench.utils.io import atomic_write_bytes

BORDER_TRIM_PIXELS = 8


def scales_and_rotations_from_covariances(
    covariances: Float[Tensor, "gaussian 3 3"],
) -> tuple[Float[Tensor, "gaussian 3"], Float[Tensor, "gaussian 4"]]:
    """Per-axis standard deviations and unit quaternions (x, y, z, w) with R diag(s^2) R^T = covariance."""
    eigenvalues, eigenvectors = torch.linalg.eigh(covariances.double())
    # A proper rotation: flip one axis where the eigenbasis is left-handed.
    flip = torch.linalg.det(eigenvectors) < 0
    eigenvectors[flip, :, 0] *= -1
    return eigenvalues.clamp(min=0).sqrt().float(), matrix_to_quaternion(eigenvectors).float()


def border_mask(num_views: int, height: int, width: int, trim: int = BORDER_TRIM_PIXELS) -> Tensor:
    """Keep-mask over the per-pixel Gaussians (view-major, then rows, then columns)."""
    mask = torch.zeros(num_views, height, width, dtype=torch.bool)
    if height > 2 * trim and width > 2 * trim:
        mask[:, trim : height - trim, trim : width - trim] = True
    else:
        mask[:] = True
    return mask.flatten()


def export_gaussians_ply(
    gaussians: Gaussians,
    path: Path,
    keep: Tensor | None = None,
    min_opacity: float = 0.0,
    sh_degree: int | None = None,
) -> int:
    """Write the first batch element's Gaussians; return the count written (see :func:`gaussians_ply_bytes`)."""
    data, count = gaussians_ply_bytes(gaussians, keep, min_opacity, sh_degree)
    atomic_write_bytes(path, data)
    return count


def gaussians_ply_bytes(
    gaussians: Gaussians,
    keep: Tensor | None = None,
    min_opacity: float = 0.0,
    sh_degree: int | None = None,
) -> tuple[bytes, int]:
    """The first batch element's Gaussians as binary .ply bytes, and how many were kept.

    ``keep`` (bool [G]) selects Gaussians, e.g. :func:`border_mask`; ``min_opacity`` drops the
    fainter ones (pruning); ``sh_degree`` writes only SH bands up to that degree (0: colour only,
    what light-weight viewers need).
    """
    means, harmonics, opacities = (t[0].detach().float().cpu() for t in (gaussians.means, gaussians.harmonics, gaussians.opacities))
    if gaussians.scales is not None and gaussians.rotations is not None:
        scales, rotations = gaussians.scales[0].detach().float().cpu(), gaussians.rotations[0].detach().float().cpu()
    else:
        scales, rotations = scales_and_rotations_from_covariances(gaussians.covariances[0].detach().cpu())
    selected = torch.ones(means.shape[0], dtype=torch.bool) if keep is None else keep.cpu().bool().clone()
    if min_opacity > 0:
        selected &= opacities >= min_opacity
    means, harmonics, opacities, scales, rotations = (t[selected] for t in (means, harmonics, opacities, scales, rotations))
    if sh_degree is not None:
        harmonics = harmonics[..., : (sh_degree + 1) ** 2]

    def array(tensor: Tensor) -> np.ndarray:
        return tensor.numpy()

    count, _, d_sh = harmonics.shape
    wxyz = array(xyzw_to_wxyz(rotations))
    columns = [
        ("x", array(means[:, 0])), ("y", array(means[:, 1])), ("z", array(means[:, 2])),
        ("nx", np.zeros(count)), ("ny", np.zeros(count)), ("nz", np.zeros(count)),
    ]
    columns += [(f"f_dc_{c}", array(harmonics[:, c, 0])) for c in range(3)]
    rest = array(harmonics[:, :, 1:]).reshape(count, 3 * (d_sh - 1))
    columns += [(f"f_rest_{i}", rest[:, i]) for i in range(rest.shape[1])]
    columns.append(("opacity", array(torch.logit(opacities.clamp(1e-6, 1 - 1e-6)))))
    log_scales = array(scales.clamp(min=1e-12).log())
    columns += [(f"scale_{i}", log_scales[:, i]) for i in range(3)]
    columns += [(f"rot_{i}", wxyz[:, i]) for i in range(4)]

    vertices = np.empty(count, dtype=[(name, "f4") for name, _ in columns])
    for name, values in columns:
        vertices[name] = values
    buffer = io.BytesIO()
    PlyData([PlyElement.describe(vertices, "vertex")]).write(buffer)
    return buffer.getvalue(), count
