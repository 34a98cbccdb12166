"""Errors the person can understand, in their language.

A :class:`DomainError` is raised by services and handlers for a situation the person
caused or can act on (a version that does not exist, a request not allowed). It carries
its msgid and parameters, not a sentence: the sentence is made in the reader's locale
where it is shown, once for Reflex (:mod:`privacy_center.state.errors`) and once for
HTTP routes (:mod:`privacy_center.api.errors`). A subclass states its text in
:meth:`DomainError.describe` as a literal ``_()`` call, so pybabel extracts it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from privacy_center.authz import ForbiddenError
from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.locales import UiLocale

Gettext = Callable[[str], str]


def _untranslated(msgid: str) -> str:
    return msgid


class DomainError(Exception):
    """A failure the person should read about, in their language."""

    # The HTTP status a route answers with (Reflex shows the message on the page instead).
    status_code: int = 400
    # Every subclass by name: Reflex carries an error to the page as its name and parameters.
    _by_name: ClassVar[dict[str, type[DomainError]]] = {}

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        DomainError._by_name[cls.__name__] = cls

    def __init__(self, **params: object) -> None:
        super().__init__(self.msgid)
        self.params = params

    @staticmethod
    def describe(_: Gettext) -> str:
        """The message, through the translator ``_`` (override with a literal ``_("...")``)."""
        return _("Something went wrong. Please try again.")

    @property
    def msgid(self) -> str:
        """The untranslated template (also the exception's text in logs)."""
        return self.describe(_untranslated)

    def message(self, locale: UiLocale) -> str:
        """The message in ``locale``, with its ``%(name)s`` parameters filled in."""
        _ = gettext_for(locale)
        text = self.describe(_)
        return text % self.params if self.params else text


class NotAllowedError(DomainError):
    """The viewer may not do this for this person (authz said no)."""

    status_code = 403

    @staticmethod
    def describe(_: Gettext) -> str:
        """Shown when a handler or route refuses an action on someone else's data."""
        return _("You are not allowed to do this.")


class SignInRequiredError(DomainError):
    """Nobody is signed in (or their session ended) for an action that needs someone."""

    status_code = 401

    @staticmethod
    def describe(_: Gettext) -> str:
        """Shown when a signed-in action arrives without a live session."""
        return _("Please sign in again to continue.")


def error_class(name: str) -> type[DomainError]:
    """The DomainError subclass called ``name``; the generic one for any other name."""
    return DomainError._by_name.get(name, DomainError)


def as_domain_error(error: BaseException) -> DomainError | None:
    """The person-facing form of ``error``; ``None`` for a bug (shown as a generic notice)."""
    if isinstance(error, DomainError):
        return error
    if isinstance(error, ForbiddenError):
        return NotAllowedError()
    return None
