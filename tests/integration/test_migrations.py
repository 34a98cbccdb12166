"""The alembic revisions build exactly the models' schema, go down cleanly and keep data.

Run on SQLite and on PostgreSQL: each checks what the other cannot (SQLite rebuilds
tables in batch mode; PostgreSQL enforces lengths and keeps sequences).
"""

from __future__ import annotations

from pprint import pformat
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

import privacy_center.models  # noqa: F401 - registers the tables
from alembic import command

FIRST_REVISION = "3f31046b2bf2"


def _tables(connection: sa.Connection) -> set[str]:
    return set(sa.inspect(connection).get_table_names())


def _schema_diff(connection: sa.Connection) -> list[Any]:
    """Every difference autogenerate sees between the database and the models, flattened."""
    context = MigrationContext.configure(connection, opts={"compare_type": True, "compare_server_default": True})
    flat: list[Any] = []
    for entry in compare_metadata(context, SQLModel.metadata):
        # Column changes come grouped per column as a list of tuples.
        flat.extend(entry if isinstance(entry, list) else [entry])
    return flat


def assert_schema_is_models(connection: sa.Connection) -> None:
    """Tables, columns, types, nullability, defaults, keys, indexes and constraints all match."""
    assert _tables(connection) - {"alembic_version"} == set(SQLModel.metadata.tables)
    diff = _schema_diff(connection)
    assert diff == [], "migrations and models differ:\n" + pformat(diff)


def _unconventional_names(connection: sa.Connection) -> list[str]:
    """Every key, constraint and index not named by the convention in models/base.py.

    A many-column index may be named after its first column (the convention's
    ``column_0_label``) or after all of them. CHECK constraints (which autogenerate does
    not compare) must be exactly the models' ones.
    """
    inspector = sa.inspect(connection)
    wrong: list[str] = []
    for table in sorted(set(SQLModel.metadata.tables) & set(inspector.get_table_names())):
        named: list[tuple[str | None, str]] = [(inspector.get_pk_constraint(table)["name"], f"pk_{table}")]
        named += [
            (u["name"], f"uq_{table}_{'_'.join(u['column_names'])}") for u in inspector.get_unique_constraints(table)
        ]
        named += [
            (fk["name"], f"fk_{table}_{fk['constrained_columns'][0]}_{fk['referred_table']}")
            for fk in inspector.get_foreign_keys(table)
        ]
        for ix in inspector.get_indexes(table):
            columns = [str(column) for column in ix["column_names"]]
            if not ix.get("duplicates_constraint") and ix["name"] != f"ix_{table}_{'_'.join(columns)}":
                named.append((ix["name"], f"ix_{table}_{columns[0]}"))
        wrong += [f"{table}: {found!r} should be {wanted!r}" for found, wanted in named if found != wanted]
        checks = {ck["name"] for ck in inspector.get_check_constraints(table)}
        modelled = {c.name for c in SQLModel.metadata.tables[table].constraints if isinstance(c, sa.CheckConstraint)}
        if checks != modelled:
            wrong.append(
                f"{table}: CHECK constraints {sorted(map(str, checks))} should be {sorted(map(str, modelled))}"
            )
    return wrong


def test_exactly_one_head_and_one_base(migration_scripts: ScriptDirectory) -> None:
    """Two revisions written in parallel on the same parent, never merged: `upgrade head` refuses to run."""
    heads = migration_scripts.get_heads()
    assert len(heads) == 1, f"several heads {heads}: merge them with `alembic merge`"
    assert len(migration_scripts.get_bases()) == 1, migration_scripts.get_bases()
    assert migration_scripts.get_base() == FIRST_REVISION


def test_head_is_exactly_the_models_schema(
    alembic_config: Config, engine: sa.Engine, migration_scripts: ScriptDirectory
) -> None:
    command.upgrade(alembic_config, "head")
    with engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_heads() == (migration_scripts.get_current_head(),)
        assert_schema_is_models(connection)
        assert _unconventional_names(connection) == []


CONVENTION_REVISION = "b9e1d0000002"
_INSERT_APP = (
    "INSERT INTO oauth_client (client_id, name, developer, redirect_uris, scope, token_endpoint_auth_method, "
    "created_at) VALUES ('notes', 'Notes', 'Example', 'https://notes.example/cb', 'openid', :method, "
    "CURRENT_TIMESTAMP) RETURNING id"
)


