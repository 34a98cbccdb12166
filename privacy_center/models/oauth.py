"""The built-in OAuth 2.0 / OpenID Connect provider: apps, codes, tokens and grants.

Secrets, codes and tokens are stored only as SHA-256 hashes: a leaked database does not
hand out working credentials.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from privacy_center.models.base import created_at_field, enum_type, moment_field
from privacy_center.personal_data import Category, Erasure, register


class TokenAuthMethod(StrEnum):
    """How an app proves itself at the token endpoint (``none``: a public client, PKCE only)."""

    CLIENT_SECRET_BASIC = "client_secret_basic"  # noqa: S105 - a method name, not a secret
    CLIENT_SECRET_POST = "client_secret_post"  # noqa: S105 - a method name, not a secret
    NONE = "none"


class CodeChallengeMethod(StrEnum):
    """The PKCE methods the provider accepts (RFC 7636; ``plain`` is refused)."""

    S256 = "S256"


class OAuthClient(SQLModel, table=True):
    """A third-party app an operator registered ("Log in with <platform>")."""

    __tablename__ = "oauth_client"

    id: int | None = Field(default=None, primary_key=True)
    client_id: str = Field(max_length=64, unique=True, index=True)
    client_secret_hash: str | None = Field(default=None, max_length=64)  # None: a public client
    name: str = Field(max_length=120)
    developer: str = Field(max_length=120)
    redirect_uris: str = Field(sa_type=sa.Text)  # one per line, matched exactly
    scope: str = Field(max_length=500)  # the scopes the app may ask for, space-separated
    token_endpoint_auth_method: str = Field(
        default=TokenAuthMethod.CLIENT_SECRET_BASIC.value,
        sa_type=enum_type(TokenAuthMethod, name="token_endpoint_auth_method", length=32),
    )
    webhook_url: str | None = Field(default=None, max_length=500)
    created_at: dt.datetime = created_at_field()


class AppGrant(SQLModel, table=True):
    """A user's standing authorization of an app: the row the authorized-apps page lists."""

    __tablename__ = "app_grant"
    __table_args__ = (sa.UniqueConstraint("user_id", "client_id"),)

    id: int | None = Field(default=None, primary_key=True)
    # RESTRICT both ways: a grant is what the person consented to, which their export and
    # access history show; erasure (through the registry) or disabling removes it, never a
    # cascade from deleting the person or the app.
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="RESTRICT")
    client_id: int = Field(foreign_key="oauth_client.id", index=True, ondelete="RESTRICT")
    scope: str = Field(max_length=500)
    granted_at: dt.datetime = created_at_field()
    last_used_at: dt.datetime | None = moment_field(nullable=True)
    disabled_at: dt.datetime | None = moment_field(nullable=True)


class AppGrantUse(SQLModel, table=True):
    """How many times an app used a person's grant on one UTC day (the "last 30 days" count).

    One row per grant and day, bumped by one upsert per use (userinfo, refresh,
    introspection): a use costs one statement, and 30 rows answer "how often".
    """

    __tablename__ = "app_grant_use"

    # CASCADE: a count of a grant's uses means nothing once the grant is gone.
    grant_id: int = Field(foreign_key="app_grant.id", primary_key=True, ondelete="CASCADE")
    day: dt.date = Field(primary_key=True)
    # RESTRICT like every personal row: erasure deletes the person's counts through the registry.
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="RESTRICT")
    uses: int = Field(sa_column=sa.Column(sa.Integer, nullable=False))
    last_at: dt.datetime = moment_field(nullable=False)


class AuthorizationCode(SQLModel, table=True):
    """A one-time code from /oauth/authorize, exchanged once at /oauth/token."""

    __tablename__ = "oauth_authorization_code"

    id: int | None = Field(default=None, primary_key=True)
    code_hash: str = Field(max_length=64, unique=True, index=True)
    # CASCADE: a code lives minutes and proves nothing afterwards; nothing to keep.
    client_id: int = Field(foreign_key="oauth_client.id", ondelete="CASCADE")
    user_id: int = Field(foreign_key="user_account.id", ondelete="CASCADE")
    redirect_uri: str = Field(max_length=500)
    scope: str = Field(max_length=500)
    nonce: str | None = Field(default=None, max_length=255)
    code_challenge: str | None = Field(default=None, max_length=128)
    code_challenge_method: str | None = Field(
        default=None, sa_type=enum_type(CodeChallengeMethod, name="code_challenge_method", length=8)
    )
    auth_time: dt.datetime = moment_field(nullable=False)
    # "Keep me signed in" at the provider, told only to the center itself (its cookie follows it).
    keep_signed_in: bool = Field(default=False)
    created_at: dt.datetime = created_at_field()
    expires_at: dt.datetime = moment_field(nullable=False)
    used_at: dt.datetime | None = moment_field(nullable=True)


