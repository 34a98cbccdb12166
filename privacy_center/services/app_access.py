"""The apps a person authorized through the built-in provider, and taking access back.

Withdrawing a scope or disabling access must revoke for real: the grant and every live
token under it change in the same transaction, so the app's next userinfo call,
introspection or refresh already sees the change. The grant row is written first with a
compare-and-set; a refresh locks the same row before it issues a token (see
``Provider.save_token``), so a withdrawal and a refresh racing each other are put in an
order, and neither order brings a withdrawn scope back.

Every refusal about the app itself is the same :class:`AppNotAuthorizedError`, whether
the app does not exist, is someone else's, was never allowed, or is already disabled: the
answer must not tell a guessed client id apart from a real one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

import sqlalchemy as sa
from sqlmodel import Session, col, select

from privacy_center.authz import Subject
from privacy_center.errors import DomainError, Gettext
from privacy_center.models import AppGrant, OAuthClient, OAuthToken
from privacy_center.models.audit import AuditAction
from privacy_center.services import audit
from privacy_center.services.app_subjects import is_first_party
from privacy_center.services.app_usage import recent_uses
from privacy_center.services.scopes import CLAIMS

# Without it nothing is left to sign in with: withdrawing it is disabling access.
REQUIRED_SCOPE = "openid"


class AppNotAuthorizedError(DomainError):
    """Not one of the person's authorized apps (unknown, someone else's, never allowed, or disabled)."""

    status_code = 404

    @staticmethod
    def describe(_: Gettext) -> str:
        """Shown on the apps pages; says nothing about whether such an app exists."""
        return _("This app is not among the apps you allowed.")


class ScopeNotGrantedError(DomainError):
    """A permission the app does not have from the person."""

    status_code = 404

    @staticmethod
    def describe(_: Gettext) -> str:
        """Shown beside the app's permissions, which are shown as they are now."""
        return _("This app does not have that permission from you. Nothing was changed.")


class ScopeNeededError(DomainError):
    """The permission every sign-in needs: it cannot go alone, only with all the others."""

    status_code = 422

    @staticmethod
    def describe(_: Gettext) -> str:
        """Shown when someone tries to withdraw the account permission (``openid``)."""
        return _(
            "The app needs this permission to sign you in at all. "
            "To take it back, use Disable access. Nothing was changed."
        )


@dataclass(frozen=True)
class ScopeView:
    """One permission the app holds, and the claims (pieces of information) it releases."""

    scope: str
    claims: tuple[str, ...]


@dataclass(frozen=True)
class AuthorizedApp:
    """An app as the person's apps pages show it (a detached value, never an ORM row)."""

    client_id: str
    name: str
    developer: str
    scopes: tuple[ScopeView, ...]
    granted_at: dt.datetime
    last_used_at: dt.datetime | None
    uses_last_30_days: int
    disabled: bool


def _scope_list(scope: str) -> list[str]:
    return list(dict.fromkeys(scope.split()))


def _view(grant: AppGrant, client: OAuthClient, uses: int) -> AuthorizedApp:
    return AuthorizedApp(
        client_id=client.client_id,
        name=client.name,
        developer=client.developer,
        scopes=tuple(ScopeView(scope=s, claims=CLAIMS.get(s, ())) for s in _scope_list(grant.scope)),
        granted_at=grant.granted_at,
        last_used_at=grant.last_used_at,
        uses_last_30_days=uses,
        disabled=grant.disabled_at is not None,
    )


def _grants(session: Session, user_id: int, client_id: str | None = None) -> list[tuple[AppGrant, OAuthClient]]:
    """The person's grants with their apps, the center's own client left out (signing in is not an app)."""
    query = (
        select(AppGrant, OAuthClient)
        .join(OAuthClient, col(OAuthClient.id) == col(AppGrant.client_id))
        .where(col(AppGrant.user_id) == user_id)
        .order_by(col(AppGrant.granted_at).desc(), col(AppGrant.id).desc())
    )
    if client_id is not None:
        query = query.where(col(OAuthClient.client_id) == client_id)
    # populate_existing: a grant this session read before may have changed in another transaction.
    rows = session.exec(query.execution_options(populate_existing=True)).all()
    return [(grant, client) for grant, client in rows if not is_first_party(client)]


def _one(session: Session, subject: Subject, client_id: str) -> tuple[AppGrant, OAuthClient]:
    found = _grants(session, subject.user_id, client_id)
    if not found:
        raise AppNotAuthorizedError()
    return found[0]


