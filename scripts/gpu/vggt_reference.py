"""Issue 11: the reference VGGT aggregator's peak memory and time on this GPU, per input size and
frame count, to pin down the size behind the VGGT README's runtime table (which does not say it)
and to time the reference beside our aggregator in the same call.

The README table (aggregator only, H100, FlashAttention 3) gives peak memory from 1.88 GB at one
frame to 40.63 GB at 200. Memory depends on the input size and on how the weights are stored, not
on the GPU or the attention kernel (FlashAttention 2 and 3 keep no score matrix), so running the
reference code at candidate sizes and comparing its memory column with the README's identifies the
size. Candidates: 294 x 518 (16:9 frames such as RealEstate10K's after VGGT's resize to 518 wide),
336 x 518 and 392 x 518 (4:3), 518 x 518 (square / VGGT's "pad" mode).

Weights are random (initialisation): memory and time do not depend on their values. ``--weights``:
``bf16`` (stored in bf16, as a 1.88 GB footprint at one frame implies: the aggregator's 909 M
parameters are 1.82 GB in bf16 and 3.6 GB in fp32) or ``fp32``; both run under bf16 autocast, as
the README's example does. Each (size, frames) point is one forward pass in ``torch.no_grad`` after
a warm-up at that size; peak = ``torch.cuda.max_memory_allocated`` over the pass, weights included.

Needs the reference package: ``bash scripts/gpu/make_reference_carry.sh ... /work/.mirror/chenxiex+vggt/repo``
exports it to .gpu_ref/vggt (git-ignored, carried, never committed).

    python scripts/gpu/vggt_reference.py --out $OUT/vggt_reference
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from splatbench.utils.io import atomic_write_json, atomic_write_text  # noqa: E402

README_TABLE = {1: (0.04, 1.88), 2: (0.05, 2.07), 4: (0.07, 2.45), 8: (0.11, 3.23), 10: (0.14, 3.63),
                20: (0.31, 5.58), 50: (1.04, 11.41), 100: (3.12, 21.15), 200: (8.75, 40.63)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    parser.add_argument("--reference", default=str(ROOT / ".gpu_ref" / "vggt"), help="folder holding vggt/")
    parser.add_argument("--sizes", nargs="+", default=["294x518", "336x518", "392x518", "518x518"])
    parser.add_argument("--frames", type=int, nargs="+", default=[1, 10, 50, 100, 200])
    parser.add_argument("--time-frames", type=int, nargs="+", default=[100, 200],
                        help="frame counts whose pass is also reported as a time (all are timed; these are flagged)")
    parser.add_argument("--weights", choices=("bf16", "fp32"), nargs="+", default=["bf16", "fp32"])
    parser.add_argument("--fp32-frames", type=int, nargs="+", default=[1, 100],
                        help="frame counts run with fp32 weights (the bf16 ones run --frames)")
    args = parser.parse_args(argv)
    if not (Path(args.reference) / "vggt" / "models" / "aggregator.py").exists():
        print(f"vggt_reference.py: {args.reference}/vggt/models/aggregator.py not found "
              "(scripts/gpu/make_reference_carry.sh exports it)", file=sys.stderr)
        return 2
    if not torch.cuda.is_available():
        print("vggt_reference.py: needs a CUDA GPU", file=sys.stderr)
        return 2
    sys.path.insert(0, args.reference)
    from vggt.models.aggregator import Aggregator  # the reference's own code

    device = torch.device("cuda")
    results: dict = {"device": torch.cuda.get_device_name(), "torch": torch.__version__,
                     "readme": {str(k): {"seconds": t, "gb": m} for k, (t, m) in README_TABLE.items()}, "runs": []}
    out = Path(args.out)
    for weights in args.weights:
        torch.manual_seed(0)
        model = Aggregator().to(device).eval()
        if weights == "bf16":
            model = model.to(torch.bfloat16)
        weight_bytes = sum(p.numel() * p.element_size() for p in model.parameters())
        frame_counts = args.frames if weights == "bf16" else args.fp32_frames
        for size in args.sizes:
            height, width = (int(v) for v in size.split("x"))
            with torch.no_grad(), torch.autocast("cuda", dtype=torch.bfloat16):
                model(torch.rand(1, 2, 3, height, width, device=device))  # warm-up: kernels, cuDNN plans
            for frames in frame_counts:
                images = torch.rand(1, frames, 3, height, width, device=device)
                torch.cuda.synchronize()
                torch.cuda.empty_cache()
                torch.cuda.reset_peak_memory_stats()
                start = time.perf_counter()
                try:
                    with torch.no_grad(), torch.autocast("cuda", dtype=torch.bfloat16):
                        tokens, _ = model(images)
                    torch.cuda.synchronize()
                except torch.OutOfMemoryError:
                    row = {"weights": weights, "size": size, "frames": frames, "error": "out of memory"}
                else:
                    seconds = time.perf_counter() - start
                    peak = torch.cuda.max_memory_allocated()
                    row = {"weights": weights, "size": size, "frames": frames, "seconds": seconds,
                           "peak_gb": peak / 1e9, "peak_gib": peak / 2**30, "weights_gb": weight_bytes / 1e9,
                           "outputs": len(tokens), "output_dtype": str(tokens[0].dtype).removeprefix("torch.")}
                    if frames in README_TABLE:
                        row["readme_gb"] = README_TABLE[frames][1]
                        row["readme_seconds"] = README_TABLE[frames][0]
                    del tokens
                del images
                print(json.dumps(row), flush=True)
                results["runs"].append(row)
                atomic_write_json(out / "results.json", results)
        del model
        torch.cuda.empty_cache()
    # Which size's memory column is closest to the README's (bf16 weights; relative error per point).
    fits = {}
    for size in args.sizes:
        points = [r for r in results["runs"] if r["weights"] == "bf16" and r["size"] == size and "readme_gb" in r
                  and "peak_gb" in r]
        if points:
            fits[size] = {unit: max(abs(r[f"peak_{unit}"] / r["readme_gb"] - 1) for r in points)
                          for unit in ("gb", "gib")}
    results["max_relative_memory_error_vs_readme"] = fits
    atomic_write_json(out / "results.json", results)
    lines = [f"Reference VGGT aggregator ({results['device']}, torch {results['torch']}), bf16 autocast, "
             "random weights; README = VGGT README (H100, FlashAttention 3)", "",
             "| weights | size | frames | s | peak GB (GiB) | README s | README GB |", "|---|---|---|---|---|---|---|"]
    for r in results["runs"]:
        if "error" in r:
            lines.append(f"| {r['weights']} | {r['size']} | {r['frames']} | {r['error']} | | | |")
            continue
        lines.append(f"| {r['weights']} | {r['size']} | {r['frames']} | {r['seconds']:.2f} | {r['peak_gb']:.2f} "
                     f"({r['peak_gib']:.2f}) | {r.get('readme_seconds', '-')} | {r.get('readme_gb', '-')} |")
    lines += ["", f"largest relative memory difference from the README (bf16 weights): {json.dumps(fits)}"]
    summary = "\n".join(lines)
    print(summary)
    atomic_write_text(out / "summary.md", summary + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
