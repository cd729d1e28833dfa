"""``gt_noise``: the ground-truth cameras with controlled noise, for robustness curves.

Every frame's camera-to-world pose is perturbed independently:

* rotation: ``R' = R @ Exp(theta * u)``, the camera turned about its own centre by exactly
  ``rotation_deg`` degrees about a uniformly random axis ``u``;
* translation: the camera centre moves by exactly ``translation * b`` in a uniformly random direction,
  ``b`` being the scene's mean baseline (mean distance between consecutive ground-truth centres).

So, after a similarity alignment to the ground truth, every frame's rotation error is ``rotation_deg`` and
the RMS centre error is about ``translation * b``; the relative rotation error between two frames averages
``4/3 * rotation_deg`` for small angles (the mean distance of two random unit vectors). The noise is drawn from
a generator seeded by ``seed``, the scene key and the frame index, so a frame gets the same noise in any run,
any order and any window layout.
The intrinsics are the ground truth. The depth range is ``(far, near)`` from the options (the dataset's
config near/far, in the ground truth's scale, which this source keeps).

Options: ``rotation_deg`` (default 1.0), ``translation`` (fraction of the mean baseline, default 0.05),
``seed`` (0), ``near`` (0.5), ``far`` (100.0).
"""

from __future__ import annotations

import hashlib
from typing import Any, Mapping

import torch
import torch.nn.functional as F

from splatbench.geometry.rotation import rotations_of_angle
from splatbench.preprocess.backends import FrameBatch, OptionReader, PoseBackendFailure, PoseBackendOptionError, PoseEstimate


def frame_generator(seed: int, scene: str, frame: int) -> torch.Generator:
    digest = hashlib.sha256(f"{seed}:{scene}:{frame}".encode()).digest()
    return torch.Generator().manual_seed(int.from_bytes(digest[:8], "little"))


def mean_baseline(c2w: torch.Tensor) -> float:
    centres = c2w[:, :3, 3].to(torch.float64)
    if len(centres) < 2:
        return 0.0
    return float((centres[1:] - centres[:-1]).norm(dim=-1).mean())


class GtNoiseBackend:
    name = "gt_noise"
    max_frames_per_pass = None
    needs_images = False  # the runner skips decoding frames

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        self.rotation_deg = options["rotation_deg"]
        self.translation = options["translation"]
        self.seed = options["seed"]

    def estimate(self, frames: FrameBatch) -> PoseEstimate:
        c2w = frames.gt_extrinsics.to(torch.float64)
        count = c2w.shape[0]
        rotations, directions = [], []
        for frame in frames.frame_indices.tolist():
            generator = frame_generator(self.seed, frames.scene, frame)
            rotations.append(rotations_of_angle(torch.tensor([self.rotation_deg]), generator)[0])
            directions.append(F.normalize(torch.randn(3, generator=generator, dtype=torch.float64), dim=-1))
        rotations, directions = torch.stack(rotations), torch.stack(directions)
        baseline = mean_baseline(c2w)  # of this pass: the whole scene unless --max-frames-per-pass splits it
        if self.translation > 0 and not baseline > 0:
            raise PoseBackendFailure("translation noise is relative to the mean baseline, which is 0 (static camera)")
        noisy = c2w.clone()
        noisy[:, :3, :3] = c2w[:, :3, :3] @ rotations
        noisy[:, :3, 3] = c2w[:, :3, 3] + self.translation * baseline * directions
        depth_range = torch.tensor([[self.options["far"], self.options["near"]]], dtype=torch.float32).expand(count, 2)
        return PoseEstimate(
            extrinsics=noisy.to(torch.float32),
            intrinsics=frames.intrinsics.to(torch.float32),
            depth_range=depth_range.clone(),
            valid=torch.ones(count, dtype=torch.bool),
        )


def create_backend(options: Mapping[str, str]) -> GtNoiseBackend:
    reader = OptionReader("gt_noise", options)
    rotation_deg = reader.get("rotation_deg", float, 1.0)
    translation = reader.get("translation", float, 0.05)
    reader.get("seed", int, 0)
    near = reader.get("near", float, 0.5)
    far = reader.get("far", float, 100.0)
    resolved = reader.finish()
    if not 0 <= rotation_deg <= 180:
        raise PoseBackendOptionError(f"gt_noise option rotation_deg: must be in [0, 180], got {rotation_deg}")
    if not translation >= 0:
        raise PoseBackendOptionError(f"gt_noise option translation: must be >= 0, got {translation}")
    if not 0 < near < far:
        raise PoseBackendOptionError(f"gt_noise options near/far: need 0 < near < far, got {near}, {far}")
    return GtNoiseBackend(resolved)
