"""``/access-history``: what was done with the signed-in person's data, newest first.

Whose history is shown is decided on the server for every event, from the connection's
cookie (through the one authorization context, capability VIEW_HISTORY); the handlers
take no person, so no client can ask for someone else's. Pages of at most 50 entries,
by keyset on the entry id: the cursors stay in backend-only vars.
"""

from __future__ import annotations

from typing import TypedDict

import reflex as rx

from privacy_center.authz import Capability
from privacy_center.components.controls import fact, pager, sign_in_prompt
from privacy_center.components.layout import back_link, page_shell
from privacy_center.content.settings_catalogue import SettingKind, get_catalogue
from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.formatting import format_datetime, viewer_zone, zone_label
from privacy_center.i18n.locales import UiLocale, from_path, match
from privacy_center.pages.registry import BuiltPage, PageSpec
from privacy_center.services.audit import PAGE_SIZE, AuditAction, HistoryItem, history_page
from privacy_center.state import context
from privacy_center.state.binding import SessionBound

PATH = "/access-history"
WEB_CLIENT = "web"
AGENT_CONSOLE = "agent console"


class HistoryRow(TypedDict):
    """One entry as the page shows it: every field already in the reader's words."""

    key: str
    action: str
    detail: str
    when: str
    who: str
    client: str


def _action(item: HistoryItem, locale: UiLocale) -> str:
    _ = gettext_for(locale)
    words = {
        AuditAction.SIGNED_IN: _("Signed in"),
        AuditAction.SIGNED_OUT: _("Signed out"),
        AuditAction.SIGNED_OUT_EVERYWHERE: _("Signed out on every device"),
        AuditAction.APP_AUTHORIZED: _("Allowed an app to use the account"),
        AuditAction.APP_ACCESS_DISABLED: _("Turned off an app's access"),
        AuditAction.MAILBOX_CODE_SENT: _("Sent a confirmation code to a mailbox"),
        AuditAction.MAILBOX_VERIFIED: _("Confirmed the mailbox"),
        AuditAction.MAILBOX_REMOVED: _("Removed the mailbox"),
        AuditAction.LOCALE_SAVED: _("Saved the language of the account"),
        AuditAction.SETTING_CHANGED: _("Changed a privacy setting"),
        AuditAction.APP_SCOPE_WITHDRAWN: _("Withdrew a permission from an app"),
        AuditAction.APP_DELETION_REQUESTED: _("Asked an app's developer to delete the data"),
    }
    return words[item.action]


def _setting_change(details: dict, locale: UiLocale) -> str:
    """``Personalized ads: On → Off``, in the page's language (a setting since removed: its key)."""
    _ = gettext_for(locale)
    key, old, new = str(details.get("setting")), str(details.get("old")), str(details.get("new"))
    setting = get_catalogue().for_locale(locale).setting(key)
    if setting is None:
        return f"{key}: {old} → {new}"
    toggle = {"on": _("On"), "off": _("Off")}

    def words(value: str) -> str:
        return toggle.get(value, value) if setting.kind is SettingKind.TOGGLE else setting.label_of(value)

    return f"{setting.title}: {words(old)} → {words(new)}"


def _detail(item: HistoryItem, locale: UiLocale) -> str:
    """The one fact that tells entries of an action apart (already masked when personal)."""
    details = item.details
    if item.action == AuditAction.SETTING_CHANGED:
        return _setting_change(details, locale)
    if "locale" in details:
        saved = match(str(details["locale"]))
        return saved.native_name if saved else str(details["locale"])
    return str(details.get("app") or details.get("address") or "")


def _who(item: HistoryItem, locale: UiLocale) -> str:
    _ = gettext_for(locale)
    if item.details.get("by") == "gpc":
        return _("Your browser's Global Privacy Control signal")
    if item.by_subject:
        return _("You")
    if item.actor_name is None:
        return _("The Privacy Center")
    return _("%(name)s, acting for you") % {"name": item.actor_name}


def _client(item: HistoryItem, locale: UiLocale) -> str:
    _ = gettext_for(locale)
    if item.client == WEB_CLIENT:
        return _("The Privacy Center website")
    if item.client == AGENT_CONSOLE:
        return _("The customer service console")
    return item.app_name or item.client


