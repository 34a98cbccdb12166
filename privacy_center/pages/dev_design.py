"""``/dev/design`` (demo mode only): every component of the design system, as pages use it.

One place to see (and screenshot: ``scripts/screenshots.sh``) each component at phone
width, in both themes (``?theme=dark``) and both languages, and to try the interactive
ones (switch, pager, dialog, menu). Each section has the id ``ds-<component>``, which
the screenshot script and docs/design.md use. Its state holds no personal data.
"""

from __future__ import annotations

import reflex as rx

from privacy_center.components.controls import pager
from privacy_center.components.feedback import badge, empty_state, notice, skeleton
from privacy_center.components.icons import icon, icon_names
from privacy_center.components.layout import back_link, page_shell
from privacy_center.components.links import page_href
from privacy_center.components.overlays import confirm_dialog, menu, menu_item, open_dialog
from privacy_center.components.rows import row, row_group
from privacy_center.components.switch import switch
from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.locales import UiLocale
from privacy_center.pages.dev_mailbox import available
from privacy_center.pages.registry import BuiltPage, PageSpec
from privacy_center.state.binding import SessionBound

PATH = "/dev/design"
# The sections, in page order: the names of docs/design/<name>-light.png and -dark.png.
COMPONENTS = (
    "buttons",
    "rows",
    "switch",
    "badges",
    "notice",
    "empty-state",
    "skeleton",
    "pager",
    "dialog",
    "menu",
    "icons",
)
_PAGES = 5
# A demo account's name (services/demo.py): a name, not a string to translate.
_DEMO_NAME = "Alice Chen"


class DesignGalleryState(SessionBound, rx.State):
    """What the interactive samples change: a switch and a pager over five pretend pages."""

    notifications: bool = True
    page: int = 1
    confirmed: int = 0

    @rx.event
    def set_notifications(self, value: bool) -> None:
        """Flip the sample switch (the value the switch says it turned to)."""
        self.notifications = bool(value)

    @rx.event
    def turn_page(self, delta: int) -> None:
        """The sample pager, kept within its five pages whatever a client sends."""
        self.page = min(max(self.page + (1 if int(delta) > 0 else -1), 1), _PAGES)

    @rx.event
    def confirm(self) -> None:
        """Count the confirmations, so the gallery shows that the dialog's answer arrived."""
        self.confirmed += 1


def _section(name: str, title: str, *samples: rx.Component) -> rx.Component:
    return rx.el.section(
        rx.el.h2(title, id=f"ds-{name}-title"),
        rx.el.div(*samples, class_name="ds-sample ds-stack"),
        id=f"ds-{name}",
        aria_labelledby=f"ds-{name}-title",
        class_name="ds-section",
    )


def _rows(locale: UiLocale) -> rx.Component:
    _ = gettext_for(locale)
    return row_group(
        row(
            _("Collected Personal Information"),
            href=page_href(locale, "/collected"),
            icon="database",
            secondary=_("What we collect, why, and how often we collected yours."),
            value="42",
        ),
        row(
            _("Your mailbox"),
            href=page_href(locale, "/account/mailbox"),
            icon="mail",
            value=badge(_("Confirmed"), tone="success"),
        ),
        row(_("Sign out"), on_click=open_dialog("ds-dialog-sample"), icon="log-out"),
        row(_("Version"), icon="info", value="1.0"),
        title=_("Your information"),
        footer=_("A row with a chevron opens another page; one without acts here or only informs."),
        id="ds-rows-group",
    )


def _notices(locale: UiLocale) -> list[rx.Component]:
    _ = gettext_for(locale)
    return [
        notice(rx.el.p(_("Counts are by day in UTC. Sensitive values are partly hidden.")), tone="info"),
        notice(rx.el.p(_("Your mailbox is confirmed.")), tone="success", title=_("Done")),
        notice(
            rx.el.p(_("Our guidelines changed.")),
            tone="warning",
            compact=True,
            actions=[rx.el.button(_("I have read this"), type="button", class_name="button")],
        ),
        notice(rx.el.p(_("Something went wrong. Please try again.")), tone="danger", role="note"),
    ]


