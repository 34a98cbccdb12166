"""Set-up: what an installation fixes once, and what follows its configuration.

Run by ``db upgrade``, by ``seed-demo`` and when the app starts (never per request): the
built-in provider's issuer is stored the first time and kept; the center's own client
at that provider follows ``PC_PUBLIC_URL`` (its redirect URI) and ``PC_SECRET_KEY``.
"""

from __future__ import annotations

from sqlmodel import Session

from privacy_center.db import session_scope
from privacy_center.services.center_client import ensure_center_client
from privacy_center.services.identity import fix_builtin_issuer
from privacy_center.settings import get_settings


def set_up(*, session: Session) -> None:
    """Fix the issuer if it is not fixed yet; register or update the center's client."""
    fix_builtin_issuer(session)
    if get_settings().uses_builtin_provider:
        ensure_center_client(session=session)


def run_set_up() -> None:
    """:func:`set_up` in its own transaction (the CLI and the app's start)."""
    with session_scope() as session:
        set_up(session=session)
