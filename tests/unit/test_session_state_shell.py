"""What the shell's state tells the page: which notice concerns the person, and "signed out everywhere"."""

from __future__ import annotations

import asyncio
import datetime as dt
import inspect
from pathlib import Path

import pytest
from reflex.istate.data import RouterData

from privacy_center import clock
from privacy_center.db import session_scope
from privacy_center.models import Role
from privacy_center.services import sessions
from privacy_center.state.session import SessionState
from tests.conftest import configured_database
from tests.unit.factories import make_person

LONG_AGO = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def _load(state: SessionState, *, cookie: str = "", path: str = "/en/", query: str = "") -> None:
    state.router = RouterData.from_router_data(
        {"headers": {"cookie": cookie}, "asPath": path + (f"?{query}" if query else ""), "pathname": path}
    )
    result = SessionState.load.fn(state)  # type: ignore[attr-defined]
    if inspect.iscoroutine(result):
        asyncio.run(result)


def _signed_in(username: str, *, role: Role = Role.USER, birth_date: dt.date | None = None) -> str:
    """A person who joined long ago (they knew guidelines 1.0); their session cookie."""
    with session_scope() as session:
        person = make_person(session, username)
        person.role, person.birth_date, person.created_at = role.value, birth_date, LONG_AGO
        token = sessions.create(session=session, user=person, auth_time=clock.now(), now=clock.now())
    return f"{sessions.COOKIE}={token}"


@pytest.fixture
def database(tmp_path: Path, fixture_content_dir: Path, monkeypatch: pytest.MonkeyPatch):
    with configured_database(monkeypatch, f"sqlite:///{tmp_path / 'shell.db'}", content_dir=str(fixture_content_dir)):
        yield


@pytest.mark.usefixtures("database")
def test_an_adult_who_knew_the_old_version_is_shown_the_full_guidelines_notice() -> None:
    state = SessionState()
    _load(state, cookie=_signed_in("alice"), path="/zh-cn/")
    assert (state.signed_in, state.pending_kind) == (True, "full")
    assert (state.pending_previous, state.pending_version) == ("1.0", "2.0")
    assert state.pending_effective  # a date in the page's language


@pytest.mark.usefixtures("database")
@pytest.mark.parametrize(
    ("role", "born"), [(Role.AGENT, None), (Role.OPERATOR, dt.date(1990, 1, 1)), (Role.USER, dt.date(2016, 1, 1))]
)
def test_staff_and_children_get_no_full_guidelines_notice(role: Role, born: dt.date | None) -> None:
    state = SessionState()
    _load(state, cookie=_signed_in("person", role=role, birth_date=born))
    assert state.signed_in
    assert (state.pending_kind, state.pending_version) == ("", "")


@pytest.mark.usefixtures("database")
def test_signed_out_everywhere_is_said_when_nobody_is_signed_in() -> None:
    state = SessionState()
    _load(state, query="signed_out=everywhere&from=1.0")
    assert state.signed_out_everywhere
    SessionState.dismiss_signed_out.fn(state)  # type: ignore[attr-defined]
    assert not state.signed_out_everywhere


@pytest.mark.usefixtures("database")
@pytest.mark.parametrize("query", ["", "signed_out=1", "signed_out=here"])
def test_nothing_is_said_without_the_marker(query: str) -> None:
    state = SessionState()
    _load(state, query=query)
    assert not state.signed_out_everywhere


@pytest.mark.usefixtures("database")
def test_a_crafted_marker_cannot_tell_a_signed_in_person_they_are_signed_out() -> None:
    state = SessionState()
    _load(state, cookie=_signed_in("alice"), query="signed_out=everywhere")
    assert state.signed_in
    assert not state.signed_out_everywhere
