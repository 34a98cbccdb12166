"""``/apps/<client_id>/guideline``: an authorized app's own privacy guideline, and a switch per permission.

The page follows the sections of the mini-program guideline template: who set the
guideline, the information the developer processes and why, the permissions (scopes)
the app uses and what each gives it, third-party plugins, the person's rights, how long
the information is kept, how it may be used, how to contact the developer, and its
dates. Every permission the person granted has a switch: turning it off (after a
confirmation) withdraws it from the app at once, through the same service as the app's
own page; a permission not granted shows off. An app whose developer supplied no
guideline says so, and still lists what the person granted.

Which app comes from the URL the tab is on, whose grant from the connection's cookie,
at every event: a forged event naming another person's app, an unknown one or a
permission not granted gets the service's refusal in the page's language, and changes
nothing. Only the person's own apps show a guideline here (the others read "not among
your apps", revealing nothing).
"""

from __future__ import annotations

from typing import TypedDict, TypeVar

import reflex as rx

from privacy_center.authz import Capability
from privacy_center.components.feedback import badge, notice
from privacy_center.components.overlays import confirm_dialog, open_dialog
from privacy_center.components.rows import row, row_group
from privacy_center.components.switch import switch
from privacy_center.content.app_guideline import ContactKind, GuidelineFile, Item
from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.formatting import format_date
from privacy_center.i18n.locales import UiLocale
from privacy_center.pages.app_frame import (
    CLIENT_ID_MAX_LENGTH,
    app_frame,
    withdraw,
)
from privacy_center.pages.app_views import LIST_PATH, app_href
from privacy_center.pages.registry import BuiltPage, PageSpec
from privacy_center.services import app_access
from privacy_center.services.app_guidelines import read_guideline
from privacy_center.services.scopes import SUPPORTED, describe
from privacy_center.state import context
from privacy_center.state.binding import SessionBound

# The person's apps, and each one's own page (pages/apps.py, pages/app_detail.py).
PATH = f"{LIST_PATH}/[client_id]/guideline"
# Signing in needs it: it ends only with "Disable access" on the app's page, so no switch.
REQUIRED_SCOPE = app_access.REQUIRED_SCOPE
T = TypeVar("T")


class ItemRow(TypedDict):
    """An item of information the developer processes, in the guideline's words."""

    key: str
    name: str
    purpose: str
    storage: str


class PluginRow(TypedDict):
    """A third-party plugin: its name, who provides it, what it processes and why."""

    key: str
    name: str
    provider: str
    processes: str


class ContactRow(TypedDict):
    """One way to reach the developer; ``href`` is empty for a postal address."""

    kind: str
    value: str
    href: str


def _contact_href(kind: ContactKind, value: str) -> str:
    if kind is ContactKind.EMAIL:
        return f"mailto:{value}"
    if kind is ContactKind.PHONE:
        return "tel:" + "".join(c for c in value if c.isdigit() or c == "+")
    if kind is ContactKind.WEB:
        return value
    return ""


def contact_label(kind: str, locale: UiLocale) -> str:
    """A contact's kind in the reader's words."""
    _ = gettext_for(locale)
    return {
        ContactKind.EMAIL.value: _("Email"),
        ContactKind.PHONE.value: _("Phone"),
        ContactKind.WEB.value: _("Website"),
        ContactKind.ADDRESS.value: _("Postal address"),
    }.get(kind, kind)


def permission_note(*, purpose: str, gives: list[str], granted: bool, disabled: bool, locale: UiLocale) -> str:
    """A permission's second line: whether it is allowed, why the app asks, what it gives."""
    _ = gettext_for(locale)
    if disabled:
        status = _("Not allowed: the app’s access is disabled.")
    elif granted:
        status = _("Allowed.")
    else:
        status = _("Not allowed.")
    text = status
    more = [purpose] if purpose else []
    if gives:
        more.append(_("It gives the app: %(items)s.") % {"items": _("; ").join(gives)})
    for sentence in more:
        # Sentences follow each other with a space in English, without one in Chinese.
        text = _("%(sentence)s %(next)s") % {"sentence": text, "next": sentence}
    return text


