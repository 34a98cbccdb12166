"""Process-wide caches, and the one function that resets them all.

The settings, the engine, the content loaded from ``content_dir``, the sign-in client,
the job queue: each is built once per process from the settings of the moment. A
test that changes the settings (another database, another content folder) must start
from none of them, or it silently runs against what an earlier test left (the real
inventory warmed by another test, an engine on a dropped database). So every such
cache is declared with :func:`process_wide`, and :func:`reset_caches` clears all of
them; tests/unit/test_caches.py fails when a module caches with ``functools`` directly.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# Called by reset_caches(): first what releases a cached value's resources (an engine's
# connections), then what forgets each cached value.
_RELEASERS: list[Callable[[], None]] = []
_CLEARERS: list[Callable[[], None]] = []


def process_wide(build: Callable[[], T]) -> functools._lru_cache_wrapper[T]:
    """Build the value once per process (until :func:`reset_caches`), like ``functools.cache``."""
    cached = functools.cache(build)
    _CLEARERS.append(cached.cache_clear)
    return cached


def on_reset(release: Callable[[], None]) -> Callable[[], None]:
    """Run ``release`` in :func:`reset_caches` before any cache is cleared (it may still read them)."""
    _RELEASERS.append(release)
    return release


def reset_caches() -> None:
    """Forget every process-wide value, so the next use builds it from the settings of now."""
    for release in _RELEASERS:
        release()
    for clear in _CLEARERS:
        clear()
