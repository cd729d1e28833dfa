"""The fused norm kernels (splatbench/model/kernels/norms.py) against the eager ops they replace,
at VGGT-1B's shapes for one 16-frame chunk at 336 x 518 (893 tokens a frame, 1024 channels, 16 heads
of 64), on one GPU (scripts/gpu/vggtfuse.sh runs it):

* ``norm``: LayerNorm of the fp32 stream + autocast's cast to bf16, against ``layer_norm_cast``;
* ``residual``: ``x.addcmul_(update, gamma)`` + LayerNorm + cast, against ``residual_layer_norm``;
* ``qk``: the eager QK-norm + RoPE (fp32 out), then the copies of q, k (cast) and v into the global
  attention's ``[batch, head, frame, token, head_dim]`` buffers, against ``qk_norm_rope`` writing there.

For each: CUDA-event medians, the fused kernel's bandwidth from the bytes it moves by construction,
how far its bf16 outputs are from the eager ones (max difference, share of elements that differ: a
different summation order flips a rounding now and then), and a sweep of launch configurations
(elements per program x warps). Writes ``kernels.json`` / ``kernels.md`` under ``--out``.

    python scripts/gpu/vggtfuse_kernels.py --out outputs/vggtfuse
    python scripts/gpu/vggtfuse_kernels.py --out /tmp/vggtfuse --smoke   # CPU, interpreter, tiny shapes
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

import torch
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
if not torch.cuda.is_available():
    os.environ.setdefault("TRITON_INTERPRET", "1")

from splatbench.evaluation.speed import median_event_ms  # noqa: E402
from splatbench.model.kernels import norms  # noqa: E402
from splatbench.model.vggt.elementwise import qk_norm_rope as eager_qk_norm_rope  # noqa: E402
from splatbench.utils.io import atomic_write_json, atomic_write_text  # noqa: E402

logger = logging.getLogger("vggtfuse_kernels")


def difference(ours: torch.Tensor, eager: torch.Tensor) -> dict:
    return {"max_abs": float((ours.float() - eager.float()).abs().max()),
            "share_differing": float((ours != eager).float().mean())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    parser.add_argument("--smoke", action="store_true", help="tiny shapes (CPU, Triton's interpreter)")
    parser.add_argument("--repeats", type=int, default=50)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    frames, tokens, dim, heads = (2, 20, 64, 4) if args.smoke else (16, 893, 1024, 16)
    repeats = 1 if args.smoke else args.repeats
    head_dim = dim // heads
    generator = torch.Generator(device).manual_seed(0)

    def randn(*shape, dtype=torch.float32):
        return torch.randn(*shape, device=device, generator=generator).to(dtype)

    stream = randn(1, frames, tokens, dim) * 2
    update = randn(1, frames, tokens, dim, dtype=torch.bfloat16)
    gamma = randn(dim).abs() * 1e-3
    weight, bias = randn(dim), randn(dim)
    qkv = randn(1, frames, tokens, 3, heads, head_dim, dtype=torch.bfloat16) * 3
    tables = [randn(tokens, 2, 1, head_dim) for _ in range(3)]
    buffers = [torch.empty(1, heads, frames, tokens, head_dim, device=device, dtype=torch.bfloat16) for _ in range(3)]
    views = tuple(buffer.permute(0, 2, 3, 1, 4) for buffer in buffers)
    bf16 = torch.bfloat16

    def eager_norm():
        return F.layer_norm(stream, (dim,), weight, bias, 1e-5).to(bf16)

    def eager_residual(x):
        x.addcmul_(update, gamma)
        return F.layer_norm(x, (dim,), weight, bias, 1e-6).to(bf16)

    def eager_qk():
        query, key = eager_qk_norm_rope(qkv, *tables, 1e-5, None)
        for buffer, part in zip(buffers, (query, key, qkv[..., 2, :, :])):
            buffer[:] = part.permute(0, 3, 1, 2, 4)

    elements = stream.numel()
    qk_elements = qkv.numel()
    cases = {
        # name: (eager run, fused run given a launch, bytes the fused kernel moves)
        "norm": (eager_norm, lambda launch: norms.layer_norm_cast(stream, weight, bias, 1e-5, bf16, launch),
                 elements * (4 + 2)),
        "residual": (lambda: eager_residual(stream),
                     lambda launch: norms.residual_layer_norm(stream, update, gamma, weight, bias, 1e-6, bf16, launch),
                     elements * (4 + 2 + 4 + 2)),
        "qk": (eager_qk, lambda launch: norms.qk_norm_rope(qkv, *tables, 1e-5, out=views, launch=launch),
               qk_elements * (2 + 2)),
    }
    defaults = {"norm": norms.ROW_LAUNCH, "residual": norms.ROW_LAUNCH, "qk": norms.HEADS_LAUNCH}

    # Accuracy against eager, each on the same inputs (the residual on copies of the stream).
    accuracy = {"norm": difference(norms.layer_norm_cast(stream, weight, bias, 1e-5, bf16), eager_norm())}
    x_eager, x_fused = stream.clone(), stream.clone()
    y_eager = eager_residual(x_eager)
    y_fused = norms.residual_layer_norm(x_fused, update, gamma, weight, bias, 1e-6, bf16)
    accuracy["residual"] = {"stream": difference(x_fused, x_eager), "normed": difference(y_fused, y_eager)}
    eager_qk()
    expected = [buffer.clone() for buffer in buffers]
    norms.qk_norm_rope(qkv, *tables, 1e-5, out=views)
    accuracy["qk"] = {name: difference(buffer, reference) for name, buffer, reference in zip("qkv", buffers, expected)}
    del x_eager, x_fused, expected

    sweep_launches = ([norms.RowLaunch(1024, 4), norms.RowLaunch(4096, 8)] if args.smoke else
                      [norms.RowLaunch(e, w) for e in (1024, 2048, 4096, 8192, 16384) for w in (2, 4, 8, 16)
                       if e // (32 * w) >= 4])
    results: dict = {"device": torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu",
                     "shapes": {"frames": frames, "tokens": tokens, "dim": dim, "heads": heads},
                     "repeats": repeats, "accuracy_vs_eager": accuracy, "cases": {}}
    for name, (eager, fused, moved) in cases.items():
        eager_ms = median_event_ms(eager, device, repeats, warmup=2)
        fused_ms = median_event_ms(lambda: fused(defaults[name]), device, repeats, warmup=2)
        sweep = []
        for launch in sweep_launches:
            ms = median_event_ms(lambda: fused(launch), device, repeats, warmup=2)
            sweep.append({"elements": launch.elements, "warps": launch.warps, "ms": ms})
        best = min(sweep, key=lambda row: row["ms"])
        results["cases"][name] = {
            "eager_ms": eager_ms, "fused_ms": fused_ms, "speedup": eager_ms / fused_ms,
            "fused_bytes": moved, "fused_gb_per_s": moved / fused_ms / 1e6,
            "default_launch": {"elements": defaults[name].elements, "warps": defaults[name].warps},
            "best_launch": best, "sweep": sweep,
        }
        logger.info("%s: eager %.3f ms, fused %.3f ms (%.0f GB/s), best %s", name, eager_ms, fused_ms,
                    moved / fused_ms / 1e6, best)

    lines = [f"Fused norm kernels against eager, {results['device']}, one chunk of {frames} frames x {tokens} tokens "
             f"x {dim} channels ({heads} heads of {head_dim}); CUDA-event medians of {repeats}", "",
             "| case | eager ms | fused ms (default launch) | speedup | fused GB/s (bytes by construction) "
             "| best launch (elements, warps): ms |", "|---|---|---|---|---|---|"]
    for name, case in results["cases"].items():
        best = case["best_launch"]
        lines.append(f"| {name} | {case['eager_ms']:.3f} | {case['fused_ms']:.3f} | {case['speedup']:.2f}x "
                     f"| {case['fused_gb_per_s']:.0f} | ({best['elements']}, {best['warps']}): {best['ms']:.3f} |")
    lines += ["", f"bf16 outputs against eager: {accuracy}"]
    text = "\n".join(lines)
    print(text)
    out = Path(args.out)
    atomic_write_json(out / "kernels.json", results)
    atomic_write_text(out / "kernels.md", text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