class AppGuidelineState(SessionBound, rx.State):
    """The guideline on screen, in words; what the last withdrawal did or why it was refused."""

    loaded: bool = False
    found: bool = False
    signed_in: bool = False
    here: str = ""
    app_page: str = ""
    page_title: str = ""
    name: str = ""
    intro: str = ""
    disabled: bool = False
    has_guideline: bool = False
    items: list[ItemRow] = []
    plugins: list[PluginRow] = []
    contacts: list[ContactRow] = []
    dates: str = ""
    # The permissions on screen (the guideline's and the granted ones), the granted ones, and each one's line.
    shown_scopes: list[str] = []
    granted_scopes: list[str] = []
    scope_notes: dict[str, str] = {}
    done: str = ""
    problem: str = ""

    @rx.event
    async def load(self) -> None:
        """The guideline of the app the URL names, for the person the cookie names."""
        self.done, self.problem = "", ""
        await self._refresh()

    @rx.event
    async def withdraw(self, scope: str) -> None:
        """Not allowed: take the permission ``scope`` back from the app on screen, at once."""
        await withdraw(self, scope)
        await self._refresh()

    async def _refresh(self) -> None:
        await context.run(self, Capability.MANAGE_APPS, self._fill)

    def _fill(self, ctx: context.Context) -> None:
        """The person's grant of the app and the app's guideline, read in one transaction."""
        locale, client_id = ctx.locale, self._client_id()
        self.here = app_href(locale, client_id, "guideline")
        self.loaded, self.signed_in = True, ctx.subject is not None
        app, guideline = None, None
        if ctx.subject is not None and 0 < len(client_id) <= CLIENT_ID_MAX_LENGTH:
            try:
                app = app_access.authorized_app(ctx.session, subject=ctx.subject, client_id=client_id, now=ctx.now)
            except app_access.AppNotAuthorizedError:
                app = None
            if app is not None:
                guideline = read_guideline(ctx.session, client_id=client_id)
        self.found = app is not None
        if app is None:
            self._clear()
            return
        _ = gettext_for(locale)
        self.name, self.disabled, self.app_page = app.name, app.disabled, app_href(locale, client_id)
        self.page_title = _("%(app)s – Privacy guideline") % {"app": app.name}
        granted = [] if app.disabled else [s.scope for s in app.scopes]
        document = guideline.for_locale(locale) if guideline else None
        self._show_document(document, locale, app_name=app.name, developer=app.developer)
        described = [use.scope for use in document.scopes] if document else []
        self.shown_scopes = [s for s in SUPPORTED if s in described or s in granted]
        self.granted_scopes = granted
        self.scope_notes = {
            scope: permission_note(
                purpose=use.purpose if (use := document.scope(scope) if document else None) else "",
                gives=[item.name for key in (use.items if use else ()) if (item := _item(document, key))],
                granted=scope in granted,
                disabled=app.disabled,
                locale=locale,
            )
            for scope in self.shown_scopes
        }

    def _show_document(
        self, document: GuidelineFile | None, locale: UiLocale, *, app_name: str, developer: str
    ) -> None:
        """The guideline's sections in words (all empty when the developer supplied none)."""
        _ = gettext_for(locale)
        self.has_guideline = document is not None
        if document is None:
            self.intro = _("The developer of %(app)s, %(developer)s, has not supplied a privacy guideline.") % {
                "app": app_name,
                "developer": developer,
            }
            self.items, self.plugins, self.contacts, self.dates = [], [], [], ""
            return
        self.intro = _(
            "%(developer)s, the developer of %(app)s, sets out in this guideline how the app processes "
            "your personal information."
        ) % {"developer": document.developer.name, "app": app_name}
        self.items = [
            ItemRow(key=i.key, name=i.name, purpose=i.purpose, storage=document.storage_of(i)) for i in document.items
        ]
        self.plugins = [
            PluginRow(
                key=p.key,
                name=p.name,
                provider=_("Provided by %(provider)s") % {"provider": p.provider},
                processes=" ".join(
                    _("%(item)s: %(purpose)s")
                    % {"item": item.name if (item := document.item(u.item)) else u.item, "purpose": u.purpose}
                    for u in p.processes
                ),
            )
            for p in document.plugins
        ]
        self.contacts = [
            ContactRow(kind=contact_label(c.kind.value, locale), value=c.value, href=_contact_href(c.kind, c.value))
            for c in document.developer.contacts
        ]
        dates = [_("Effective from %(date)s") % {"date": format_date(document.effective_on, locale)}]
        if document.updated_on is not None:
            dates.append(_("Updated on %(date)s") % {"date": format_date(document.updated_on, locale)})
        self.dates = _(" · ").join(dates)

    def _clear(self) -> None:
        """Nothing of an app stays on screen once it is not the person's (or nobody is signed in)."""
        self.name = self.intro = self.page_title = self.app_page = self.dates = ""
        self.items, self.plugins, self.contacts = [], [], []
        self.shown_scopes, self.granted_scopes, self.scope_notes = [], [], {}
        self.disabled = self.has_guideline = False

    def _client_id(self) -> str:
        """The app the tab's URL names (``/en/apps/<client_id>/guideline/``), never a value the browser set."""
        parts = self.router.url.path.strip("/").split("/")
        return parts[-2] if len(parts) >= 2 and parts[-1] == "guideline" else ""


