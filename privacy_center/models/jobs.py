"""Background jobs: the job rows (the truth about each job) and the outbox that hands them to the queue.

The queue (Huey) only ever carries a job id. A job is written together with an outbox row
in the caller's transaction; a relay moves outbox rows to the queue once that transaction
has committed, so a crash between the commit and the hand-over loses nothing.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from privacy_center.models.base import created_at_field, enum_type, moment_field
from privacy_center.personal_data import Category, Erasure, register


class JobState(StrEnum):
    """Where a job is; only ``queued`` and ``running`` jobs are ever picked up again."""

    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class Job(SQLModel, table=True):
    """One unit of background work, its progress, its checkpoint and its lease."""

    __tablename__ = "job"
    __table_args__ = (sa.Index("ix_job_state_lease_until", "state", "lease_until"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=64)
    # SET NULL: a job must never block the erasure of its subject's account, and the job
    # doing that erasure must outlive it to report how it ended.
    subject_user_id: int | None = Field(
        default=None, foreign_key="user_account.id", index=True, nullable=True, ondelete="SET NULL"
    )
    state: str = Field(default=JobState.QUEUED, sa_type=enum_type(JobState, name="state", length=16))
    payload: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON, nullable=False)
    checkpoint: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON, nullable=True)
    progress_done: int = 0
    progress_total: int = 0
    attempts: int = 0
    # Not before this moment (a retry's back-off); the sweep also uses it to find lost hand-overs.
    run_after: dt.datetime = moment_field(nullable=False)
    # While running: the worker holding the job renews this; once passed, the sweep re-enqueues it.
    lease_until: dt.datetime | None = moment_field(nullable=True)
    # Which claim holds the lease: a worker that lost its lease can no longer write.
    claim_token: str | None = Field(default=None, max_length=32, nullable=True)
    last_error: str | None = Field(default=None, sa_type=sa.Text, nullable=True)
    created_at: dt.datetime = created_at_field()
    started_at: dt.datetime | None = moment_field(nullable=True)
    finished_at: dt.datetime | None = moment_field(nullable=True)


class JobOutbox(SQLModel, table=True):
    """A job waiting to be handed to the queue; deleted once it has been."""

    __tablename__ = "job_outbox"

    id: int | None = Field(default=None, primary_key=True)
    # CASCADE: an outbox row means nothing without its job.
    job_id: int = Field(foreign_key="job.id", index=True, ondelete="CASCADE")
    run_after: dt.datetime = moment_field(nullable=False)
    created_at: dt.datetime = created_at_field()


# Jobs about a person (their payload may name them: an address to mail, say) go with them.
register(
    "job",
    category=Category.USAGE,
    erasure=Erasure.DELETE,
    not_exported="work in flight; what a job produced is exported from where it is kept",
    subject_column="subject_user_id",
)
