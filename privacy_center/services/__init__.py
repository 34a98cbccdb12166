"""Domain rules in plain Python: no Reflex, callable from tests and the CLI."""
