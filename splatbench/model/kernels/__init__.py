"""GPU kernels written in Triton, shared by the models.

Each kernel has a PyTorch equivalent that stays the reference: the kernels are used only where a
caller asks for them (or an ``auto`` choice has measured them faster), and their tests run them
through Triton's interpreter on the CPU (``TRITON_INTERPRET=1``) against a float64 oracle.
"""

import torch

# The launchers of these kernels run as opaque calls under ``torch.compile``: Inductor would
# otherwise re-trace the kernels with its own argument specialisation (ints as constants, float
# scalars as fp64), which they are not written for. The compiled graph breaks around each launch;
# a CUDA graph captured over the compiled encoder still covers everything.
opaque_to_compile = torch.compiler.disable
