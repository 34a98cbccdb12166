"""Where a failed action tells the person what happened (filled by state.notice, in the page's language)."""

from __future__ import annotations

import reflex as rx

from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.locales import UiLocale
from privacy_center.state.notice import NoticeState


def error_notice(locale: UiLocale) -> rx.Component:
    """An alert above the page's content, hidden while there is nothing to say."""
    _ = gettext_for(locale)
    return rx.el.div(
        rx.el.p(NoticeState.text, id="error-notice"),
        rx.el.button(_("Close"), type="button", class_name="button", on_click=NoticeState.dismiss),
        role="alert",
        class_name="notice",
        hidden=NoticeState.text == "",
    )
