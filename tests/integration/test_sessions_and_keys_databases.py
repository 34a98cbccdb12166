"""Sessions and signing keys on SQLite and PostgreSQL, migrated by alembic.

The HTTP tests of tests/unit/auth run again here against a migrated database: ending the
previous sessions, the keep flag carried by the code, and the retired keys' time window
are database work (updates, booleans, timezone-aware comparisons) each engine does its way.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic.config import Config
from starlette.testclient import TestClient

from alembic import command
from tests.conftest import configured_database
from tests.unit.auth.conftest import BASE, _provider_client
from tests.unit.auth.test_session_lifetime import (
    test_keep_me_signed_in_makes_both_cookies_persist,
    test_signing_in_again_ends_this_browsers_previous_sessions,
    test_the_center_keeps_no_id_token,
)
from tests.unit.auth.test_signing_keys import (
    test_a_retired_key_leaves_the_jwks_once_its_tokens_expired,
    test_rotation_signs_with_the_new_key_and_old_tokens_still_verify,
)

__all__ = [
    "test_a_retired_key_leaves_the_jwks_once_its_tokens_expired",
    "test_keep_me_signed_in_makes_both_cookies_persist",
    "test_rotation_signs_with_the_new_key_and_old_tokens_still_verify",
    "test_signing_in_again_ends_this_browsers_previous_sessions",
    "test_the_center_keeps_no_id_token",
]


@pytest.fixture
def provider(database_url: str, alembic_config: Config, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    """The unit tests' provider, on a database built by the migrations instead of create_all."""
    command.upgrade(alembic_config, "head")
    with configured_database(monkeypatch, database_url, create_tables=False, public_url=BASE):
        yield from _provider_client()
