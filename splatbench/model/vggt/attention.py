"""Which exact attention kernel the VGGT aggregator runs, chosen explicitly per call.

PyTorch's ``scaled_dot_product_attention`` picks a backend by its own priority order, which has
changed between releases (cuDNN attention was first on Hopper in some, last in others). The
aggregator's 48 attention layers are most of its time, so here the choice is explicit:

* ``auto`` (default): on CUDA, our Triton kernel (:mod:`splatbench.model.kernels.attention`) for
  long sequences (at least :data:`AUTO_TRITON_MIN_TOKENS` tokens: the global attention over all
  frames) in bf16 / fp16, without gradients, on the GPUs where it was measured faster (compute
  capability 9.x: Hopper); otherwise cuDNN
  attention when its checks pass for these tensors (fastest of PyTorch's kernels on Hopper at head
  dim 64: about 416 TFLOP/s on an H200 against FlashAttention-2's 320), else PyTorch's
  FlashAttention-2, else PyTorch's own choice. On a CPU: PyTorch's own choice.
* ``triton``: our Triton kernel only; ``cudnn`` / ``flash`` / ``efficient`` / ``math``: that
  PyTorch kernel only (an error if it cannot run).
* ``default``: PyTorch's own choice, no context at all.

All of them compute exact softmax attention with scale ``1 / sqrt(head_dim)`` and no mask; they
differ in summation order only. :class:`AttentionKernel` counts which backend served each call
(``used``) so benchmarks can record it.
"""

from __future__ import annotations

from collections import Counter

import torch
import torch.nn.functional as F
from torch import Tensor


# name -> SDPBackend attribute name; "auto" and "default" are resolved by AttentionKernel.
FORCED_BACKENDS = {
    "cudnn": "CUDNN_ATTENTION",
    "flash": "FLASH_ATTENTION",
    "efficient": "EFFICIENT_ATTENTION",
    "math": "MATH",
}
ATTENTION_BACKENDS = ("auto", "default", "triton", *FORCED_BACKENDS)
# "auto" takes the Triton kernel from this sequence length on (global attention over >= 16 frames of
# 392 x 518; frame attention, about 1000 tokens, stays on cuDNN), on these compute capabilities.
AUTO_TRITON_MIN_TOKENS = 16384
AUTO_TRITON_CAPABILITIES = (9,)
# Tried in this order by "auto": name -> checker in torch.backends.cuda.
AUTO_ORDER = (("cudnn", "can_use_cudnn_attention"), ("flash", "can_use_flash_attention"))


def _triton_kernel():
    """The Triton kernel module, imported on first use (importing triton costs ~0.15 s)."""
    from splatbench.model.kernels import attention

    return attention


def _sdpa_params(query: Tensor, key: Tensor, value: Tensor):
    from torch.backends.cuda import SDPAParams

    try:
        return SDPAParams(query, key, value, None, 0.0, False, False)  # torch >= 2.5: enable_gqa
    except TypeError:
        return SDPAParams(query, key, value, None, 0.0, False)


def usable_backend(query: Tensor, key: Tensor, value: Tensor) -> str:
    """What ``auto`` runs (module docstring): ``triton`` for long sequences on the capabilities of
    :data:`AUTO_TRITON_CAPABILITIES`, else the first backend of :data:`AUTO_ORDER` whose PyTorch
    check accepts these tensors, else ``default``. Always ``default`` off CUDA."""
    if query.device.type != "cuda":
        return "default"
    if (query.shape[-2] >= AUTO_TRITON_MIN_TOKENS
            and torch.cuda.get_device_capability(query.device)[0] in AUTO_TRITON_CAPABILITIES
            and _triton_kernel().problem(query, key, value) is None):
        return "triton"
    import torch.backends.cuda as cuda_backends

    params = _sdpa_params(query, key, value)
    for name, checker in AUTO_ORDER:
        if getattr(cuda_backends, checker)(params, False):
            return name
    return "default"


class AttentionKernel:
    """``softmax(q k^T / sqrt(d)) v`` on ``[batch, head, token, head_dim]`` tensors through the
    chosen backend. Under autocast the inputs are cast to the autocast dtype first (what SDPA's
    autocast does), so the backend checks see the dtype the kernel will get."""

    def __init__(self, backend: str = "auto") -> None:
        if backend not in ATTENTION_BACKENDS:
            raise ValueError(f"unknown attention backend {backend!r}; choose from {', '.join(ATTENTION_BACKENDS)}")
        self.backend = backend
        self.used: Counter[str] = Counter()

    def pick(self, query: Tensor, key: Tensor, value: Tensor) -> str:
        """The backend these (already cast) tensors would run on."""
        return usable_backend(query, key, value) if self.backend == "auto" else self.backend

    def __call__(self, query: Tensor, key: Tensor, value: Tensor) -> Tensor:
        device = query.device.type
        if torch.is_autocast_enabled(device):
            dtype = torch.get_autocast_dtype(device)
            query, key, value = (t.to(dtype) for t in (query, key, value))
        name = self.pick(query, key, value)
        self.used[name] += 1
        if name == "default":
            return F.scaled_dot_product_attention(query, key, value)
        if name == "triton":
            return _triton_kernel().flash_attention(query, key, value)
        from torch.nn.attention import SDPBackend, sdpa_kernel

        with sdpa_kernel([getattr(SDPBackend, FORCED_BACKENDS[name])]):
            return F.scaled_dot_product_attention(query, key, value)


def _runs(backend: str, device: torch.device, dtype: torch.dtype, head_dim: int) -> bool:
    probe = torch.zeros(1, 1, 8, head_dim, device=device, dtype=dtype)
    try:
        AttentionKernel(backend)(probe, probe, probe)
    except (RuntimeError, ValueError):
        return False
    return True


def backend_problem(backend: str, device: torch.device, dtype: torch.dtype, head_dim: int) -> str | None:
    """Why a forced ``backend`` cannot run attention in ``dtype`` on ``device`` (e.g. cuDNN on a
    CPU, FlashAttention in fp32 on CUDA), found by running it once on a few tokens; None when it
    can, and always for ``auto`` and ``default`` (they fall back)."""
    if backend in ("auto", "default") or _runs(backend, device, dtype, head_dim):
        return None
    usable = [name for name in ("triton", *FORCED_BACKENDS) if name != backend and _runs(name, device, dtype, head_dim)]
    where = f"{device.type} in {str(dtype).removeprefix('torch.')}"
    return f"{backend!r} cannot run on {where} (usable there: auto, default, {', '.join(usable)})"
