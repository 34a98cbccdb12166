"""Every write to job rows: enqueue, the atomic claim, progress under a lease, and the endings.

Each function is one short transaction of its own (except ``enqueue``, which joins the
caller's), and each write after the claim names the claim's token: a worker whose lease
ran out, and whose job another worker took, can no longer change it.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from privacy_center.db import session_scope
from privacy_center.jobs.context import LeaseLostError
from privacy_center.models.base import utcnow
from privacy_center.models.jobs import Job, JobOutbox, JobState

_JOB = Job.__table__  # type: ignore[attr-defined]
_OUTBOX = JobOutbox.__table__  # type: ignore[attr-defined]


def add_job(
    session: Session, *, kind: str, subject_user_id: int | None, payload: dict[str, Any], now: dt.datetime
) -> Job:
    """Write a queued job and its outbox row in the caller's transaction (nothing is sent yet)."""
    job = Job(kind=kind, subject_user_id=subject_user_id, payload=payload, run_after=now, created_at=now)
    session.add(job)
    session.flush()
    session.add(JobOutbox(job_id=job.id or 0, run_after=now, created_at=now))
    session.flush()
    return job


def claim(engine: sa.Engine, job_id: int, *, lease_seconds: float, now: dt.datetime | None = None) -> Job | None:
    """Take a queued job that is due: one UPDATE, so of two workers exactly one gets it."""
    now = now or utcnow()
    token = secrets.token_hex(16)
    with session_scope(engine) as session:
        taken = (
            session.connection()
            .execute(
                _JOB.update()
                .where(_JOB.c.id == job_id, _JOB.c.state == JobState.QUEUED, _JOB.c.run_after <= now)
                .values(
                    state=JobState.RUNNING,
                    attempts=_JOB.c.attempts + 1,
                    lease_until=now + dt.timedelta(seconds=lease_seconds),
                    claim_token=token,
                    started_at=sa.func.coalesce(_JOB.c.started_at, now),
                )
            )
            .rowcount
        )
        if taken != 1:
            return None
        return session.get(Job, job_id)


def save(engine: sa.Engine, job: Job, *, lease_seconds: float, **values: Any) -> None:
    """Write progress or a checkpoint and renew the lease; raises LeaseLostError if it is gone."""
    now = utcnow()
    _update_claimed(engine, job, lease_until=now + dt.timedelta(seconds=lease_seconds), **values)


def finish(engine: sa.Engine, job: Job) -> None:
    """The handler returned: the job succeeded."""
    _update_claimed(engine, job, state=JobState.SUCCEEDED, last_error=None, finished_at=utcnow(), **_RELEASED)


def fail(engine: sa.Engine, job: Job, *, reason: str) -> None:
    """No attempt left (or nothing can run this kind): failed for good, with its reason."""
    _update_claimed(engine, job, state=JobState.FAILED, last_error=reason, finished_at=utcnow(), **_RELEASED)


def retry(engine: sa.Engine, job: Job, *, reason: str, run_after: dt.datetime) -> None:
    """Queue the job again for ``run_after``; the outbox row is written in the same transaction."""
    with session_scope(engine) as session:
        _update_claimed_in(session, job, state=JobState.QUEUED, last_error=reason, run_after=run_after, **_RELEASED)
        session.add(JobOutbox(job_id=job.id or 0, run_after=run_after, created_at=utcnow()))


def requeue_stale(engine: sa.Engine, *, grace_seconds: float, now: dt.datetime | None = None) -> int:
    """Offer again what no worker will otherwise pick up; returns how many jobs were offered.

    A running job whose lease ran out lost its worker (killed, or stuck): it becomes queued
    again, keeping its checkpoint and attempts. A queued job due for longer than the grace,
    with no outbox row waiting, lost its hand-over in the queue (a consumer killed between
    taking the id and claiming the job): it is offered again, at most once per grace period.
    """
    now = now or utcnow()
    with session_scope(engine) as session:
        pending = select(JobOutbox.job_id)
        expired = sa.and_(_JOB.c.state == JobState.RUNNING, _JOB.c.lease_until < now)
        lost = sa.and_(
            _JOB.c.state == JobState.QUEUED,
            _JOB.c.run_after < now - dt.timedelta(seconds=grace_seconds),
            _JOB.c.id.not_in(pending),
        )
        ids = list(session.scalars(sa.select(_JOB.c.id).where(sa.or_(expired, lost)).with_for_update()))
        if not ids:
            return 0
        session.execute(
            _JOB.update()
            .where(_JOB.c.id.in_(ids), sa.or_(expired, lost))
            .values(state=JobState.QUEUED, run_after=now, **_RELEASED)
        )
        session.execute(_OUTBOX.insert(), [{"job_id": job_id, "run_after": now, "created_at": now} for job_id in ids])
    return len(ids)


_RELEASED: dict[str, Any] = {"lease_until": None, "claim_token": None}


def _update_claimed(engine: sa.Engine, job: Job, **values: Any) -> None:
    with session_scope(engine) as session:
        _update_claimed_in(session, job, **values)


def _update_claimed_in(session: Session, job: Job, **values: Any) -> None:
    changed = (
        session.connection()
        .execute(
            _JOB.update()
            .where(_JOB.c.id == job.id, _JOB.c.state == JobState.RUNNING, _JOB.c.claim_token == job.claim_token)
            .values(**values)
        )
        .rowcount
    )
    if changed != 1:
        msg = f"job {job.id} is no longer held by this worker"
        raise LeaseLostError(msg)