class OAuthToken(SQLModel, table=True):
    """An access token and its refresh token; refresh tokens rotate on use."""

    __tablename__ = "oauth_token"

    id: int | None = Field(default=None, primary_key=True)
    # CASCADE: a token is a credential under its grant; when the grant, app or person goes,
    # a token left behind could only be misused.
    grant_id: int = Field(foreign_key="app_grant.id", index=True, ondelete="CASCADE")
    client_id: int = Field(foreign_key="oauth_client.id", ondelete="CASCADE")
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    access_token_hash: str = Field(max_length=64, unique=True, index=True)
    refresh_token_hash: str | None = Field(default=None, max_length=64, unique=True, index=True)
    scope: str = Field(max_length=500)
    issued_at: dt.datetime = created_at_field()
    access_expires_at: dt.datetime = moment_field(nullable=False)
    refresh_expires_at: dt.datetime | None = moment_field(nullable=True)
    revoked_at: dt.datetime | None = moment_field(nullable=True)
    # Set when the refresh token was used: using it again is a replay.
    refreshed_at: dt.datetime | None = moment_field(nullable=True)
    # Every token descended from one authorization code shares this (the code's hash): a
    # replayed code or rotated refresh token revokes the whole family (RFC 9700 4.14.2).
    family_id: str = Field(max_length=64, index=True)


class PairwiseSubject(SQLModel, table=True):
    """The ``sub`` one third-party app knows a person by (OpenID Connect Core 8.1).

    Random and stored, not an HMAC of a secret: rotating ``PC_SECRET_KEY`` must not change
    everyone's identifier at every app. The sector is the app itself.
    """

    __tablename__ = "pairwise_subject"
    __table_args__ = (
        sa.UniqueConstraint("user_id", "client_id"),
        sa.UniqueConstraint("subject"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # RESTRICT: the identifier an app knows the person by; erasure deletes it through the
    # registry once the app has been told, not silently with the user row.
    user_id: int = Field(foreign_key="user_account.id", ondelete="RESTRICT")
    # CASCADE: the identifier means nothing without its app (an app with grants cannot go anyway).
    client_id: int = Field(foreign_key="oauth_client.id", index=True, ondelete="CASCADE")
    subject: str = Field(max_length=64)
    created_at: dt.datetime = created_at_field()


class SigningKey(SQLModel, table=True):
    """An RSA key the provider signs ID tokens with; the public half is in the JWKS.

    ``retired_at``: since when it signs nothing; it is deleted once no token it signed can be live.
    """

    __tablename__ = "signing_key"

    id: int | None = Field(default=None, primary_key=True)
    kid: str = Field(max_length=64, unique=True)
    public_jwk: str = Field(sa_type=sa.Text)
    # The private JWK, AES-GCM encrypted with a key derived from PC_SECRET_KEY (auth/keys.py).
    encrypted_private_jwk: str = Field(sa_type=sa.Text)
    created_at: dt.datetime = created_at_field()
    retired_at: dt.datetime | None = moment_field(nullable=True)


register(
    "app_grant",
    category=Category.CONSENT,
    erasure=Erasure.DELETE,
    exported=("client_id", "scope", "granted_at", "last_used_at", "disabled_at"),
)
register(
    "app_grant_use",
    category=Category.USAGE,
    erasure=Erasure.DELETE,
    exported=("grant_id", "day", "uses", "last_at"),
)
register(
    "oauth_authorization_code",
    category=Category.SECURITY,
    erasure=Erasure.DELETE,
    not_exported="a one-time credential, stored hashed, that lives minutes",
)
register(
    "oauth_token",
    category=Category.SECURITY,
    erasure=Erasure.DELETE,
    not_exported="credentials, stored hashed; the grants they belong to are exported",
)
register(
    "pairwise_subject",
    category=Category.IDENTITY,
    erasure=Erasure.DELETE,
    exported=("client_id", "subject", "created_at"),
)
