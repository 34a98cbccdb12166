"""HTTP routes and ASGI middleware served next to Reflex."""
