"""Unit tests run hermetically: no ambient ``PC_*`` settings, no real database, cheap hashing."""

from __future__ import annotations

import functools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from privacy_center.caches import reset_caches
from privacy_center.security import passwords

# The lowest argon2id cost argon2-cffi accepts: the defaults take ~0.1 s a hash, and the
# sign-in tests hash and verify dozens of times. Production code keeps its own hasher.
_CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture(autouse=True)
def _hermetic_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Settings come from the test alone: a developer's ``PC_*`` variables never leak in.

    The process-wide caches are reset before and after each test (privacy_center/caches.py);
    a test that forgets to point the app at a database of its own gets an empty in-memory
    one, never ``data/privacy_center.db``.
    """
    for name in [n for n in os.environ if n.startswith("PC_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("PC_DATABASE_URL", "sqlite://")
    reset_caches()
    yield
    reset_caches()


@pytest.fixture(autouse=True)
def _cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passwords, "_hasher", lambda: _CHEAP_HASHER)
    monkeypatch.setattr(passwords, "_dummy_hash", functools.cache(lambda: _CHEAP_HASHER.hash("timing only")))


@pytest.fixture
def content_copy(tmp_path: Path, fixture_content_dir: Path) -> Path:
    """A copy of the fixture content that a test may break."""
    target = tmp_path / "content"
    shutil.copytree(fixture_content_dir, target)
    return target
