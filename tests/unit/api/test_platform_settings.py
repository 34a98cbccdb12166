"""The platform reads a person's settings with the service token, and the demo service obeys them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from privacy_center.api.routes import build_api
from privacy_center.authz import Capability, Viewer, act_for
from privacy_center.content.settings_catalogue import get_catalogue
from privacy_center.db import session_scope
from privacy_center.models import DailyCount, EventKind
from privacy_center.models.base import utcnow
from privacy_center.services import privacy_settings
from privacy_center.services.identity import user_at_sign_in, user_by_identity
from tests.conftest import configured_database

TOKEN = "service-token-for-tests-0123456789"
BASE = "http://localhost:3000"
AUTH = {"authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def api(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    """Two people: s-1 reads chats a lot, s-2 watches videos a lot."""
    with configured_database(monkeypatch, f"sqlite:///{tmp_path / 'api.db'}", events_token=TOKEN, public_url=BASE):
        with session_scope() as session:
            for subject, key in (("s-1", "user.chat.participants"), ("s-2", "user.content.watch_history")):
                user = user_at_sign_in(session, issuer=BASE, subject=subject, display_name=subject)
                session.flush()
                session.add(
                    DailyCount(
                        user_id=user.id or 0, kind=EventKind.COLLECTED.value, key=key, day=dt.date(2026, 11, 30),
                        count=40, last_at=utcnow(),
                    )
                )  # fmt: skip
        with TestClient(build_api(), base_url=BASE) as client:
            yield client


def _turn_off(subject: str, key: str) -> None:
    with session_scope() as session:
        user = user_by_identity(session, issuer=BASE, subject=subject)
        assert user is not None
        assert user.id is not None
        now = utcnow()
        viewer = Viewer(
            user_id=user.id, display_name="x", role="user", auth_time=now, session_id=1, preferred_locale=None
        )
        privacy_settings.change(
            session, subject=act_for(viewer, user.id, Capability.CHANGE_SETTINGS, now),
            catalogue=get_catalogue().default, key=key, value="off", expected_version=0, client="web", now=now,
        )  # fmt: skip


def test_the_settings_in_force_with_who_set_them(api: TestClient) -> None:
    before = api.get("/api/subjects/s-1/settings", headers=AUTH)
    assert before.status_code == 200
    assert before.headers["cache-control"] == "no-store"
    assert before.json()["settings"]["ads.personalized"] == {
        "value": "on", "version": 0, "set_by": "default", "updated_at": None
    }  # fmt: skip
    assert "device.camera" not in before.json()["settings"]
    _turn_off("s-1", "ads.personalized")
    after = api.get("/api/subjects/s-1/settings", headers=AUTH).json()["settings"]["ads.personalized"]
    assert (after["value"], after["version"], after["set_by"]) == ("off", 1, "person")


@pytest.mark.parametrize("authorization", [None, "Bearer wrong", f"Basic {TOKEN}", "Bearer"])
def test_without_the_token_nothing_is_said(api: TestClient, authorization: str | None) -> None:
    headers = {"authorization": authorization} if authorization else {}
    for path in ("/api/subjects/s-1/settings", "/api/demo/recommendations/s-1?feature=feed"):
        answer = api.get(path, headers=headers)
        assert answer.status_code == 401
        assert "settings" not in answer.text


def test_an_unknown_subject_is_only_unknown(api: TestClient) -> None:
    answer = api.get("/api/subjects/nobody/settings", headers=AUTH)
    assert (answer.status_code, answer.json()) == (404, {"error": "unknown_subject"})


def test_the_demo_service_stops_personalizing_when_the_toggle_is_off(api: TestClient) -> None:
    def items(subject: str) -> dict:
        return api.get(f"/api/demo/recommendations/{subject}?feature=feed", headers=AUTH).json()

    one, two = items("s-1"), items("s-2")
    assert one["personalized"]
    assert two["personalized"]
    assert one["items"][0] == "group-chat-stickers"  # s-1 chats most
    assert two["items"][0] == "cooking-channel-episode"  # s-2 watches most
    _turn_off("s-1", "recommendations.feed")
    _turn_off("s-2", "recommendations.feed")
    off_one, off_two = items("s-1"), items("s-2")
    assert not off_one["personalized"]
    assert off_one["items"] == off_two["items"]  # the same for everyone: nothing of theirs was used
    assert off_one["items"][0] == "weekend-hike-photos"  # newest first
    assert items("s-1")["feature"] == "feed"
    assert api.get("/api/demo/recommendations/s-2?feature=video", headers=AUTH).json()[
        "personalized"
    ]  # only feed is off


def test_an_unknown_feature_is_refused(api: TestClient) -> None:
    answer = api.get("/api/demo/recommendations/s-1?feature=horoscope", headers=AUTH)
    assert answer.status_code == 404
    assert "no such setting" in answer.json()["error"]
