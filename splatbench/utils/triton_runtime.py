"""How and where the Triton kernels run, for every package that launches one (``model``,
``render``, ``evaluation``): whether Triton's CPU interpreter is on, the launchers' opacity to
``torch.compile``, and the errors of a kernel that cannot be built on this machine.
"""

from __future__ import annotations

import os

import torch

try:
    import triton
except ImportError:  # the kernels' callers check for it and take their PyTorch paths
    triton = None


def interpreted() -> bool:
    """Whether Triton runs kernels through its interpreter (``TRITON_INTERPRET=1``: on the CPU too)."""
    return os.environ.get("TRITON_INTERPRET") == "1"


# The launchers of our kernels run as opaque calls under ``torch.compile``: Inductor would
# otherwise re-trace the kernels with its own argument specialisation (ints as constants, float
# scalars as fp64), which they are not written for. The compiled graph breaks around each launch;
# a CUDA graph captured over the compiled encoder still covers everything.
opaque_to_compile = torch.compiler.disable


def _build_errors() -> tuple[type[BaseException], ...]:
    """Exceptions of a kernel that does not compile or load on this machine (Triton's compile,
    PTX-assembler and resource errors); run-time failures (out of memory, CUDA errors) are not."""
    found: list[type[BaseException]] = [ImportError]
    if triton is not None:
        from triton.compiler import errors as compile_errors
        from triton.runtime import errors as runtime_errors

        for module, name in ((compile_errors, "CompilationError"), (runtime_errors, "OutOfResources"),
                             (runtime_errors, "PTXASError"), (runtime_errors, "TritonError")):  # fmt: skip
            error = getattr(module, name, None)
            if isinstance(error, type) and issubclass(error, BaseException):
                found.append(error)
    return tuple(found)


BUILD_ERRORS = _build_errors()
