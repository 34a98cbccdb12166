"""The HTTP routes the center serves next to Reflex's own, as one Starlette app."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.routing import Route

from privacy_center.api.locale_switch import switch_locale
from privacy_center.auth.provider.routes import routes as provider_routes


def build_api() -> Starlette:
    """Our routes; Reflex mounts itself behind them, so they match first."""
    return Starlette(routes=[Route("/locale", switch_locale, methods=["GET"]), *provider_routes])
