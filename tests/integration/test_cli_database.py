"""The operators' commands against real databases, in a subprocess as an operator runs them.

Only ``PC_DATABASE_URL`` tells the command where the database is, as in a deployment.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from privacy_center.content.guidelines import load_library
from privacy_center.db import make_engine

ROOT = Path(__file__).parents[2]
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "content"
REAL_CONTENT = ROOT / "content"


def _cli(database_url: str, *args: str) -> dict:
    """Run one command; it must succeed, and its last line of output is its JSON report."""
    env = {**os.environ, "PC_DATABASE_URL": database_url}
    done = subprocess.run(
        [sys.executable, "-m", "privacy_center", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, f"{' '.join(args)} exited {done.returncode}:\n{done.stderr}"
    lines = done.stdout.strip().splitlines()
    return json.loads(lines[-1]) if lines else {}


def _counts(report: dict) -> tuple[int, int, int]:
    return report["added"], report["updated"], report["unchanged"]


def _stored_versions(database_url: str) -> list[tuple[str, str, str]]:
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(sa.text("SELECT kind, version, locale FROM policy_document")).all()
    finally:
        engine.dispose()
    return sorted(tuple(row) for row in rows)


def _upgrade_and_load_twice(database_url: str, content: Path) -> None:
    library = load_library(content)  # the same validation the command runs, without a subprocess
    documents = sum(len(versions) for versions in library.documents.values())
    assert documents > 0
    _cli(database_url, "db", "upgrade")
    first = _cli(database_url, "content", "load", "--content-dir", str(content))
    assert first["ok"] is True
    assert _counts(first) == (documents, 0, 0)
    again = _cli(database_url, "content", "load", "--content-dir", str(content))
    assert _counts(again) == (0, 0, documents), "a second load of the same files must change nothing"
    stored = _stored_versions(database_url)
    assert len(stored) == len(set(stored)) == documents


def test_upgrade_then_load_fixture_content_twice(database_url: str) -> None:
    _upgrade_and_load_twice(database_url, FIXTURE_CONTENT)
    assert ("full", "1.0", "en") in _stored_versions(database_url)


def test_upgrade_then_load_real_content_twice(database_url: str) -> None:
    """The shipped guidelines fit the columns (PostgreSQL enforces lengths SQLite ignores)."""
    if not (REAL_CONTENT / "guidelines").is_dir():
        pytest.skip(f"{REAL_CONTENT / 'guidelines'} does not exist yet")
    _upgrade_and_load_twice(database_url, REAL_CONTENT)
