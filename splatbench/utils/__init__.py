"""Small shared utilities: atomic file writes, safe checkpoint loading, logging set-up."""
