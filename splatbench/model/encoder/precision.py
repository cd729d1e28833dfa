"""Mixed-precision plans of the DepthSplat encoder: which parts run in bf16, which in float32.

``model.encoder.precision`` picks a plan (CUDA only; on the CPU every plan runs float32 unless
``allow_cpu`` is set, which the drift tests use):

* ``fp32``: no autocast (TF32 follows the global ``torch.backends`` switches).
* ``bf16``: bf16 autocast only where it does not move the renders: the DINOv2 ViT, the depth
  U-Net and the DPT depth upsampler. The CNN backbone, the multi-view transformer's projections,
  the 1x1 residual of the depth regressor, the depth head (logits of the softmax over depth
  planes), the DPT feature upsampler, the cost volume and the Gaussian heads stay in float32.
  Measured on the CPU (small preset, 2 views at 128x128, generated weights), each part alone in
  bf16 gives renders at this PSNR against fp32: backbone 27 dB, feature upsampler 33 dB,
  transformer 36 dB, depth head 37 dB, depth-regressor residual 42 dB; ViT 53 dB, U-Net 55 dB,
  depth upsampler 51 dB (those three together 49 dB).
* ``bf16-all``: bf16 autocast over the whole depth predictor and feature upsampler (the Gaussian
  heads still float32; the cost volume correlates bf16 features in inference, accumulating in
  float32): fastest, but renders drift to 25-32 dB.

Under either bf16 region the DPT fusion blocks upsample bf16 maps in bf16
(:func:`interpolate_in_input_dtype`), where CUDA autocast would upsample in float32 for a bf16
consumer. The Gaussian geometry is float32 in every plan (the adapter switches autocast off; its
3x3 products are element-wise on CUDA, :mod:`splatbench.geometry.small_matmul`).

Inference (no autograd) runs the bf16 parts on a bf16 copy of their convolution and linear
weights, made once per weight version (:class:`Bf16WeightCache`), instead of autocast casting
every weight on every call (about 500 cast kernels per forward pass of the small encoder).

In both bf16 plans the multi-view transformer's window attention runs in float16 (``q, k, v``
cast once): the same tensor-core (flash) kernels as bf16 with 8x finer rounding, which moves
the renders by about 60 dB PSNR instead of 43 dB in bf16. Its inputs are LayerNorm-bounded
features, far from float16's range limit. Only in inference: training keeps the inputs' dtype, as
float16 gradients would underflow without loss scaling.
"""

from __future__ import annotations

import contextlib
import copy
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

# Parts of the encoder that can run in bf16 on their own; ALL: one bf16 region over everything.
VIT, UNET, DEPTH_UPSAMPLER, ALL = "vit", "unet", "depth_upsampler", "all"


@dataclass(frozen=True)
class PrecisionPlan:
    bf16_parts: frozenset[str]
    attention_dtype: torch.dtype | None  # multi-view transformer window attention (None: input's)


PRECISION_PLANS: dict[str, PrecisionPlan] = {
    "fp32": PrecisionPlan(frozenset(), None),
    "bf16": PrecisionPlan(frozenset({VIT, UNET, DEPTH_UPSAMPLER}), torch.float16),
    "bf16-all": PrecisionPlan(frozenset({ALL, VIT, UNET, DEPTH_UPSAMPLER}), torch.float16),
}


def _to_float32(value):
    if isinstance(value, torch.Tensor):
        return value.float() if value.is_floating_point() else value
    if isinstance(value, (list, tuple)):
        return type(value)(_to_float32(item) for item in value)
    return value


# Modules whose weights autocast would cast to bf16 on every call; norms stay float32 (autocast
# runs them in float32 anyway).
CAST_ONCE_MODULES = (nn.Linear, nn.Conv1d, nn.Conv2d, nn.ConvTranspose2d)


class Bf16WeightCache:
    """bf16 copies of modules for inference, rebuilt when a weight of the original changes
    (storage or version counter: ``load_state_dict``, an optimiser step, ``.to()``). With
    ``channels_last`` the copy's 4-D weights are NHWC as well (then ``bf16=False`` gives a float32
    NHWC copy): cuDNN keeps NHWC activations NHWC instead of transposing around each call."""

    def __init__(self) -> None:
        self._copies: dict[tuple, tuple[tuple, nn.Module]] = {}

    @staticmethod
    def _fingerprint(module: nn.Module) -> tuple:
        return tuple((p.data_ptr(), p._version) for p in module.parameters())

    def get(self, module: nn.Module, bf16: bool = True, channels_last: bool = False) -> nn.Module:
        fingerprint = self._fingerprint(module)
        key = (id(module), bf16, channels_last)
        entry = self._copies.get(key)
        if entry is not None and entry[0] == fingerprint:
            return entry[1]
        with torch.inference_mode(False), torch.no_grad():
            twin = copy.deepcopy(module)
            for child in twin.modules():
                if bf16 and isinstance(child, CAST_ONCE_MODULES):
                    child.to(torch.bfloat16)
            if channels_last:
                twin.to(memory_format=torch.channels_last)
            twin.requires_grad_(False)
        self._copies[key] = (fingerprint, twin)
        return twin


