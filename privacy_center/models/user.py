"""Platform users as the privacy center knows them, and their sign-in credentials."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from privacy_center.models.base import created_at_field, enum_type
from privacy_center.personal_data import Category, Erasure, register


class Role(StrEnum):
    """What a signed-in person may do in the center (a guardian is a user with linked children)."""

    USER = "user"
    AGENT = "agent"
    OPERATOR = "operator"


class User(SQLModel, table=True):
    """A person known to the center: an internal id, whatever identities they sign in with.

    Which issuer and subject sign them in lives in :class:`UserIdentity`, so serving the
    center under another URL, or adding a second provider, never makes a second person.
    """

    __tablename__ = "user_account"

    id: int | None = Field(default=None, primary_key=True)
    display_name: str = Field(max_length=120)
    role: str = Field(default=Role.USER.value, sa_type=enum_type(Role, name="role", length=16))
    # The user's own language choice: it outranks ?lang= and Accept-Language.
    preferred_locale: str | None = Field(default=None, max_length=16)
    birth_date: dt.date | None = None
    created_at: dt.datetime = created_at_field()


class PlatformAccount(SQLModel, table=True):
    """Credentials at the built-in provider: sign in by username or phone and a password."""

    __tablename__ = "platform_account"

    id: int | None = Field(default=None, primary_key=True)
    # RESTRICT: the account holds the person's contact data (phone, e-mail); erasure deletes
    # it through the registry, after what must be sent to that address is sent.
    user_id: int = Field(foreign_key="user_account.id", unique=True, ondelete="RESTRICT")
    username: str = Field(max_length=64, unique=True, index=True)  # stored lower-case
    phone: str | None = Field(default=None, max_length=32, unique=True, index=True)
    email: str | None = Field(default=None, max_length=254)
    email_verified: bool = False
    avatar_url: str | None = Field(default=None, max_length=500)
    password_hash: str = Field(max_length=255)  # argon2id, never the password
    created_at: dt.datetime = created_at_field()


class UserIdentity(SQLModel, table=True):
    """One (issuer, subject) a person signs in with; a person may have several."""

    __tablename__ = "user_identity"
    __table_args__ = (sa.UniqueConstraint("issuer", "subject"),)

    id: int | None = Field(default=None, primary_key=True)
    # RESTRICT: the identity is erased through the personal-data registry with its person,
    # never as a side effect of deleting a row.
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="RESTRICT")
    issuer: str = Field(max_length=255)
    subject: str = Field(max_length=255)
    created_at: dt.datetime = created_at_field()


class InstallationSetting(SQLModel, table=True):
    """A value fixed at first set-up and kept for the life of the installation (the issuer)."""

    __tablename__ = "installation_setting"

    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(max_length=500)


register(
    "user_identity",
    category=Category.IDENTITY,
    erasure=Erasure.DELETE,
    exported=("issuer", "subject", "created_at"),
)

register(
    "user_account",
    category=Category.IDENTITY,
    # The row stays (the access history and retained records point at it); what says who
    # the person is goes.
    erasure=Erasure.ANONYMIZE,
    exported=("display_name", "role", "preferred_locale", "birth_date", "created_at"),
    anonymize=("display_name", "preferred_locale", "birth_date"),
    subject_column="id",
)
register(
    "platform_account",
    category=Category.IDENTITY,
    erasure=Erasure.DELETE,
    exported=("username", "phone", "email", "email_verified", "avatar_url", "created_at"),
)
