"""``GET /locale``: the language switcher saves the user's choice and goes back."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from privacy_center.http import safe_next
from privacy_center.i18n.locales import match
from privacy_center.i18n.negotiation import LOCALE_COOKIE
from privacy_center.settings import get_settings

ONE_YEAR = 365 * 24 * 3600


async def switch_locale(request: Request) -> Response:
    """Store the chosen locale in a cookie (the user's saved choice) and redirect back."""
    locale = match(request.query_params.get("to"))
    response = RedirectResponse(safe_next(request.query_params.get("next")), status_code=303)
    if locale is not None:
        response.set_cookie(
            LOCALE_COOKIE,
            locale.code,
            max_age=ONE_YEAR,
            httponly=True,
            samesite="lax",
            secure=get_settings().public_url.startswith("https://"),
        )
    response.headers["cache-control"] = "no-store"
    return response
