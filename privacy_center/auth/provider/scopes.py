"""Scopes an app may ask for, the claims each releases, and what that means for the user."""

from __future__ import annotations

from dataclasses import dataclass

from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.locales import UiLocale


@dataclass(frozen=True)
class Scope:
    """A scope as the consent screen shows it."""

    name: str
    claims: tuple[str, ...]
    releases: str  # what personal information it releases, in the reader's language


CLAIMS: dict[str, tuple[str, ...]] = {
    "openid": ("sub",),
    "profile": ("name", "nickname", "picture", "preferred_username"),
    "email": ("email", "email_verified"),
    "phone": ("phone_number", "phone_number_verified"),
    "location": ("zoneinfo",),
    "offline_access": (),
}
SUPPORTED = tuple(CLAIMS)


def describe(names: list[str], locale: UiLocale) -> list[Scope]:
    """The scopes in ``names`` that we know, each with its localized description."""
    _ = gettext_for(locale)
    releases = {
        "openid": _("An identifier for your account that only this app gets"),
        "profile": _("Your nickname and avatar"),
        "email": _("Your email address"),
        "phone": _("Your phone number"),
        "location": _("Your approximate region (time zone)"),
        "offline_access": _("Access while you are not using the app, until you disable it"),
    }
    return [Scope(name=n, claims=CLAIMS[n], releases=releases[n]) for n in names if n in CLAIMS]
