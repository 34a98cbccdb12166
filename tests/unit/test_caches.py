"""One function resets every process-wide cache (privacy_center/caches.py).

A cache that :func:`reset_caches` does not know of lets a test pass by what an earlier
test loaded: so caching with ``functools`` directly is refused below, apart from a
few functions whose result depends on their arguments and the repository alone.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

import privacy_center
from privacy_center.caches import reset_caches
from privacy_center.content.guidelines import get_library
from privacy_center.content.inventory import get_inventory
from privacy_center.db import get_engine
from privacy_center.settings import PROJECT_ROOT, get_settings

PACKAGE = Path(privacy_center.__file__).parent

# Pure functions of their arguments and of files in the repository, never of settings.
PURE_CACHES = {
    "i18n/catalogs.py:translations",  # a locale's compiled catalog, from locales/
    "auth/html.py:_environment",  # a locale's Jinja2 environment, from templates/
    "templates/__init__.py:_environment",
    "security/passwords.py:_hasher",  # argon2's fixed parameters
    "security/passwords.py:_dummy_hash",
    "services/events.py:_unnest_insert_sql",  # SQL text per dialect and table
}


def _functools_caches() -> set[str]:
    """``module:function`` for every function decorated with functools.cache or lru_cache."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for decorator in node.decorator_list:
                target = decorator.func if isinstance(decorator, ast.Call) else decorator
                if ast.unparse(target) in {"functools.cache", "functools.lru_cache", "cache", "lru_cache"}:
                    found.add(f"{path.relative_to(PACKAGE).as_posix()}:{node.name}")
    return found


def test_every_process_wide_cache_is_known_to_reset_caches() -> None:
    assert _functools_caches() - PURE_CACHES == set(), "declare it with privacy_center.caches.process_wide"


def test_reset_caches_rebuilds_settings_content_and_engine_from_the_settings_of_now(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    content = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    monkeypatch.setenv("PC_CONTENT_DIR", str(content))
    monkeypatch.setenv("PC_DATABASE_URL", f"sqlite:///{tmp_path / 'first.db'}")
    reset_caches()
    first = (get_settings(), get_library(), get_inventory(), get_engine())
    assert get_settings().content_dir == content

    monkeypatch.delenv("PC_CONTENT_DIR")
    monkeypatch.setenv("PC_DATABASE_URL", f"sqlite:///{tmp_path / 'second.db'}")
    assert get_settings() is first[0]  # cached until reset: the reason the reset exists
    reset_caches()
    second = (get_settings(), get_library(), get_inventory(), get_engine())

    assert [a is b for a, b in zip(first, second, strict=True)] == [False] * 4
    assert get_settings().content_dir == PROJECT_ROOT / "content"
    assert str(get_engine().url).endswith("second.db")