@contextlib.contextmanager
def fresh_bf16_weights(model: nn.Module):
    """Inside the block ``model`` (an encoder with a :class:`Bf16WeightCache`) makes new bf16
    copies; the previous ones come back afterwards. Profiling uses it so that copies made after
    its forward hooks are installed carry them (``deepcopy`` copies hooks), while CUDA graphs
    captured before keep reading the old copies, which stay alive."""
    if not hasattr(model, "_precision"):  # not an encoder with bf16 plans
        yield
        return
    previous = model.__dict__.get("_bf16_weights")
    model.__dict__["_bf16_weights"] = Bf16WeightCache()
    try:
        yield
    finally:
        # The copies made inside carry the hooks: never keep them (none before: make them anew).
        if previous is None:
            model.__dict__.pop("_bf16_weights", None)
        else:
            model.__dict__["_bf16_weights"] = previous


class MixedPrecision:
    """Autocast regions of one forward pass under a plan, on one device type.

    ``outer()`` wraps the whole forward pass (bf16 autocast for ``bf16-all``, nothing otherwise);
    ``call(part, function, ...)`` runs one part in bf16 when the plan lists it and hands its
    outputs back in float32, so the float32 parts downstream never see a bf16 tensor."""

    def __init__(
        self, plan_name: str, device: torch.device, allow_cpu: bool = False, weights: Bf16WeightCache | None = None
    ) -> None:  # fmt: skip
        if plan_name not in PRECISION_PLANS:
            raise ValueError(f"unknown encoder precision {plan_name!r}; choose from {sorted(PRECISION_PLANS)}")
        active = device.type == "cuda" or allow_cpu
        self.name = plan_name if active else "fp32"
        self.plan = PRECISION_PLANS[self.name]
        self.device_type = device.type
        self.weights = weights

    def copies(self, part: str, module: nn.Module) -> bool:
        """Whether :meth:`module` hands out a bf16 copy of ``module``: ``part`` runs in bf16 and
        nothing needs gradients."""
        return not (self.weights is None or part not in self.plan.bf16_parts or torch.is_grad_enabled() or module.training)

    def module(self, part: str, module: nn.Module) -> nn.Module:
        """``module`` itself, or its cached bf16 copy when ``part`` runs in bf16 and nothing
        needs gradients (the copy's outputs are the same as autocast's on the original)."""
        return self.weights.get(module) if self.copies(part, module) else module

    def nhwc_module(self, part: str, module: nn.Module) -> nn.Module:
        """``module`` for NHWC inputs: in inference a cached copy with NHWC weights (bf16 where
        ``part`` runs in bf16); with autograd ``module`` itself (cuDNN then takes NHWC from the input)."""
        if self.weights is None or torch.is_grad_enabled() or module.training:
            return module
        return self.weights.get(module, bf16=part in self.plan.bf16_parts, channels_last=True)

    @property
    def attention_dtype(self) -> torch.dtype | None:
        """float16 for the transformer's window attention in inference. With autograd: None (the
        inputs' dtype), since float16 gradients would need loss scaling not to underflow."""
        return None if torch.is_grad_enabled() else self.plan.attention_dtype

    @property
    def cost_volume_dtype(self) -> torch.dtype | None:
        """bf16 for the cost volume's features under ``bf16-all`` in inference (the fused kernel
        reads them as such: about half the time of float32 features at 12 views of 512x960);
        None (the features' own dtype, float32) otherwise. Training keeps float32 features."""
        return torch.bfloat16 if ALL in self.plan.bf16_parts and not torch.is_grad_enabled() else None

    def outer(self):
        if ALL in self.plan.bf16_parts:
            return torch.autocast(self.device_type, dtype=torch.bfloat16)
        return contextlib.nullcontext()

    def call(self, part: str, function, *args, **kwargs):
        if part not in self.plan.bf16_parts or ALL in self.plan.bf16_parts:
            return function(*args, **kwargs)
        with torch.autocast(self.device_type, dtype=torch.bfloat16):
            outputs = function(*args, **kwargs)
        return _to_float32(outputs)


FP32 = MixedPrecision("fp32", torch.device("cpu"))


def interpolate_in_input_dtype(tensor: torch.Tensor, **kwargs) -> torch.Tensor:
    """``F.interpolate(tensor, **kwargs)`` in ``tensor``'s own dtype, also under autocast.

    CUDA autocast runs upsampling in float32 (it is on its float32 list), so a bf16 feature map
    is copied to float32, upsampled with twice the memory traffic, and the next bf16 layer copies
    the (larger) result back. Used where the consumer is a bf16 layer, this changes nothing in the
    forward values: both kernels compute in float32 and the bf16 one rounds once, where the
    float32 result would be rounded by the consumer's cast. A float32 input is interpolated as
    before, so the float32 path is untouched."""
    if tensor.dtype in (torch.bfloat16, torch.float16) and torch.is_autocast_enabled(tensor.device.type):
        with torch.autocast(tensor.device.type, enabled=False):
            return F.interpolate(tensor, **kwargs)
    return F.interpolate(tensor, **kwargs)
