"""The center's one clock: every "now" and "today" comes from here, aware and in UTC.

A server's local time zone never decides anything (a guidelines version, a session's
end): code asks :func:`now` or :func:`today`. Tests move time with :func:`frozen_at`
instead of patching the standard library, so a running app sees the same instant in
every module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

# Set only by tests (through frozen_at): the instant every caller sees instead of the real one.
_override: dt.datetime | None = None


def now() -> dt.datetime:
    """The current instant, timezone-aware in UTC."""
    return _override if _override is not None else dt.datetime.now(dt.UTC)


def today() -> dt.date:
    """The current date in UTC (not the server's local date)."""
    return now().date()


@contextmanager
def frozen_at(moment: dt.datetime) -> Iterator[None]:
    """Make :func:`now` return ``moment`` (aware) until the block ends; for tests."""
    global _override
    if moment.tzinfo is None:
        raise ValueError("the clock keeps aware UTC instants")
    previous, _override = _override, moment.astimezone(dt.UTC)
    try:
        yield
    finally:
        _override = previous
