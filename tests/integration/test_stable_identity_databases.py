"""seed-demo, then the center served on another port: the demo people are still themselves.

Before issue 9 the built-in provider's issuer was the public URL, so after ``PC_PORT``
changed Alice signed in as a new, empty account (her events stayed with the old one).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import func, select
from starlette.testclient import TestClient

from privacy_center.api.routes import build_api
from privacy_center.auth.guard import current_viewer
from privacy_center.db import session_scope
from privacy_center.models import PersonalDataEvent, PlatformAccount, User
from tests.conftest import configured_database
from tests.unit.auth.conftest import hidden_of

ROOT = Path(__file__).parents[2]


def _cli(database_url: str, port: int, *args: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PC_PUBLIC_URL"}
    env |= {"PC_DATABASE_URL": database_url, "PC_PORT": str(port), "PC_ENV": "demo"}
    done = subprocess.run(
        [sys.executable, "-m", "privacy_center", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, f"{' '.join(args)} exited {done.returncode}:\n{done.stderr}"


def test_seed_demo_then_another_port_finds_the_demo_people(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _cli(database_url, 3000, "db", "upgrade")
    _cli(database_url, 3000, "seed-demo")
    _cli(database_url, 3311, "db", "upgrade")  # the set-up step, as after changing PC_PORT
    base = "http://localhost:3311"
    with configured_database(monkeypatch, database_url, create_tables=False, port="3311"):
        with TestClient(build_api(), base_url=base, follow_redirects=False, headers={"origin": base}) as client:
            response = client.get("/auth/login", params={"next": "/en/"})
            response = client.get(response.headers["location"].removeprefix(base))
            form = {**hidden_of(response.text), "login": "alice", "password": "lattice-demo"}
            response = client.post("/oauth/authorize", data=form)
            assert response.status_code == 302, response.text
            assert client.get(response.headers["location"].removeprefix(base)).status_code == 303
            viewer = current_viewer(f"pc_session={client.cookies.get('pc_session')}")
        assert viewer is not None
        with session_scope() as session:
            alice = session.exec(select(PlatformAccount.user_id).where(PlatformAccount.username == "alice")).one()
            assert viewer.user_id == alice
            assert session.exec(select(func.count()).select_from(User)).one() == 5  # the demo people, no one new
            events = select(func.count()).select_from(PersonalDataEvent).where(PersonalDataEvent.user_id == alice)
            assert session.exec(events).one() > 0
