"""Issue 11: the Triton attention forward (splatbench/model/kernels/attention.py) on the GPU, for
VGGT's attention shapes (bf16, 16 heads of 64, no mask).

1. exactness: every swept configuration against PyTorch's fp32 math attention on 8192 tokens (with
   cuDNN's and FlashAttention-2's errors beside, for scale);
2. a sweep of launch configurations (tile sizes, warps, pipeline stages, TMA or pointer loads, plain
   or pipelined loop) timed at --sweep-tokens; each configuration compiles once (a few seconds);
3. the fastest configurations against cuDNN and FlashAttention-2 at every --tokens length (global
   attention over 100 / 200 frames at 336 x 518 and 392 x 518) and at frame attention (--frame-batch
   frames of --frame-tokens tokens each).
Medians of CUDA-event timings. Results are saved after every step (a run stopped by its time limit
keeps what it measured) to --out as results.json and summary.md.

    python scripts/gpu/attention_triton.py --out $OUT/vggt/triton          # GPU
    python scripts/gpu/attention_triton.py --out /tmp/t --smoke            # CPU, Triton interpreter
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import time
from pathlib import Path

if "--smoke" in sys.argv:
    os.environ["TRITON_INTERPRET"] = "1"  # before triton is imported

import torch
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from splatbench.evaluation.speed import median_event_ms  # noqa: E402
from splatbench.model.kernels import attention as kernel  # noqa: E402
from splatbench.utils.io import atomic_write_json, atomic_write_text  # noqa: E402

Tiles = kernel.AttentionTiles
SWEEP = [
    Tiles(128, 64, 4, 3, True, False),  # the first session's autotuned choice
    Tiles(128, 64, 4, 3, True, True),
    Tiles(128, 64, 4, 2, True, True),
    Tiles(128, 64, 4, 4, True, True),
    Tiles(128, 64, 8, 3, True, True),
    Tiles(128, 128, 8, 2, True, False),
    Tiles(128, 128, 8, 2, True, True),
    Tiles(128, 128, 8, 3, True, True),
    Tiles(256, 64, 8, 3, True, False),
    Tiles(256, 64, 8, 3, True, True),
    Tiles(256, 128, 8, 2, True, True),
    Tiles(64, 64, 4, 3, True, True),
    Tiles(128, 32, 4, 4, True, True),
    Tiles(128, 64, 4, 3, False, True),
]


def label(tiles: kernel.AttentionTiles) -> str:
    return (f"{tiles.block_m}x{tiles.block_n} w{tiles.warps} s{tiles.stages} {'tma' if tiles.tma else 'ptr'} "
            f"{'pipelined' if tiles.pipelined else 'plain'}")


def sdpa(backend: str, query, key, value):
    from torch.nn.attention import SDPBackend, sdpa_kernel

    with sdpa_kernel([getattr(SDPBackend, backend)]):
        return F.scaled_dot_product_attention(query, key, value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    parser.add_argument("--tokens", type=int, nargs="+", default=[89_300, 104_100, 178_600, 208_200])
    parser.add_argument("--sweep-tokens", type=int, default=104_100)
    parser.add_argument("--frame-batch", type=int, default=100)
    parser.add_argument("--frame-tokens", type=int, nargs="+", default=[893, 1041])
    parser.add_argument("--check-tokens", type=int, default=8192)
    parser.add_argument("--heads", type=int, default=16)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--finalists", type=int, default=3)
    parser.add_argument("--smoke", action="store_true", help="CPU: Triton interpreter, a few tiny checks only")
    args = parser.parse_args(argv)
    if not kernel.available():
        print("attention_triton.py: the triton package is not installed", file=sys.stderr)
        return 2
    if not args.smoke and not torch.cuda.is_available():
        print("attention_triton.py: needs a CUDA GPU (or --smoke on a CPU)", file=sys.stderr)
        return 2
    device = torch.device("cpu" if args.smoke else "cuda")
    dtype = torch.float16 if args.smoke else torch.bfloat16  # the interpreter mishandles bf16 stores
    generator = torch.Generator(device).manual_seed(0)

    def inputs(batch: int, tokens: int, heads: int, head_dim: int = 64) -> list[torch.Tensor]:
        # Scaled like VGGT's normalised q / k (unit variance per channel): a peaked softmax, not a flat one.
        return [torch.randn(batch, heads, tokens, head_dim, device=device, generator=generator, dtype=dtype) * scale
                for scale in (1.5, 1.5, 1.0)]

    out = Path(args.out)
    results: dict = {"device": torch.cuda.get_device_name() if device.type == "cuda" else "cpu (interpreter)",
                     "torch": torch.__version__, "triton": kernel.triton.__version__, "checks": {}, "sweep": [],
                     "timings": [], "default_tiles": {str(k): label(v) for k, v in kernel.DEFAULT_TILES.items()}}

    def save() -> None:
        atomic_write_json(out / "results.json", results)

    sweep = [dataclasses.replace(t, block_m=16, block_n=16, stages=2) for t in SWEEP[:2]] if args.smoke else SWEEP
    heads = 2 if args.smoke else args.heads
    check_tokens = 40 if args.smoke else args.check_tokens
    short = inputs(1, check_tokens, heads, 16 if args.smoke else 64)
    reference = sdpa("MATH", *(t.double() if args.smoke else t.float() for t in short))
    errors, usable = {}, []
    for tiles in sweep:
        name = label(tiles)
        start = time.perf_counter()
        try:
            error = float((kernel.flash_attention(*short, tiles).double() - reference.double()).abs().max())
        except Exception as failure:  # a configuration this GPU / Triton cannot compile
            errors[name] = f"failed: {str(failure).splitlines()[0][:200] if str(failure) else repr(failure)}"
            continue
        errors[name] = error
        # bf16 output rounding alone is ~4e-3 here; a wrong kernel is off by far more.
        if error < 2e-2:
            usable.append(tiles)
        print(f"check {name}: {error:.2e} ({time.perf_counter() - start:.1f} s with compilation)", flush=True)
    if not args.smoke:
        for backend in ("CUDNN_ATTENTION", "FLASH_ATTENTION"):
            errors[backend] = float((sdpa(backend, *short).float() - reference).abs().max())
    results["checks"] = {"tokens": check_tokens, "max_abs_error_vs_math": errors,
                         "passed": [label(t) for t in usable]}
    save()
    if args.smoke or not usable:
        print(results["checks"])
        return 0 if usable else 1
    flops = lambda batch, tokens: 4 * batch * args.heads * tokens * tokens * 64  # noqa: E731
    query, key, value = inputs(1, args.sweep_tokens, args.heads)
    for tiles in usable:
        milliseconds = median_event_ms(lambda: kernel.flash_attention(query, key, value, tiles), device, args.repeats)
        results["sweep"].append({"tiles": label(tiles), "ms": milliseconds,
                                 "tflops": flops(1, args.sweep_tokens) / milliseconds / 1e9})
        print(f"sweep {label(tiles)}: {milliseconds:.1f} ms", flush=True)
        save()
    results["sweep"].sort(key=lambda row: row["ms"])
    del query, key, value
    finalists = [t for t in usable if label(t) in {row["tiles"] for row in results["sweep"][: args.finalists]}]
    shapes = [(1, tokens) for tokens in args.tokens] + [(args.frame_batch, tokens) for tokens in args.frame_tokens]
    for batch, tokens in shapes:
        query, key, value = inputs(batch, tokens, args.heads)
        row: dict = {"batch": batch, "tokens": tokens}
        runs = {label(t): (lambda t=t: kernel.flash_attention(query, key, value, t)) for t in finalists}
        runs["cudnn"] = lambda: sdpa("CUDNN_ATTENTION", query, key, value)
        runs["flash"] = lambda: sdpa("FLASH_ATTENTION", query, key, value)
        for name, run in runs.items():
            milliseconds = median_event_ms(run, device, args.repeats)
            row[name] = {"ms": milliseconds, "tflops": flops(batch, tokens) / milliseconds / 1e9}
        cudnn = runs["cudnn"]().float()
        row["max_abs_vs_cudnn"] = {name: float((run().float() - cudnn).abs().max()) for name, run in runs.items()
                                   if name != "cudnn"}
        print(row, flush=True)
        results["timings"].append(row)
        save()
        del query, key, value, cudnn, runs
    names = [label(t) for t in finalists] + ["cudnn", "flash"]
    lines = [f"Triton attention forward vs cuDNN / FlashAttention-2 ({results['device']}, torch {results['torch']}, "
             f"triton {results['triton']}), bf16, {args.heads} heads x 64", "",
             f"exactness (max abs error vs fp32 math, {check_tokens} tokens): {errors}", "",
             f"sweep at {args.sweep_tokens} tokens (ms, TFLOP/s):", ""]
    lines += [f"- {row['tiles']}: {row['ms']:.1f} ({row['tflops']:.0f})" for row in results["sweep"]]
    lines += ["", "| batch x tokens | " + " | ".join(f"{name} ms (TFLOP/s)" for name in names) + " |",
              "|---|" + "---|" * len(names)]
    lines += ["| " + " | ".join([f"{r['batch']} x {r['tokens']}"] + [f"{r[n]['ms']:.1f} ({r[n]['tflops']:.0f})"
                                                                      for n in names]) + " |"
              for r in results["timings"]]
    summary = "\n".join(lines)
    print(summary)
    save()
    atomic_write_text(out / "summary.md", summary + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