def history_row(item: HistoryItem, locale: UiLocale, *, tz: str) -> HistoryRow:
    """What the browser receives for one entry: words, never ids of people or raw details; the time in ``tz``."""
    return HistoryRow(
        key=str(item.id),
        action=_action(item, locale),
        detail=_detail(item, locale),
        when=format_datetime(item.created_at, locale, tz=tz),
        who=_who(item, locale),
        client=_client(item, locale),
    )


class AccessHistoryState(SessionBound, rx.State):
    """One page of the signed-in person's entries."""

    entries: list[HistoryRow] = []
    # "Times are in China Time.": the zone the entries are shown in, from the browser's cookie.
    zone_note: str = ""
    signed_in: bool = False
    loaded: bool = False
    has_newer: bool = False
    has_older: bool = False
    # The ``before_id`` of every page shown so far, this one last (None: the newest page).
    _cursors: list[int | None] = []
    _next_cursor: int | None = None

    @rx.event
    async def load(self) -> None:
        """The newest entries."""
        self._cursors = [None]
        await self._refresh()

    @rx.event
    async def turn_page(self, delta: int) -> None:
        """Older (+1) or newer (-1) entries; nothing past either end (any client can send this)."""
        if int(delta) > 0 and self.has_older:
            self._cursors = [*self._cursors, self._next_cursor]
        elif int(delta) < 0 and self.has_newer:
            self._cursors = self._cursors[:-1]
        else:
            return
        await self._refresh()

    async def _refresh(self) -> None:
        before = self._cursors[-1] if self._cursors else None

        def fetch(ctx: context.Context) -> list[HistoryItem] | None:
            # The subject comes from the cookie, checked by authz: never from the state.
            if ctx.subject is None:
                return None
            return history_page(ctx.session, subject=ctx.subject, before_id=before)

        items = await context.run(self, Capability.VIEW_HISTORY, fetch)
        locale = from_path(self.router.url.path)
        self.signed_in, self.loaded = items is not None, True
        items = items or []
        shown = items[:PAGE_SIZE]
        tz = viewer_zone(self.router.headers.cookie)
        self.entries = [history_row(item, locale, tz=tz) for item in shown]
        _ = gettext_for(locale)
        self.zone_note = _("Times are in %(zone)s.") % {"zone": zone_label(tz, locale)}
        self.has_older = len(items) > PAGE_SIZE
        self._next_cursor = shown[-1].id if self.has_older else None
        self.has_newer = len(self._cursors) > 1


def _entry(locale: UiLocale, row: HistoryRow) -> rx.Component:
    _ = gettext_for(locale)
    return rx.el.li(
        rx.el.h2(row["action"], class_name="fact-title"),
        rx.cond(row["detail"] != "", rx.el.p(row["detail"], class_name="fact-purpose")),
        rx.el.dl(
            fact(_("When"), rx.el.time(row["when"])),
            fact(_("By"), row["who"]),
            fact(_("From"), row["client"]),
            class_name="facts",
        ),
        class_name="fact-card",
    )


def build(locale: UiLocale) -> BuiltPage:
    """The entries as cards, newest first, with a pager; a sign-in prompt when signed out."""
    _ = gettext_for(locale)
    state = AccessHistoryState
    component = page_shell(
        locale,
        PATH,
        rx.el.h1(_("Access history")),
        rx.el.p(_("What was done with your information, by whom and from where."), class_name="lead"),
        rx.cond(
            state.signed_in,
            rx.fragment(
                rx.el.p(state.zone_note, class_name="doc-meta", id="history-zone"),
                rx.cond(
                    state.entries.length() > 0,
                    rx.el.ol(rx.foreach(state.entries, lambda row: _entry(locale, row)), class_name="fact-list"),
                    rx.el.p(_("Nothing has been recorded yet."), class_name="notice", role="status"),
                ),
                rx.cond(
                    state.has_newer | state.has_older,
                    pager(
                        locale,
                        label="",
                        previous=state.turn_page(-1),
                        following=state.turn_page(1),
                        has_previous=state.has_newer,
                        has_following=state.has_older,
                        aria_label=_("Pages of the access history"),
                        previous_text=_("Newer"),
                        following_text=_("Older"),
                    ),
                ),
            ),
            rx.cond(
                state.loaded,
                sign_in_prompt(locale, PATH, _("Sign in to see what was done with your information.")),
            ),
        ),
        back=back_link(locale),
    )
    return BuiltPage(
        component=component,
        title=_("Access history"),
        description=_("What was done with your information, by whom and from where."),
    )


PAGE = PageSpec(path=PATH, build=build, on_load=AccessHistoryState.load)