def test_a_database_named_before_the_convention_is_renamed_and_keeps_its_rows(
    alembic_config: Config, engine: sa.Engine, migration_scripts: ScriptDirectory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Databases created before the convention carry the database's own names (PostgreSQL's
    ``<table>_pkey``/``_fkey``/``_key``, none at all on SQLite): the convention's revision renames them."""
    before = migration_scripts.get_revision(CONVENTION_REVISION).down_revision
    assert isinstance(before, str)
    with monkeypatch.context() as unconventional:
        unconventional.setattr(SQLModel.metadata, "naming_convention", sa.MetaData().naming_convention)
        command.upgrade(alembic_config, before)
    with engine.begin() as connection:
        assert _unconventional_names(connection) != [], "the old revisions ran with the convention"
        app_id = connection.execute(sa.text(_INSERT_APP), {"method": "none"}).scalar_one()
    command.upgrade(alembic_config, "head")
    with engine.connect() as connection:
        assert _unconventional_names(connection) == []
        assert_schema_is_models(connection)
        rows = connection.execute(sa.text("SELECT id, name, token_endpoint_auth_method FROM oauth_client")).all()
        assert [tuple(row) for row in rows] == [(app_id, "Notes", "none")]


def test_enum_columns_refuse_unknown_values(alembic_config: Config, engine: sa.Engine) -> None:
    command.upgrade(alembic_config, "head")
    with engine.begin() as connection:
        connection.execute(sa.text(_INSERT_APP), {"method": "client_secret_post"})
    refused = pytest.raises(sa.exc.IntegrityError, match="ck_oauth_client_token_endpoint_auth_method")
    with refused, engine.begin() as connection:
        connection.execute(sa.text(_INSERT_APP), {"method": "client_secret_jwt"})


def test_downgrade_to_base_leaves_nothing_and_upgrades_again(
    database_url: str, alembic_config: Config, engine: sa.Engine
) -> None:
    command.upgrade(alembic_config, "head")
    command.downgrade(alembic_config, "base")
    with engine.connect() as connection:
        inspector = sa.inspect(connection)
        assert _tables(connection) == {"alembic_version"}
        assert connection.execute(sa.text("SELECT count(*) FROM alembic_version")).scalar_one() == 0
        assert inspector.get_view_names() == []
        if database_url.startswith("postgresql"):
            # Types and sequences outlive their tables unless the downgrade drops them.
            assert inspector.get_sequence_names() == []
            types = connection.execute(
                sa.text("SELECT typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                        "WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'c') AND t.typrelid = 0")
            ).scalars().all()  # fmt: skip
            assert types == []
    command.upgrade(alembic_config, "head")
    with engine.connect() as connection:
        assert_schema_is_models(connection)


def test_each_revision_goes_down_and_up_again(alembic_config: Config, migration_scripts: ScriptDirectory) -> None:
    """The stairway: every downgrade undoes exactly its upgrade, so the upgrade can run again."""
    revisions = list(reversed(list(migration_scripts.walk_revisions())))
    for revision in revisions:
        command.upgrade(alembic_config, revision.revision)
        command.downgrade(alembic_config, revision.down_revision or "base")
        command.upgrade(alembic_config, revision.revision)


def test_upgrading_keeps_existing_rows(
    request: pytest.FixtureRequest, database_url: str, alembic_config: Config, engine: sa.Engine
) -> None:
    """A database that already holds users and acknowledgments keeps them through every later revision."""
    command.upgrade(alembic_config, FIRST_REVISION)
    with engine.begin() as connection:
        user_id = connection.execute(
            sa.text("INSERT INTO user_account (subject, display_name, created_at) "
                    "VALUES ('s-1', 'Ada', CURRENT_TIMESTAMP) RETURNING id")
        ).scalar_one()  # fmt: skip
        connection.execute(
            sa.text("INSERT INTO policy_acknowledgment (user_id, kind, version, locale, acknowledged_at) "
                    "VALUES (:user_id, 'full', '2.0', 'en', CURRENT_TIMESTAMP)"),
            {"user_id": user_id},
        )  # fmt: skip
    command.upgrade(alembic_config, "head")
    with engine.connect() as connection:
        users = connection.execute(
            sa.text(
                "SELECT u.id, i.subject, i.issuer, u.role FROM user_account u JOIN user_identity i ON i.user_id = u.id"
            )
        ).all()
        assert [tuple(row) for row in users] == [(user_id, "s-1", "", "user")]
        acknowledged = connection.execute(sa.text("SELECT user_id, version FROM policy_acknowledgment")).all()
        assert [tuple(row) for row in acknowledged] == [(user_id, "2.0")]
