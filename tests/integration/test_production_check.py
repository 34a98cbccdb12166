"""Production refuses to start with demo accounts, demo apps or the demo client secret in the database.

Run as an operator runs it (``python -m privacy_center check``, what scripts/serve.sh does
before serving) and as ``reflex run`` alone would (importing the app module).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from privacy_center.db import make_engine
from privacy_center.security.passwords import hash_password
from privacy_center.services.production import DEMO_CLIENT_IDS, DEMO_USERNAMES

ROOT = Path(__file__).parents[2]
PRODUCTION = {
    "PC_ENV": "production",
    "PC_PUBLIC_URL": "https://privacy.example",
    "PC_SECRET_KEY": "s" * 40,
    "PC_SMTP_URL": "smtp://mail.example:25",
}


def _run(database_url: str, args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PC_")}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env={**clean, "PC_DATABASE_URL": database_url, **env},
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip


def _cli(database_url: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return _run(database_url, ["-m", "privacy_center", *args], **env)


def _prepared(database_url: str, *, demo: bool) -> None:
    assert _cli(database_url, "db", "upgrade").returncode == 0
    if demo:
        seeded = _cli(database_url, "seed-demo")
        assert seeded.returncode == 0, seeded.stderr


def test_clean_database_passes(database_url: str) -> None:
    _prepared(database_url, demo=False)
    done = _cli(database_url, "check", **PRODUCTION)
    assert done.returncode == 0, done.stderr
    assert '"env": "production"' in done.stdout


def test_demo_data_is_refused_naming_each_account_and_app(database_url: str) -> None:
    _prepared(database_url, demo=True)
    done = _cli(database_url, "check", **PRODUCTION)
    assert done.returncode == 2
    assert "PC_DATABASE_URL" in done.stderr
    for name in (*DEMO_USERNAMES, *DEMO_CLIENT_IDS):
        assert repr(name) in done.stderr
    # The demo mode is what the demo data is for.
    assert _cli(database_url, "check").returncode == 0


def test_demo_username_with_its_own_password_is_not_a_demo_account(database_url: str) -> None:
    _prepared(database_url, demo=True)
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            connection.execute(
                sa.text("UPDATE platform_account SET password_hash = :h WHERE username = 'alice'"),
                {"h": hash_password("alice's own long passphrase")},
            )
            connection.execute(sa.text("DELETE FROM oauth_client WHERE client_id LIKE 'demo-%'"))
    finally:
        engine.dispose()
    done = _cli(database_url, "check", **PRODUCTION)
    assert done.returncode == 2
    assert "'alice'" not in done.stderr
    assert "'grace'" in done.stderr
    assert "demo app" not in done.stderr


def test_app_start_refuses_demo_data_without_the_check_command(database_url: str) -> None:
    _prepared(database_url, demo=True)
    done = _run(database_url, ["-c", "import privacy_center.privacy_center"], **PRODUCTION)
    assert done.returncode != 0
    assert "unsafe for PC_ENV=production" in done.stderr
    assert "'alice'" in done.stderr


def test_unsafe_settings_are_refused_by_the_check_command(database_url: str) -> None:
    done = _cli(database_url, "check", **PRODUCTION | {"PC_PUBLIC_URL": "http://privacy.example"})
    assert done.returncode == 2
    assert "PC_PUBLIC_URL" in done.stderr
