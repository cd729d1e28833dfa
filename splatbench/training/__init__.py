"""Training and testing loop: Lightning module, checkpoints, outputs, benchmarking."""
