"""Signing keys on SQLite and PostgreSQL: the upgrade encrypts a clear key, rotation runs as operators run it.

The migration and the commands need the deployment's PC_SECRET_KEY (as the server does): here
the test's own, set in the environment the commands inherit.
"""

from __future__ import annotations

import json
import secrets

import pytest
import sqlalchemy as sa
from alembic.config import Config
from joserfc.jwk import RSAKey

from alembic import command
from privacy_center.caches import reset_caches
from tests.integration.test_cli_database import _cli

BEFORE = "d79244d2719e"  # the revision before the keys were encrypted
SECRET = secrets.token_urlsafe(40)


@pytest.fixture(autouse=True)
def _secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PC_SECRET_KEY", SECRET)
    reset_caches()


def _clear_key() -> dict:
    key = RSAKey.generate_key(2048, parameters={"use": "sig", "alg": "RS256"})
    key.ensure_kid()
    return key.as_dict(private=True)


def test_the_upgrade_encrypts_existing_keys_and_the_downgrade_restores_them(
    alembic_config: Config, engine: sa.Engine
) -> None:
    command.upgrade(alembic_config, BEFORE)
    private = _clear_key()
    with engine.begin() as connection:
        connection.execute(
            sa.text("INSERT INTO signing_key (kid, private_jwk, created_at) VALUES (:kid, :jwk, CURRENT_TIMESTAMP)"),
            {"kid": private["kid"], "jwk": json.dumps(private)},
        )
    command.upgrade(alembic_config, "head")
    with engine.connect() as connection:
        row = connection.execute(sa.text("SELECT * FROM signing_key")).mappings().one()
    stored = json.dumps(dict(row), default=str)
    for part in ("d", "p", "q", "dp", "dq", "qi"):
        assert private[part] not in stored
    assert json.loads(row["public_jwk"]) == {
        k: v for k, v in private.items() if k in ("kty", "n", "e", "kid", "use", "alg")
    }

    command.downgrade(alembic_config, BEFORE)
    with engine.connect() as connection:
        restored = connection.execute(sa.text("SELECT private_jwk FROM signing_key")).scalar_one()
    assert json.loads(restored) == private


def test_keys_rotate_as_an_operator_runs_it(database_url: str, engine: sa.Engine) -> None:
    _cli(database_url, "db", "upgrade")
    first = _cli(database_url, "keys", "rotate")
    second = _cli(database_url, "keys", "rotate")
    assert second["retired"] == [first["current"]]
    with engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT kid, retired_at, encrypted_private_jwk FROM signing_key")).all()
    assert {kid: retired is None for kid, retired, _ in rows} == {first["current"]: False, second["current"]: True}
    assert all('"d"' not in sealed for _, _, sealed in rows)
