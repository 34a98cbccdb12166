"""The one Reflex mapping of errors: a notice on the page, in the page's language.

Reflex answers an exception in a handler with an English toast ("Contact the website
administrator") on every page. The app registers :func:`on_backend_exception` as its
``backend_exception_handler`` instead: it turns the exception into an event of
:class:`NoticeState`, which runs for the same tab and writes the message in the
locale of the page the tab is on. A :class:`~privacy_center.errors.DomainError` says
what went wrong; anything else is a bug, logged with its traceback and shown as a
generic apology (never its text, which may hold personal data).
"""

from __future__ import annotations

import logging

import reflex as rx
from reflex_base.event import EventSpec

from privacy_center.errors import DomainError, as_domain_error, error_class
from privacy_center.i18n.locales import from_path
from privacy_center.state.binding import SessionBound

log = logging.getLogger(__name__)


class NoticeState(SessionBound, rx.State):
    """The last failure of this tab, as the person reads it."""

    text: str = ""

    @rx.event
    def show_error(self, kind: str, params: dict[str, str]) -> None:
        """Say what failed, in this page's locale (``kind`` names a DomainError; unknown: generic)."""
        error = error_class(str(kind))(**{str(k): str(v) for k, v in dict(params).items()})
        try:
            self.text = error.message(from_path(self.router.url.path))
        except (KeyError, TypeError, ValueError):  # parameters that do not fit (a forged call)
            self.text = DomainError().message(from_path(self.router.url.path))

    @rx.event
    def dismiss(self) -> None:
        """The person read it."""
        self.text = ""


def on_backend_exception(exception: Exception) -> EventSpec:
    """Reflex's ``backend_exception_handler``: log it, and show it on the page in its language."""
    error = as_domain_error(exception)
    if error is None:
        log.error("a handler failed", exc_info=exception)
        return NoticeState.show_error("", {})
    log.info("a handler refused: %s", error.msgid)
    return NoticeState.show_error(type(error).__name__, {k: str(v) for k, v in error.params.items()})
