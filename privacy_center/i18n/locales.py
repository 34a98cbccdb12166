"""The locales the center speaks, and the URL prefix and HTML tag of each.

Pages are compiled once per locale under a URL prefix (``/en/...``, ``/zh-cn/...``) so
that the HTML served before any script runs is already in the visitor's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale, UnknownLocaleError


@dataclass(frozen=True)
class UiLocale:
    """One supported locale: its gettext code, BCP 47 tag and URL prefix."""

    code: str  # gettext / Babel identifier, e.g. "zh_CN"
    tag: str  # BCP 47 tag for <html lang> and hreflang, e.g. "zh-CN"
    prefix: str  # URL path segment, lowercase, e.g. "zh-cn"
    native_name: str  # the locale's name in itself, shown in the language switcher

    @property
    def babel(self) -> Locale:
        """Babel's locale object, for dates, numbers and plural rules."""
        return Locale.parse(self.code)


def _locale(code: str, native_name: str) -> UiLocale:
    parsed = Locale.parse(code)  # fails at import if Babel does not know the code
    # zh_CN -> "zh-CN": the tag browsers send and readers expect, not CLDR's zh-Hans-CN.
    tag = "-".join(p for p in (parsed.language, parsed.territory or parsed.script) if p)
    return UiLocale(code=code, tag=tag, prefix=tag.lower(), native_name=native_name)


KNOWN_LOCALES: tuple[UiLocale, ...] = (_locale("en", "English"), _locale("zh_CN", "简体中文"))
DEFAULT_LOCALE = KNOWN_LOCALES[0]
_BY_CODE = {loc.code.lower(): loc for loc in KNOWN_LOCALES}
_BY_PREFIX = {loc.prefix: loc for loc in KNOWN_LOCALES}


def by_prefix(prefix: str) -> UiLocale | None:
    """The locale whose URL prefix is ``prefix``, if any."""
    return _BY_PREFIX.get(prefix.lower())


def by_code(code: str) -> UiLocale:
    """The locale with this exact gettext code; raises ``KeyError`` for others."""
    return _BY_CODE[code.lower()]


def match(value: str | None) -> UiLocale | None:
    """The supported locale that best serves a user asking for ``value``.

    Accepts the spellings clients send (``zh``, ``zh-CN``, ``zh_cn``, ``zh-Hans-CN``,
    ``en-GB``); an exact match wins, then any locale of the same language. Anything
    unparseable or unsupported gives ``None`` rather than an error.
    """
    if not value:
        return None
    text = value.strip().replace("-", "_")
    if not text or len(text) > 35:
        return None
    try:
        asked = Locale.parse(text)
    except (ValueError, TypeError, UnknownLocaleError):
        return None
    exact = _BY_CODE.get(str(asked).lower())
    if exact:
        return exact
    same_language = [loc for loc in KNOWN_LOCALES if loc.babel.language == asked.language]
    if not same_language:
        return None
    # Prefer the locale of the same script (zh_Hans -> zh_CN), else the first listed.
    for loc in same_language:
        if asked.script and loc.babel.script == asked.script:
            return loc
    return same_language[0]


def from_path(path: str) -> UiLocale:
    """The locale of a page URL (``/zh-cn/guidelines/`` -> zh_CN); the default otherwise.

    Event handlers use it: the page a tab is on, not anything the client sends, says
    which language to answer in.
    """
    return by_prefix(path.lstrip("/").split("/", 1)[0]) or DEFAULT_LOCALE
