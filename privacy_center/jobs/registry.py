"""Which function runs which kind of job, and how often it may be tried."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from privacy_center.jobs.context import JobContext

Run = Callable[["JobContext"], None]


@dataclass(frozen=True)
class HandlerSpec:
    """A kind's function and its retry policy (delay doubles after each failed attempt)."""

    kind: str
    run: Run
    max_attempts: int
    retry_delay_seconds: float


_HANDLERS: dict[str, HandlerSpec] = {}


def handler(kind: str, *, max_attempts: int = 5, retry_delay_seconds: float = 30.0) -> Callable[[Run], Run]:
    """Register ``run(ctx)`` for jobs of ``kind``; a kind has exactly one handler."""

    def register(run: Run) -> Run:
        existing = _HANDLERS.get(kind)
        if existing is not None and existing.run is not run:
            msg = f"job kind {kind!r} already has a handler ({existing.run.__qualname__})"
            raise ValueError(msg)
        _HANDLERS[kind] = HandlerSpec(kind, run, max_attempts, retry_delay_seconds)
        return run

    return register


def spec_for(kind: str) -> HandlerSpec | None:
    """The handler of ``kind``, or None when no module registered one in this process."""
    return _HANDLERS.get(kind)
