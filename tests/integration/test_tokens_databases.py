"""Token families and pairwise subjects on both databases (migrated schema), over HTTP."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from alembic.config import Config
from starlette.testclient import TestClient

from alembic import command
from privacy_center.api.routes import build_api
from privacy_center.db import session_scope
from privacy_center.services.accounts import create_user
from privacy_center.services.center_client import ensure_center_client
from privacy_center.services.demo import seed_demo
from tests.conftest import configured_database
from tests.unit.auth.conftest import BASE
from tests.unit.auth.test_tokens_and_consent import READWELL, SUNNY, _refresh, _subjects, _tokens, _userinfo


@pytest.fixture
def client(database_url: str, alembic_config: Config, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    command.upgrade(alembic_config, "head")
    with configured_database(monkeypatch, database_url, create_tables=False, public_url=BASE):
        with session_scope() as session:
            create_user(session=session, username="alice", password="correct horse", display_name="Alice")
            ensure_center_client(session=session)
            seed_demo(session=session, today=dt.date(2026, 11, 30))
        with TestClient(build_api(), base_url=BASE, follow_redirects=False, headers={"origin": BASE}) as test_client:
            yield test_client


def test_replayed_refresh_token_revokes_its_family(client: TestClient) -> None:
    first = _tokens(client, READWELL, "openid profile offline_access")
    second = _refresh(client, READWELL, first["refresh_token"]).json()
    assert _refresh(client, READWELL, first["refresh_token"]).status_code == 400
    assert _userinfo(client, second["access_token"]).status_code == 401
    assert _refresh(client, READWELL, second["refresh_token"]).status_code == 400


def test_parallel_uses_of_one_refresh_token_never_both_keep_working(client: TestClient) -> None:
    first = _tokens(client, READWELL, "openid profile offline_access")
    clients = [TestClient(client.app, base_url=BASE, headers={"origin": BASE}) for _ in range(4)]
    with ThreadPoolExecutor(len(clients)) as pool:
        answers = list(pool.map(lambda c: _refresh(c, READWELL, first["refresh_token"]), clients))
    won = [a.json() for a in answers if a.status_code == 200]
    assert len(won) <= 1
    # whichever order they ran in, a second use was a replay: the whole family is revoked
    for body in won:
        assert _userinfo(client, body["access_token"]).status_code == 401
        assert _refresh(client, READWELL, body["refresh_token"]).status_code == 400


def test_pairwise_subjects_are_stable_and_distinct(client: TestClient) -> None:
    readwell = _subjects(client, READWELL, _tokens(client, READWELL, "openid profile"))
    assert _subjects(client, READWELL, _tokens(client, READWELL, "openid profile")) == readwell
    sunny = _subjects(client, SUNNY, _tokens(client, SUNNY, "openid profile"))
    assert len(readwell) == len(sunny) == 1
    assert readwell != sunny
