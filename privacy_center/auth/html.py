"""Small server-rendered pages (sign-in, consent, sign-out, errors) outside the Reflex app.

They come from the Jinja2 templates in privacy_center/templates/, autoescaped: every value
a template receives is escaped, translated strings included (``_()`` returns plain text,
never markup). They share the app's stylesheet and honour the same locale rules. Their
msgids are extracted by Babel's Jinja2 extractor (babel.cfg) into the same catalogs.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse

from privacy_center.i18n.catalogs import gettext_for, ngettext_for
from privacy_center.i18n.locales import UiLocale
from privacy_center.i18n.negotiation import LOCALE_COOKIE, negotiate

TEMPLATES = Path(__file__).parents[1] / "templates"
# No page of the provider may be framed (clickjacking of the sign-in and consent forms).
HEADERS = {"cache-control": "no-store", "x-frame-options": "DENY", "content-security-policy": "frame-ancestors 'none'"}


def request_locale(request: Request, params: Mapping[str, str] | None = None) -> UiLocale:
    """Saved choice > ``ui_locales``/``lang`` (query or form) > Accept-Language > default."""
    source = params if params is not None else request.query_params
    asked = source.get("ui_locales", "").split(" ")[0] or source.get("lang")
    return negotiate(
        saved=request.cookies.get(LOCALE_COOKIE),
        query=asked,
        accept_language=request.headers.get("accept-language"),
    )


@functools.cache
def _environment(locale: UiLocale) -> jinja2.Environment:
    """One environment per locale, its ``_`` bound to that locale's catalog (no shared mutable state)."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
    )
    # The templates' calls are extracted from the templates themselves (babel.cfg).
    _ = gettext_for(locale)
    ngettext = ngettext_for(locale)
    environment.install_gettext_callables(_, ngettext, newstyle=False)  # type: ignore[attr-defined]
    return environment


def render(locale: UiLocale, template: str, *, title: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A whole HTML document from ``template`` (which extends page.html), never cached or framed."""
    html = _environment(locale).get_template(template).render(locale=locale, title=title, **context)
    return HTMLResponse(html, status_code=status_code, headers=HEADERS)


def error_page(locale: UiLocale, title: str, message: str, *, status_code: int) -> HTMLResponse:
    """A refusal the reader understands, never a stack trace."""
    return render(locale, "error.html", title=title, message=message, status_code=status_code)


__all__ = ["error_page", "render", "request_locale"]
