"""Secrets, tokens and password hashes: below services and auth, so both may use them."""
