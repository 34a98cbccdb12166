"""The operators' commands against real databases, in a subprocess as an operator runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from privacy_center.db import make_engine

ROOT = Path(__file__).parents[2]


def _cli(database_url: str, *args: str) -> dict:
    env = {**os.environ, "PC_DATABASE_URL": database_url}
    done = subprocess.run(
        [sys.executable, "-m", "privacy_center", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout) if done.stdout.strip().startswith("{") else {}


def test_upgrade_and_load_content_twice(database_url: str) -> None:
    _cli(database_url, "db", "upgrade")
    first = _cli(database_url, "content", "load", "--content-dir", str(ROOT / "content"))
    assert first["added"] == 8
    again = _cli(database_url, "content", "load", "--content-dir", str(ROOT / "content"))
    assert (again["added"], again["unchanged"]) == (0, 8)
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            count = connection.execute(sa.text("SELECT count(*) FROM policy_document")).scalar_one()
        assert count == 8
    finally:
        engine.dispose()


def test_constraints_hold(database_url: str) -> None:
    """The unique version key and the cascade from users are enforced by the database itself."""
    _cli(database_url, "db", "upgrade")
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            connection.execute(
                sa.text(
                    "INSERT INTO user_account (issuer, subject, display_name, role, created_at) "
                    "VALUES ('https://issuer.example', 's1', 'A', 'user', CURRENT_TIMESTAMP)"
                )
            )
            user_id = connection.execute(sa.text("SELECT id FROM user_account")).scalar_one()
            connection.execute(
                sa.text(
                    "INSERT INTO policy_acknowledgment (user_id, kind, version, locale, acknowledged_at) "
                    "VALUES (:u, 'full', '2.0', 'en', CURRENT_TIMESTAMP)"
                ),
                {"u": user_id},
            )
        with engine.begin() as connection:
            connection.execute(sa.text("DELETE FROM user_account"))
            assert connection.execute(sa.text("SELECT count(*) FROM policy_acknowledgment")).scalar_one() == 0
        row = (
            "INSERT INTO policy_document (kind, version, locale, title, last_updated, effective_on, content_sha256, "
            "loaded_at) VALUES ('full', '9.0', 'en', 't', '2026-01-01', '2026-01-01', 'x', CURRENT_TIMESTAMP)"
        )
        with engine.begin() as connection:
            connection.execute(sa.text(row))
        try:
            with engine.begin() as connection:
                connection.execute(sa.text(row))
        except sa.exc.IntegrityError:
            pass
        else:
            raise AssertionError("a second (kind, version, locale) row was accepted")
    finally:
        engine.dispose()
