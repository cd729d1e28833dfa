"""Evaluation (issue 11): can a Triton flash-attention forward beat cuDNN attention on Hopper for
VGGT's global attention (bf16, 16 heads of 64, non-causal, no mask, 100-200 frames x 1041 tokens)?

The kernel below is a plain online-softmax forward (one program per block of queries and head,
streaming over all keys; fp32 scores, running max and sum; P rounded to the input dtype for the
P.V product, as FlashAttention does), autotuned over tile sizes, warps and pipeline stages. Option
``POLY``: half of every key tile takes its exponentials from a polynomial on the FMA units
(2^x = 2^round(x) * p(x - round(x)), degree 6, relative error ~1e-7, the level of the hardware's
approximate ex2) instead of the special-function unit, which at head dim 64 is as busy as the
tensor cores. Two variants: plain pointer loads, and Hopper's TMA loads through 4D tensor
descriptors (``triton_tma``). The autotuner keeps whichever configuration is fastest for each.

Checks, then timings (median of CUDA events), written to --out as JSON and markdown:
  * exactness: the kernel against PyTorch's fp32 math attention on 8192 tokens, and against
    cuDNN / FlashAttention at the full lengths, with the errors of cuDNN and flash for scale;
  * speed at 104,100 and 208,200 tokens (100 / 200 frames at 392 x 518): both variants, cuDNN, flash.
Results are saved after every step, so a run stopped by its time limit keeps what it measured.

    python scripts/gpu/attention_triton.py --out $OUT/vggt/triton        # GPU
    TRITON_INTERPRET=1 python scripts/gpu/attention_triton.py --check-only --tokens 300 --out /tmp/t  # CPU

Not used by the model: the aggregator's backends are in splatbench/model/vggt/attention.py.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from pathlib import Path

import torch
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from splatbench.utils.io import atomic_write_json, atomic_write_text  # noqa: E402

try:
    import triton
    import triton.language as tl
except ImportError:  # reported by main()
    triton = None

INTERPRET = os.environ.get("TRITON_INTERPRET") == "1"
LOG2E = 1.4426950408889634

if triton is not None:

    def _configs(pre_hook=None) -> list:
        shapes = [(128, 64, 4, 3), (128, 64, 4, 4), (128, 128, 8, 3), (64, 64, 4, 4)]
        return [triton.Config({"BLOCK_M": m, "BLOCK_N": n, "POLY": poly}, num_warps=warps, num_stages=stages,
                              pre_hook=pre_hook)
                for m, n, warps, stages in shapes for poly in (0, 1)]

    @triton.jit
    def _exp2_fma(x):
        """2^x for x <= 0 (or -inf) without the special-function unit."""
        x = tl.maximum(x, -126.0)
        whole = tl.floor(x + 0.5)
        f = x - whole  # in [-0.5, 0.5]
        # Taylor series of e^(f ln 2) to degree 6: truncation error < 1.2e-7 relative on [-0.5, 0.5].
        p = 1.5403530393381606e-04
        p = p * f + 1.3333558146428443e-03
        p = p * f + 9.6181291076284772e-03
        p = p * f + 5.5504108664821580e-02
        p = p * f + 2.4022650695910071e-01
        p = p * f + 6.9314718055994531e-01
        p = p * f + 1.0
        scale = ((whole.to(tl.int32) + 127) << 23).to(tl.float32, bitcast=True)
        return p * scale

    @triton.jit
    def _update(q, k, v, key_mask, m_i, l_i, acc, qk_scale, POLY_HALF: tl.constexpr, MASKED: tl.constexpr):
        """Fold one tile of keys / values into the running (max, sum, accumulator)."""
        scores = tl.dot(q, tl.trans(k))
        if MASKED:
            scores = tl.where(key_mask[None, :], scores, float("-inf"))
        m_new = tl.maximum(m_i, tl.max(scores, 1) * qk_scale)
        shifted = scores * qk_scale - m_new[:, None]
        if POLY_HALF:
            p = _exp2_fma(shifted)
        else:
            p = tl.math.exp2(shifted)
        alpha = tl.math.exp2(m_i - m_new)
        l_i = l_i * alpha + tl.sum(p, 1)
        acc = acc * alpha[:, None]
        acc = tl.dot(p.to(v.dtype), v, acc)
        return m_new, l_i, acc

    @triton.jit
    def _tile(q, K, V, b, h, start, stride_kn, stride_vn, tokens, m_i, l_i, acc, qk_scale, TILE: tl.constexpr,
              HEAD_DIM: tl.constexpr, POLY_HALF: tl.constexpr, MASKED: tl.constexpr, TMA: tl.constexpr):
        """Load keys / values ``start .. start + TILE`` and fold them in. With TMA, K and V are 4D
        descriptors (rows past the sequence come back as zeros); else pointers to this head's rows."""
        keys = start + tl.arange(0, TILE)
        key_mask = keys < tokens
        if TMA:
            k = K.load([b, h, start, 0]).reshape([TILE, HEAD_DIM])
            v = V.load([b, h, start, 0]).reshape([TILE, HEAD_DIM])
        else:
            dims = tl.arange(0, HEAD_DIM)
            k_ptrs = K + keys[:, None] * stride_kn + dims[None, :]
            v_ptrs = V + keys[:, None] * stride_vn + dims[None, :]
            if MASKED:
                k = tl.load(k_ptrs, mask=key_mask[:, None], other=0.0)
                v = tl.load(v_ptrs, mask=key_mask[:, None], other=0.0)
            else:
                k = tl.load(k_ptrs)
                v = tl.load(v_ptrs)
        return _update(q, k, v, key_mask, m_i, l_i, acc, qk_scale, POLY_HALF, MASKED)

    @triton.jit
    def _attention_kernel(Q, K, V, O, stride_qb, stride_qh, stride_qn, stride_kb, stride_kh, stride_kn,
                          stride_vb, stride_vh, stride_vn, stride_ob, stride_oh, stride_on, heads, tokens,
                          qk_scale, HEAD_DIM: tl.constexpr, BLOCK_M: tl.constexpr, BLOCK_N: tl.constexpr,
                          POLY: tl.constexpr, TMA: tl.constexpr):
        """One block of BLOCK_M queries of one (batch, head) against all keys. TMA: Q, K, V, O are
        tensor descriptors [batch, head, token, head_dim] with blocks [1, 1, tile, head_dim] (K / V
        tiles BLOCK_N / 2 long with POLY) and the strides are unused; else pointers and strides."""
        block = tl.program_id(0)
        batch_head = tl.program_id(1)
        b = batch_head // heads
        h = batch_head % heads
        rows = block * BLOCK_M + tl.arange(0, BLOCK_M)
        dims = tl.arange(0, HEAD_DIM)
        if TMA:
            q = Q.load([b, h, block * BLOCK_M, 0]).reshape([BLOCK_M, HEAD_DIM])
        else:
            b, h = b.to(tl.int64), h.to(tl.int64)  # offsets past 2^31 elements stay right
            q = tl.load(Q + b * stride_qb + h * stride_qh + rows[:, None] * stride_qn + dims[None, :],
                        mask=(rows < tokens)[:, None], other=0.0)
            K = K + b * stride_kb + h * stride_kh
            V = V + b * stride_vb + h * stride_vh
        m_i = tl.full([BLOCK_M], float("-inf"), tl.float32)
        l_i = tl.zeros([BLOCK_M], tl.float32)
        acc = tl.zeros([BLOCK_M, HEAD_DIM], tl.float32)
        full = tokens // BLOCK_N * BLOCK_N
        if POLY:
            # Each full tile: first half through the special-function unit, second half through the
            # FMA polynomial; the ragged tail in masked half tiles.
            half: tl.constexpr = BLOCK_N // 2
            for start in range(0, full, BLOCK_N):
                m_i, l_i, acc = _tile(q, K, V, b, h, start, stride_kn, stride_vn, tokens, m_i, l_i, acc, qk_scale,
                                      half, HEAD_DIM, False, False, TMA)
                m_i, l_i, acc = _tile(q, K, V, b, h, start + half, stride_kn, stride_vn, tokens, m_i, l_i, acc,
                                      qk_scale, half, HEAD_DIM, True, False, TMA)
            for start in range(full, tokens, half):
                m_i, l_i, acc = _tile(q, K, V, b, h, start, stride_kn, stride_vn, tokens, m_i, l_i, acc, qk_scale,
                                      half, HEAD_DIM, False, True, TMA)
        else:
            for start in range(0, full, BLOCK_N):
                m_i, l_i, acc = _tile(q, K, V, b, h, start, stride_kn, stride_vn, tokens, m_i, l_i, acc, qk_scale,
                                      BLOCK_N, HEAD_DIM, False, False, TMA)
            if full < tokens:
                m_i, l_i, acc = _tile(q, K, V, b, h, full, stride_kn, stride_vn, tokens, m_i, l_i, acc, qk_scale,
                                      BLOCK_N, HEAD_DIM, False, True, TMA)
        out = acc / l_i[:, None]
        if TMA:
            O.store([b, h, block * BLOCK_M, 0], out.to(O.dtype).reshape([1, 1, BLOCK_M, HEAD_DIM]))
        else:
            tl.store(O + b * stride_ob + h * stride_oh + rows[:, None] * stride_on + dims[None, :],
                     out.to(O.dtype.element_ty), mask=(rows < tokens)[:, None])

    def _tma_block_shapes(nargs: dict) -> None:
        if not nargs["TMA"]:
            return
        kv_tile = nargs["BLOCK_N"] // 2 if nargs["POLY"] else nargs["BLOCK_N"]
        for name, tile in (("Q", nargs["BLOCK_M"]), ("O", nargs["BLOCK_M"]), ("K", kv_tile), ("V", kv_tile)):
            nargs[name].block_shape = [1, 1, tile, nargs["HEAD_DIM"]]

    # Tuned once per head dim and variant, on the first call (main() makes that the first timed length).
    _attention_forward = triton.autotune(configs=_configs(_tma_block_shapes), key=["HEAD_DIM", "TMA"])(_attention_kernel)


