"""Who is asking, for whom, and whether they may: the one decision (no database here).

The viewer (who is signed in, their role, when they last proved their password) is
resolved once per event or request by the caller; the subject is whose data an action
concerns. :func:`may` is the single rule; :func:`act_for` turns a "yes" into a
:class:`Subject` that every personal-data service requires, so no handler can reach
someone's data without having asked. Agents, guardians and operators acting for
others slot into :func:`may` with their issues; today only "self" grants access.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

# Role names as stored on users (models.user.Role); repeated here so this module stays a leaf.
OPERATOR_ROLE = "operator"


class Capability(StrEnum):
    """What an action does with a person's data (or, for OPERATE, with the deployment)."""

    VIEW_FACTS = "view_facts"
    CHANGE_SETTINGS = "change_settings"
    MANAGE_APPS = "manage_apps"
    EXPORT = "export"
    REQUEST_DELETION = "request_deletion"
    VIEW_HISTORY = "view_history"
    MANAGE_MAILBOX = "manage_mailbox"
    OPERATE = "operate"


class ForbiddenError(Exception):
    """Signed in, but not allowed to do this for this person."""


@dataclass(frozen=True)
class Viewer:
    """The signed-in person, as resolved from their session for one event or request."""

    user_id: int
    display_name: str
    role: str
    auth_time: dt.datetime
    session_id: int
    preferred_locale: str | None


@dataclass(frozen=True)
class Subject:
    """Whose data an action concerns, and who is acting (proof that :func:`may` said yes)."""

    user_id: int
    actor: Viewer

    @property
    def is_self(self) -> bool:
        """The person acts on their own data."""
        return self.user_id == self.actor.user_id


def _as_agent(viewer: Viewer, subject_user_id: int, capability: Capability, now: dt.datetime) -> bool:
    """An agent with an approved, unexpired delegation from the subject: arrives with delegations."""
    return False


def _as_guardian(viewer: Viewer, subject_user_id: int, capability: Capability, now: dt.datetime) -> bool:
    """A guardian acting for a linked child: arrives with guardianship."""
    return False


def _as_operator_for(viewer: Viewer, subject_user_id: int, capability: Capability, now: dt.datetime) -> bool:
    """An operator acting on someone's data from an operator page: arrives with those pages."""
    return False


def may(viewer: Viewer, subject_user_id: int, capability: Capability, now: dt.datetime) -> bool:
    """Whether ``viewer`` may use ``capability`` on ``subject_user_id``'s data at ``now``.

    OPERATE concerns the deployment, not a person: only an operator holds it, for
    themselves. Every other capability: the person themselves, then the slots above.
    """
    if capability is Capability.OPERATE:
        return viewer.role == OPERATOR_ROLE and subject_user_id == viewer.user_id
    if subject_user_id == viewer.user_id:
        return True
    return any(rule(viewer, subject_user_id, capability, now) for rule in (_as_agent, _as_guardian, _as_operator_for))


def act_for(viewer: Viewer, subject_user_id: int, capability: Capability, now: dt.datetime) -> Subject:
    """The :class:`Subject` to hand to services, or :class:`ForbiddenError`."""
    if not may(viewer, subject_user_id, capability, now):
        raise ForbiddenError(capability.value)
    return Subject(user_id=subject_user_id, actor=viewer)


def proved_recently(auth_time: dt.datetime, now: dt.datetime, max_age_seconds: int | None) -> bool:
    """The one "signed in recently enough" rule, for a bare sign-in moment (an ID token's ``auth_time``).

    ``None`` counts as "never fresh" so a forgotten limit fails closed.
    """
    if max_age_seconds is None:
        return False
    return (now - auth_time).total_seconds() <= max_age_seconds


def is_fresh(viewer: Viewer, now: dt.datetime, max_age_seconds: int | None = None) -> bool:
    """Whether the viewer proved their password recently enough for a sensitive operation.

    Callers pass ``max_age_seconds`` from settings (``reauth_max_age_seconds``).
    """
    return proved_recently(viewer.auth_time, now, max_age_seconds)
