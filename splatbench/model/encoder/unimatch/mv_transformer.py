"""Multi-view Swin-style feature transformer (UniMatch / DepthSplat).

Each layer is window self-attention followed by window cross-attention from every view to the
other views (or, with more than 3 views, to its nearest ``local_mv_match`` views), with shifted
windows on odd layers. Parameter names follow UniMatch (``layers.N.self_attn.q_proj`` ...).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Literal

import torch
from jaxtyping import Float, Int64
from torch import Tensor, nn

from .attention import attention
from ..sync_free import cached_constant
from .windows import merge_windows_channel_last, split_windows_channel_last, tiled_window_mask, window_groups

WindowAttentionBackend = Literal["auto", "reference", "grouped"]


def in_compute_dtype(attention_function: Callable[..., Tensor]) -> Callable[..., Tensor]:
    """Gives an attention function whose first three arguments are q, k and v a keyword
    ``compute_dtype``: q, k and v are cast to it for the attention product (e.g. float16 for the
    flash kernels) outside autocast (a bf16 region's ops would refuse or re-cast float16 operands),
    and the output comes back in the query's dtype."""

    @functools.wraps(attention_function)
    def run(query: Tensor, key: Tensor, value: Tensor, *args, compute_dtype: torch.dtype | None = None, **kwargs):
        if compute_dtype is None or compute_dtype == query.dtype:
            return attention_function(query, key, value, *args, **kwargs)
        with torch.autocast(query.device.type, enabled=False):
            out = attention_function(query.to(compute_dtype), key.to(compute_dtype), value.to(compute_dtype), *args, **kwargs)
        return out.to(query.dtype)

    return run


@in_compute_dtype
def window_attention(
    query: Float[Tensor, "batch tokens channel"],
    key: Float[Tensor, "batch views tokens channel"],
    value: Float[Tensor, "batch views tokens channel"],
    height: int,
    width: int,
    num_splits: int,
    shifted: bool = False,
    num_heads: int = 1,
    backend: str = "sdpa",
) -> Float[Tensor, "batch tokens channel"]:
    """Attention inside KxK windows; keys of all given views in a window are pooled together.
    Keyword ``compute_dtype``: see :func:`in_compute_dtype`.

    With ``shifted`` the map is cyclically shifted by half a window first (and back after) and
    the shifted-window mask (cached per shape and dtype) keeps wrapped regions apart.
    The reference tiles the per-window mask over the key axis as [mask, mask, ...] while its keys
    are ordered (position, view); for more than one key view those two orders disagree. We keep
    the reference's behaviour so that official checkpoints give the same results.
    """
    b, _, c = query.shape
    m = key.shape[1]
    q = query.view(b, height, width, c)
    k = key.view(b, m, height, width, c)
    v = value.view(b, m, height, width, c)
    shift = shifted and num_splits > 1
    if shift:
        sh, sw = height // num_splits // 2, width // num_splits // 2
        q = torch.roll(q, shifts=(-sh, -sw), dims=(1, 2))
        k = torch.roll(k, shifts=(-sh, -sw), dims=(2, 3))
        v = torch.roll(v, shifts=(-sh, -sw), dims=(2, 3))

    windows = num_splits * num_splits
    head_dim = c // num_heads
    q = split_windows_channel_last(q, num_splits)  # [b*KK, wh, ww, c]
    wh, ww = q.shape[1:3]
    tokens = wh * ww

    def keys_to_windows(t: Tensor) -> Tensor:
        # [b, m, h, w, c] -> [b, KK * heads, tokens*m, d], token order (position, view)
        t = t.permute(0, 2, 3, 1, 4).reshape(b, height, width, m * c)
        t = split_windows_channel_last(t, num_splits).reshape(b, windows, tokens * m, num_heads, head_dim)
        return t.transpose(2, 3).reshape(b, windows * num_heads, tokens * m, head_dim)

    # Windows and heads share one axis so that attention sees 4-D tensors: PyTorch's fused SDPA
    # kernels take only 4-D inputs and fall back to the explicit (memory-hungry) path otherwise.
    q = q.reshape(b, windows, tokens, num_heads, head_dim).transpose(2, 3).reshape(b, windows * num_heads, tokens, head_dim)
    mask = None
    if shift:
        # [1, KK * heads, tokens, tokens*m], cached; additive in q's dtype for SDPA (no per-call cast)
        mask_dtype = q.dtype if backend == "sdpa" else None
        mask = tiled_window_mask(height, width, num_splits, m, num_heads, q.device, mask_dtype)
    out = attention(q, keys_to_windows(k), keys_to_windows(v), mask, backend)  # [b, KK * heads, tokens, d]
    out = out.view(b, windows, num_heads, tokens, head_dim)
    out = out.transpose(2, 3).reshape(b * windows, wh, ww, c)
    out = merge_windows_channel_last(out, num_splits)
    if shift:
        out = torch.roll(out, shifts=(sh, sw), dims=(1, 2))
    return out.reshape(b, -1, c)


@in_compute_dtype
def grouped_window_attention(
    query: Float[Tensor, "batch_views tokens channel"],
    key: Float[Tensor, "batch views tokens channel"],
    value: Float[Tensor, "batch views tokens channel"],
    view_index: Int64[Tensor, "batch views key_views"],
    height: int,
    width: int,
    num_splits: int,
    shifted: bool = False,
    num_heads: int = 1,
    backend: str = "sdpa",
) -> Float[Tensor, "batch_views tokens channel"]:
    """:func:`window_attention` of view ``i`` of each scene against the keys and values of views
    ``view_index[:, i]``, computed from the keys and values of every view once (not gathered per
    querying view) and without roll, mask or window copies: the queries and keys of each (window,
    region) segment (:func:`~.windows.window_groups`) are gathered once, segments of equal length
    go through one mask-free attention call each, and the outputs are put back in map order.

    Same results as :func:`window_attention` on ``key[b, view_index[b, i]]`` up to summation
    order (and exp(-100) ~ 4e-44: the masked weights that the reference's -100 leaves), including
    the reference's mask tiling over several key views. Why: the float mask makes the fused
    kernels take their slow masked path (twice the time at 12 views 512x960 on an H200), and the
    rolls and window permutes are as many passes over the features as the attention itself.
    Keyword ``compute_dtype``: see :func:`in_compute_dtype`."""
    scenes, views, tokens, c = key.shape
    key_views = view_index.shape[-1]
    batch = query.shape[0]
    head_dim = c // num_heads
    plan = window_groups(height, width, num_splits, shifted, key_views, query.device)
    # Row of each key slot in the flattened [scenes * views * tokens] keys, per querying view.
    first_rows = (view_index + torch.arange(scenes, device=query.device)[:, None, None] * views) * tokens
    rows = first_rows.reshape(batch, key_views)[:, plan.key_view_slots] + plan.key_pixels  # [batch, key slots]
    flat_keys, flat_values = key.reshape(-1, c), value.reshape(-1, c)

    def heads_first(x: Tensor, segments: int, length: int) -> Tensor:
        # [batch, segments * length, c] -> [batch, segments * heads, length, head_dim] (a view for one head)
        x = x.view(batch, segments, length, num_heads, head_dim).transpose(2, 3)
        return x.reshape(batch, segments * num_heads, length, head_dim)

    out = torch.empty_like(query)
    for first, segments, length in plan.groups:
        queries, keys = slice(first, first + segments * length), slice(key_views * first, key_views * (first + segments * length))
        # Gathered group by group: each attention call gets contiguous operands (the fused kernels'
        # fastest layout), for the same bytes moved as one gather of everything.
        group_rows = rows[:, keys].reshape(-1)
        message = attention(
            heads_first(query.index_select(1, plan.query_pixels[queries]), segments, length),
            heads_first(flat_keys.index_select(0, group_rows).view(batch, -1, c), segments, key_views * length),
            heads_first(flat_values.index_select(0, group_rows).view(batch, -1, c), segments, key_views * length),
            None,
            backend,
        )  # fmt: skip
        # back to the map positions of these query slots (each pixel is written once, by one group)
        message = message.view(batch, segments, num_heads, length, head_dim).transpose(2, 3).reshape(batch, -1, c)
        out.index_copy_(1, plan.query_pixels[queries], message)
    return out


def _to_autocast_dtype(x: Tensor) -> Tensor:
    """x as autocast's matrix products would cast it (unchanged outside autocast)."""
    device = x.device.type
    return x.to(torch.get_autocast_dtype(device)) if torch.is_autocast_enabled(device) else x


def fused_layer_norm(norm: nn.LayerNorm, x: Tensor, dtype: torch.dtype | None = None) -> Tensor:
    """``norm(x)`` in one pass through the Triton LayerNorm (:func:`~splatbench.model.kernels.norms.layer_norm_cast`:
    statistics and affine part in float32 as PyTorch's kernel, only the summation order differs)
    where it can run (CUDA, or the interpreter) without autograd; PyTorch's otherwise. The output
    dtype is PyTorch's (float32 under CUDA autocast, x's otherwise), or ``dtype``: PyTorch's output
    rounded to it once.
    At 12 views 512x960 PyTorch's kernel moved [12, 30720, 128] rows at about 0.7 TB/s on an H200
    (0.56 ms a call, 18 calls in the transformer) plus a bf16 -> float32 copy before each under autocast."""
    from splatbench.model.kernels import norms  # importing triton costs ~0.15 s: on first use

    if not norms.usable(x) or torch.is_grad_enabled() or norms.rows_view([x]) is None:
        return norm(x) if dtype is None else norm(x).to(dtype)
    if dtype is None:
        # CUDA autocast lists layer_norm as a float32 op; CPU autocast runs it in the input's dtype.
        dtype = torch.float32 if x.device.type == "cuda" and torch.is_autocast_enabled("cuda") else x.dtype
    return norms.layer_norm_cast(x, norm.weight, norm.bias, norm.eps, dtype)


class TransformerLayer(nn.Module):
    """Attention (+ optional FFN on concat(source, message)) with post-norms and a residual."""

    def __init__(
        self,
        d_model: int,
        num_heads: int = 1,
        with_ffn: bool = True,
        ffn_dim_expansion: int = 4,
        with_shift: bool = False,
        attention_backend: str = "sdpa",
    ) -> None:
        super().__init__()
        self.num_heads = num_heads
        self.with_shift = with_shift
        self.attention_backend = attention_backend
        self.q_proj = nn.Linear(d_model, d_model, bias=False)
        self.k_proj = nn.Linear(d_model, d_model, bias=False)
        self.v_proj = nn.Linear(d_model, d_model, bias=False)
        self.merge = nn.Linear(d_model, d_model, bias=False)
        self.norm1 = nn.LayerNorm(d_model)
        self.with_ffn = with_ffn
        if with_ffn:
            hidden = 2 * d_model * ffn_dim_expansion
            self.mlp = nn.Sequential(
                nn.Linear(2 * d_model, hidden, bias=False),
                nn.GELU(),
                nn.Linear(hidden, d_model, bias=False),
            )
            self.norm2 = nn.LayerNorm(d_model)

    def forward(
        self,
        source: Float[Tensor, "batch tokens channel"],
        target: Float[Tensor, "batch views tokens channel"],
        height: int,
        width: int,
        num_splits: int,
        attention_dtype: torch.dtype | None = None,
    ) -> Float[Tensor, "batch tokens channel"]:
        message = window_attention(
            self.q_proj(source),
            self.k_proj(target),
            self.v_proj(target),
            height,
            width,
            num_splits,
            self.with_shift,
            self.num_heads,
            self.attention_backend,
            compute_dtype=attention_dtype,
        )
        return self._finish(source, message)

    def forward_views(
        self,
        source: Float[Tensor, "batch views tokens channel"],
        target: Float[Tensor, "batch views tokens channel"],
        view_index: Int64[Tensor, "batch views key_views"],
        height: int,
        width: int,
        num_splits: int,
        attention_dtype: torch.dtype | None = None,
        target_cast: Tensor | None = None,
    ) -> Float[Tensor, "batch views tokens channel"]:
        """:meth:`forward` of view i of ``source`` against views ``view_index[:, i]`` of ``target``
        (the grouped path: keys and values projected once per view, :func:`grouped_window_attention`;
        LayerNorms through :func:`fused_layer_norm`).

        Under autocast the float32 token stream is cast once per layer for all the projections that
        read it and the FFN's input is concatenated from the cast halves: the values autocast's own
        casts (one per matrix product, and of the float32 concatenation) would give, in fewer passes.
        ``target_cast``: ``target`` so cast already (the block casts its input once for both layers)."""
        keys_from = _to_autocast_dtype(target) if target_cast is None else target_cast
        inputs = keys_from if source is target else _to_autocast_dtype(source)
        message = grouped_window_attention(
            self.q_proj(inputs).flatten(0, 1),
            self.k_proj(keys_from),
            self.v_proj(keys_from),
            view_index,
            height,
            width,
            num_splits,
            self.with_shift,
            self.num_heads,
            self.attention_backend,
            compute_dtype=attention_dtype,
        )
        if self.with_ffn:
            # norm1's output only feeds the FFN's first product: written straight in the dtype that
            # product casts it to (the same rounding of the same float32 value).
            message = fused_layer_norm(self.norm1, self.merge(message), inputs.dtype)
            message = fused_layer_norm(self.norm2, self.mlp(torch.cat([inputs.flatten(0, 1), message], dim=-1)))
        else:
            message = fused_layer_norm(self.norm1, self.merge(message))
        return (source.flatten(0, 1) + message).view(source.shape)

    def _finish(self, source: Tensor, message: Tensor) -> Tensor:
        message = self.norm1(self.merge(message))
        if self.with_ffn:
            message = self.norm2(self.mlp(torch.cat([source, message], dim=-1)))
        return source + message


class TransformerBlock(nn.Module):
    """Self-attention within a view, then cross-attention to other views with the FFN."""

    def __init__(self, d_model: int, num_heads: int, ffn_dim_expansion: int, with_shift: bool, attention_backend: str):
        super().__init__()
        self.self_attn = TransformerLayer(
            d_model, num_heads, with_ffn=False, with_shift=with_shift, attention_backend=attention_backend
        )
        self.cross_attn_ffn = TransformerLayer(
            d_model, num_heads, True, ffn_dim_expansion, with_shift=with_shift, attention_backend=attention_backend
        )

    def forward(
        self, source: Tensor, target: Tensor, height: int, width: int, num_splits: int,
        attention_dtype: torch.dtype | None = None,
    ) -> Tensor:  # fmt: skip
        source = self.self_attn(source, source.unsqueeze(1), height, width, num_splits, attention_dtype)
        return self.cross_attn_ffn(source, target, height, width, num_splits, attention_dtype)

    def forward_views(
        self, source: Tensor, others: Tensor, height: int, width: int, num_splits: int,
        attention_dtype: torch.dtype | None = None,
    ) -> Tensor:  # fmt: skip
        """The grouped path: ``source`` ``[batch, views, tokens, channel]``, ``others[b, i]`` the
        views that view i attends to (their tokens as this block received them, as in :meth:`forward`)."""
        batch, views = source.shape[:2]
        itself = _own_view(views, source.device).expand(batch, -1, -1)
        source_cast = _to_autocast_dtype(source)
        attended = self.self_attn.forward_views(
            source, source, itself, height, width, num_splits, attention_dtype, source_cast
        )  # fmt: skip
        return self.cross_attn_ffn.forward_views(
            attended, source, others, height, width, num_splits, attention_dtype, source_cast
        )  # fmt: skip


def other_views_index(
    batch: int, num_views: int, neighbours: Int64[Tensor, "batch view k"] | None, device: torch.device
) -> Int64[Tensor, "batch view others"]:
    """Which views each view attends to / matches against: the given nearest-neighbour table
    without its first column (the view itself), or every other view in increasing order."""
    if neighbours is not None:
        return neighbours[:, :, 1:]
    return _all_other_views(num_views, device).unsqueeze(0).expand(batch, -1, -1)


@cached_constant(maxsize=32)
def _all_other_views(num_views: int, device: torch.device) -> Int64[Tensor, "view others"]:
    """Row i lists every view but i in increasing order; built once per view count and device."""
    index = torch.arange(num_views, device=device)
    table = index.expand(num_views, num_views)
    return table[table != index[:, None]].view(num_views, num_views - 1)


@cached_constant(maxsize=32)
def _own_view(num_views: int, device: torch.device) -> Int64[Tensor, "1 view 1"]:
    return torch.arange(num_views, device=device).view(1, num_views, 1)


def gather_views(x: Float[Tensor, "batch view *rest"], index: Int64[Tensor, "batch view others"]) -> Tensor:
    """x[b, index[b, v, j]] as [batch, view, others, *rest]."""
    b, v, k = index.shape
    rest = x.shape[2:]
    flat = index.reshape(b, v * k, *([1] * len(rest))).expand(b, v * k, *rest)
    return torch.gather(x, 1, flat).view(b, v, k, *rest)


def _reference_layers(
    layers: nn.ModuleList, tokens: Tensor, index: Tensor, height: int, width: int, num_splits: int,
    attention_dtype: torch.dtype | None,
) -> Iterator[Tensor]:  # fmt: skip
    """The reference's schedule: the other views' tokens gathered per querying view, then each
    layer's roll + split + masked attention (:func:`window_attention`)."""
    b, v, hw, c = tokens.shape
    for layer in layers:
        target = gather_views(tokens, index).flatten(0, 1)  # [b*v, others, hw, c]
        tokens = layer(tokens.flatten(0, 1), target, height, width, num_splits, attention_dtype).view(b, v, hw, c)
        yield tokens


def _grouped_layers(
    layers: nn.ModuleList, tokens: Tensor, index: Tensor, height: int, width: int, num_splits: int,
    attention_dtype: torch.dtype | None,
) -> Iterator[Tensor]:  # fmt: skip
    """Keys and values once per view, mask-free attention per window region
    (:func:`grouped_window_attention`)."""
    # Row-major tokens: the features' transposed view would make the residual sums inherit its
    # strides, and every projection would then copy its input first.
    tokens = tokens.contiguous()
    for layer in layers:
        tokens = layer.forward_views(tokens, index, height, width, num_splits, attention_dtype)
        yield tokens


LayerSchedule = Callable[[nn.ModuleList, Tensor, Tensor, int, int, int, "torch.dtype | None"], Iterator[Tensor]]
WINDOW_ATTENTION_BACKENDS: dict[str, LayerSchedule] = {"reference": _reference_layers, "grouped": _grouped_layers}


def resolve_window_backend(name: str, device: torch.device, attention_dtype: torch.dtype | None) -> str:
    """``auto``: ``grouped`` on CUDA when the attention runs in float16 / bf16: the inference fast
    path of the bf16 precision plans (``attention_dtype``), and training under ``bf16-all``, whose
    attention runs in autocast's bf16; ``reference`` otherwise, so the float32 path keeps the
    reference's operations. ``reference`` and ``grouped`` are taken as asked (both run anywhere,
    with or without autograd)."""
    if name == "auto":
        half = (torch.float16, torch.bfloat16)
        if attention_dtype is None and device.type == "cuda" and torch.is_autocast_enabled("cuda"):
            attention_dtype = torch.get_autocast_dtype("cuda")
        fast = device.type == "cuda" and attention_dtype in half
        return "grouped" if fast else "reference"
    if name not in WINDOW_ATTENTION_BACKENDS:
        choices = sorted(["auto", *WINDOW_ATTENTION_BACKENDS])
        raise ValueError(f"unknown window attention backend {name!r}; choose from {choices}")
    return name


class MultiViewFeatureTransformer(nn.Module):
    """``window_backend`` (read at each forward, so a built model can be switched): how the window
    attention is scheduled, :func:`resolve_window_backend`."""

    def __init__(
        self,
        num_layers: int = 6,
        d_model: int = 128,
        num_heads: int = 1,
        ffn_dim_expansion: int = 4,
        attention_backend: str = "sdpa",
        window_backend: str = "auto",
    ) -> None:
        super().__init__()
        resolve_window_backend(window_backend, torch.device("cpu"), None)  # unknown names fail at build time
        self.d_model = d_model
        self.window_backend = window_backend
        self.layers = nn.ModuleList(
            [
                TransformerBlock(d_model, num_heads, ffn_dim_expansion, i % 2 == 1, attention_backend)
                for i in range(num_layers)
            ]
        )
        for parameter in self.parameters():
            if parameter.dim() > 1:
                nn.init.xavier_uniform_(parameter)
        # Layers beyond the sixth start as identities (UniMatch fine-tuning convention).
        for layer in self.layers[6:]:
            for norm in (layer.self_attn.norm1, layer.cross_attn_ffn.norm2):
                nn.init.zeros_(norm.weight)
                nn.init.zeros_(norm.bias)

    def forward(
        self,
        features: Float[Tensor, "batch view channel height width"],
        num_splits: int,
        neighbours: Int64[Tensor, "batch view k"] | None = None,
        return_all_layers: bool = False,
        attention_dtype: torch.dtype | None = None,
    ) -> list[Float[Tensor, "batch view channel height width"]]:
        """The output of the last layer (as a one-element list), or of every layer;
        ``attention_dtype``: see :func:`window_attention`'s ``compute_dtype``."""
        b, v, c, h, w = features.shape
        if c != self.d_model:
            raise ValueError(f"transformer expects {self.d_model} channels, got {c}")
        index = other_views_index(b, v, neighbours, features.device)
        tokens = features.flatten(3).transpose(-1, -2)  # [b, v, hw, c]
        schedule = WINDOW_ATTENTION_BACKENDS[resolve_window_backend(self.window_backend, features.device, attention_dtype)]
        outputs = []
        for tokens in schedule(self.layers, tokens, index, h, w, num_splits, attention_dtype):
            if return_all_layers:
                outputs.append(tokens.transpose(-1, -2).reshape(b, v, c, h, w))
        return outputs if return_all_layers else [tokens.transpose(-1, -2).reshape(b, v, c, h, w)]
