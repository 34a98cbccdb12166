"""Asking an app's developer to delete what the app holds about a person.

``deletion_request`` is the person's record of each request and how its delivery went;
the webhook itself is sent by a job (jobs/deletion_webhook.py). ``app_webhook_secret``
keeps the secret each app's deletion webhook is signed with, encrypted: the developer
saw it once, at registration, and the center needs it back in clear to sign.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from privacy_center.models.base import created_at_field, enum_type, moment_field
from privacy_center.personal_data import Category, Erasure, register


class DeletionState(StrEnum):
    """A request's whole lifecycle, as the person is shown it."""

    PENDING = "pending"  # queued, or waiting for its next attempt
    DELIVERED = "delivered"  # the developer's endpoint answered 2xx
    FAILED = "failed"  # every attempt was refused or unreachable; ``last_reason`` says how
    NOT_POSSIBLE = "not_possible"  # the app registered no deletion endpoint: nothing was sent


class AppWebhookSecret(SQLModel, table=True):
    """The HMAC key an app's deletion webhook is signed with, AES-GCM sealed (security/webhook_secrets.py)."""

    __tablename__ = "app_webhook_secret"

    # CASCADE: the secret means nothing without its app.
    client_id: int = Field(foreign_key="oauth_client.id", primary_key=True, ondelete="CASCADE")
    encrypted_secret: str = Field(sa_type=sa.Text)
    created_at: dt.datetime = created_at_field()


class DeletionRequest(SQLModel, table=True):
    """One "notify the developer to delete" of one person for one app, and its delivery."""

    __tablename__ = "deletion_request"
    __table_args__ = (
        # At most one pending request per person and app: a second click finds the first.
        # A partial unique index, so two racing clicks cannot both insert (SQLite and PostgreSQL).
        sa.Index(
            "ix_deletion_request_user_id_client_id",
            "user_id",
            "client_id",
            unique=True,
            sqlite_where=sa.text("state = 'pending'"),
            postgresql_where=sa.text("state = 'pending'"),
        ),
        # A person's latest request to one app (the status the apps page shows).
        sa.Index("ix_deletion_request_user_id_client_id_id", "user_id", "client_id", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # Random, sent as the payload's request_id and the Idempotency-Key: a retry is the same request.
    request_id: str = Field(max_length=32, unique=True)
    # RESTRICT, like every personal row: erasure deletes these through the registry.
    user_id: int = Field(foreign_key="user_account.id", ondelete="RESTRICT")
    # RESTRICT: an app cannot be removed while the record of what was asked of it stands.
    client_id: int = Field(foreign_key="oauth_client.id", ondelete="RESTRICT")
    # The pairwise ``sub`` the app knows the person by, kept so the notice can still be sent
    # (and retried) after the person's identifiers at the app are gone.
    app_subject: str = Field(max_length=64)
    state: str = Field(sa_type=enum_type(DeletionState, name="state", length=16))
    attempts: int = 0
    max_attempts: int
    last_reason: str | None = Field(default=None, max_length=200, nullable=True)
    # SET NULL: finished jobs may be cleaned up; the request keeps its own outcome.
    job_id: int | None = Field(default=None, foreign_key="job.id", nullable=True, ondelete="SET NULL")
    requested_at: dt.datetime = moment_field(nullable=False)
    updated_at: dt.datetime = moment_field(nullable=False)


register(
    "deletion_request",
    category=Category.CONSENT,
    erasure=Erasure.DELETE,
    exported=("client_id", "state", "attempts", "last_reason", "requested_at", "updated_at"),
)
