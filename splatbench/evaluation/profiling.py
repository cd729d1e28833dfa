"""Profiler tables shared by ``splatbench bench``'s inference and training profiles: device time
per module (which part of a model the kernels belong to) and per operator with its input shapes
(which call of which size a kernel comes from).

Module times come from ``record_function`` ranges that :func:`module_ranges` opens around the
forward of every submodule down to ``max_depth``; on CUDA the profiler mirrors each range on the
GPU timeline, from its first kernel's start to its last kernel's end (children included, so a
module's time includes its submodules'). Those mirrored ranges are not kernels: kernel tables
leave them out (:func:`is_annotation`). Backward kernels run outside the ranges (autograd's own
thread) and are not attributed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import torch
from torch import nn

RANGE_PREFIX = "module::"


def install_module_ranges(root: nn.Module, max_depth: int = 2, name: str = "") -> list:
    """Open a profiler range around the forward of ``root``'s submodules down to ``max_depth``
    levels (named by their dotted path); returns the hook handles (``handle.remove()`` undoes)."""
    handles = []
    for path, module in root.named_modules():
        depth = 0 if not path else path.count(".") + 1
        if depth == 0 or depth > max_depth:
            continue
        label = f"{RANGE_PREFIX}{name + '.' if name else ''}{path}"
        open_ranges: list = []

        def enter(_module, _args, label=label, open_ranges=open_ranges):
            scope = torch.profiler.record_function(label)
            scope.__enter__()
            open_ranges.append(scope)

        def leave(_module, _args, _output, open_ranges=open_ranges):
            if open_ranges:
                open_ranges.pop().__exit__(None, None, None)

        handles.append(module.register_forward_pre_hook(enter))
        handles.append(module.register_forward_hook(leave))
    return handles


@contextlib.contextmanager
def module_ranges(root: nn.Module | None, max_depth: int = 2) -> Iterator[None]:
    """:func:`install_module_ranges` for the duration of the block (nothing when ``root`` is None)."""
    handles = [] if root is None else install_module_ranges(root, max_depth)
    try:
        yield
    finally:
        for handle in handles:
            handle.remove()


def is_module_range(event) -> bool:
    """A range of :func:`install_module_ranges` (on the GPU timeline too), not a kernel."""
    return event.name.startswith(RANGE_PREFIX)


def is_annotation(event) -> bool:
    """A named range mirrored on the GPU timeline (ours, the optimizer's ``Optimizer.step#...``,
    compiled graphs' calls): it spans kernels and is not one."""
    return bool(getattr(event, "is_user_annotation", False)) or is_module_range(event)


def module_times(profiler, device: torch.device, steps: int = 1, total_ms: float | None = None) -> list[dict]:
    """Per module range and step, largest first: on CUDA the range's span on the GPU timeline
    (first kernel start to last kernel end, so idle gaps inside it count), else its CPU time;
    ``share`` of ``total_ms`` when given."""
    wanted = torch.autograd.DeviceType.CUDA if device.type == "cuda" else torch.autograd.DeviceType.CPU
    totals: dict[str, list[float]] = {}
    for event in profiler.events():
        if is_module_range(event) and event.device_type == wanted:
            spent = event.time_range.elapsed_us() if wanted == torch.autograd.DeviceType.CUDA else event.cpu_time_total
            totals.setdefault(event.name[len(RANGE_PREFIX) :], []).append(spent / 1e3)
    rows = [
        {"module": name, "calls_per_step": len(times) / steps, "ms_per_step": sum(times) / steps}
        for name, times in totals.items()
    ]
    if total_ms:
        for row in rows:
            row["share"] = row["ms_per_step"] / total_ms
    return sorted(rows, key=lambda row: -row["ms_per_step"])


def top_ops(profiler, device: torch.device, steps: int = 1, top: int = 20) -> list[dict]:
    """Operators by their own device time (CUDA) or CPU time, per input shapes and dtypes."""
    cuda = device.type == "cuda"
    rows = []
    for average in profiler.key_averages(group_by_input_shape=True):
        own = (average.self_device_time_total if cuda else average.self_cpu_time_total) / 1e3
        if own <= 0 or not average.key.startswith("aten::"):
            continue
        rows.append({
            "op": average.key, "shapes": str(average.input_shapes)[:160], "calls_per_step": average.count / steps,
            "ms_per_step": own / steps,
        })  # fmt: skip
    return sorted(rows, key=lambda row: -row["ms_per_step"])[:top]
