"""``/dev/mailbox`` (demo mode only): the messages the center wrote to ``data/outbox/``.

Without a mail server the embedded default writes each message as an ``.eml`` file; this
page lists them, newest first, a page at a time, and shows one's text, so a newcomer can
read codes and links. It is not built in production, and its handlers refuse there too
(any client can call a handler, whether or not the page exists).
"""

from __future__ import annotations

import asyncio
from email.utils import parsedate_to_datetime
from typing import TypedDict

import reflex as rx

from privacy_center.components.controls import pager
from privacy_center.components.layout import back_link, page_shell
from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.formatting import format_moment, viewer_zone
from privacy_center.i18n.locales import UiLocale, from_path
from privacy_center.mail.outbox import MAX_PAGE, OutboxEntry, OutboxPage, list_messages, read_message
from privacy_center.pages.registry import BuiltPage, PageSpec
from privacy_center.settings import get_settings
from privacy_center.state.binding import SessionBound

PATH = "/dev/mailbox"


class MessageRow(TypedDict):
    """One message of the list."""

    name: str
    to: str
    subject: str
    date: str


def sent_at(entry: OutboxEntry, locale: UiLocale, *, tz: str) -> str:
    """When a message was written, in the reader's zone; its ``Date`` header as it is if unreadable."""
    try:
        moment = parsedate_to_datetime(entry.date)
    except (TypeError, ValueError):
        return entry.date
    return format_moment(moment, locale, tz=tz)


def available() -> bool:
    """The page exists in the demo mode only."""
    return get_settings().env == "demo"


class DevMailboxState(SessionBound, rx.State):
    """A page of the outbox and the message opened."""

    rows: list[MessageRow] = []
    status: str = ""
    has_previous: bool = False
    has_next: bool = False
    opened_subject: str = ""
    opened_to: str = ""
    opened_text: str = ""
    _offset: int = 0

    @rx.event
    async def load(self) -> None:
        """The newest messages."""
        self._offset = 0
        await self._refresh()

    @rx.event
    async def previous_page(self) -> None:
        """Newer messages."""
        self._offset = max(0, self._offset - MAX_PAGE)
        await self._refresh()

    @rx.event
    async def next_page(self) -> None:
        """Older messages."""
        self._offset += MAX_PAGE
        await self._refresh()

    @rx.event
    async def open_message(self, name: str) -> None:
        """Show one message's text (only a name the outbox wrote is read)."""
        if not available():
            return
        message = await asyncio.to_thread(read_message, get_settings().outbox_dir, str(name))
        self.opened_subject = message.subject if message else ""
        self.opened_to = message.to if message else ""
        self.opened_text = message.text if message else ""

    async def _refresh(self) -> None:
        if not available():
            return
        page: OutboxPage = await asyncio.to_thread(list_messages, get_settings().outbox_dir, offset=self._offset)
        self._offset = page.offset
        locale, tz = from_path(self.router.url.path), viewer_zone(self.router.headers.cookie)
        self.rows = [
            MessageRow(name=e.name, to=e.to, subject=e.subject, date=sent_at(e, locale, tz=tz)) for e in page.entries
        ]
        self.has_previous = page.offset > 0
        self.has_next = page.offset + len(page.entries) < page.total
        _ = gettext_for(locale)
        self.status = (
            _("%(first)d to %(last)d of %(total)d messages")
            % {"first": page.offset + 1, "last": page.offset + len(page.entries), "total": page.total}
            if page.total
            else _("No message yet.")
        )


def _row(row: MessageRow) -> rx.Component:
    return rx.el.li(
        rx.el.button(
            rx.el.span(row["subject"], class_name="entry-title"),
            rx.el.span(row["to"], " · ", row["date"], class_name="entry-description"),
            type="button",
            class_name="entry",
            on_click=DevMailboxState.open_message(row["name"]),
        )
    )


def build(locale: UiLocale) -> BuiltPage:
    """The list, then the opened message."""
    _ = gettext_for(locale)
    lead = _("Demo mode: without a mail server, the messages the center sends are kept here.")
    component = page_shell(
        locale,
        PATH,
        rx.el.h1(_("Demo mailbox")),
        rx.el.p(lead, class_name="lead"),
        rx.el.button(
            _("Refresh"), type="button", class_name="button", on_click=DevMailboxState.load, id="outbox-refresh"
        ),
        rx.el.ul(rx.foreach(DevMailboxState.rows, _row), class_name="entry-list", id="outbox-list"),
        pager(
            locale,
            label=DevMailboxState.status,
            previous=DevMailboxState.previous_page,
            following=DevMailboxState.next_page,
            has_previous=DevMailboxState.has_previous,
            has_following=DevMailboxState.has_next,
            aria_label=_("Pages of messages"),
        ),
        rx.cond(
            DevMailboxState.opened_subject != "",
            rx.el.article(
                rx.el.h2(DevMailboxState.opened_subject, class_name="box-title"),
                rx.el.p(DevMailboxState.opened_to, class_name="doc-meta"),
                rx.el.pre(
                    DevMailboxState.opened_text,
                    id="outbox-text",
                    style={"white_space": "pre-wrap", "overflow_wrap": "anywhere"},
                ),
                class_name="box",
                aria_label=_("Opened message"),
            ),
        ),
        back=back_link(locale),
    )
    return BuiltPage(component=component, title=_("Demo mailbox"), description=lead)


PAGE = PageSpec(path=PATH, build=build, on_load=DevMailboxState.load)
