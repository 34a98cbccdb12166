"""Operator-written content (guidelines, and later the inventory), loaded and validated."""
