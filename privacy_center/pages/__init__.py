"""Pages: one module per page, its state beside it."""
