"""What a job handler sees while it runs, and how it asks to be tried again."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from privacy_center.models.jobs import Job


class RetryLater(Exception):  # noqa: N818 - a request, not an error: the name says what happens
    """Raised by a handler: not now (a server away, a limit reached); try again after a back-off."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class LeaseLostError(Exception):
    """The job is no longer held by this worker (its lease ran out and another worker took it)."""


@dataclass
class JobContext:
    """The running job: its row as claimed, its payload, and the way to report progress.

    ``progress`` and ``checkpoint`` each commit at once and renew the lease, so a handler
    that reports regularly keeps its job; a killed worker's job resumes from the last
    checkpoint in another worker.
    """

    job: Job
    _save: Callable[..., None] = field(repr=False)

    @property
    def payload(self) -> dict[str, Any]:
        """What ``enqueue`` was given."""
        return self.job.payload

    @property
    def checkpoint_data(self) -> dict[str, Any] | None:
        """The last checkpoint saved by an earlier attempt (or this one), None at the start."""
        return self.job.checkpoint

    def progress(self, done: int, total: int) -> None:
        """Record ``done`` of ``total`` rows (shown live by the progress component)."""
        self._save(progress_done=done, progress_total=total)
        self.job.progress_done, self.job.progress_total = done, total

    def checkpoint(self, data: dict[str, Any]) -> None:
        """Save where the work stands, so a retry or another worker resumes from here."""
        self._save(checkpoint=data)
        self.job.checkpoint = data
