"""What every provider page wears around its form: the platform, a language switch, the way back.

The sign-in and consent pages belong to the platform whose account is used (its name and
logo from the settings), not to the privacy center. Their language switch is a plain link
to the same page, the whole request kept and ``lang`` set: a GET there only renders
(params.py reads a GET's parameters from its query alone, and nothing that decides rides
in a query), so switching mid-sign-in loses nothing and grants nothing. The way back to
the app goes to the origin of a redirect URI the app registered, never to one the request
merely names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from privacy_center.i18n.locales import KNOWN_LOCALES, UiLocale
from privacy_center.settings import get_settings, origin_of

# The page's own language choice; it outranks the saved cookie and the app's ui_locales.
LANG_PARAM = "lang"


@dataclass(frozen=True)
class Platform:
    """The platform as readers of one language see it."""

    name: str
    logo_url: str


def platform_for(locale: UiLocale) -> Platform:
    """The platform's name in ``locale`` and its logo, from the settings."""
    settings = get_settings()
    return Platform(name=settings.platform_name_in(locale.code), logo_url=settings.platform_logo_url)


@dataclass(frozen=True)
class Here:
    """A page as a GET renders it again: its path and the parameters that rebuild it."""

    path: str
    params: Mapping[str, str]


@dataclass(frozen=True)
class LanguageLink:
    """One entry of the language switch."""

    locale: UiLocale
    href: str
    current: bool


def language_links(locale: UiLocale, here: Here | None) -> list[LanguageLink]:
    """A link per known locale to ``here`` with every parameter kept and ``lang`` set.

    No ``here`` (a page a second GET would not simply show again, such as the end of a
    sign-in at the center's callback): no switch rather than one that repeats an action.
    """
    if here is None:
        return []
    kept = {key: value for key, value in here.params.items() if key != LANG_PARAM}
    return [
        LanguageLink(
            locale=known, href=f"{here.path}?{urlencode({**kept, LANG_PARAM: known.tag})}", current=known == locale
        )
        for known in KNOWN_LOCALES
    ]


@dataclass(frozen=True)
class BackLink:
    """Where "Back to ..." leads, and the name it shows."""

    href: str
    label: str


def app_home(registered_redirect_uris: str, asked_redirect_uri: str | None) -> str | None:
    """The app's own origin: that of the redirect URI asked for if it is registered, else the first one.

    ``registered_redirect_uris`` is the client's column (one per line). A redirect URI the
    request names but the app never registered is never used: the link would otherwise
    send the person to any site a crafted sign-in link chose.
    """
    registered = [uri.strip() for uri in registered_redirect_uris.splitlines() if uri.strip()]
    chosen = asked_redirect_uri if asked_redirect_uri in registered else (registered[0] if registered else None)
    origin = origin_of(chosen) if chosen else None
    return f"{origin}/" if origin else None


__all__ = ["LANG_PARAM", "BackLink", "Here", "LanguageLink", "Platform", "app_home", "language_links", "platform_for"]