def _item(document: GuidelineFile | None, key: str) -> Item | None:
    return document.item(key) if document else None


def _dialog_id(scope: str) -> str:
    return f"not-allowed-{scope}"


def _permissions(locale: UiLocale) -> rx.Component:
    """A switch per permission: on while allowed; turning it off asks, then withdraws it."""
    _ = gettext_for(locale)
    state = AppGuidelineState
    rows: list[rx.Component] = []
    dialogs: list[rx.Component] = []
    for scope in describe(list(SUPPORTED), locale):
        note = state.scope_notes[scope.name].to(str)
        granted = state.granted_scopes.contains(scope.name)
        if scope.name == REQUIRED_SCOPE:
            shown = row(scope.title, secondary=note, value=badge(_("Needed to sign in")), id=f"scope-{scope.name}")
        else:
            shown = switch(
                scope.title,
                checked=granted,
                # Only ever turned off here: allowing again is the app's to ask, at its next sign-in.
                on_change=open_dialog(_dialog_id(scope.name)),
                name=f"scope-{scope.name}",
                description=note,
                disabled=~granted,
            )
            dialogs.append(
                confirm_dialog(
                    dialog_id=_dialog_id(scope.name),
                    title=_("Not allowed: %(permission)s?") % {"permission": scope.title},
                    text=_(
                        "The app loses this permission at once, also for the access it already holds: "
                        "%(releases)s. To allow it again, the app has to ask you."
                    )
                    % {"releases": _("; ").join(scope.releases)},
                    confirm_label=_("Not allowed"),
                    cancel_label=_("Cancel"),
                    on_confirm=state.withdraw(scope.name),
                )
            )
        rows.append(rx.cond(state.shown_scopes.contains(scope.name), shown))
    return rx.fragment(
        row_group(
            *rows,
            title=_("Permissions the app uses"),
            footer=_("Turn a permission off to withdraw it. The account permission ends only with Disable access."),
            id="permissions",
        ),
        *dialogs,
    )


def _items(locale: UiLocale) -> rx.Component:
    _ = gettext_for(locale)
    state = AppGuidelineState
    return row_group(
        rx.foreach(state.items, lambda item: row(item["name"], secondary=item["purpose"])),
        title=_("Information the developer processes"),
        footer=_("Only what the app needs for what it does."),
        id="processed",
    )


