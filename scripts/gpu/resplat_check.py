"""ReSplat on an accelerator: the CPU goldens replayed on the device (fp32, TF32 off, no autocast)
and the PyTorch kNN on the device against the CPU. Prints one JSON object and writes it to --out.

    python scripts/gpu/resplat_check.py --device cuda --out results/resplat_check.json
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
import torch

from splatbench.model.encoder.resplat import EncoderReSplat, resplat_preset
from splatbench.model.encoder.resplat.point_transformer import knn_indices
from splatbench.model.generated_weights import fill_weights_from_names
from splatbench.utils.io import atomic_write_text

GOLDEN = Path(__file__).resolve().parents[2] / "tests" / "encoder" / "golden"


def golden_differences(preset: str, device: torch.device) -> dict[str, float]:
    with np.load(GOLDEN / f"resplat_{preset}_v2_64.npz") as data:
        golden = {key: data[key] for key in data.files}
    cfg = resplat_preset(preset, use_amp=False, pt_head_amp=False, pt_update_amp=False)
    encoder = fill_weights_from_names(EncoderReSplat(cfg).eval(), prefix="encoder.").to(device)
    context = {
        "image": torch.from_numpy(golden["image_u8"]).float().div(255.0).to(device),
        **{key: torch.from_numpy(golden[key]).to(device) for key in ("intrinsics", "extrinsics", "near", "far")},
    }
    with torch.no_grad():
        output = encoder(context, num_refine=2)
    index = torch.from_numpy(golden["gaussian_index"]).to(device)
    ours = {"depths": output["depths"]}
    for step, gaussians in enumerate(output["gaussians_per_step"]):
        ours[f"step{step}_opacities"] = gaussians.opacities
        for field in ("means", "covariances", "harmonics"):
            ours[f"step{step}_{field}"] = getattr(gaussians, field)[:, index]
    return {key: float((value.cpu() - torch.from_numpy(golden[key])).abs().max()) for key, value in ours.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--knn-points", type=int, default=131072, help="RE10K refinement: 2 views x 256 x 256")
    args = parser.parse_args()
    device = torch.device(args.device)
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    report: dict = {"device": torch.cuda.get_device_name(0) if device.type == "cuda" else "cpu", "goldens": {}}
    for preset in ("tiny", "tiny_dl3dv"):
        diffs = golden_differences(preset, device)
        report["goldens"][preset] = {"max_abs_difference": max(diffs.values()), "fields": diffs}
    generator = torch.Generator().manual_seed(0)
    count = args.knn_points
    points = torch.rand(1, count, 3, generator=generator)
    start = time.perf_counter()
    on_device = knn_indices(points.to(device), 8)
    if device.type == "cuda":
        torch.cuda.synchronize()
    elapsed = time.perf_counter() - start
    sample = torch.arange(0, count, 997)
    distances = torch.cdist(points[0, sample].double(), points[0].double())  # CPU, float64, sampled queries
    on_cpu = distances.topk(8, largest=False).indices[None]
    same = (on_device[:, sample].cpu().sort(-1).values == on_cpu.sort(-1).values).all(-1).float().mean()
    report["knn_k8"] = {"points": count, "seconds_first_call": elapsed, "same_sets_as_cpu_fraction": float(same)}
    text = json.dumps(report, indent=2)
    atomic_write_text(args.out, text + "\n")
    print(text)


if __name__ == "__main__":
    main()
