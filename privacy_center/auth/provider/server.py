"""Authlib's authorization server, bound to our tables and to Starlette.

Authlib is synchronous: routes run it in a worker thread with a database session in a
context variable (``bind_session``), so grants and endpoints below can reach it.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, cast

from authlib.oauth2 import AuthorizationServer, OAuth2Request
from authlib.oauth2.rfc6749 import ClientMixin, InvalidGrantError, InvalidRequestError, TokenMixin, grants
from authlib.oauth2.rfc6749.requests import JsonRequest
from authlib.oauth2.rfc6750 import BearerTokenGenerator
from authlib.oauth2.rfc7009 import RevocationEndpoint
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oauth2.rfc7662 import IntrospectionEndpoint
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from sqlalchemy import CursorResult
from sqlmodel import Session, col, select, update
from starlette.responses import Response

from privacy_center.auth.keys import ID_TOKEN_LIFETIME, signing_key
from privacy_center.models import AppGrant, AuthorizationCode, OAuthClient, OAuthToken, PlatformAccount, User
from privacy_center.models.base import utcnow
from privacy_center.security.secrets import new_token, same, token_hash
from privacy_center.services.app_subjects import is_first_party, subject_for
from privacy_center.services.app_usage import count_use, note_use
from privacy_center.services.identity import builtin_issuer
from privacy_center.services.scopes import CLAIMS, SUPPORTED

CODE_LIFETIME = dt.timedelta(minutes=2)
ACCESS_LIFETIME = dt.timedelta(hours=1)
REFRESH_LIFETIME = dt.timedelta(days=30)
# A private ID token claim for the center alone: the person ticked "Keep me signed in".
KEEP_CLAIM = "pc_keep"

_db: ContextVar[Session] = ContextVar("provider_db")
# The client an ID token is being encoded for: Authlib asks for its claims without it.
_audience: ContextVar[Client] = ContextVar("id_token_audience")


@contextmanager
def bind_session(session: Session) -> Iterator[Session]:
    """Make ``session`` the one the grants and endpoints use in this context."""
    token = _db.set(session)
    try:
        yield session
    finally:
        _db.reset(token)


def db() -> Session:
    """The database session of the request being handled."""
    return _db.get()


@dataclass
class Client(ClientMixin):
    """An :class:`OAuthClient` row as Authlib wants to see it."""

    row: OAuthClient

    @property
    def is_public(self) -> bool:
        """A client without a secret (a phone app, a single-page app): PKCE is mandatory."""
        return self.row.token_endpoint_auth_method == "none"  # noqa: S105 - a method name, not a secret

    @property
    def is_first_party(self) -> bool:
        """The privacy center itself needs no consent screen."""
        return is_first_party(self.row)

    @property
    def may_refresh(self) -> bool:
        """Registered for refresh tokens: an operator listed ``offline_access`` among its scopes."""
        return "offline_access" in self.row.scope.split()

    def get_client_id(self) -> str:
        return self.row.client_id

    def get_default_redirect_uri(self) -> str:
        return self.row.redirect_uris.split("\n")[0]

    def get_allowed_scope(self, scope: str) -> str:
        allowed = set(self.row.scope.split())
        return " ".join(s for s in scope.split() if s in allowed)

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        # Exact string match (RFC 9700): no prefix, no trailing-slash or query leniency.
        return redirect_uri in self.row.redirect_uris.split("\n")

    def check_client_secret(self, client_secret: str) -> bool:
        return bool(self.row.client_secret_hash) and same(token_hash(client_secret), self.row.client_secret_hash or "")

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        # A public client authenticates by its client_id alone at the token endpoint and, to
        # revoke its own tokens, at the revocation endpoint (RFC 7009 2.1); introspection is
        # for confidential clients only.
        if endpoint in ("token", "revocation") and self.is_public:
            return method == "none"
        return not self.is_public and method in ("client_secret_basic", "client_secret_post")

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == "authorization_code" or (grant_type == "refresh_token" and self.may_refresh)


@dataclass
class Code:
    """An :class:`AuthorizationCode` row for Authlib's code and OpenID grants."""

    row: AuthorizationCode

    def get_redirect_uri(self) -> str:
        return self.row.redirect_uri

    def get_scope(self) -> str:
        return self.row.scope

    def get_nonce(self) -> str | None:
        return self.row.nonce

    def get_auth_time(self) -> int:
        return int(self.row.auth_time.timestamp())

    def get_acr(self) -> None:
        return None

    def get_amr(self) -> None:
        return None


