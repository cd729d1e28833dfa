"""DINOv2 vision transformers built locally (no torch.hub)."""
