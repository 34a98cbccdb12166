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
    """Whether ``grant`` already includes every scope asked for (and so needs no new consent).

    A disabled grant covers nothing: the person turned the app off, so its next sign-in
    asks them again. A withdrawn scope is no longer in the grant, so asking for it does too.
    """
    return grant is not None and grant.disabled_at is None and set(scope.split()) <= set(grant.scope.split())


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
    """The grant an authorization stands on: created, widened to ``scope``, or re-enabled with ``scope``.

    ``allowed_now`` is true when the person just pressed "Allow": the grant then dates
    from now. A new, re-enabled or freshly allowed grant is an app authorization in the
    person's access history; a silent sign-in on a standing grant is not, and neither is
    the center's own client (``first_party``): that is the person signing in, recorded
    as such by the center.
    """
    if existing is not None:
        # Read again under a row lock: a scope withdrawn since the consent check read the
        # grant must not come back in the union below (only what was asked now may).
        session.refresh(existing, with_for_update=True)
    authorized = not first_party and (allowed_now or existing is None or existing.disabled_at is not None)
    if existing is None:
        grant = AppGrant(user_id=user_id, client_id=client.id or 0, scope=scope)
    elif existing.disabled_at is not None:
        # Re-enabled by a new consent: with what was allowed now, not what was turned off.
        grant = existing
        grant.scope = " ".join(dict.fromkeys(scope.split()))
        grant.disabled_at = None
    else:
        grant = existing
        grant.scope = " ".join(dict.fromkeys([*grant.scope.split(), *scope.split()]))
    if existing is not None and allowed_now:
        grant.granted_at = now
    session.add(grant)
    session.flush()
    if authorized:
        audit.record(
            session, action=audit.AuditAction.APP_AUTHORIZED, subject_user_id=user_id, actor_user_id=user_id,
            details={"app": client.name, "scope": grant.scope}, client=client.client_id, now=now,
        )  # fmt: skip
    return grant