@dataclass
class Token(TokenMixin):
    """An :class:`OAuthToken` row for revocation, introspection and refresh.

    ``scope``: what the token may still do, when its grant was read too (see :func:`within`).
    """

    row: OAuthToken
    scope: str | None = None

    def check_client(self, client: Client) -> bool:
        return self.row.client_id == client.row.id

    def get_scope(self) -> str:
        return self.row.scope if self.scope is None else self.scope

    def get_expires_in(self) -> int:
        return int(ACCESS_LIFETIME.total_seconds())

    def is_expired(self) -> bool:
        return self.row.access_expires_at <= utcnow()

    def is_revoked(self) -> bool:
        return self.row.revoked_at is not None


def client_by_id(client_id: str | None) -> Client | None:
    """The registered client with this id, if any."""
    if not client_id:
        return None
    row = db().exec(select(OAuthClient).where(OAuthClient.client_id == client_id)).first()
    return Client(row) if row else None


def grant_for(*, user_id: int, client_row_id: int) -> AppGrant | None:
    """The user's standing authorization of an app."""
    return db().exec(select(AppGrant).where(AppGrant.user_id == user_id, AppGrant.client_id == client_row_id)).first()


def within(token_scope: str, grant_scope: str) -> str:
    """The token's scopes that its grant still has: a token never outlives a withdrawal.

    Withdrawing rewrites the tokens too; this also covers a token issued by a refresh
    that read the grant just before a withdrawal committed.
    """
    held = set(grant_scope.split())
    return " ".join(s for s in token_scope.split() if s in held)


@dataclass(frozen=True)
class LiveToken:
    """A token that may be used now, and the scope it may be used with."""

    row: OAuthToken
    scope: str


def live_token(access_token: str) -> LiveToken | None:
    """The token if ``access_token`` may be used now: known, unexpired, unrevoked, grant enabled.

    Disabling a grant stops its tokens at once because every use passes here; each use
    that passes is counted for the person's apps page.
    """
    row = db().exec(select(OAuthToken).where(OAuthToken.access_token_hash == token_hash(access_token))).first()
    now = utcnow()
    if row is None or row.revoked_at is not None or row.access_expires_at <= now:
        return None
    grant = db().get(AppGrant, row.grant_id)
    if grant is None or grant.disabled_at is not None:
        return None
    note_use(db(), grant_id=grant.id or 0, user_id=row.user_id, now=now)
    return LiveToken(row=row, scope=within(row.scope, grant.scope))


def user_info(user: User, scope: str, *, client_row_id: int) -> UserInfo:
    """The claims ``scope`` releases about ``user`` to one client: nothing a scope does not name.

    ``sub`` is the subject that client knows the user by (pairwise for third-party apps).
    """
    account = db().exec(select(PlatformAccount).where(PlatformAccount.user_id == user.id)).first()
    client = db().get(OAuthClient, client_row_id)
    if client is None:
        raise InvalidRequestError("unknown client")
    scopes = scope.split()
    info = UserInfo(sub=subject_for(session=db(), user=user, client=client))
    if "profile" in scopes:
        info["name"] = user.display_name
        info["nickname"] = user.display_name
        if account:
            info["preferred_username"] = account.username
            if account.avatar_url:
                info["picture"] = account.avatar_url
    if "email" in scopes and account and account.email:
        info["email"] = account.email
        info["email_verified"] = account.email_verified
    if "phone" in scopes and account and account.phone:
        info["phone_number"] = account.phone
        info["phone_number_verified"] = True
    if "location" in scopes:
        info["zoneinfo"] = "Asia/Shanghai" if (user.preferred_locale or "").startswith("zh") else "UTC"
    return UserInfo({k: v for k, v in info.items() if k in {c for s in scopes for c in CLAIMS.get(s, ())}})