def _plugins(locale: UiLocale) -> rx.Component:
    _ = gettext_for(locale)
    state = AppGuidelineState
    return row_group(
        rx.foreach(
            state.plugins,
            lambda plugin: row(
                plugin["name"],
                secondary=rx.el.span(
                    rx.el.span(plugin["provider"], class_name="guideline-provider"),
                    rx.el.span(plugin["processes"]),
                    class_name="guideline-lines",
                ),
            ),
        ),
        rx.cond(state.plugins.length() == 0, row(_("The app uses no third-party plugins."))),
        title=_("Third-party plugins"),
        footer=_("A plugin’s provider processes this information under its own rules, as the developer says here."),
        id="plugins",
    )


def _rights(locale: UiLocale) -> rx.Component:
    _ = gettext_for(locale)
    state = AppGuidelineState
    return row_group(
        row(
            _("Withdraw a permission"),
            secondary=_("Turn it off under Permissions the app uses; the app loses it at once."),
            href="#permissions",
            reload=True,
        ),
        row(
            _("Ask the developer to delete your data"),
            secondary=_("On the app’s page, where you can also disable its access."),
            href=state.app_page,
        ),
        row(
            _("See, copy, correct or delete your information"),
            secondary=_("Contact the developer in one of the ways below."),
            href="#contact",
            reload=True,
        ),
        title=_("Your rights"),
        id="rights",
    )


def _storage(locale: UiLocale) -> rx.Component:
    _ = gettext_for(locale)
    state = AppGuidelineState
    return row_group(
        rx.foreach(state.items, lambda item: row(item["name"], secondary=item["storage"])),
        title=_("How long it is kept"),
        id="storage",
    )


def _use(locale: UiLocale) -> rx.Component:
    _ = gettext_for(locale)
    return row_group(
        row(
            _("Only for the purposes above"),
            secondary=_("For anything else, the developer has to tell you and ask for your consent first."),
        ),
        row(
            _("Not passed on or made public"),
            secondary=_(
                "The developer does not give your information to others or publish it, "
                "unless you agree to it separately."
            ),
        ),
        title=_("How the information may be used"),
        footer=_("The developer accepts these rules by supplying the guideline."),
        id="use",
    )


def _contacts(locale: UiLocale) -> rx.Component:
    _ = gettext_for(locale)
    state = AppGuidelineState
    return row_group(
        rx.foreach(
            state.contacts,
            lambda c: rx.cond(
                c["href"] != "",
                row(c["kind"], secondary=c["value"], href=c["href"], reload=True),
                row(c["kind"], secondary=c["value"]),
            ),
        ),
        title=_("Contact the developer"),
        footer=_("For questions, complaints, or to exercise your rights about this app."),
        id="contact",
    )


def _guideline(locale: UiLocale) -> rx.Component:
    _ = gettext_for(locale)
    state = AppGuidelineState
    return rx.fragment(
        rx.el.h1(
            _("Privacy guideline"),
            rx.el.span(state.name, class_name="guideline-app"),
            rx.cond(state.disabled, badge(_("Access disabled"), tone="warning")),
        ),
        rx.el.p(state.intro, class_name="lead guideline-intro"),
        notice(state.done, tone="success", role="status", hidden=state.done == "", id="guideline-done"),
        rx.cond(
            state.has_guideline,
            rx.fragment(
                _items(locale),
                _permissions(locale),
                _plugins(locale),
                _rights(locale),
                _storage(locale),
                _use(locale),
                _contacts(locale),
                rx.el.p(state.dates, class_name="guideline-dates"),
            ),
            rx.fragment(
                notice(
                    _("Below are the permissions you gave this app. Ask its developer how it uses them."),
                    tone="warning",
                    title=_("No privacy guideline"),
                    id="no-guideline",
                ),
                _permissions(locale),
            ),
        ),
    )


def build(locale: UiLocale) -> BuiltPage:
    """The guideline for the app's person; "not among your apps" for anyone else; why to sign in."""
    _ = gettext_for(locale)
    return app_frame(
        locale,
        AppGuidelineState,
        title=_("Privacy guideline"),
        signed_out_text=_("Sign in to read the guideline of an app you allowed."),
        details=_guideline(locale),
        placeholder_rows=8,
        id_prefix="guideline",
    )


PAGE = PageSpec(path=PATH, build=build, on_load=AppGuidelineState.load)