def build(locale: UiLocale) -> BuiltPage:
    """Each component in a section of its own, with the samples pages actually need."""
    _ = gettext_for(locale)
    buttons = rx.el.div(
        rx.el.button(_("Cancel"), type="button", class_name="button"),
        rx.el.button(_("Save"), type="button", class_name="button primary"),
        rx.el.button(_("Delete"), type="button", class_name="button danger"),
        rx.el.button(_("Next"), type="button", class_name="button", disabled=True),
        class_name="button-row",
    )
    switches = row_group(
        switch(
            _("Notifications"),
            checked=DesignGalleryState.notifications,
            on_change=DesignGalleryState.set_notifications,
            name="ds-switch-notifications",
            description=_("Tell me when my information is shared."),
        ),
        switch(
            _("Personalized ads"),
            checked=False,
            on_change=DesignGalleryState.set_notifications,
            name="ds-switch-disabled",
            disabled=True,
        ),
    )
    badges = rx.el.p(*(badge(text, tone=tone) for tone, text in _badge_samples(locale)))
    component = page_shell(
        locale,
        PATH,
        rx.el.h1(_("Design system")),
        rx.el.p(_("Every component of the center, for designers and developers (demo only)."), class_name="lead"),
        _section("buttons", _("Buttons"), buttons),
        _section("rows", _("Rows and groups"), _rows(locale)),
        _section("switch", _("Switch"), switches),
        _section("badges", _("Badges"), badges),
        _section("notice", _("Notices"), *_notices(locale)),
        _section(
            "empty-state",
            _("Empty state"),
            empty_state(
                _("No mail yet"),
                text=_("Messages the center sends appear here."),
                icon="mail",
                action=rx.el.a(_("Privacy Center"), href=page_href(locale, "/"), class_name="button"),
            ),
        ),
        _section("skeleton", _("Loading skeleton"), skeleton(3, label=_("Loading…"))),
        _section(
            "pager",
            _("Pager"),
            pager(
                locale,
                label=DesignGalleryState.page.to_string() + f" / {_PAGES}",
                previous=DesignGalleryState.turn_page(-1),
                following=DesignGalleryState.turn_page(1),
                has_previous=DesignGalleryState.page > 1,
                has_following=DesignGalleryState.page < _PAGES,
                aria_label=_("Pages of the list"),
            ),
        ),
        _section(
            "dialog",
            _("Confirmation dialog"),
            rx.el.button(_("Sign out"), type="button", class_name="button", on_click=open_dialog("ds-dialog-sample")),
            confirm_dialog(
                dialog_id="ds-dialog-sample",
                title=_("Sign out everywhere?"),
                text=_("Every device signed in to your account will have to sign in again."),
                confirm_label=_("Sign out everywhere"),
                cancel_label=_("Cancel"),
                on_confirm=DesignGalleryState.confirm,
                danger=True,
            ),
            rx.el.p(
                _("Confirmed:"), " ", DesignGalleryState.confirmed.to_string(), role="status", class_name="doc-meta"
            ),
        ),
        _section(
            "menu",
            _("Menu"),
            menu(
                label=_("Account"),
                trigger=rx.fragment(icon("user"), rx.el.span(_DEMO_NAME)),
                items=[
                    menu_item(_("Access history"), icon="history", href=page_href(locale, "/access-history")),
                    menu_item(_("Sign out"), icon="log-out", on_click=open_dialog("ds-dialog-sample"), danger=True),
                ],
                menu_id="ds-menu-sample",
                heading=_DEMO_NAME,
                close_label=_("Close"),
            ),
        ),
        _section(
            "icons",
            _("Icons"),
            rx.el.ul(
                *(rx.el.li(icon(name, size=24), rx.el.span(name)) for name in icon_names()), class_name="ds-icons"
            ),
        ),
        back=back_link(locale),
    )
    return BuiltPage(component=component, title=_("Design system"))


def _badge_samples(locale: UiLocale) -> list[tuple[str, str]]:
    _ = gettext_for(locale)
    return [
        ("neutral", _("Draft")),
        ("info", _("New")),
        ("success", _("Confirmed")),
        ("warning", _("Sensitive")),
        ("danger", _("Failed")),
    ]


PAGE = PageSpec(path=PATH, build=build)

__all__ = ["COMPONENTS", "PAGE", "PATH", "DesignGalleryState", "available"]
