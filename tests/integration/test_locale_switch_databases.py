"""Saving the language to the account needs a same-origin POST; a cross-site link only sets the cookie.

Through the real routes on both databases, with a real signed-in session.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic.config import Config
from sqlmodel import select
from starlette.testclient import TestClient

from alembic import command
from privacy_center.api.routes import build_api
from privacy_center.db import session_scope
from privacy_center.models import AuditEntry, PlatformAccount, User
from privacy_center.models.base import utcnow
from privacy_center.services import sessions
from privacy_center.services.accounts import create_user
from privacy_center.services.audit import AuditAction, first_break
from tests.conftest import configured_database

BASE = "http://privacy.test"


@pytest.fixture
def client(database_url: str, alembic_config: Config, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    command.upgrade(alembic_config, "head")
    with configured_database(monkeypatch, database_url, create_tables=False, public_url=BASE):
        with session_scope() as session:
            user = create_user(session=session, username="alice", password="correct horse", display_name="Alice")
            token = sessions.create(session=session, user=user, auth_time=utcnow(), now=utcnow())
        with TestClient(build_api(), base_url=BASE, follow_redirects=False) as test_client:
            test_client.cookies.set(sessions.COOKIE, token)
            yield test_client


def _saved_locale() -> str | None:
    with session_scope() as session:
        query = select(User).join(PlatformAccount).where(PlatformAccount.username == "alice")
        return session.exec(query).one().preferred_locale


def test_cross_site_get_sets_the_cookie_but_not_the_account(client: TestClient) -> None:
    response = client.get(
        "/locale", params={"to": "zh_CN", "next": "/zh-cn/"}, headers={"sec-fetch-site": "cross-site"}
    )
    assert response.status_code == 303
    assert response.cookies.get("pc_locale") == "zh_CN"
    assert _saved_locale() is None


def test_same_origin_post_saves_to_the_account(client: TestClient) -> None:
    response = client.post("/locale", data={"to": "zh_CN", "next": "/zh-cn/guidelines/"}, headers={"origin": BASE})
    assert response.status_code == 303
    assert response.headers["location"] == "/zh-cn/guidelines/"
    assert response.headers["cache-control"] == "no-store"
    assert response.cookies.get("pc_locale") == "zh_CN"
    assert _saved_locale() == "zh_CN"


@pytest.mark.parametrize("origin", ["http://evil.test", "http://privacy.test:8080", "null", None])
def test_foreign_or_missing_origin_post_is_refused(client: TestClient, origin: str | None) -> None:
    headers = {"origin": origin} if origin else {}
    response = client.post("/locale", data={"to": "zh_CN", "next": "/zh-cn/"}, headers=headers)
    assert response.status_code == 403
    assert "set-cookie" not in response.headers
    assert _saved_locale() is None


def test_post_keeps_next_local(client: TestClient) -> None:
    response = client.post("/locale", data={"to": "en", "next": "//evil.test/x"}, headers={"origin": BASE})
    assert response.headers["location"] == "/"
    assert _saved_locale() == "en"


def test_saving_the_language_is_in_the_access_history(client: TestClient) -> None:
    client.get("/locale", params={"to": "zh_CN", "next": "/"})  # this browser only: not the account's
    for _twice in range(2):  # the second changes nothing, so records nothing
        client.post("/locale", data={"to": "zh_CN", "next": "/"}, headers={"origin": BASE})
    with session_scope() as session:
        entries = session.exec(select(AuditEntry)).all()
        assert [(e.action, e.details, e.client) for e in entries] == [
            (AuditAction.LOCALE_SAVED, {"locale": "zh_CN"}, "web")
        ]
        assert first_break(session) is None
