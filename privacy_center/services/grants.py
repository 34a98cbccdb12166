"""App grants: what a person allowed an app, created or re-enabled when they consent.

The provider's routes decide *whether* consent is needed and asked; what allowing an
app does to the person's standing grant, and the access-history entry it leaves, is
decided here, in the transaction of the authorization.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from privacy_center.models import AppGrant, OAuthClient
from privacy_center.services import audit


def covers(grant: AppGrant | None, scope: str) -> bool:
    """Whether ``grant`` already includes every scope asked for (and so needs no new consent)."""
    return grant is not None and set(scope.split()) <= set(grant.scope.split())


def grant_at_authorization(
    session: Session,
    *,
    user_id: int,
    client: OAuthClient,
    existing: AppGrant | None,
    scope: str,
    allowed_now: bool,
    first_party: bool,
    now: dt.datetime,
) -> AppGrant:
    """The grant an authorization stands on: created, or widened to ``scope`` and re-enabled.

    ``allowed_now`` is true when the person just pressed "Allow": the grant then dates
    from now. A new, re-enabled or freshly allowed grant is an app authorization in the
    person's access history; a silent sign-in on a standing grant is not, and neither is
    the center's own client (``first_party``): that is the person signing in, recorded
    as such by the center.
    """
    authorized = not first_party and (allowed_now or existing is None or existing.disabled_at is not None)
    if existing is None:
        grant = AppGrant(user_id=user_id, client_id=client.id or 0, scope=scope)
    else:
        grant = existing
        grant.scope = " ".join(dict.fromkeys([*grant.scope.split(), *scope.split()]))
        grant.disabled_at = None
        if allowed_now:
            grant.granted_at = now
    session.add(grant)
    session.flush()
    if authorized:
        audit.record(
            session, action=audit.AuditAction.APP_AUTHORIZED, subject_user_id=user_id, actor_user_id=user_id,
            details={"app": client.name, "scope": grant.scope}, client=client.client_id, now=now,
        )  # fmt: skip
    return grant
