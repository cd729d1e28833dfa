"""Configuration: the shipped Hydra tree (``hydra/``), typed dataclasses and the strict loader."""
