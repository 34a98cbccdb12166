"""Alembic environment wired to the app's models and settings.

``target_metadata`` is ``SQLModel.metadata`` so ``alembic revision --autogenerate``
sees every table; the URL comes from the ``sqlalchemy.url`` option when a caller (the
tests) sets one, else from ``PC_DATABASE_URL``.
"""

from __future__ import annotations

from logging.config import fileConfig

from sqlmodel import SQLModel

import privacy_center.models  # noqa: F401 - registers every table on the metadata
from alembic import context
from privacy_center.db import make_engine
from privacy_center.settings import get_settings

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = SQLModel.metadata


def _url() -> str:
    return config.get_main_option("sqlalchemy.url") or get_settings().database_url


def run_migrations_offline() -> None:
    """Emit SQL without a connection (``alembic upgrade --sql``)."""
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Apply migrations over a live connection; batch mode lets SQLite alter tables."""
    engine = make_engine(_url())
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Batch mode rebuilds a SQLite table by dropping it: with foreign keys on, that drop
            # deletes every row that references the table (ON DELETE CASCADE). The pragma is
            # ignored inside a transaction, so it goes off before alembic opens one.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
            if sqlite and (broken := connection.exec_driver_sql("PRAGMA foreign_key_check").all()):
                msg = f"the migrations left rows whose foreign keys point nowhere: {broken}"
                raise RuntimeError(msg)
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
