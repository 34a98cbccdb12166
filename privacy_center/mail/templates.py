"""The messages the center sends, one function per kind, written once and translated.

Each returns text and HTML bodies in the recipient's locale (the catalog's strings, so
a Chinese reader gets Chinese mail). Values are escaped into the HTML, never trusted.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.locales import UiLocale


@dataclass(frozen=True)
class MailContent:
    """What a message says: its subject and both bodies, in one locale."""

    subject: str
    text: str
    html: str


def _html(locale: UiLocale, *paragraphs: str) -> str:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return f'<!DOCTYPE html><html lang="{locale.tag}"><head><meta charset="utf-8"></head><body>{body}</body></html>'


def mailbox_code(locale: UiLocale, params: dict[str, str]) -> MailContent:
    """The 6-digit code that proves the person reads this mailbox."""
    _ = gettext_for(locale)
    code, minutes = params["code"], params["minutes"]
    intro = _("Someone, hopefully you, asked the Privacy Center to send its messages to this address.")
    validity = _("The code is valid for %(minutes)s minutes.") % {"minutes": minutes}
    ignore = _("If you did not ask for it, ignore this message: nothing changes.")
    code_line = _("Your confirmation code: %(code)s") % {"code": code}
    html_code = html.escape(_("Your confirmation code: %(code)s")) % {"code": f"<strong>{html.escape(code)}</strong>"}
    return MailContent(
        subject=_("Confirm your mailbox for the Privacy Center"),
        text="\n\n".join([intro, code_line, validity, ignore]) + "\n",
        html=_html(locale, html.escape(intro), html_code, html.escape(validity), html.escape(ignore)),
    )


# The kinds a ``mail.send`` job may name; anything else is refused before sending.
TEMPLATES: dict[str, Callable[[UiLocale, dict[str, str]], MailContent]] = {"mailbox_code": mailbox_code}
