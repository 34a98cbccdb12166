"""Where a request to an app's developer to delete the person's data stands, in words and tone.

The request is delivered by a job that retries with back-off, so the person may see it
pending for a while, then delivered, or failed after a number of attempts with the last
reason (a status code or an error class, never a body). An app that registered no
deletion endpoint cannot be asked at all: the page says so and who to contact instead.
"""

from __future__ import annotations

import reflex as rx

from privacy_center.components.feedback import notice
from privacy_center.i18n.catalogs import gettext_for, ngettext_for
from privacy_center.i18n.formatting import format_moment
from privacy_center.i18n.locales import UiLocale
from privacy_center.services.app_access import AuthorizedApp
from privacy_center.services.deletion_requests import DeletionStatus

# The states of a request (models/deletion.py's DeletionState) and the tone each is shown in.
TONES = {"pending": "info", "delivered": "success", "failed": "danger", "not_possible": "warning"}


def deletion_words(status: DeletionStatus, app: AuthorizedApp, locale: UiLocale, *, tz: str) -> str:
    """The request's state as one sentence: when, to whom, how many attempts and why the last failed."""
    _ = gettext_for(locale)
    ngettext = ngettext_for(locale)
    values = {
        "developer": app.developer,
        "app": app.name,
        "requested": format_moment(status.requested_at, locale, tz=tz),
        "updated": format_moment(status.updated_at, locale, tz=tz),
        "num": status.attempts,
        "reason": status.last_reason or _("no answer"),
    }
    if status.state == "delivered":
        return _("%(developer)s received your request to delete your data on %(updated)s.") % values
    if status.state == "failed":
        return (
            ngettext(
                "Your request of %(requested)s could not be delivered to %(developer)s after %(num)d attempt. "
                "Last reason: %(reason)s. You can ask again.",
                "Your request of %(requested)s could not be delivered to %(developer)s after %(num)d attempts. "
                "Last reason: %(reason)s. You can ask again.",
                status.attempts,
            )
            % values
        )
    if status.state == "not_possible":
        return (
            _(
                "%(app)s has not told us where to send deletion requests, so nothing was sent on %(requested)s. "
                "Please contact %(developer)s directly."
            )
            % values
        )
    if status.attempts == 0:
        return _("Your request of %(requested)s is on its way to %(developer)s.") % values
    return (
        ngettext(
            "Your request of %(requested)s is on its way to %(developer)s. %(num)d attempt failed so far "
            "(last reason: %(reason)s); we keep trying.",
            "Your request of %(requested)s is on its way to %(developer)s. %(num)d attempts failed so far "
            "(last reason: %(reason)s); we keep trying.",
            status.attempts,
        )
        % values
    )


def deletion_notice(locale: UiLocale, state: rx.Var, text: rx.Var) -> rx.Component:
    """The request's sentence in the tone of its state; a live region, so a change is announced."""
    _ = gettext_for(locale)
    titles = {
        "pending": _("Request sent"),
        "delivered": _("Request delivered"),
        "failed": _("Request not delivered"),
        "not_possible": _("Request not possible"),
    }
    none_yet = rx.el.p(
        _("You have not asked this app's developer to delete your data."),
        class_name="app-action-text",
        id="deletion-none",
    )
    cases = [(name, notice(text, tone=tone, title=titles[name], id=f"deletion-{name}")) for name, tone in TONES.items()]
    return rx.el.div(rx.match(state, *cases, none_yet), role="status", aria_live="polite", id="deletion-status")
