"""Tiny stand-ins for encoder, decoder, loss and data used by the training-loop unit tests."""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import Tensor, nn
from torch.utils.data import DataLoader, Dataset

from splatbench.loss.base import Loss
from splatbench.loss.config import LossMseCfg, LossOptions
from splatbench.geometry.gaussians import Gaussians

SIZE = 32


def make_example(index: int, views: int = 2, targets: int = 2) -> dict:
    generator = torch.Generator().manual_seed(index)
    image = torch.rand(views + targets, 3, SIZE, SIZE, generator=generator)
    eye = torch.eye(4).expand(views + targets, 4, 4).clone()
    eye[:, 0, 3] = torch.arange(views + targets, dtype=torch.float32)
    intrinsics = torch.tensor([[1.0, 0, 0.5], [0, 1.0, 0.5], [0, 0, 1]]).expand(views + targets, 3, 3).clone()

    def part(sl: slice) -> dict:
        n = sl.stop - sl.start
        return {
            "extrinsics": eye[sl],
            "intrinsics": intrinsics[sl],
            "image": image[sl],
            "near": torch.full((n,), 0.5),
            "far": torch.full((n,), 100.0),
            "index": torch.arange(sl.start, sl.stop, dtype=torch.int64) + 10 * index,
        }

    return {"context": part(slice(0, views)), "target": part(slice(views, views + targets)), "scene": f"scene{index:03d}"}


class FakeDataset(Dataset):
    def __init__(self, count: int) -> None:
        self.count = count

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index: int) -> dict:
        return make_example(index)


def fake_loader(count: int, batch_size: int = 1) -> DataLoader:
    return DataLoader(FakeDataset(count), batch_size=batch_size, shuffle=False)


class FakeEncoder(nn.Module):
    """Per-pixel colour from the mean context image; one Gaussian per pixel, colour in the DC term."""

    def __init__(self, scales: int = 1) -> None:
        super().__init__()
        self.mix = nn.Conv2d(3, 3, 1)
        self.pretrained = nn.Linear(1, 1)  # name contains "pretrained": the ViT parameter group
        self.scales = scales

    def forward(self, context: dict, global_step: int, deterministic: bool = False, visualization_dump=None) -> dict:
        b, v, _, h, w = context["image"].shape
        color = self.mix(context["image"].mean(1)) + 0 * self.pretrained.weight.sum()
        sets = []
        for scale in range(self.scales):
            harmonics = (color + 0.1 * (self.scales - 1 - scale)).flatten(2).transpose(1, 2).unsqueeze(-1)
            g = h * w
            sets.append(
                Gaussians(
                    means=torch.zeros(b, g, 3),
                    covariances=torch.eye(3).expand(b, g, 3, 3),
                    harmonics=harmonics,
                    opacities=torch.ones(b, g),
                )
            )
        stacked = Gaussians(
            means=torch.cat([s.means for s in sets]),
            covariances=torch.cat([s.covariances for s in sets]),
            harmonics=torch.cat([s.harmonics for s in sets]),
            opacities=torch.cat([s.opacities for s in sets]),
        )
        return {"gaussians": stacked, "depths": torch.ones(b, v, h, w)}


@dataclass
class FakeOutput:
    color: Tensor
    depth: Tensor | None = None
    alpha: Tensor | None = None


class FakeDecoder(nn.Module):
    def forward(self, gaussians, extrinsics, intrinsics, near, far, image_shape, depth_mode=None) -> FakeOutput:
        b, v = extrinsics.shape[:2]
        h, w = image_shape
        color = gaussians.harmonics[..., 0].transpose(1, 2).reshape(b, 1, 3, h, w).expand(b, v, 3, h, w)
        return FakeOutput(color=color)


class FakeMse(Loss):
    """The real loss interface (per-scale weighting in the base class) with injectable NaN steps."""

    name = "mse"
    cfg_type = LossMseCfg

    def __init__(self) -> None:
        super().__init__(LossMseCfg(), LossOptions())
        self.nan_steps: set[int] = set()

    def forward(self, predictions, batch, global_step) -> Tensor:
        loss = super().forward(predictions, batch, global_step)
        return loss * float("nan") if global_step in self.nan_steps else loss

    def compute(self, prediction, batch) -> Tensor:
        return ((prediction.color - batch["target"]["image"]) ** 2).mean()
