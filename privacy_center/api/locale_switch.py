"""``GET /locale``: the language switcher saves the user's choice and goes back."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from privacy_center.auth.guard import current_viewer
from privacy_center.db import session_scope
from privacy_center.http import safe_next
from privacy_center.i18n.locales import match
from privacy_center.i18n.negotiation import LOCALE_COOKIE
from privacy_center.models import User
from privacy_center.settings import get_settings

ONE_YEAR = 365 * 24 * 3600


def _save_for_user(cookie_header: str | None, code: str) -> None:
    viewer = current_viewer(cookie_header)
    if viewer is None:
        return
    with session_scope() as session:
        user = session.get(User, viewer.user_id)
        if user is not None:
            user.preferred_locale = code
            session.add(user)


async def switch_locale(request: Request) -> Response:
    """Save the chosen locale (cookie, and the account when signed in) and redirect back."""
    locale = match(request.query_params.get("to"))
    if locale is not None:
        await run_in_threadpool(_save_for_user, request.headers.get("cookie"), locale.code)
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
