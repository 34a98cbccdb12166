"""One context for every Reflex handler on personal data: transaction, viewer, subject, locale, now.

A handler hands its database work to :func:`run` as a plain function of a
:class:`Context`; :func:`run` runs it in a worker thread (``asyncio.to_thread``), so a
query never blocks the event loop that serves every other socket of the process, and
inside ONE transaction that commits when the work returns. The viewer is the one the
session-binding middleware resolved for this event (no second look-up); the subject
is what :func:`privacy_center.authz.act_for` granted for the handler's capability.
Errors are not caught here: a :class:`~privacy_center.errors.DomainError` reaches the
app's one Reflex mapping (:mod:`privacy_center.state.notice`).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from sqlmodel import Session

from privacy_center import clock
from privacy_center.auth.guard import current_viewer
from privacy_center.authz import Capability, Subject, Viewer, act_for
from privacy_center.db import session_scope
from privacy_center.i18n.locales import UiLocale, from_path

if TYPE_CHECKING:
    from reflex.state import BaseState

T = TypeVar("T")


@dataclass(frozen=True)
class Context:
    """What a handler's database work may use; valid only inside :func:`run`."""

    session: Session
    viewer: Viewer | None
    subject: Subject | None
    locale: UiLocale
    now: dt.datetime


# The viewer the session-binding middleware resolved for the event being processed, with
# the Cookie header it came from. Reflex runs the middleware and the handler in one task,
# and every event in a task of its own, so it never outlives its event.
_event_viewer: ContextVar[tuple[str | None, Viewer | None] | None] = ContextVar("pc_event_viewer", default=None)


def resolve_event_viewer(cookie_header: str | None) -> Viewer | None:
    """Look the viewer up once for this event (blocking: call it from a worker thread)."""
    viewer = current_viewer(cookie_header)
    _event_viewer.set((cookie_header, viewer))
    return viewer


async def event_viewer(cookie_header: str | None) -> Viewer | None:
    """The viewer of this event, resolved off the event loop and remembered for the handler."""
    remembered = _event_viewer.get()
    if remembered is not None and remembered[0] == cookie_header:
        return remembered[1]
    viewer = await asyncio.to_thread(resolve_event_viewer, cookie_header)
    # to_thread ran in a copy of this context: remember the answer in this one too.
    _event_viewer.set((cookie_header, viewer))
    return viewer


async def run(state: BaseState, capability: Capability, work: Callable[[Context], T]) -> T:
    """Run ``work`` for the person behind this connection, off the event loop, in one transaction.

    Who is asking comes from the connection's cookie (never from the state); the subject
    is the viewer themselves, granted ``capability`` by authz; ``None`` when signed out,
    for pages that show public content to everyone.
    """
    viewer = await event_viewer(state.router.headers.cookie)
    return await _run_as(viewer, from_path(state.router.url.path), capability, work)


async def run_fresh(cookie_header: str | None, path: str, capability: Capability, work: Callable[[Context], T]) -> T:
    """:func:`run` for a background loop that outlives its event: the viewer is looked up again.

    A page that follows something while it stays open (a setting changed in another tab, a
    webhook's delivery) must notice a sign-out, or another person signing in, meanwhile;
    the viewer its first event resolved would not. Takes the cookie and path the loop
    captured, since it reads them outside the state's lock.
    """
    viewer = await asyncio.to_thread(current_viewer, cookie_header)
    return await _run_as(viewer, from_path(path), capability, work)


async def _run_as(viewer: Viewer | None, locale: UiLocale, capability: Capability, work: Callable[[Context], T]) -> T:
    now = clock.now()
    subject = act_for(viewer, viewer.user_id, capability, now) if viewer else None

    def in_transaction() -> T:
        with session_scope() as session:
            return work(Context(session=session, viewer=viewer, subject=subject, locale=locale, now=now))

    return await asyncio.to_thread(in_transaction)
