"""Notify an app's developer to delete a person's data, and what became of that request.

A request is written together with the job that delivers it (jobs/deletion_webhook.py)
and its access-history entry, in the person's transaction: all three exist, or none. Only
apps the person authorized (disabled ones too: disabling stops the access, not what the
app already holds) can be asked; anything else is the apps pages' one refusal,
:class:`~privacy_center.services.app_access.AppNotAuthorizedError`. One request per app is
pending at a time: asking again while it is returns that one. An app that registered no
deletion endpoint cannot be asked: the request is recorded as ``not_possible`` and
nothing is sent.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import Session, col, select

from privacy_center.authz import Subject
from privacy_center.db import savepoint
from privacy_center.jobs import Job, JobState, enqueue
from privacy_center.jobs.deletion_webhook import DELETION_WEBHOOK, MAX_ATTEMPTS
from privacy_center.models import AppGrant, OAuthClient, PairwiseSubject
from privacy_center.models.audit import AuditAction
from privacy_center.models.deletion import AppWebhookSecret, DeletionRequest, DeletionState
from privacy_center.services import audit
from privacy_center.services.app_access import authorized_app

# Like the job's other reasons, a name rather than a sentence: the page shows it in any language.
WORKER_LOST = "WorkerLost"


@dataclass(frozen=True)
class DeletionStatus:
    """A request as the person is shown it (a detached value, never the row)."""

    state: str  # DeletionState: pending, delivered, failed, not_possible
    attempts: int
    max_attempts: int
    last_reason: str | None  # a status code or an error class; never a body or a secret
    requested_at: dt.datetime
    updated_at: dt.datetime


def _status(row: DeletionRequest, job: Job | None) -> DeletionStatus:
    state, reason, updated_at = row.state, row.last_reason, row.updated_at
    if state == DeletionState.PENDING and job is not None and job.state == JobState.FAILED:
        # The runner failed the job without calling the handler: its worker died in every attempt.
        state, reason, updated_at = DeletionState.FAILED, WORKER_LOST, job.finished_at or updated_at
    return DeletionStatus(
        state=str(state),
        # Attempts that ended (the row counts them; the job also counts one in flight).
        attempts=row.attempts if state == row.state else max(row.attempts, job.attempts if job else 0),
        max_attempts=row.max_attempts,
        last_reason=reason,
        requested_at=row.requested_at,
        updated_at=updated_at,
    )


def _latest(session: Session, user_id: int, app_id: int) -> DeletionRequest | None:
    return session.exec(
        select(DeletionRequest)
        .where(col(DeletionRequest.user_id) == user_id, col(DeletionRequest.client_id) == app_id)
        .order_by(col(DeletionRequest.id).desc())
        .limit(1)
        .execution_options(populate_existing=True)
    ).first()


def _pending(session: Session, user_id: int, app_id: int) -> DeletionRequest | None:
    return session.exec(
        select(DeletionRequest).where(
            col(DeletionRequest.user_id) == user_id,
            col(DeletionRequest.client_id) == app_id,
            col(DeletionRequest.state) == DeletionState.PENDING,
        )
    ).first()


def _app_subject(session: Session, user_id: int, app_id: int) -> str:
    """The pairwise ``sub`` the app knows the person by (made at its first sign-in; made now if not)."""
    query = select(PairwiseSubject.subject).where(
        col(PairwiseSubject.user_id) == user_id, col(PairwiseSubject.client_id) == app_id
    )
    known = session.exec(query).first()
    if known is not None:
        return known
    try:
        with savepoint(session):  # a parallel first sign-in may insert it first
            session.add(PairwiseSubject(user_id=user_id, client_id=app_id, subject=secrets.token_hex(16)))
    except sa.exc.IntegrityError:
        pass
    return session.exec(query).one()


def _serialize(session: Session, user_id: int, app_id: int) -> None:
    """Make a second click for the same person and app wait until the first has committed.

    An UPDATE that changes nothing on the person's grant row: PostgreSQL locks that row,
    SQLite takes its write lock. The second click then finds the first one's pending request. The partial unique index on
    pending requests stays as the backstop.
    """
    session.execute(
        sa.update(AppGrant)
        .where(col(AppGrant.user_id) == user_id, col(AppGrant.client_id) == app_id)
        .values(id=AppGrant.id)
    )


def _app(session: Session, client_id: str) -> OAuthClient:
    return session.exec(select(OAuthClient).where(col(OAuthClient.client_id) == client_id)).one()


def _can_receive(session: Session, app: OAuthClient) -> bool:
    return bool(app.webhook_url) and session.get(AppWebhookSecret, app.id) is not None


def request_deletion(
    session: Session, *, subject: Subject, client_id: str, client: str, now: dt.datetime
) -> DeletionStatus:
    """Ask the developer of ``client_id`` to delete ``subject``'s data; returns the request's status.

    Raises ``AppNotAuthorizedError`` for an app the person never authorized (or someone
    else's, or none). While a request is pending, returns it unchanged (nothing more is
    sent or recorded). ``client`` is who asks, as in the access history ("web", ...).
    """
    authorized_app(session, subject=subject, client_id=client_id, now=now)  # refuses anything else
    app = _app(session, client_id)
    app_id = app.id or 0
    _serialize(session, subject.user_id, app_id)
    pending = _pending(session, subject.user_id, app_id)
    if pending is not None:
        return _status(pending, session.get(Job, pending.job_id) if pending.job_id else None)
    possible = _can_receive(session, app)
    row = DeletionRequest(
        request_id=secrets.token_hex(16),
        user_id=subject.user_id,
        client_id=app_id,
        app_subject=_app_subject(session, subject.user_id, app_id),
        state=DeletionState.PENDING if possible else DeletionState.NOT_POSSIBLE,
        max_attempts=MAX_ATTEMPTS if possible else 0,
        requested_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    if possible:
        job = enqueue(
            session, kind=DELETION_WEBHOOK, subject_user_id=subject.user_id, payload={"deletion_request": row.id}
        )
        row.job_id = job.id
        session.add(row)
        session.flush()
    audit.record(
        session,
        action=AuditAction.APP_DELETION_REQUESTED,
        subject_user_id=subject.user_id,
        actor_user_id=subject.actor.user_id,
        on_behalf_of_user_id=None if subject.is_self else subject.user_id,
        details={"app": app.name, "sent": possible},
        client=client,
        now=now,
    )
    return _status(row, None)


def deletion_status(session: Session, *, subject: Subject, client_id: str) -> DeletionStatus | None:
    """The person's latest request to this app's developer, or None (never asked, or not their app)."""
    app = session.exec(select(OAuthClient).where(col(OAuthClient.client_id) == client_id)).first()
    if app is None:
        return None
    row = _latest(session, subject.user_id, app.id or 0)
    if row is None:
        return None
    return _status(row, session.get(Job, row.job_id) if row.job_id else None)
