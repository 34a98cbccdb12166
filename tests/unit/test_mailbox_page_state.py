"""The mailbox pages' handlers, called as any client could: the cookie alone decides whose mailbox.

A forged client can call ``confirm_code`` with another person's code, or a handler of the
demo mailbox in production; none of that reads or changes anyone's data.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import reflex as rx
from reflex.istate.data import RouterData
from sqlmodel import select

from privacy_center.db import session_scope
from privacy_center.jobs.queue import get_queue
from privacy_center.jobs.runner import execute
from privacy_center.mail.outbox import list_messages, read_message
from privacy_center.models import User
from privacy_center.models.base import utcnow
from privacy_center.models.jobs import Job
from privacy_center.models.mailbox import ChallengeState, MailboxAddress, MailboxChallenge
from privacy_center.pages.dev_mailbox import DevMailboxState
from privacy_center.pages.mailbox import MailboxState
from privacy_center.services import sessions
from privacy_center.settings import get_settings
from tests.conftest import configured_database
from tests.unit.factories import make_person

CODE = re.compile(r"(?<!\d)(\d{6})(?!\d)")


@dataclass(frozen=True)
class World:
    alice: str
    grace: str
    outbox: Path


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    outbox = tmp_path / "outbox"
    env = {"queue_url": f"sqlite:///{tmp_path / 'queue.db'}", "outbox_dir": str(outbox)}
    get_queue.cache_clear()
    with configured_database(monkeypatch, f"sqlite:///{tmp_path / 'mailbox.db'}", **env):
        now = utcnow()
        with session_scope() as session:
            people = [make_person(session, name) for name in ("alice", "grace")]
            tokens = [sessions.create(session=session, user=u, auth_time=now, now=now) for u in people]
        yield World(*(f"{sessions.COOKIE}={t}" for t in tokens), outbox=outbox)
    get_queue.cache_clear()


def _state(cls: type[rx.State], path: str, cookie: str = "") -> rx.State:
    state = cls()
    state.router = RouterData.from_router_data({"headers": {"cookie": cookie}, "asPath": path, "pathname": path})
    return state


def _deliver_and_read_code(outbox: Path) -> str:
    with session_scope() as session:
        job_ids = list(session.exec(select(Job.id)))
    for job_id in job_ids:
        execute(job_id)
    newest = list_messages(outbox).entries[0]
    return CODE.search(read_message(outbox, newest.name).text).group(1)


def test_a_code_confirms_only_for_the_person_it_was_sent_to(world: World) -> None:
    alice = _state(MailboxState, "/en/account/mailbox/", world.alice)
    grace = _state(MailboxState, "/en/account/mailbox/", world.grace)
    asyncio.run(MailboxState.send_code.fn(alice, {"address": "alice.liddell@example.org"}))
    assert alice.notice == "We sent a 6-digit code to a************@example.org."
    assert alice.pending_hint.startswith("Enter the code we sent to a************@example.org.")
    code = _deliver_and_read_code(world.outbox)

    asyncio.run(MailboxState.confirm_code.fn(grace, {"code": code}))
    assert grace.code_message == "No code is waiting. Ask for a code first."
    with session_scope() as session:
        assert session.exec(select(MailboxAddress)).first() is None
        assert session.exec(select(MailboxChallenge.state)).one() == ChallengeState.PENDING

    asyncio.run(MailboxState.confirm_code.fn(alice, {"code": code}))
    assert (alice.notice, alice.confirmed, alice.pending) == (
        "Your address is confirmed.",
        "a************@example.org",
        "",
    )
    assert "alice.liddell" not in str(alice.dict())


def test_a_wrong_code_says_how_many_tries_are_left_in_chinese(world: World) -> None:
    alice = _state(MailboxState, "/zh-cn/account/mailbox/", world.alice)
    asyncio.run(MailboxState.send_code.fn(alice, {"address": "alice@example.org"}))
    code = _deliver_and_read_code(world.outbox)
    asyncio.run(MailboxState.confirm_code.fn(alice, {"code": f"{(int(code) + 1) % 10**6:06d}"}))
    assert alice.code_message == "确认码不正确。剩余尝试次数：4。"


def test_address_errors_are_shown_in_the_pages_language(world: World) -> None:
    alice = _state(MailboxState, "/zh-cn/account/mailbox/", world.alice)
    asyncio.run(MailboxState.send_code.fn(alice, {"address": "alice.example.org"}))
    assert alice.address_error == "电子邮箱地址由用户名、@ 和域名组成，例如 name@example.com。"
    assert list_messages(world.outbox).total == 0


def test_nobody_signed_in_sends_nothing(world: World) -> None:
    for cookie in ("", f"{sessions.COOKIE}=not-a-session"):
        anonymous = _state(MailboxState, "/en/account/mailbox/", cookie)
        asyncio.run(MailboxState.load.fn(anonymous))
        assert (anonymous.loaded, anonymous.signed_in) == (True, False)
        asyncio.run(MailboxState.send_code.fn(anonymous, {"address": "someone@example.org"}))
        assert anonymous.address_error == "Please sign in again to continue."
    with session_scope() as session:
        assert session.exec(select(MailboxChallenge)).first() is None


def test_the_demo_mailbox_lists_and_shows_messages_in_demo_mode(world: World) -> None:
    alice = _state(MailboxState, "/en/account/mailbox/", world.alice)
    asyncio.run(MailboxState.send_code.fn(alice, {"address": "alice@example.org"}))
    code = _deliver_and_read_code(world.outbox)
    reader = _state(DevMailboxState, "/zh-cn/dev/mailbox/")
    asyncio.run(DevMailboxState.load.fn(reader))
    assert [row["to"] for row in reader.rows] == ["alice@example.org"]
    assert reader.status == "第 1 至 1 封，共 1 封邮件"
    asyncio.run(DevMailboxState.open_message.fn(reader, reader.rows[0]["name"]))
    assert code in reader.opened_text
    asyncio.run(DevMailboxState.open_message.fn(reader, "../mailbox.db"))
    assert reader.opened_text == ""


def test_the_demo_mailbox_handlers_read_nothing_in_production(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    alice = _state(MailboxState, "/en/account/mailbox/", world.alice)
    asyncio.run(MailboxState.send_code.fn(alice, {"address": "alice@example.org"}))
    _deliver_and_read_code(world.outbox)
    name = list_messages(world.outbox).entries[0].name
    monkeypatch.setenv("PC_ENV", "production")
    monkeypatch.setenv("PC_PUBLIC_URL", "https://center.example")
    monkeypatch.setenv("PC_SECRET_KEY", "x" * 40)
    monkeypatch.setenv("PC_SMTP_URL", "smtp://mail.example:25")
    get_settings.cache_clear()
    forged = _state(DevMailboxState, "/en/dev/mailbox/")
    asyncio.run(DevMailboxState.load.fn(forged))
    asyncio.run(DevMailboxState.open_message.fn(forged, name))
    assert (forged.rows, forged.opened_text) == ([], "")


def test_removing_after_an_old_sign_in_offers_to_sign_in_again(world: World) -> None:
    alice = _state(MailboxState, "/en/account/mailbox/", world.alice)
    asyncio.run(MailboxState.send_code.fn(alice, {"address": "alice@example.org"}))
    asyncio.run(MailboxState.confirm_code.fn(alice, {"code": _deliver_and_read_code(world.outbox)}))
    now = utcnow()
    with session_scope() as session:
        user = session.exec(select(MailboxAddress.user_id)).one()
        old = sessions.create(
            session=session, user=session.get(User, user), auth_time=now - dt.timedelta(hours=1), now=now
        )
    stale = _state(MailboxState, "/en/account/mailbox/", f"{sessions.COOKIE}={old}")
    asyncio.run(MailboxState.remove_address.fn(stale))
    assert (stale.notice, stale.needs_reauth) == (
        "To change or remove your confirmed address, please sign in again first.",
        True,
    )
    asyncio.run(MailboxState.send_code.fn(stale, {"address": "other@example.org"}))
    assert stale.needs_reauth
    with session_scope() as session:
        assert session.exec(select(MailboxAddress.address)).one() == "alice@example.org"
    asyncio.run(MailboxState.remove_address.fn(alice))
    assert (alice.notice, alice.confirmed, alice.needs_reauth) == ("Your address was removed.", "", False)
