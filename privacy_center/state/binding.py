"""Page state belongs to the sign-in session that filled it, and to no one after.

Reflex keeps state per tab token, whatever the cookie says: a tab that reconnects (after
a sign-out, with someone else signed in, or a forged client that learned the token)
would first receive a snapshot of what the previous person saw. So every state of the
app inherits :class:`SessionBound`, which remembers (in a backend-only var, never sent
to the browser) the id of the sign-in session its vars were filled under, and
:class:`SessionBinding`, a Reflex middleware, checks before every event (the hydrate
snapshot on (re)connect included) that the session behind this connection's cookie is
that one. When it is not (signed out, expired, ended elsewhere, another person) the
state is reset on the server before the event runs, so nothing of it can be sent.

One check for every state and every event: handlers need not remember anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import reflex as rx
from reflex.middleware import Middleware

from privacy_center.authz import Viewer
from privacy_center.state.context import event_viewer

if TYPE_CHECKING:
    from reflex.app import App
    from reflex.state import BaseState, StateUpdate
    from reflex_base.event import Event

# Nobody signed in (no cookie, or its session has ended or expired).
ANONYMOUS = ""


class SessionBound(rx.State, mixin=True):
    """Base of every state in the app: which sign-in session filled its vars."""

    # The session's database id (not its cookie) the vars were filled under; None until
    # the first event, when the state still holds only its defaults.
    _filled_by: str | None = None


def session_key(viewer: Viewer | None) -> str:
    """The live sign-in session of ``viewer``, as stored in ``_filled_by``."""
    return str(viewer.session_id) if viewer else ANONYMOUS


def loaded_states(root: BaseState) -> Iterator[BaseState]:
    """Every state of this tab's tree that is in memory for this event.

    The Redis manager loads only the states an event needs (the hydrate loads them all);
    a state that is not loaded sends nothing, and is checked when an event loads it.
    """
    yield root
    for substate in root.substates.values():
        yield from loaded_states(substate)


def rebind(root: BaseState, key: str) -> list[str]:
    """Reset the states filled under another session; bind every loaded state to ``key``.

    Returns the names of the states that were reset. Signing in counts as another
    session too: what an anonymous visitor typed does not stay for the person.
    """
    reset: list[str] = []
    for state in loaded_states(root):
        if not isinstance(state, SessionBound) or state._filled_by == key:
            continue
        if state._filled_by is not None:
            state.reset()
            reset.append(state.get_full_name())
        state._filled_by = key
    return reset


class SessionBinding(Middleware):
    """Runs :func:`rebind` before every event of every state, before anything is sent."""

    async def preprocess(self, app: App, state: BaseState, event: Event) -> StateUpdate | None:
        """Clear what another session left in this tab's state; never answers the event itself."""
        root = state._get_root_state()
        # The cookie comes from this connection's websocket handshake (Reflex overwrites
        # whatever headers the event claims), so a forged event cannot borrow a session.
        # The look-up runs off the event loop and is the event's one: handlers reuse it
        # through privacy_center.state.context.
        rebind(root, session_key(await event_viewer(root.router.headers.cookie)))
        return None