def triton_attention(query: torch.Tensor, key: torch.Tensor, value: torch.Tensor, config: dict | None = None,
                     tma: bool = False) -> torch.Tensor:
    """softmax(q k^T / sqrt(d)) v for [batch, head, token, head_dim] tensors (last dim contiguous).
    The output is laid out [batch, token, head, head_dim] in memory, viewed as [batch, head, token, d].
    ``config`` (BLOCK_M, BLOCK_N, POLY) bypasses the autotuner (the interpreter cannot time);
    ``tma``: the tensor-memory-accelerator variant (strides must be multiples of 8 elements)."""
    batch, heads, tokens, head_dim = query.shape
    if any(t.stride(-1) != 1 for t in (query, key, value)):
        raise ValueError("triton_attention needs the head dimension contiguous")
    out = torch.empty(batch, tokens, heads, head_dim, device=query.device, dtype=query.dtype).transpose(1, 2)
    qk_scale = LOG2E / math.sqrt(head_dim)

    def grid(meta):
        return (triton.cdiv(tokens, meta["BLOCK_M"]), batch * heads)

    strides = [*query.stride()[:3], *key.stride()[:3], *value.stride()[:3], *out.stride()[:3]]
    tensors = [query, key, value, out]
    if tma:
        from triton.tools.tensor_descriptor import TensorDescriptor

        placeholder = [1, 1, 16, head_dim]  # replaced per configuration by _tma_block_shapes
        tensors = [TensorDescriptor(t, list(t.shape), list(t.stride()), placeholder) for t in tensors]
        if config is not None:
            _tma_block_shapes({"Q": tensors[0], "K": tensors[1], "V": tensors[2], "O": tensors[3],
                               "HEAD_DIM": head_dim, "TMA": True, **config})
    kernel = _attention_forward if config is None else _attention_kernel
    kernel[grid](*tensors, *strides, heads, tokens, qk_scale, HEAD_DIM=head_dim, TMA=tma, **(config or {}))
    return out


