"""Where a failed action tells the person what happened (filled by state.notice, in the page's language)."""

from __future__ import annotations

import reflex as rx

from privacy_center.components.feedback import notice
from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.locales import UiLocale
from privacy_center.state.notice import NoticeState


def error_notice(locale: UiLocale) -> rx.Component:
    """An alert above the page's content, in the page from the start and hidden while there is nothing to say.

    Always in the DOM (not added by a condition) so that screen readers announce the
    text when it appears in the live region.
    """
    _ = gettext_for(locale)
    return notice(
        rx.el.p(NoticeState.text, id="error-notice"),
        tone="danger",
        role="alert",
        actions=[rx.el.button(_("Close"), type="button", class_name="button", on_click=NoticeState.dismiss)],
        hidden=NoticeState.text == "",
    )
