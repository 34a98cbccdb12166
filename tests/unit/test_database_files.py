"""The embedded SQLite database holds personal data: only the server's own user may read it."""

from __future__ import annotations

import stat
from pathlib import Path

import sqlalchemy as sa

from privacy_center.db import make_engine


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _write(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text("CREATE TABLE IF NOT EXISTS t (v TEXT)"))
        connection.execute(sa.text("INSERT INTO t VALUES ('13800001234')"))
    engine.dispose()


def test_a_new_database_and_its_folder_are_private(tmp_path: Path) -> None:
    database = tmp_path / "data" / "center.db"
    engine = make_engine(f"sqlite:///{database}")
    with engine.begin() as connection:
        connection.execute(sa.text("CREATE TABLE t (v TEXT)"))
        connection.execute(sa.text("INSERT INTO t VALUES ('13800001234')"))
        # The write-ahead log (and its index) exist while a connection is open.
        for name in ("center.db", "center.db-wal", "center.db-shm"):
            assert _mode(database.parent / name) == 0o600, name
    engine.dispose()
    assert _mode(database.parent) == 0o700


def test_an_existing_readable_database_is_made_private(tmp_path: Path) -> None:
    chosen = tmp_path / "chosen"
    chosen.mkdir(mode=0o755)
    database = chosen / "center.db"
    _write(f"sqlite:///{database}")
    database.chmod(0o644)
    _write(f"sqlite:///{database}")
    assert _mode(database) == 0o600
    assert _mode(chosen) == 0o755  # a folder the operator made is left as it is