class S256CodeChallenge(CodeChallenge):
    """PKCE with S256 only, and mandatory for public clients already at /authorize."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ("S256",)

    def validate_code_challenge(self, grant: grants.AuthorizationCodeGrant, redirect_uri: str) -> None:
        data = grant.request.payload.data
        if data.get("code_challenge") and data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("code_challenge_method must be S256", redirect_uri=redirect_uri)
        if grant.request.client.is_public and not data.get("code_challenge"):
            raise InvalidRequestError("PKCE (code_challenge) is required for public clients", redirect_uri=redirect_uri)
        super().validate_code_challenge(grant, redirect_uri)

    def get_authorization_code_challenge(self, authorization_code: Code) -> str | None:
        return authorization_code.row.code_challenge

    def get_authorization_code_challenge_method(self, authorization_code: Code) -> str | None:
        return authorization_code.row.code_challenge_method


class OpenIDConnect(OpenIDCode):
    """ID tokens signed with the provider's key, with nonce and auth_time."""

    def resolve_client_private_key(self, client: Client) -> dict:
        return signing_key(session=db()).as_dict(private=True)

    def get_client_algorithm(self, client: Client) -> str:
        return "RS256"

    def get_encode_header(self, client: Client) -> dict:
        return {"alg": "RS256", "kid": signing_key(session=db()).kid, "typ": "JWT"}

    def get_client_claims(self, client: Client) -> dict:
        now = int(time.time())
        return {
            "iss": builtin_issuer(db()),
            "aud": [client.get_client_id()],
            "iat": now,
            "exp": now + ID_TOKEN_LIFETIME,
        }

    def get_authorization_code_claims(self, authorization_code: Code) -> dict:
        claims = super().get_authorization_code_claims(authorization_code)
        if authorization_code.row.keep_signed_in:  # only ever set for the first-party client
            claims[KEEP_CLAIM] = True
        return claims

    def exists_nonce(self, nonce: str, request: OAuth2Request) -> bool:
        return (
            db()
            .exec(
                select(AuthorizationCode.id).where(
                    AuthorizationCode.nonce == nonce, AuthorizationCode.client_id == request.client.row.id
                )
            )
            .first()
            is not None
        )

    def encode_id_token(self, token: dict, request: OAuth2Request) -> str:
        reset = _audience.set(request.client)
        try:
            return super().encode_id_token(token, request)
        finally:
            _audience.reset(reset)

    def generate_user_info(self, user: User, scope: str) -> UserInfo:
        return user_info(user, scope, client_row_id=_audience.get().row.id or 0)


class OfflineAccessOnly(grants.BaseGrant):
    """Refresh tokens only to clients registered for them, and only with ``offline_access`` granted."""

    def generate_token(
        self,
        user: User | None = None,
        scope: str | None = None,
        grant_type: str | None = None,
        expires_in: int | None = None,
        include_refresh_token: bool = True,
    ) -> dict:
        client: Client = self.request.client
        granted = client.get_allowed_scope(scope or "").split()
        include = include_refresh_token and client.may_refresh and "offline_access" in granted
        return super().generate_token(
            user=user, scope=scope, grant_type=grant_type, expires_in=expires_in, include_refresh_token=include
        )


class CodeGrant(OfflineAccessOnly, grants.AuthorizationCodeGrant):
    """Authorization code grant; codes are hashed, short-lived and single-use."""

    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post", "none"]

    def save_authorization_code(self, code: str, request: OAuth2Request) -> None:
        data = request.payload.data
        now = utcnow()
        db().add(
            AuthorizationCode(
                code_hash=token_hash(code),
                client_id=request.client.row.id,
                user_id=request.user.id,
                redirect_uri=request.payload.redirect_uri or "",
                scope=request.payload.scope or "",
                nonce=data.get("nonce"),
                code_challenge=data.get("code_challenge"),
                code_challenge_method=data.get("code_challenge_method"),
                auth_time=request.auth_time,
                keep_signed_in=request.keep_signed_in and request.client.is_first_party,
                expires_at=now + CODE_LIFETIME,
            )
        )
        db().flush()

    def query_authorization_code(self, code: str, client: Client) -> Code | None:
        row = db().exec(select(AuthorizationCode).where(AuthorizationCode.code_hash == token_hash(code))).first()
        if row is None or row.client_id != client.row.id:
            return None
        if row.used_at is not None:
            # A replayed code: whoever holds it is not the app. Revoke what it produced.
            revoke_family(row.code_hash)
            return None
        if row.expires_at <= utcnow():
            return None
        return Code(row)

    def delete_authorization_code(self, authorization_code: Code) -> None:
        authorization_code.row.used_at = utcnow()
        db().add(authorization_code.row)

    def authenticate_user(self, authorization_code: Code) -> User | None:
        return db().get(User, authorization_code.row.user_id)


