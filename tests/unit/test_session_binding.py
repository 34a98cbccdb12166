"""Page state is bound to the sign-in session that filled it (privacy_center/state/binding.py).

A real state tree, a real database and real sessions: Alice fills her tab's state, then
the connection behind that tab changes (she signs out, her session expires, Grace's
cookie comes in); the middleware that runs before every event must clear her data.
The websocket cases themselves are in tests/e2e/test_page_state_binding.py.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import importlib
import pkgutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import reflex as rx
from reflex.istate.data import RouterData
from reflex_base.event import Event

import privacy_center.pages
from privacy_center.auth.guard import current_viewer
from privacy_center.db import session_scope
from privacy_center.models.base import utcnow
from privacy_center.pages.collected import CollectedState
from privacy_center.services import sessions
from privacy_center.state.binding import ANONYMOUS, SessionBinding, SessionBound, rebind, session_key
from privacy_center.state.session import SessionState
from tests.conftest import configured_database
from tests.unit.factories import make_person, report

PHONE = "user.contact.phone"
PATH = "/en/collected/"


@dataclass(frozen=True)
class People:
    alice: str
    grace: str
    alice_token: str


@contextmanager
def people_in(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[People]:
    """Alice and Grace, each with a phone number on record and a live session."""
    now = utcnow()
    with configured_database(monkeypatch, database_url):
        with session_scope() as session:
            alice, grace = make_person(session, "alice"), make_person(session, "grace")
            report(session, alice, PHONE, [now - dt.timedelta(hours=1)], value="13800001234", now=now)
            report(session, grace, PHONE, [now - dt.timedelta(hours=1)], value="13800005678", now=now)
            tokens = [sessions.create(session=session, user=u, auth_time=now, now=now) for u in (alice, grace)]
        yield People(*(f"{sessions.COOKIE}={t}" for t in tokens), alice_token=tokens[0])


@pytest.fixture
def people(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[People]:
    with people_in(f"sqlite:///{tmp_path / 'binding.db'}", monkeypatch) as both:
        yield both


def connect(root: rx.State, cookie: str) -> None:
    """What a (re)connect does to a tab's state: the new handshake's headers replace the old."""
    root.router_data = {"headers": {"cookie": cookie}, "pathname": PATH, "asPath": PATH}
    root.router = RouterData.from_router_data(root.router_data)


def before_an_event(root: rx.State) -> None:
    """The middleware's turn before an event (here the hydrate of the collected page)."""
    asyncio.run(SessionBinding().preprocess(app=None, state=root, event=Event(name="hydrate")))  # type: ignore[arg-type]


def alices_tab(people: People) -> rx.State:
    root = rx.State()
    connect(root, people.alice)
    before_an_event(root)
    collected = root.get_substate(CollectedState.get_full_name().split(".")[1:])
    asyncio.run(CollectedState.load.fn(collected))
    asyncio.run(SessionState.load.fn(root.get_substate(SessionState.get_full_name().split(".")[1:])))
    assert "138****1234" in str(root.dict())
    assert "Alice" in str(root.dict())
    return root


def alices_data_in(root: rx.State) -> bool:
    snapshot = str(root.dict())
    return "138****1234" in snapshot or "Alice" in snapshot


def test_the_same_session_keeps_its_state(people: People) -> None:
    root = alices_tab(people)
    connect(root, people.alice)
    before_an_event(root)
    assert alices_data_in(root)


@pytest.mark.parametrize("who", ["signed out", "grace", "forged cookie"])
def test_another_connection_finds_the_state_cleared(people: People, who: str) -> None:
    root = alices_tab(people)
    cookie = {"signed out": "", "grace": people.grace, "forged cookie": f"{sessions.COOKIE}=not-a-session"}[who]
    connect(root, cookie)
    before_an_event(root)
    assert not alices_data_in(root)


def test_an_ended_session_counts_as_nobody(people: People) -> None:
    root = alices_tab(people)
    with session_scope() as session:
        sessions.end(session=session, token=people.alice_token, now=utcnow())
    assert session_key(current_viewer(people.alice)) == ANONYMOUS
    before_an_event(root)  # the same connection, the same cookie: the session behind it has ended
    assert not alices_data_in(root)


def test_a_fresh_state_is_bound_without_a_reset_and_signing_in_clears_the_rest(people: People) -> None:
    root = rx.State()
    connect(root, "")
    collected = root.get_substate(CollectedState.get_full_name().split(".")[1:])
    assert rebind(root, ANONYMOUS) == []  # only defaults so far: nothing to clear
    collected._query = "what the previous visitor searched for"
    assert collected.get_full_name() in rebind(root, session_key(current_viewer(people.alice)))
    assert collected._query == ""
    assert collected._filled_by == session_key(current_viewer(people.alice)) != ANONYMOUS


def test_every_state_of_the_app_is_bound() -> None:
    """A new page state cannot forget the binding: deny by default."""
    for module in pkgutil.iter_modules(privacy_center.pages.__path__):
        importlib.import_module(f"privacy_center.pages.{module.name}")
    ours = [cls for cls in _all_states(rx.State) if cls.__module__.startswith("privacy_center.")]
    assert {SessionState, CollectedState} <= set(ours)
    assert [cls.__name__ for cls in ours if not issubclass(cls, SessionBound)] == []


def _all_states(state: type[rx.State]) -> Iterator[type[rx.State]]:
    for substate in state.get_substates():
        yield substate
        yield from _all_states(substate)
