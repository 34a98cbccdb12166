"""Localization: which locales exist, how one is chosen, catalogs and formatting."""
