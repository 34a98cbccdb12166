"""The identity revision moves every user's (issuer, subject) to ``user_identity`` and back."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.config import Config
from alembic.script import ScriptDirectory

from alembic import command

IDENTITY_REVISION = "b9e1d0000001"
_USER = ("INSERT INTO user_account (issuer, subject, display_name, role, created_at) "
         "VALUES (:issuer, :subject, :name, 'user', CURRENT_TIMESTAMP) RETURNING id")  # fmt: skip


def test_identities_move_out_and_back_with_the_builtin_issuer_fixed(
    alembic_config: Config, engine: sa.Engine, migration_scripts: ScriptDirectory
) -> None:
    before = migration_scripts.get_revision(IDENTITY_REVISION).down_revision
    assert isinstance(before, str)
    command.upgrade(alembic_config, before)
    with engine.begin() as connection:
        alice = connection.execute(
            sa.text(_USER), {"issuer": "http://localhost:3000", "subject": "a1", "name": "Alice"}
        ).scalar_one()
        connection.execute(
            sa.text("INSERT INTO platform_account (user_id, username, email_verified, password_hash, created_at) "
                    "VALUES (:user_id, 'alice', false, 'x', CURRENT_TIMESTAMP)"),
            {"user_id": alice},
        )  # fmt: skip
        bob = connection.execute(
            sa.text(_USER), {"issuer": "https://id.example", "subject": "b1", "name": "Bob"}
        ).scalar_one()
    command.upgrade(alembic_config, IDENTITY_REVISION)
    with engine.connect() as connection:
        moved = connection.execute(sa.text("SELECT user_id, issuer, subject FROM user_identity ORDER BY id")).all()
        assert [tuple(row) for row in moved] == [
            (alice, "http://localhost:3000", "a1"),
            (bob, "https://id.example", "b1"),
        ]
        # The built-in provider keeps the issuer its accounts were created under, whatever the URL is now.
        issuer = connection.execute(sa.text("SELECT value FROM installation_setting WHERE key = 'builtin_issuer'"))
        assert issuer.scalar_one() == "http://localhost:3000"
        assert "issuer" not in {c["name"] for c in sa.inspect(connection).get_columns("user_account")}
    command.downgrade(alembic_config, before)
    with engine.connect() as connection:
        back = connection.execute(sa.text("SELECT id, issuer, subject FROM user_account ORDER BY id")).all()
        assert [tuple(row) for row in back] == [
            (alice, "http://localhost:3000", "a1"),
            (bob, "https://id.example", "b1"),
        ]
        assert "user_identity" not in sa.inspect(connection).get_table_names()
