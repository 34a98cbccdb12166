"""Operators' commands for apps and accounts, on a fresh database."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import select

from privacy_center.cli import main
from privacy_center.db import session_scope
from privacy_center.models import EventKind, PersonalDataEvent, PlatformAccount, User
from privacy_center.models.base import utcnow
from privacy_center.services.demo import DEMO_FACTS
from privacy_center.services.events import counts
from privacy_center.settings import get_settings
from tests.conftest import configured_database

# Every event the demo people are seeded with (exact counts the end-to-end tests rely on).
DEMO_EVENTS = sum(f.recent + f.older + f.old for plan in DEMO_FACTS.values() for f in plan)


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with configured_database(monkeypatch, f"sqlite:///{tmp_path / 'cli.db'}"):
        yield


def test_register_and_list_apps(database: None, capsys: pytest.CaptureFixture[str]) -> None:
    args = [
        "apps",
        "register",
        "--name",
        "Notes",
        "--developer",
        "Notes Ltd",
        "--redirect-uri",
        "https://notes.example/cb",
        "--scope",
        "openid profile",
    ]
    assert main(args) == 0
    created = json.loads(capsys.readouterr().out)
    assert created["client_id"].startswith("app-")
    assert len(created["client_secret"]) > 30
    assert main(["apps", "list"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[0]["scope"] == "openid profile"
    assert "client_secret" not in listed[0]


def test_only_apps_registered_with_offline_access_may_get_refresh_tokens(
    database: None, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["apps", "register", "--name", "Notes", "--redirect-uri", "https://notes.example/cb", "--scope", "openid"]
    assert main(base) == 0
    assert main([*base, "--offline-access"]) == 0
    capsys.readouterr()
    assert main(["apps", "list"]) == 0
    assert [a["scope"] for a in json.loads(capsys.readouterr().out)] == ["openid", "openid offline_access"]


def test_bad_app_input_is_a_clear_error(database: None, capsys: pytest.CaptureFixture[str]) -> None:
    args = [
        "apps",
        "register",
        "--name",
        "X",
        "--developer",
        "Y",
        "--redirect-uri",
        "http://evil.example/cb",
        "--scope",
        "openid",
    ]
    assert main(args) == 2
    assert "redirect_uri" in capsys.readouterr().err


def test_create_accounts(database: None, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PC_NEW_PASSWORD", "a long password")
    assert main(["agents", "create", "--username", "agent.lee", "--display-name", "Lee"]) == 0
    assert json.loads(capsys.readouterr().out)["role"] == "agent"
    assert main(["users", "create", "--username", "agent.lee", "--display-name", "Again"]) == 2
    assert "already taken" in capsys.readouterr().err
    monkeypatch.setenv("PC_NEW_PASSWORD", "short")
    assert main(["users", "create", "--username", "bob", "--display-name", "Bob"]) == 2
    assert "password" in capsys.readouterr().err


def test_seed_demo_is_idempotent_and_demo_only(
    database: None, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["seed-demo"]) == 0
    assert json.loads(capsys.readouterr().out) == {"accounts": 5, "apps": 2, "demo_events": DEMO_EVENTS}
    assert main(["seed-demo"]) == 0
    assert json.loads(capsys.readouterr().out) == {"accounts": 0, "apps": 0, "demo_events": 0}
    monkeypatch.setenv("PC_ENV", "production")
    monkeypatch.setenv("PC_SECRET_KEY", "x" * 40)
    get_settings.cache_clear()
    assert main(["seed-demo"]) == 2


def test_seed_demo_again_after_the_public_url_changed(
    database: None, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The demo on PC_PORT=3311, then the test script's set-up on the default port: the
    # people keep the issuer they signed up with, and their events are not reported twice.
    monkeypatch.setenv("PC_PUBLIC_URL", "http://localhost:3311")
    get_settings.cache_clear()
    assert main(["seed-demo"]) == 0
    assert json.loads(capsys.readouterr().out)["demo_events"] == DEMO_EVENTS
    monkeypatch.setenv("PC_PUBLIC_URL", "http://localhost:3000")
    get_settings.cache_clear()
    assert main(["seed-demo"]) == 0
    assert json.loads(capsys.readouterr().out) == {"accounts": 0, "apps": 0, "demo_events": 0}
    assert main(["seed-demo", "--users", "3", "--events", "1200"]) == 0  # Alice's share under her issuer
    assert json.loads(capsys.readouterr().out)["events"] == 1200


def test_seed_demo_load(database: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["seed-demo", "--users", "5", "--events", "300"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "accounts": 5, "apps": 2, "demo_events": DEMO_EVENTS, "load_users": 5, "events": 300
    }  # fmt: skip
    assert main(["seed-demo", "--users", "5", "--events", "50"]) == 0
    assert json.loads(capsys.readouterr().out)["load_users"] == 0
    with session_scope() as session:
        alice = session.exec(select(User).join(PlatformAccount).where(PlatformAccount.username == "alice")).one()
        listed = counts(session=session, user_id=alice.id, kind=EventKind.COLLECTED, today=utcnow().date())
        assert sum(c.last_30_days for c in listed.values()) > 0
        assert len(session.exec(select(PersonalDataEvent)).all()) == DEMO_EVENTS + 350
