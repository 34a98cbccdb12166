"""``/locale``: the language switcher sets this browser's language, and saves it to the account.

A ``GET`` (a plain link, possibly from another site) only sets this browser's cookie: a
cross-site link must not write to anyone's account. Saving to the account takes the
switcher's ``POST`` from one of the center's own pages (``Origin`` checked); any other
``POST`` is refused and changes nothing. Either way the reader lands where they were,
in the other language: ``next`` carries the page, its query and its ``#section``.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from privacy_center.api.context import run_for_request
from privacy_center.authz import Capability
from privacy_center.http import origin_allowed, safe_next
from privacy_center.i18n.locales import UiLocale, match
from privacy_center.i18n.negotiation import LOCALE_COOKIE
from privacy_center.services.preferences import save_locale
from privacy_center.settings import get_settings
from privacy_center.state.context import Context

ONE_YEAR = 365 * 24 * 3600


def _save_for_user(ctx: Context, code: str) -> None:
    """The account's language, for the person behind the request (nobody signed in: nothing to save)."""
    if ctx.subject is not None:
        save_locale(ctx.session, subject=ctx.subject, code=code, now=ctx.now)


def place(value: str | None) -> str:
    r"""Where the switch lands: a path of this site, with its query and ``#section``.

    The switcher sends the reader's exact place (``/zh-cn/shared/x/?scenario=y#z``); only
    a local path passes (never another origin, however spelled), else the start page.
    Browsers drop tabs and line breaks from a URL, so ``/\t/evil.example`` would become
    ``//evil.example``: control characters anywhere refuse the whole value.
    """
    target = safe_next(value)
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in target):
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return "/"
    return target


def _go_back(params: Mapping[str, str], locale: UiLocale | None) -> Response:
    """303 to ``next`` (local only), setting this browser's language cookie."""
    response = RedirectResponse(place(params.get("next")), status_code=303)
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


async def switch_locale(request: Request) -> Response:
    """GET: this browser's language only. POST from our own pages: the account's too."""
    if request.method == "GET":
        return _go_back(request.query_params, match(request.query_params.get("to")))
    settings = get_settings()
    if not origin_allowed(
        request.headers.get("origin"), settings.public_url, allow_loopback_aliases=settings.env == "demo"
    ):
        return PlainTextResponse("Forbidden: foreign origin", status_code=403, headers={"cache-control": "no-store"})
    form = await request.form()
    params = {key: value for key, value in form.items() if isinstance(value, str)}
    locale = match(params.get("to"))
    if locale is not None:
        code = locale.code
        await run_for_request(request, Capability.CHANGE_SETTINGS, lambda ctx: _save_for_user(ctx, code))
    return _go_back(params, locale)
