"""One database served under two public URLs still knows each person once (issue 9, item 1).

Before: the built-in provider's issuer was whatever URL the app was served at, so a second
URL (another PC_PORT, then https) signed everyone in as a new, empty account.
"""

from __future__ import annotations

from sqlmodel import func, select
from starlette.testclient import TestClient

from privacy_center.api.routes import build_api
from privacy_center.auth.guard import current_viewer
from privacy_center.auth.relying_party.client import center_client
from privacy_center.db import session_scope
from privacy_center.models import User
from privacy_center.services.setup import run_set_up
from privacy_center.settings import get_settings
from tests.unit.auth.conftest import BASE, hidden_of

OTHER = "http://127.0.0.1:3311"


def _sign_in(client: TestClient, base: str) -> int:
    """Alice signs in through the center served at ``base``; returns her user id."""
    response = client.get("/auth/login", params={"next": "/en/"})
    assert response.status_code == 302, response.text
    response = client.get(response.headers["location"].removeprefix(base))
    response = client.post("/oauth/authorize", data={**hidden_of(response.text), "login": "alice",
                                                      "password": "correct horse"})  # fmt: skip
    assert response.status_code == 302, response.text
    response = client.get(response.headers["location"].removeprefix(base))
    assert response.status_code == 303, response.text
    viewer = current_viewer(f"pc_session={client.cookies.get('pc_session')}")
    assert viewer is not None
    return viewer.user_id


def test_a_second_public_url_finds_the_same_person(provider: TestClient, monkeypatch) -> None:
    first = _sign_in(provider, BASE)
    monkeypatch.setenv("PC_PUBLIC_URL", OTHER)
    get_settings.cache_clear()
    center_client.cache_clear()
    run_set_up()  # what the app does when it starts under the new URL
    with TestClient(build_api(), base_url=OTHER, follow_redirects=False, headers={"origin": OTHER}) as other:
        second = _sign_in(other, OTHER)
    assert second == first
    with session_scope() as session:
        assert session.exec(select(func.count()).select_from(User)).one() == 1
