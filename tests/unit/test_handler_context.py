"""The handlers' context: the viewer looked up once per event, work off the event loop, authz decides."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import reflex as rx
import sqlalchemy as sa
from reflex.istate.data import RouterData
from reflex_base.event import Event

from privacy_center import clock
from privacy_center.authz import Capability, ForbiddenError
from privacy_center.db import get_engine, session_scope
from privacy_center.pages.collected import CollectedState
from privacy_center.services import sessions
from privacy_center.state import context
from privacy_center.state.binding import SessionBinding
from tests.conftest import configured_database
from tests.unit.factories import make_person

PATH = "/zh-cn/collected/"


@pytest.fixture
def alice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[int, str]]:
    with configured_database(monkeypatch, f"sqlite:///{tmp_path / 'ctx.db'}"):
        with session_scope() as session:
            person = make_person(session, "alice")
            token = sessions.create(session=session, user=person, auth_time=clock.now(), now=clock.now())
        yield person.id or 0, f"{sessions.COOKIE}={token}"


def _tab(cookie: str) -> rx.State:
    root = rx.State()
    root.router_data = {"headers": {"cookie": cookie}, "pathname": PATH, "asPath": PATH}
    root.router = RouterData.from_router_data(root.router_data)
    return root


def test_work_runs_in_a_worker_thread_in_one_transaction_for_the_viewer(alice: tuple[int, str]) -> None:
    user_id, cookie = alice
    state = _tab(cookie)

    def work(ctx: context.Context) -> tuple[int, bool, int | None, str]:
        ctx.session.execute(sa.text("SELECT 1"))
        return (
            threading.get_ident(),
            ctx.session.in_transaction(),
            ctx.subject.user_id if ctx.subject else None,
            ctx.locale.code,
        )

    async def event() -> tuple[int, int, bool, int | None, str]:
        return (threading.get_ident(), *await context.run(state, Capability.VIEW_FACTS, work))

    loop_thread, work_thread, in_transaction, subject, locale = asyncio.run(event())
    assert work_thread != loop_thread, "the database work must not run on the event loop"
    assert (in_transaction, subject, locale) == (True, user_id, "zh_CN")


def test_a_capability_authz_refuses_raises_before_any_work(alice: tuple[int, str]) -> None:
    ran: list[bool] = []
    with pytest.raises(ForbiddenError):
        asyncio.run(context.run(_tab(alice[1]), Capability.OPERATE, lambda ctx: ran.append(True)))
    assert ran == []


def test_the_viewer_is_looked_up_once_per_event(alice: tuple[int, str]) -> None:
    """The binding middleware's look-up is the handler's: one read of the session per event."""
    root = _tab(alice[1])
    collected = root.get_substate(CollectedState.get_full_name().split(".")[1:])
    lookups: list[str] = []

    def count(conn, cursor, statement: str, *args: object) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "center_session" in statement:
            lookups.append(statement)

    async def one_event() -> None:
        await SessionBinding().preprocess(app=None, state=root, event=Event(name="load"))  # type: ignore[arg-type]
        await CollectedState.load.fn(collected)

    sa.event.listen(get_engine(), "before_cursor_execute", count)
    try:
        asyncio.run(one_event())
    finally:
        sa.event.remove(get_engine(), "before_cursor_execute", count)
    assert len(lookups) == 1
    assert collected.personal
