"""Compatibility shim so that DepthSplat's ``python -m src.main ...`` command lines work unchanged."""
