"""Background jobs on Huey 3: the job row is the truth, the queue carries only its id.

``enqueue`` writes a job and an outbox row in the caller's transaction; after the commit
the outbox is relayed to the queue (at once, and periodically by the worker), so a crash
between the commit and the hand-over loses nothing. ``@handler("kind")`` registers the
function that runs a kind; it reports through ``JobContext`` and raises ``RetryLater``
to be tried again after a back-off. ``python -m privacy_center worker`` runs the consumer.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from privacy_center.jobs.context import JobContext, RetryLater
from privacy_center.jobs.queue import relay_after_commit
from privacy_center.jobs.registry import handler
from privacy_center.jobs.store import add_job
from privacy_center.models.base import utcnow
from privacy_center.models.jobs import Job, JobState

__all__ = ["Job", "JobContext", "JobState", "RetryLater", "enqueue", "handler"]


def enqueue(session: Session, *, kind: str, subject_user_id: int | None, payload: dict[str, Any]) -> Job:
    """Write a job for ``kind`` in the caller's transaction; it is queued once that commits.

    ``payload`` must be JSON; the job's id is set on return. Rolled back, nothing is queued.
    """
    job = add_job(session, kind=kind, subject_user_id=subject_user_id, payload=payload, now=utcnow())
    bind = session.get_bind()
    engine = bind if isinstance(bind, sa.Engine) else bind.engine
    job_ids = [job.id] if job.id is not None else []

    def _after_commit(_session: Session) -> None:
        relay_after_commit(engine, job_ids)

    sa.event.listen(session, "after_commit", _after_commit, once=True)
    return job
