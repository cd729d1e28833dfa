"""GPU kernels written in Triton, shared by the models.

Each kernel has a PyTorch equivalent that stays the reference: the kernels are used only where a
caller asks for them (or an ``auto`` choice has measured them faster), and their tests run them
through Triton's interpreter on the CPU (``TRITON_INTERPRET=1``) against a float64 oracle. How they
run (the interpreter, their opacity to ``torch.compile``, build errors) is in
:mod:`splatbench.utils.triton_runtime`, shared with ``render`` and ``evaluation``.
"""
