"""What production refuses to serve with, in the database: demo accounts, demo apps, demo secrets.

The settings' own rules (https public URL, real secrets) are checked by ``Settings``;
these need the database, so the ``check`` command and the app's start-up run them.
"""

from __future__ import annotations

from sqlmodel import Session, col, or_, select

from privacy_center.db import session_scope
from privacy_center.models import OAuthClient, PlatformAccount
from privacy_center.security.passwords import verify_password
from privacy_center.security.secrets import token_hash
from privacy_center.services.demo import DEMO_PASSWORD
from privacy_center.settings import DEMO_CLIENT_SECRET, get_settings

# What ``seed-demo`` creates (services/demo.py); tests/unit/services/test_production.py
# seeds the demo and checks every one of them is found, so the lists cannot drift apart.
DEMO_USERNAMES = ("alice", "leo", "grace", "agent.kim", "olivia")
DEMO_CLIENT_IDS = ("demo-sunny-weather", "demo-readwell")


class UnsafeForProductionError(Exception):
    """The deployment must not serve as it is; the message lists every reason."""


def demo_leftovers(*, session: Session) -> list[str]:
    """Demo accounts (still with the published password), demo apps and apps with the demo secret."""
    problems = []
    accounts = session.exec(select(PlatformAccount).where(col(PlatformAccount.username).in_(DEMO_USERNAMES))).all()
    for account in accounts:
        if verify_password(account.password_hash, DEMO_PASSWORD):
            problems.append(
                f"demo account {account.username!r} with the published demo password is in the database"
                " (PC_DATABASE_URL): remove it or change its password"
            )
    apps = session.exec(
        select(OAuthClient).where(
            or_(
                col(OAuthClient.client_id).in_(DEMO_CLIENT_IDS),
                OAuthClient.client_secret_hash == token_hash(DEMO_CLIENT_SECRET),
            )
        )
    ).all()
    for app in apps:
        problems.append(
            f"demo app {app.client_id!r} (or an app with the published demo client secret) is registered in the"
            " database (PC_DATABASE_URL): remove it"
        )
    return problems


def check_deployment() -> str:
    """Refuse unsafe settings (raised by ``get_settings``) and, in production, demo data.

    Returns the mode checked. The demo mode never touches the database here: its demo
    accounts are the point of it.
    """
    settings = get_settings()
    if settings.env == "production":
        with session_scope() as session:
            problems = demo_leftovers(session=session)
        if problems:
            raise UnsafeForProductionError("unsafe for PC_ENV=production: " + "; ".join(problems))
    return settings.env
