"""Published guideline versions and users' acknowledgments of them."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from privacy_center.content.guidelines import Kind
from privacy_center.models.base import created_at_field, enum_type
from privacy_center.personal_data import Category, Erasure, register


class PolicyDocument(SQLModel, table=True):
    """A guideline file as it was loaded: what a user acknowledged can be traced to its text."""

    __tablename__ = "policy_document"
    __table_args__ = (sa.UniqueConstraint("kind", "version", "locale"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(sa_type=enum_type(Kind, name="kind", length=16))
    version: str = Field(max_length=16)
    locale: str = Field(max_length=16)
    title: str = Field(max_length=200)
    last_updated: dt.date
    effective_on: dt.date = Field(index=True)
    content_sha256: str = Field(max_length=64)
    loaded_at: dt.datetime = created_at_field()


class PolicyAcknowledgment(SQLModel, table=True):
    """A user saw what changed in a version and acknowledged it, once, in a locale."""

    __tablename__ = "policy_acknowledgment"
    __table_args__ = (sa.UniqueConstraint("user_id", "kind", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    # RESTRICT: the proof that the person was shown a version is kept for its legal basis
    # (the registry retains it); deleting the person must not erase it silently.
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="RESTRICT")
    kind: str = Field(sa_type=enum_type(Kind, name="kind", length=16))
    version: str = Field(max_length=16)
    locale: str = Field(max_length=16)
    acknowledged_at: dt.datetime = created_at_field()


register(
    "policy_acknowledgment",
    category=Category.CONSENT,
    erasure=Erasure.RETAIN,
    exported=("kind", "version", "locale", "acknowledged_at"),
    legal_basis="accountability: proof the person was informed of the guidelines in force (GDPR art. 5(2), 13)",
    retain_days=3 * 365,
)
