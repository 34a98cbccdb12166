"""Sign-in sessions: the center's own (relying party) and the provider's (for SSO).

The cookie holds a random token; only its SHA-256 hash is stored here.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Field, SQLModel

from privacy_center.models.base import created_at_field, moment_field
from privacy_center.personal_data import Category, Erasure, register


class CenterSession(SQLModel, table=True):
    """A signed-in browser of the privacy center (HttpOnly cookie ``pc_session``)."""

    __tablename__ = "center_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    # CASCADE: a session is a credential; once the person is gone it must not outlive them.
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    auth_time: dt.datetime = moment_field(nullable=False)  # when the person last proved who they are
    created_at: dt.datetime = created_at_field()
    last_seen_at: dt.datetime = moment_field(nullable=False)
    expires_at: dt.datetime = moment_field(nullable=False)  # the absolute limit
    ended_at: dt.datetime | None = moment_field(nullable=True)


class ProviderSession(SQLModel, table=True):
    """A browser signed in at the built-in provider, so ``prompt=none`` can succeed."""

    __tablename__ = "provider_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    # CASCADE: as for the center's sessions, a credential with nothing to keep.
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    auth_time: dt.datetime = moment_field(nullable=False)
    expires_at: dt.datetime = moment_field(nullable=False)
    ended_at: dt.datetime | None = moment_field(nullable=True)
    # "Keep me signed in": the cookie outlives the browser session (up to expires_at).
    keep: bool = Field(default=False)


class LoginThrottle(SQLModel, table=True):
    """Sign-in attempts per key (account, address, or both) in a fixed window.

    Counted by one atomic upsert (auth/provider/throttle.py); a key is locked until its
    window ends once its count passes the limit. Rows of ended windows are purged.
    """

    __tablename__ = "login_throttle"

    id: int | None = Field(default=None, primary_key=True)
    key_hash: str = Field(max_length=64, unique=True, index=True)
    window_started_at: dt.datetime = moment_field(nullable=False, index=True)
    failures: int = 0


for _table in ("center_session", "provider_session"):
    register(
        _table,
        category=Category.SECURITY,
        erasure=Erasure.DELETE,
        not_exported="credentials, stored hashed; sign-ins are exported from the access history",
    )
register(
    "login_throttle",
    category=Category.SECURITY,
    erasure=Erasure.RETAIN,
    not_exported="keyed by hashes of what was typed at sign-in: no row can be tied to a person",
    legal_basis="legitimate interest: protecting accounts from password guessing; purged when its window ends",
    retain_days=1,
    subject_column=None,
)
