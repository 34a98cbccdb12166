"""Upgrading an empty database to head gives exactly the models' schema, on both databases."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

import privacy_center.models  # noqa: F401 - registers the tables
from alembic import command
from privacy_center.cli import _alembic_config
from privacy_center.db import make_engine


def _config(url: str):
    config = _alembic_config()
    config.set_main_option("sqlalchemy.url", url)
    config.attributes["configure_logger"] = False
    return config


def _tables(engine: sa.Engine) -> set[str]:
    return set(sa.inspect(engine).get_table_names()) - {"alembic_version"}


def test_head_is_the_models_schema(database_url: str) -> None:
    command.upgrade(_config(database_url), "head")
    engine = make_engine(database_url)
    try:
        assert _tables(engine) == set(SQLModel.metadata.tables)
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, SQLModel.metadata) == []
    finally:
        engine.dispose()


def test_downgrade_and_upgrade_again(database_url: str) -> None:
    config = _config(database_url)
    command.upgrade(config, "head")
    command.downgrade(config, "base")
    engine = make_engine(database_url)
    try:
        assert _tables(engine) == set()
        command.upgrade(config, "head")
        assert _tables(engine) == set(SQLModel.metadata.tables)
    finally:
        engine.dispose()


def test_single_head() -> None:
    assert len(ScriptDirectory.from_config(_alembic_config()).get_heads()) == 1
