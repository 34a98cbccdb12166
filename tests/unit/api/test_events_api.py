"""POST /api/events: service token, limits, reasons per event, nothing half-written."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import select
from starlette.testclient import TestClient

from privacy_center.api.routes import build_api
from privacy_center.db import session_scope
from privacy_center.models import PersonalDataEvent, PersonalValue
from privacy_center.models.base import utcnow
from privacy_center.services.identity import user_at_sign_in
from tests.conftest import configured_database

TOKEN = "service-token-for-tests-0123456789"
BASE = "http://localhost:3000"


@pytest.fixture
def api(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    with configured_database(monkeypatch, f"sqlite:///{tmp_path / 'events.db'}", events_token=TOKEN, public_url=BASE):
        with session_scope() as session:
            user_at_sign_in(session, issuer=BASE, subject="s-1", display_name="One")
        with TestClient(build_api(), base_url=BASE) as client:
            yield client


def _event(n: int, user: str = "s-1") -> dict:
    return {
        "event_id": f"e{n}",
        "user": user,
        "kind": "shared",
        "key": "paylink",
        "occurred_at": utcnow().isoformat(),
        "source": "pay",
    }


def _stored() -> int:
    with session_scope() as session:
        return len(session.exec(select(PersonalDataEvent)).all())


def test_accepted_then_idempotent(api: TestClient) -> None:
    headers = {"authorization": f"Bearer {TOKEN}"}
    first = api.post("/api/events", json={"events": [_event(1), _event(2)]}, headers=headers)
    assert first.json() == {"accepted": 2, "duplicates": 0}
    again = api.post("/api/events", json={"events": [_event(1), _event(2)]}, headers=headers)
    assert again.json() == {"accepted": 0, "duplicates": 2}
    assert _stored() == 2


@pytest.mark.parametrize("authorization", [None, "Bearer wrong", f"Basic {TOKEN}", "Bearer"])
def test_unauthenticated(api: TestClient, authorization: str | None) -> None:
    headers = {"authorization": authorization} if authorization else {}
    assert api.post("/api/events", json={"events": [_event(1)]}, headers=headers).status_code == 401
    assert _stored() == 0


def test_malformed_and_oversized(api: TestClient) -> None:
    headers = {"authorization": f"Bearer {TOKEN}", "content-type": "application/json"}
    assert api.post("/api/events", content=b"{not json", headers=headers).status_code == 400
    assert api.post("/api/events", json=[_event(1)], headers=headers).status_code == 400
    huge = b'{"events": [' + b" " * (1024 * 1024) + b"]}"
    assert api.post("/api/events", content=huge, headers=headers).status_code == 413


def test_rejected_batch_lists_reasons(api: TestClient) -> None:
    batch = {"events": [_event(1), _event(2, user="ghost"), {**_event(3), "occurred_at": "yesterday"}]}
    response = api.post("/api/events", json=batch, headers={"authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 422
    body = response.json()
    assert [r["index"] for r in body["rejected"]] == [1, 2]
    assert body["rejected"][0]["reasons"] == ["user: unknown"]
    assert _stored() == 0


def test_endpoint_off_without_a_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with configured_database(monkeypatch, f"sqlite:///{tmp_path / 'off.db'}"), TestClient(build_api()) as client:
        assert client.post("/api/events", json={"events": []}, headers={"authorization": "Bearer "}).status_code == 401


def test_values_only_on_collected_events(api: TestClient) -> None:
    headers = {"authorization": f"Bearer {TOKEN}"}
    collected = {**_event(1), "kind": "collected", "key": "user.contact.phone", "value": "+86 138 0000 0001"}
    refused = api.post("/api/events", json={"events": [collected, {**_event(2), "value": "paid"}]}, headers=headers)
    assert refused.status_code == 422
    assert refused.json()["rejected"] == [
        {"index": 1, "event_id": "e2", "reasons": ["value: only collected events carry a value"]}
    ]
    assert api.post("/api/events", json={"events": [collected]}, headers=headers).json() == {
        "accepted": 1,
        "duplicates": 0,
    }
    with session_scope() as session:
        stored = session.exec(select(PersonalValue)).one()
    assert (stored.key, stored.value) == ("user.contact.phone", "+86 138 0000 0001")


def test_a_value_of_an_item_not_stored_after_use_is_dropped(api: TestClient) -> None:
    headers = {"authorization": f"Bearer {TOKEN}"}
    seen = {**_event(1), "kind": "collected", "key": "user.location.approximate", "value": "Hangzhou"}
    kept = {**_event(2), "kind": "collected", "key": "user.profile.region", "value": "Zhejiang"}
    assert api.post("/api/events", json={"events": [seen, kept]}, headers=headers).json()["accepted"] == 2
    with session_scope() as session:
        values = {row.key: row.value for row in session.exec(select(PersonalValue)).all()}
    assert values == {"user.profile.region": "Zhejiang"}  # the approximate location was used and dropped
