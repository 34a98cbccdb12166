"""Small server-rendered pages (sign-in, consent, sign-out, errors) outside the Reflex app.

They come from the Jinja2 templates in privacy_center/templates/, autoescaped: every value
a template receives is escaped, translated strings included (``_()`` returns plain text,
never markup); the icons are the only markup handed in, built here from the design
system's Lucide shapes. They share the app's stylesheet (its colour tokens and buttons)
plus assets/auth.css, carry no script at all (the CSP allows none inline), and honour the
same locale rules. Their msgids are extracted by Babel's Jinja2 extractor (babel.cfg)
into the same catalogs.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from privacy_center.auth.chrome import LANG_PARAM, BackLink, Here, language_links, platform_for
from privacy_center.content.icon_shapes import ICON_SHAPES
from privacy_center.i18n.catalogs import gettext_for, ngettext_for
from privacy_center.i18n.locales import UiLocale, match
from privacy_center.i18n.negotiation import LOCALE_COOKIE, negotiate

TEMPLATES = Path(__file__).parents[1] / "templates"
# No page of the provider may be framed (clickjacking of the sign-in and consent forms).
HEADERS = {"cache-control": "no-store", "x-frame-options": "DENY", "content-security-policy": "frame-ancestors 'none'"}


def request_locale(
    request: Request, params: Mapping[str, str] | None = None, *, switched_here: bool = False
) -> UiLocale:
    """Saved choice > ``ui_locales``/``lang`` > Accept-Language > default.

    ``switched_here``: on the provider's own pages ``lang`` is what the person just picked
    in their language switch, so it outranks even the saved choice. Elsewhere (the
    center's sign-in routes, API errors) it is a host app's hint, below the saved choice.
    ``ui_locales`` is the app's wish (OpenID Connect: a space-separated list; the first
    supported one counts).
    """
    source = params if params is not None else request.query_params
    picked = match(source.get(LANG_PARAM))
    if switched_here and picked is not None:
        return picked
    wished = next((tag for tag in source.get("ui_locales", "").split() if match(tag)), None)
    return negotiate(
        saved=request.cookies.get(LOCALE_COOKIE),
        query=wished or (picked.tag if picked else None),
        accept_language=request.headers.get("accept-language"),
    )


def icon(name: str, size: int = 20) -> Markup:
    """An inline Lucide SVG, hidden from assistive technology (the text beside it says it all).

    Unknown names raise ``KeyError`` at render time, which the template tests exercise.
    """
    parts = []
    for tag, attributes in ICON_SHAPES[name]:
        rendered = " ".join(f'{key}="{escape(value)}"' for key, value in attributes)
        parts.append(f"<{tag} {rendered}/>")
    return Markup(  # noqa: S704 - built from our own icon data, every value escaped
        f'<svg class="icon" xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 24 24" '
        'fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" '
        f'aria-hidden="true" focusable="false">{"".join(parts)}</svg>'
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
    environment.globals["icon"] = icon
    return environment


def render(
    locale: UiLocale,
    template: str,
    *,
    title: str,
    status_code: int = 200,
    here: Here | None = None,
    back: BackLink | None = None,
    **context: Any,
) -> HTMLResponse:
    """A whole HTML document from ``template`` (which extends page.html), never cached or framed.

    ``here`` is the page as a GET shows it again (for the language switch), ``back`` the
    way back to the app; either may be absent.
    """
    html = (
        _environment(locale)
        .get_template(template)
        .render(
            locale=locale,
            title=title,
            platform=platform_for(locale),
            languages=language_links(locale, here),
            back=back,
            **context,
        )
    )
    return HTMLResponse(html, status_code=status_code, headers=HEADERS)


def error_page(
    locale: UiLocale, title: str, message: str, *, status_code: int, here: Here | None = None
) -> HTMLResponse:
    """A refusal the reader understands, never a stack trace; ``here`` adds the language switch."""
    return render(locale, "error.html", title=title, message=message, status_code=status_code, here=here)


__all__ = ["error_page", "icon", "render", "request_locale"]