def authorized_apps(session: Session, *, subject: Subject, now: dt.datetime) -> list[AuthorizedApp]:
    """Every app the person authorized, most recently granted first; disabled ones say so."""
    found = _grants(session, subject.user_id)
    uses = recent_uses(session, grant_ids=[g.id or 0 for g, _ in found], now=now)
    return [_view(grant, client, uses.get(grant.id or 0, 0)) for grant, client in found]


def authorized_app(session: Session, *, subject: Subject, client_id: str, now: dt.datetime) -> AuthorizedApp:
    """One of the person's authorized apps (disabled ones too), or :class:`AppNotAuthorizedError`."""
    grant, client = _one(session, subject, client_id)
    uses = recent_uses(session, grant_ids=[grant.id or 0], now=now)
    return _view(grant, client, uses.get(grant.id or 0, 0))


def _enabled(session: Session, subject: Subject, client_id: str) -> tuple[AppGrant, OAuthClient]:
    grant, client = _one(session, subject, client_id)
    if grant.disabled_at is not None:
        raise AppNotAuthorizedError()
    return grant, client


def _rowcount(result: sa.Result[Any]) -> int:
    return cast("sa.CursorResult[Any]", result).rowcount


def _record(
    session: Session, *, subject: Subject, action: AuditAction, details: dict[str, str], client: str, now: dt.datetime
) -> None:
    audit.record(
        session,
        action=action,
        subject_user_id=subject.user_id,
        actor_user_id=subject.actor.user_id,
        on_behalf_of_user_id=None if subject.is_self else subject.user_id,
        details=details,
        client=client,
        now=now,
    )


def withdraw_scope(
    session: Session, *, subject: Subject, client_id: str, scope: str, client: str, now: dt.datetime
) -> AuthorizedApp:
    """Take one permission back from an app: from its grant and from every token it holds, at once.

    The grant changes only if it still has the scopes read here (compare-and-set), which
    also waits for a refresh holding the grant's row; the tokens are narrowed afterwards,
    so a token a racing refresh just issued is narrowed too. Returns the app as it is now.
    """
    grant, app = _enabled(session, subject, client_id)
    held = _scope_list(grant.scope)
    if scope == REQUIRED_SCOPE:
        raise ScopeNeededError()
    if scope not in held:
        raise ScopeNotGrantedError()
    remaining = " ".join(s for s in held if s != scope)
    changed = session.execute(
        sa.update(AppGrant)
        .where(col(AppGrant.id) == grant.id, col(AppGrant.scope) == grant.scope, col(AppGrant.disabled_at).is_(None))
        .values(scope=remaining)
    )
    if _rowcount(changed) != 1:
        # Changed by another tab or device since it was read: decide again on what it is now.
        return withdraw_scope(session, subject=subject, client_id=client_id, scope=scope, client=client, now=now)
    _narrow_tokens(session, grant_id=grant.id or 0, scope=scope)
    _record(
        session, subject=subject, action=AuditAction.APP_SCOPE_WITHDRAWN,
        details={"app": app.name, "scope": scope}, client=client, now=now,
    )  # fmt: skip
    return authorized_app(session, subject=subject, client_id=client_id, now=now)


def _narrow_tokens(session: Session, *, grant_id: int, scope: str) -> None:
    """Remove ``scope`` from every unrevoked token of the grant (access and refresh alike)."""
    rows = session.exec(
        select(OAuthToken)
        .where(col(OAuthToken.grant_id) == grant_id, col(OAuthToken.revoked_at).is_(None))
        .execution_options(populate_existing=True)
    ).all()
    for row in rows:
        kept = [s for s in row.scope.split() if s != scope]
        if len(kept) != len(row.scope.split()):
            row.scope = " ".join(kept)
            session.add(row)
    session.flush()


def disable_access(session: Session, *, subject: Subject, client_id: str, client: str, now: dt.datetime) -> None:
    """Stop every token of the grant now; the app's next sign-in asks the person again.

    The grant stays (disabled), so the person still sees the app and can ask its
    developer to delete their data; a new consent re-enables it with only what is then
    allowed, and never revives a token revoked here.
    """
    grant, app = _enabled(session, subject, client_id)
    name = app.name
    changed = session.execute(
        sa.update(AppGrant)
        .where(col(AppGrant.id) == grant.id, col(AppGrant.disabled_at).is_(None))
        .values(disabled_at=now)
    )
    if _rowcount(changed) != 1:  # disabled meanwhile by another tab or device
        raise AppNotAuthorizedError()
    session.execute(
        sa.update(OAuthToken)
        .where(col(OAuthToken.grant_id) == grant.id, col(OAuthToken.revoked_at).is_(None))
        .values(revoked_at=now)
    )
    _record(
        session, subject=subject, action=AuditAction.APP_ACCESS_DISABLED,
        details={"app": name}, client=client, now=now,
    )  # fmt: skip
