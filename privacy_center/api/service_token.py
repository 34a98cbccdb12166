"""The platform's services authenticate to the center's service routes with one bearer token."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse

from privacy_center.security.secrets import same
from privacy_center.settings import get_settings


def authorized_service(request: Request) -> bool:
    """Whether the request carries ``PC_EVENTS_TOKEN`` (never when none is configured)."""
    configured = get_settings().events_token
    expected = configured.get_secret_value() if configured else ""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return bool(expected) and scheme.lower() == "bearer" and same(token.strip(), expected)


def unauthorized() -> JSONResponse:
    """The answer to a request without the token: nothing about anyone."""
    return JSONResponse(
        {"error": "unauthorized"}, status_code=401, headers={"www-authenticate": "Bearer", "cache-control": "no-store"}
    )
