"""Small server-rendered pages (sign-in, consent, errors) outside the Reflex app.

They share the app's stylesheet and honour the same locale rules; every value is
escaped. Kept tiny on purpose: a few forms do not need a template engine.
"""

from __future__ import annotations

from collections.abc import Mapping

from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.locales import UiLocale
from privacy_center.i18n.negotiation import LOCALE_COOKIE, negotiate


def request_locale(request: Request, params: Mapping[str, str] | None = None) -> UiLocale:
    """Saved choice > ``ui_locales``/``lang`` (query or form) > Accept-Language > default."""
    source = params if params is not None else request.query_params
    asked = source.get("ui_locales", "").split(" ")[0] or source.get("lang")
    return negotiate(
        saved=request.cookies.get(LOCALE_COOKIE),
        query=asked,
        accept_language=request.headers.get("accept-language"),
    )


def page(locale: UiLocale, title: str, body: Markup, *, status_code: int = 200) -> HTMLResponse:
    """A whole HTML document in the page shell's style."""
    _ = gettext_for(locale)
    html = Markup(
        '<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="color-scheme" content="light dark"><title>{title}</title>'
        '<link rel="stylesheet" href="/styles.css"></head><body>'
        '<header class="site-header"><div class="header-inner"><span class="brand">{brand}</span></div></header>'
        '<main id="main" class="page"><h1>{title}</h1>{body}</main></body></html>'
    ).format(lang=locale.tag, title=title, brand=_("Privacy Center"), body=body)
    return HTMLResponse(
        html,
        status_code=status_code,
        headers={
            "cache-control": "no-store",
            "x-frame-options": "DENY",
            "content-security-policy": "frame-ancestors 'none'",
        },
    )


def error_page(locale: UiLocale, title: str, message: str, *, status_code: int) -> HTMLResponse:
    """A refusal the reader understands, never a stack trace."""
    return page(locale, title, Markup('<p class="error" role="alert">{}</p>').format(message), status_code=status_code)


def hidden_fields(values: dict[str, str]) -> Markup:
    """Carry request parameters through a form."""
    return Markup("").join(
        Markup('<input type="hidden" name="{}" value="{}">').format(key, value)
        for key, value in values.items()
        if value
    )


__all__ = ["Markup", "error_page", "escape", "hidden_fields", "page", "request_locale"]
