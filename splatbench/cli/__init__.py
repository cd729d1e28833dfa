"""Command line: the ``splatbench`` console command and the Hydra entry behind ``python -m src.main``."""
