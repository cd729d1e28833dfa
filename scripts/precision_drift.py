"""Drift of the encoder's precision plans from fp32, on any device (the CPU through CPU autocast):
max / median relative depth difference and the PSNR of renders against the fp32 renders, on the
synthetic scene and generated weights of ``splatbench bench``. A quick check without timing;
``splatbench bench`` reports the same figures beside its timings on CUDA.

    PYTHONPATH=$PWD python scripts/precision_drift.py --preset small --size 256 --plans bf16 bf16-all
"""

from __future__ import annotations

import argparse
import logging

import torch

from splatbench.evaluation.speed import build_encoder, depth_difference, psnr, synthetic_views
from splatbench.model.encoder.precision import PRECISION_PLANS
from splatbench.render import render_gaussians



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--preset", default="small", help="encoder preset (small, base, large, tiny)")
    parser.add_argument("--size", type=int, default=128, help="square image side (a multiple of 16)")
    parser.add_argument("--views", type=int, default=2)
    parser.add_argument("--targets", type=int, default=2, help="rendered target views")
    parser.add_argument("--plans", nargs="+", default=["bf16", "bf16-all"], choices=sorted(set(PRECISION_PLANS) - {"fp32"}))
    parser.add_argument("--device", default="cpu")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    device = torch.device(args.device)
    context = synthetic_views(args.views, args.size, args.size, device)
    targets = synthetic_views(args.targets, args.size, args.size, device, seed=1, offset=0.05)
    encoder = build_encoder(args.preset, device)
    encoder.precision_on_cpu = True

    def run() -> tuple[torch.Tensor, torch.Tensor]:
        with torch.no_grad():
            output = encoder(context)
            color = render_gaussians(
                output["gaussians"], targets["extrinsics"], targets["intrinsics"], targets["near"], targets["far"],
                (args.size, args.size), backend="torch" if device.type == "cpu" else "auto",
            ).color  # fmt: skip
        return output["depths"], color

    reference_depth, reference_color = run()
    print("| case | plan | depth diff max / median | render PSNR vs fp32 dB |\n|---|---|---|---|")
    for plan in args.plans:
        encoder.cfg.precision = plan
        depth, color = run()
        diff = depth_difference(depth, reference_depth)
        print(f"| {args.preset}, {args.views} views {args.size}x{args.size} | {plan} | "
              f"{100 * diff['max']:.2f}% / {100 * diff['median']:.3f}% | {psnr(color, reference_color):.1f} |")  # fmt: skip


if __name__ == "__main__":
    main()
