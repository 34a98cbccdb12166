"""Every time a page shows is in the reader's zone from the ``pc_tz`` cookie, or says UTC.

The handlers are called as a browser's socket would call them: the zone arrives only in
the handshake's Cookie header, next to the session cookie.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
import reflex as rx
from reflex.istate.data import RouterData
from sqlmodel import select

from privacy_center.db import session_scope
from privacy_center.i18n.formatting import format_datetime
from privacy_center.i18n.locales import by_code
from privacy_center.jobs.queue import get_queue
from privacy_center.jobs.runner import execute
from privacy_center.mail.outbox import list_messages
from privacy_center.models.base import utcnow
from privacy_center.models.jobs import Job
from privacy_center.models.mailbox import MailboxChallenge
from privacy_center.pages.access_history import AccessHistoryState
from privacy_center.pages.dev_mailbox import DevMailboxState
from privacy_center.pages.fact_views import occurrence_rows
from privacy_center.pages.mailbox import MailboxState
from privacy_center.services import mailbox, sessions
from privacy_center.services.audit import AuditAction, record
from privacy_center.services.personal_facts import Occurrence
from tests.conftest import configured_database
from tests.unit.factories import make_person

EN, ZH = by_code("en"), by_code("zh_CN")
SHANGHAI = "pc_tz=Asia/Shanghai"
# 23:30 UTC: already the next day in Shanghai, so a UTC time shown as local is caught.
SIGNED_IN_AT = dt.datetime(2026, 3, 1, 23, 30, 45, tzinfo=dt.UTC)


@dataclass(frozen=True)
class World:
    session_cookie: str
    outbox: Path


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    outbox = tmp_path / "outbox"
    env = {"queue_url": f"sqlite:///{tmp_path / 'queue.db'}", "outbox_dir": str(outbox)}
    get_queue.cache_clear()
    with configured_database(monkeypatch, f"sqlite:///{tmp_path / 'zones.db'}", **env):
        now = utcnow()
        with session_scope() as session:
            alice = make_person(session, "alice")
            record(
                session, action=AuditAction.SIGNED_IN, subject_user_id=alice.id or 0, actor_user_id=alice.id,
                now=SIGNED_IN_AT,
            )  # fmt: skip
            token = sessions.create(session=session, user=alice, auth_time=now, now=now)
        yield World(f"{sessions.COOKIE}={token}", outbox)
    get_queue.cache_clear()


def _state(cls: type[rx.State], path: str, cookie: str) -> rx.State:
    state = cls()
    state.router = RouterData.from_router_data({"headers": {"cookie": cookie}, "asPath": path, "pathname": path})
    return state


def _history(world: World, path: str, zone_cookie: str) -> AccessHistoryState:
    state = _state(AccessHistoryState, path, f"{world.session_cookie}; {zone_cookie}")
    asyncio.run(AccessHistoryState.load.fn(state))
    return state


def test_access_history_in_the_readers_zone_and_says_which(world: World) -> None:
    state = _history(world, "/zh-cn/access-history/", SHANGHAI)
    assert [row["when"] for row in state.entries] == ["2026年3月2日 07:30"]
    assert state.zone_note == "时间均按中国时间显示。"
    english = _history(world, "/en/access-history/", SHANGHAI)
    assert english.entries[0]["when"].replace("\u202f", " ") == "Mar 2, 2026, 7:30 AM"
    assert english.zone_note == "Times are in China Time."


@pytest.mark.parametrize("zone_cookie", ["", "pc_tz=Not/AZone", "pc_tz=localtime"])
def test_access_history_without_a_known_zone_says_utc(world: World, zone_cookie: str) -> None:
    state = _history(world, "/en/access-history/", zone_cookie)
    assert state.entries[0]["when"].replace("\u202f", " ") == "Mar 1, 2026, 11:30 PM"
    assert state.zone_note == "Times are in UTC."


def _expires_at() -> dt.datetime:
    with session_scope() as session:
        return session.exec(select(MailboxChallenge.expires_at)).one()


def test_the_mailbox_code_is_valid_until_a_time_in_the_readers_zone(world: World) -> None:
    reader = _state(MailboxState, "/zh-cn/account/mailbox/", f"{world.session_cookie}; {SHANGHAI}")
    asyncio.run(MailboxState.send_code.fn(reader, {"address": "alice@example.org"}))
    until = format_datetime(_expires_at(), ZH, tz="Asia/Shanghai")
    assert until in reader.pending_hint
    assert "UTC" not in reader.pending_hint
    utc_reader = _state(MailboxState, "/en/account/mailbox/", world.session_cookie)
    asyncio.run(MailboxState.load.fn(utc_reader))
    assert utc_reader.pending_hint.endswith(f"{format_datetime(_expires_at(), EN, tz='UTC')} UTC.")


def test_the_send_limit_names_its_time_in_the_readers_zone(world: World) -> None:
    reader = _state(MailboxState, "/en/account/mailbox/", f"{world.session_cookie}; {SHANGHAI}")
    for number in range(mailbox.SENDS_PER_PERSON):
        asyncio.run(MailboxState.send_code.fn(reader, {"address": f"alice{number}@example.org"}))
        assert reader.address_error == ""
    with session_scope() as session:
        oldest = min(session.exec(select(MailboxChallenge.created_at)))
    asyncio.run(MailboxState.send_code.fn(reader, {"address": "alice9@example.org"}))
    until = format_datetime(oldest + mailbox.SEND_WINDOW, EN, tz="Asia/Shanghai")
    assert reader.address_error == f"Too many codes were sent. You can ask for a new one after {until}."


def test_the_demo_mailbox_dates_messages_in_the_readers_zone(world: World) -> None:
    sender = _state(MailboxState, "/en/account/mailbox/", world.session_cookie)
    asyncio.run(MailboxState.send_code.fn(sender, {"address": "alice@example.org"}))
    with session_scope() as session:
        for job_id in list(session.exec(select(Job.id))):
            execute(job_id)
    header = list_messages(world.outbox).entries[0].date
    reader = _state(DevMailboxState, "/zh-cn/dev/mailbox/", SHANGHAI)
    asyncio.run(DevMailboxState.load.fn(reader))
    assert [row["date"] for row in reader.rows] == [
        format_datetime(parsedate_to_datetime(header), ZH, tz="Asia/Shanghai")
    ]
    utc_reader = _state(DevMailboxState, "/en/dev/mailbox/", "")
    asyncio.run(DevMailboxState.load.fn(utc_reader))
    assert utc_reader.rows[0]["date"].endswith(" UTC")


def test_occurrences_name_the_reporting_service_and_use_the_zone() -> None:
    rows = [Occurrence(1, SIGNED_IN_AT, "account-service"), Occurrence(2, SIGNED_IN_AT, "billing-v2")]
    assert occurrence_rows(rows, ZH, tz="Asia/Shanghai") == [
        {"when": "2026年3月2日 07:30", "source": "账号服务"},
        {"when": "2026年3月2日 07:30", "source": "billing-v2"},
    ]
    english = occurrence_rows(rows, EN, tz="UTC")
    assert [(r["when"].replace("\u202f", " "), r["source"]) for r in english] == [
        ("Mar 1, 2026, 11:30 PM UTC", "Account service"),
        ("Mar 1, 2026, 11:30 PM UTC", "billing-v2"),
    ]
