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
    title: str  # the scope in the reader's language
    releases: tuple[str, ...]  # every claim it releases (or what it allows), in the reader's language


CLAIMS: dict[str, tuple[str, ...]] = {
    "openid": ("sub",),
    "profile": ("name", "nickname", "preferred_username", "picture"),
    "email": ("email", "email_verified"),
    "phone": ("phone_number", "phone_number_verified"),
    "location": ("zoneinfo",),
    "offline_access": (),
}
SUPPORTED = tuple(CLAIMS)


def describe(names: list[str], locale: UiLocale) -> list[Scope]:
    """The scopes in ``names`` that we know, each with every claim it releases, localized.

    Each claim is named on its own, so a scope can never release more than the screen says.
    """
    _ = gettext_for(locale)
    titles = {
        "openid": _("Your account"),
        "profile": _("Your profile"),
        "email": _("Email"),
        "phone": _("Phone"),
        "location": _("Region"),
        "offline_access": _("Access while you are away"),
    }
    labels = {
        # True because third-party apps get a pairwise subject (the center, which gets the
        # public one, never shows this screen).
        "sub": _("An identifier for your account that only this app gets"),
        "name": _("Name"),
        "nickname": _("Nickname"),
        "preferred_username": _("Username"),
        "picture": _("Profile picture"),
        "email": _("Email address"),
        "email_verified": _("Whether your email address is verified"),
        "phone_number": _("Phone number"),
        "phone_number_verified": _("Whether your phone number is verified"),
        "zoneinfo": _("Your approximate region (time zone)"),
    }
    allows = {"offline_access": (_("Keeps access while you are not using it, until you disable it"),)}
    return [
        Scope(
            name=n,
            claims=CLAIMS[n],
            title=titles[n],
            releases=tuple(labels[c] for c in CLAIMS[n]) or allows[n],
        )
        for n in dict.fromkeys(names)
        if n in CLAIMS
    ]
