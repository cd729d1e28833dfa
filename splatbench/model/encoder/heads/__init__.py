"""Dense prediction heads: DPT fusion head and ViT feature pyramid."""
