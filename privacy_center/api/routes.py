"""The HTTP routes the center serves next to Reflex's own, as one Starlette app."""

from __future__ import annotations

import httpx
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.routing import Route

from privacy_center.api.context import EXCEPTION_HANDLERS
from privacy_center.api.events import receive_events
from privacy_center.api.locale_switch import switch_locale
from privacy_center.api.platform_settings import routes as platform_settings_routes
from privacy_center.auth.provider.routes import routes as provider_routes
from privacy_center.auth.relying_party.client import use_transport
from privacy_center.auth.relying_party.routes import routes as sign_in_routes
from privacy_center.settings import get_settings


def build_api() -> Starlette:
    """Our routes; Reflex mounts itself behind them, so they match first."""
    settings = get_settings()
    # Authlib keeps state, nonce and the PKCE verifier of a sign-in in progress here.
    oauth_state = Middleware(
        SessionMiddleware,
        secret_key=settings.secret_key.get_secret_value(),
        session_cookie="pc_oauth_state",
        max_age=600,
        same_site="lax",
        https_only=settings.public_url.startswith("https://"),
    )
    api = Starlette(
        routes=[
            Route("/locale", switch_locale, methods=["GET", "POST"]),
            Route("/api/events", receive_events, methods=["POST"]),
            *platform_settings_routes(),
            *provider_routes,
            *sign_in_routes,
        ],
        middleware=[oauth_state],
        # Domain errors of every route: one mapping, in the reader's language.
        exception_handlers=EXCEPTION_HANDLERS,
    )
    use_transport(httpx.ASGITransport(app=api) if settings.uses_builtin_provider else None)
    return api
