"""A message as it travels: multipart text + HTML, headers for one recipient."""

from __future__ import annotations

import datetime as dt
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from privacy_center.i18n.locales import UiLocale
from privacy_center.mail.templates import TEMPLATES, MailContent


class UnknownTemplateError(ValueError):
    """A job named a kind of message the center does not send."""


def render(template: str, locale: UiLocale, params: dict[str, str]) -> MailContent:
    """The content of ``template`` in ``locale``."""
    try:
        build = TEMPLATES[template]
    except KeyError:
        raise UnknownTemplateError(template) from None
    return build(locale, params)


def compose(content: MailContent, *, sender: str, to: str, locale: UiLocale, sent_at: dt.datetime) -> EmailMessage:
    """``multipart/alternative``: the text part first, the HTML part preferred by readers that show it."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = Address(addr_spec=to)
    message["Subject"] = content.subject
    message["Date"] = format_datetime(sent_at)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2].strip("> ") or "localhost")
    message["Auto-Submitted"] = "auto-generated"  # no out-of-office replies to a code
    message.set_content(content.text)
    message.add_alternative(content.html, subtype="html")
    # After the parts exist: making the message multipart moves Content-* headers into its first part.
    message["Content-Language"] = locale.tag
    return message