def revoke_family(family_id: str) -> None:
    """Revoke every token descended from one authorization code, access and refresh alike."""
    db().execute(
        update(OAuthToken)
        .where(col(OAuthToken.family_id) == family_id, col(OAuthToken.revoked_at).is_(None))
        .values(revoked_at=utcnow())
    )


class RefreshGrant(OfflineAccessOnly, grants.RefreshTokenGrant):
    """Refresh tokens rotate: each works once; a second use revokes the whole family.

    A refresh issues at most what the grant has now, not what the token was first issued
    with: a withdrawn scope stays withdrawn, and without ``offline_access`` (withdrawn, or
    access disabled) there is no refresh at all.
    """

    INCLUDE_NEW_REFRESH_TOKEN = True
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post", "none"]

    def authenticate_refresh_token(self, refresh_token: str) -> Token | None:
        row = db().exec(select(OAuthToken).where(OAuthToken.refresh_token_hash == token_hash(refresh_token))).first()
        if row is not None and row.refreshed_at is not None:
            # A rotated token came back: it leaked, or its successor did. Stop them all.
            revoke_family(row.family_id)
            return None
        if row is None or row.revoked_at is not None:
            return None
        if row.refresh_expires_at is None or row.refresh_expires_at <= utcnow():
            return None
        grant = db().get(AppGrant, row.grant_id)
        if grant is None or grant.disabled_at is not None or "offline_access" not in grant.scope.split():
            return None
        return Token(row, scope=within(row.scope, grant.scope))

    def authenticate_user(self, refresh_token: Token) -> User | None:
        return db().get(User, refresh_token.row.user_id)

    def revoke_old_credential(self, refresh_token: Token) -> None:
        # One atomic claim: of two parallel uses only one can win; the loser is a replay.
        now = utcnow()
        claimed = db().execute(
            update(OAuthToken)
            .where(col(OAuthToken.id) == refresh_token.row.id, col(OAuthToken.refreshed_at).is_(None))
            .values(refreshed_at=now, revoked_at=now)
        )
        if cast("CursorResult[Any]", claimed).rowcount != 1:
            revoke_family(refresh_token.row.family_id)
            raise InvalidGrantError("refresh token already used")


def token_by_either(token_string: str) -> Token | None:
    """The token pair that ``token_string`` is the access or the refresh token of."""
    digest = token_hash(token_string)
    either = (OAuthToken.access_token_hash == digest) | (OAuthToken.refresh_token_hash == digest)
    row = db().exec(select(OAuthToken).where(either)).first()
    return Token(row) if row else None


class Revocation(RevocationEndpoint):
    """RFC 7009: revoking either token of a pair revokes the pair."""

    CLIENT_AUTH_METHODS = ["client_secret_basic", "client_secret_post", "none"]

    def query_token(self, token_string: str, token_type_hint: str | None) -> Token | None:
        return token_by_either(token_string)

    def authenticate_token(self, request: OAuth2Request, client: Client) -> Token | None:
        # Another client's token: nothing is revoked, and the answer is the same 200 as for
        # an unknown token, so the endpoint does not tell whether a guessed token exists.
        self.check_params(request, client)
        token = self.query_token(request.form["token"], request.form.get("token_type_hint"))
        return token if token is not None and token.check_client(client) else None

    def revoke_token(self, token: Token, request: OAuth2Request) -> None:
        token.row.revoked_at = utcnow()
        db().add(token.row)


class Introspection(IntrospectionEndpoint):
    """RFC 7662 for confidential clients: active only if the token could be used now."""

    def query_token(self, token_string: str, token_type_hint: str | None) -> Token | None:
        return token_by_either(token_string)

    def check_permission(self, token: Token, client: Client, request: OAuth2Request) -> bool:
        return token.row.client_id == client.row.id

    def introspect_token(self, token: Token) -> dict:
        row = token.row
        grant = db().get(AppGrant, row.grant_id)
        if row.revoked_at is not None or token.is_expired() or grant is None or grant.disabled_at is not None:
            return {"active": False}
        note_use(db(), grant_id=grant.id or 0, user_id=row.user_id, now=utcnow())
        user = db().get(User, row.user_id)
        client = db().get(OAuthClient, row.client_id)
        return {
            "active": True,
            "client_id": client.client_id if client else None,
            "scope": within(row.scope, grant.scope),
            "sub": subject_for(session=db(), user=user, client=client) if user and client else None,
            "token_type": "Bearer",
            "exp": int(row.access_expires_at.timestamp()),
            "iat": int(row.issued_at.timestamp()),
            "iss": builtin_issuer(db()),
        }