def sdpa(backend: str, query, key, value):
    from torch.nn.attention import SDPBackend, sdpa_kernel

    with sdpa_kernel([getattr(SDPBackend, backend)]):
        return F.scaled_dot_product_attention(query, key, value)


def time_ms(run, repeats: int) -> float:
    run()
    torch.cuda.synchronize()
    times = []
    for _ in range(repeats):
        start, stop = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        start.record()
        run()
        stop.record()
        torch.cuda.synchronize()
        times.append(start.elapsed_time(stop))
    return sorted(times)[len(times) // 2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    parser.add_argument("--tokens", type=int, nargs="+", default=[104_100, 208_200])
    parser.add_argument("--check-tokens", type=int, default=8192)
    parser.add_argument("--heads", type=int, default=16)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--check-only", action="store_true", help="exactness only (CPU with TRITON_INTERPRET=1)")
    args = parser.parse_args(argv)
    if triton is None:
        print("attention_triton.py: the triton package is not installed", file=sys.stderr)
        return 2
    device = torch.device("cpu" if INTERPRET else "cuda")
    if device.type == "cuda" and not torch.cuda.is_available():
        print("attention_triton.py: needs a CUDA GPU (or TRITON_INTERPRET=1 with --check-only)", file=sys.stderr)
        return 2
    dtype = torch.bfloat16
    generator = torch.Generator(device).manual_seed(0)

    def inputs(tokens: int, heads: int) -> list[torch.Tensor]:
        # Scaled like VGGT's normalised q/k (unit-variance per channel) so softmax is peaked, not flat.
        return [torch.randn(1, heads, tokens, 64, device=device, generator=generator, dtype=dtype) * scale
                for scale in (1.5, 1.5, 1.0)]

    results: dict = {"device": torch.cuda.get_device_name() if device.type == "cuda" else "cpu (interpreter)",
                     "torch": torch.__version__, "triton": triton.__version__, "checks": {}, "timings": [],
                     "autotune": {}}
    out = Path(args.out)
    variants = {"triton": False, "triton_tma": True}  # name -> tma

    def save() -> None:  # after every step: a run cut short by its time limit keeps what it measured
        atomic_write_json(out / "results.json", results)

    if not args.check_only:  # autotune on the first timed length, not on the short check
        tune_inputs = inputs(args.tokens[0], args.heads)
        for name, tma in list(variants.items()):
            start = time.perf_counter()
            try:
                triton_attention(*tune_inputs, tma=tma)
                torch.cuda.synchronize()
            except Exception as error:  # e.g. a configuration or API this GPU / Triton lacks
                results["autotune"][name] = {"error": str(error).splitlines()[0][:300] if str(error) else repr(error)}
                del variants[name]
            else:
                results["autotune"][name] = {"seconds": time.perf_counter() - start,
                                             "config": str(_attention_forward.best_config)}
            print(f"autotune {name}: {results['autotune'][name]}")
            save()
        del tune_inputs
    check_heads = 2 if INTERPRET else args.heads
    check_tokens = min(args.check_tokens, max(args.tokens)) if INTERPRET else args.check_tokens
    short = inputs(check_tokens, check_heads)
    errors = {}
    if INTERPRET:
        # Every code path with small tiles (several tiles and a ragged tail), in fp32 and fp16 against
        # a float64 reference: the interpreter mishandles bf16 stores, the GPU run checks bf16.
        reference = sdpa("MATH", *(t.double() for t in short))
        for check_dtype in (torch.float32, torch.float16):
            for name, tma in variants.items():
                for poly in (0, 1):
                    config = {"BLOCK_M": 32, "BLOCK_N": 32, "POLY": poly}
                    ours = triton_attention(*(t.to(check_dtype) for t in short), config=config, tma=tma).double()
                    errors[f"{name}_{str(check_dtype)[6:]}_poly{poly}"] = float((ours - reference).abs().max())
    else:
        reference = sdpa("MATH", *(t.float() for t in short))
        for name, tma in variants.items():
            errors[name] = float((triton_attention(*short, tma=tma).float() - reference).abs().max())
        for backend in ("CUDNN_ATTENTION", "FLASH_ATTENTION"):
            errors[backend] = float((sdpa(backend, *short).float() - reference).abs().max())
    results["checks"]["max_abs_error_vs_math"] = {"tokens": check_tokens, **errors}
    # bf16 output rounding alone is ~4e-3 here; a wrong kernel is off by far more.
    passed = bool(variants) and all(error < 2e-2 for error in errors.values())
    results["checks"]["passed"] = passed
    print(json.dumps(results["checks"]))
    save()
    if not args.check_only and passed:
        for tokens in args.tokens:
            query, key, value = inputs(tokens, args.heads)
            flops = 4 * args.heads * tokens * tokens * 64
            row: dict = {"tokens": tokens}
            runs = {name: (lambda tma=tma: triton_attention(query, key, value, tma=tma)) for name, tma in variants.items()}
            runs["cudnn"] = lambda: sdpa("CUDNN_ATTENTION", query, key, value)
            runs["flash"] = lambda: sdpa("FLASH_ATTENTION", query, key, value)
            for name, run in runs.items():
                milliseconds = time_ms(run, args.repeats)
                row[f"{name}_ms"], row[f"{name}_tflops"] = milliseconds, flops / milliseconds / 1e9
            cudnn = runs["cudnn"]().float()
            for name in variants:
                row[f"{name}_vs_cudnn_max_abs"] = float((runs[name]().float() - cudnn).abs().max())
            row["flash_vs_cudnn_max_abs"] = float((runs["flash"]().float() - cudnn).abs().max())
            print(json.dumps(row))
            results["timings"].append(row)
            save()
            del query, key, value, cudnn, runs
    names = [*variants, "cudnn", "flash"]
    lines = [f"Triton flash-attention forward vs cuDNN / flash ({results['device']}, torch {results['torch']}, "
             f"triton {results['triton']}), bf16, {args.heads} heads x 64", "",
             f"autotune: {results['autotune']}", "",
             f"exactness (max abs error vs math attention, {check_tokens} tokens): {errors}; passed: {passed}", "",
             "| tokens | " + " | ".join(f"{name} ms (TFLOP/s)" for name in names) + " |",
             "|---|" + "---|" * len(names)]
    lines += ["| " + " | ".join([str(r["tokens"])] + [f"{r[name + '_ms']:.1f} ({r[name + '_tflops']:.0f})" for name in names]) + " |"
              for r in results["timings"]]
    summary = "\n".join(lines)
    print(summary)
    save()
    atomic_write_text(out / "summary.md", summary + "\n")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
