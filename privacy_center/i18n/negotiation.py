"""Choosing the locale for a request: saved choice > ``?lang=`` > Accept-Language > default."""

from __future__ import annotations

from privacy_center.i18n.locales import DEFAULT_LOCALE, UiLocale, match

_MAX_ACCEPT_LANGUAGE_ITEMS = 20
# The switcher saves the reader's choice here; it outranks ?lang= and Accept-Language.
LOCALE_COOKIE = "pc_locale"


def parse_accept_language(header: str | None) -> list[str]:
    """Language ranges from an Accept-Language header, best first (RFC 9110 q-values).

    Malformed items are skipped and the list is capped, so a hostile header costs
    nothing and never raises.
    """
    if not header:
        return []
    ranked: list[tuple[float, int, str]] = []
    for index, item in enumerate(header.split(",")[:_MAX_ACCEPT_LANGUAGE_ITEMS]):
        parts = item.strip().split(";")
        tag = parts[0].strip()
        if not tag or tag == "*":
            continue
        quality = 1.0
        for param in parts[1:]:
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":  # parameter names are case-insensitive (RFC 9110 5.6.6)
                try:
                    quality = float(value)
                except ValueError:
                    quality = -1.0
        if 0 < quality <= 1:
            ranked.append((-quality, index, tag))
    return [tag for _, _, tag in sorted(ranked)]


def negotiate(
    *,
    saved: str | None = None,
    query: str | None = None,
    accept_language: str | None = None,
    default: UiLocale = DEFAULT_LOCALE,
) -> UiLocale:
    """The locale to serve, by the product's order of precedence.

    ``saved`` is the user's own choice (switcher cookie, or their account), ``query``
    the ``lang`` parameter a webview host passes; unknown values fall through.
    """
    for candidate in (saved, query, *parse_accept_language(accept_language)):
        found = match(candidate)
        if found:
            return found
    return default