def _hold_to_grant(token: dict, grant_scope: str) -> None:
    """Narrow a token response to the grant's scopes; no refresh token without ``offline_access``."""
    scope = within(token.get("scope", ""), grant_scope)
    if scope != token.get("scope", ""):
        token["scope"] = scope
    if "offline_access" not in scope.split():
        token.pop("refresh_token", None)


class Provider(AuthorizationServer):
    """The authorization server: grants, endpoints and token storage."""

    def __init__(self) -> None:
        super().__init__(scopes_supported=list(SUPPORTED))
        self.register_token_generator(
            "default",
            BearerTokenGenerator(
                access_token_generator=lambda **_: new_token(),
                refresh_token_generator=lambda **_: new_token(),
                expires_generator=lambda client, grant_type: int(ACCESS_LIFETIME.total_seconds()),
            ),
        )
        self.register_grant(CodeGrant, [S256CodeChallenge(required=True), OpenIDConnect(require_nonce=False)])
        self.register_grant(RefreshGrant)
        self.register_endpoint(Revocation)
        self.register_endpoint(Introspection)

    def query_client(self, client_id: str) -> Client | None:
        return client_by_id(client_id)

    def save_token(self, token: dict, request: OAuth2Request) -> None:
        """Store the token, holding it to what its grant allows at this very moment.

        The grant's row is locked first (an UPDATE, which also makes this its last use):
        a withdrawal or disabling running now either committed before, and is read here,
        or waits and then narrows or revokes this token too. Either way no withdrawn
        scope comes back. ``token`` is the response being sent, so it is narrowed in place.
        """
        client: Client = request.client
        user: User = request.user
        grant = grant_for(user_id=user.id or 0, client_row_id=client.row.id or 0)
        if grant is None:  # a grant is created at consent; a missing one means it was withdrawn
            raise InvalidRequestError("authorization withdrawn")
        now = utcnow()
        grant_scope, disabled_at = (
            db()
            .execute(
                update(AppGrant)
                .where(col(AppGrant.id) == grant.id)
                .values(last_used_at=now)
                .returning(col(AppGrant.scope), col(AppGrant.disabled_at))
            )
            .one()
        )
        parent = request.refresh_token
        if disabled_at is not None or (parent is not None and "offline_access" not in grant_scope.split()):
            raise InvalidGrantError("access to this app was withdrawn")
        _hold_to_grant(token, grant_scope)
        count_use(db(), grant_id=grant.id or 0, user_id=user.id or 0, now=now)
        # A code starts a family; a refresh continues the family of the token it rotates.
        family_id = parent.row.family_id if parent is not None else request.authorization_code.row.code_hash
        db().add(
            OAuthToken(
                family_id=family_id,
                grant_id=grant.id or 0,
                client_id=client.row.id or 0,
                user_id=user.id or 0,
                access_token_hash=token_hash(token["access_token"]),
                refresh_token_hash=token_hash(token["refresh_token"]) if token.get("refresh_token") else None,
                scope=token.get("scope", ""),
                issued_at=now,
                access_expires_at=now + ACCESS_LIFETIME,
                refresh_expires_at=now + REFRESH_LIFETIME if token.get("refresh_token") else None,
            )
        )
        db().flush()

    def create_oauth2_request(self, request: OAuth2Request) -> OAuth2Request:
        return request

    def create_json_request(self, request: JsonRequest) -> JsonRequest:
        return request

    def handle_response(self, status_code: int, payload: object, headers: list[tuple[str, str]]) -> Response:
        body = json.dumps(payload) if isinstance(payload, dict) else (payload or "")
        return Response(body, status_code=status_code, headers=dict(headers))

    def send_signal(self, name: str, *args: object, **kwargs: object) -> None:
        """Authlib's hooks; nothing listens yet."""
