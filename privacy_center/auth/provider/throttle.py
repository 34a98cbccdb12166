"""Sign-in throttling: how many passwords may be tried, from where, and how fast.

Three counters, each a ``login_throttle`` row in a fixed window:

- **account and address together**: a few attempts, then that pair waits until its
  window ends. One person's typos lock only themselves, on that network.
- **address**, all accounts together: many more (a NAT or a proxy hides many people),
  enough to stop one address from spraying passwords over many accounts.
- **account**, from anywhere: never a lock (anyone could then lock anyone out), but past
  a number of failures every attempt on the account waits longer, up to a cap. The
  owner's right password from their own address is always checked.

An attempt is counted *before* its password is checked, by one
``INSERT ... ON CONFLICT DO UPDATE ... RETURNING`` committed at once on the caller's
session (so no row lock is held while a password is hashed, and no second connection is
taken from the pool): parallel attempts each get a distinct count, so no more than the
limit are ever checked, and two first attempts cannot collide on the unique key. Rows of
ended windows are purged and the table is capped. Plain SQLAlchemy, no web framework.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from privacy_center.models import LoginThrottle
from privacy_center.security.secrets import token_hash

_TABLE: sa.Table = LoginThrottle.__table__  # type: ignore[attr-defined]  # SQLModel's types declare no __table__


@dataclass(frozen=True)
class Policy:
    """The limits; one instance (``POLICY``) serves the app."""

    window: dt.timedelta = dt.timedelta(minutes=15)
    per_account_and_address: int = 5
    per_address: int = 50
    # Failures on an account (from anywhere) before each further attempt is slowed down.
    free_account_failures: int = 10
    delay_base_seconds: float = 1.0
    delay_cap_seconds: float = 8.0
    max_rows: int = 100_000


POLICY = Policy()


class LockedOutError(Exception):
    """Too many attempts; ``until`` says when the next one is allowed."""

    def __init__(self, until: dt.datetime) -> None:
        self.until = until
        super().__init__(until.isoformat())


@dataclass(frozen=True)
class Attempt:
    """Who is being signed in (``account``: a stable key for the account) and from where."""

    account: str
    address: str

    @property
    def pair_key(self) -> str:  # noqa: D102 - the row keys are named by what they count
        return f"pair:{self.account}|{self.address}"

    @property
    def address_key(self) -> str:  # noqa: D102
        return f"address:{self.address}"

    @property
    def account_key(self) -> str:  # noqa: D102
        return _account_key(self.account)


def _account_key(account: str) -> str:
    return f"account:{account}"


@dataclass(frozen=True)
class Ticket:
    """An attempt allowed to check its password: how many its pair has made in this window."""

    pair_count: int
    pair_until: dt.datetime


def _insert(session: Session) -> type[postgresql.Insert] | type[sqlite.Insert]:
    dialect = session.get_bind().dialect.name
    return postgresql.insert if dialect == "postgresql" else sqlite.insert  # type: ignore[return-value]


def _bump(session: Session, key: str, *, now: dt.datetime, window: dt.timedelta) -> tuple[int, dt.datetime]:
    """Count one more for ``key`` (a new window if the last one ended); the count and window start."""
    moment = sa.literal(now, _TABLE.c.window_started_at.type)
    ended = _TABLE.c.window_started_at <= sa.literal(now - window, _TABLE.c.window_started_at.type)
    statement = (
        _insert(session)(_TABLE)
        .values(key_hash=token_hash(key), window_started_at=now, failures=1)
        .on_conflict_do_update(
            index_elements=[_TABLE.c.key_hash],
            set_={
                "failures": sa.case((ended, 1), else_=_TABLE.c.failures + 1),
                "window_started_at": sa.case((ended, moment), else_=_TABLE.c.window_started_at),
            },
        )
        .returning(_TABLE.c.failures, _TABLE.c.window_started_at)
    )
    count, started = session.execute(statement).one()
    return count, started


def _purge(session: Session, *, now: dt.datetime, policy: Policy) -> None:
    """Drop rows of ended windows, then the oldest beyond the cap (rows in use are skipped)."""
    ended = sa.select(_TABLE.c.id).where(_TABLE.c.window_started_at <= now - policy.window)
    session.execute(sa.delete(_TABLE).where(_TABLE.c.id.in_(ended.with_for_update(skip_locked=True))))
    beyond_cap = (
        sa.select(_TABLE.c.id)
        .order_by(_TABLE.c.window_started_at.desc(), _TABLE.c.id.desc())
        .offset(policy.max_rows)
        .with_for_update(skip_locked=True)
    )
    session.execute(sa.delete(_TABLE).where(_TABLE.c.id.in_(beyond_cap)))


def begin(session: Session, attempt: Attempt, *, now: dt.datetime) -> Ticket:
    """Count ``attempt`` before its password is checked; ``LockedOutError`` past a limit.

    Commits the session before (ending the caller's reads) and after the count. The
    address is counted only for attempts whose pair is not locked: a locked person
    retrying does not use up the allowance of everyone else behind the same address.
    """
    policy = POLICY
    session.commit()
    pair_count, pair_started = _bump(session, attempt.pair_key, now=now, window=policy.window)
    if pair_count <= policy.per_account_and_address:
        address_count, address_started = _bump(session, attempt.address_key, now=now, window=policy.window)
        if pair_count == 1:  # a new window: a good moment to tidy up
            _purge(session, now=now, policy=policy)
    session.commit()
    pair_until = pair_started + policy.window
    if pair_count > policy.per_account_and_address:
        raise LockedOutError(pair_until)
    if address_count > policy.per_address:
        raise LockedOutError(address_started + policy.window)
    return Ticket(pair_count=pair_count, pair_until=pair_until)


def succeeded(session: Session, attempt: Attempt) -> None:
    """The right password: the pair starts afresh and the address gets its attempt back."""
    session.execute(sa.delete(_TABLE).where(_TABLE.c.key_hash == token_hash(attempt.pair_key)))
    session.execute(
        sa.update(_TABLE)
        .where(_TABLE.c.key_hash == token_hash(attempt.address_key), _TABLE.c.failures > 0)
        .values(failures=_TABLE.c.failures - 1)
    )
    session.commit()


def failed(session: Session, attempt: Attempt, ticket: Ticket, *, now: dt.datetime) -> None:
    """A wrong password: the account's delay grows; ``LockedOutError`` if the pair is now at its limit."""
    _bump(session, attempt.account_key, now=now, window=POLICY.window)
    session.commit()
    if ticket.pair_count >= POLICY.per_account_and_address:
        raise LockedOutError(ticket.pair_until)


def delay_seconds(session: Session, account: str, *, now: dt.datetime) -> float:
    """How long the next attempt on ``account`` waits: doubling past the free failures, capped."""
    policy = POLICY
    row = session.execute(
        sa.select(_TABLE.c.failures, _TABLE.c.window_started_at).where(
            _TABLE.c.key_hash == token_hash(_account_key(account))
        )
    ).first()
    if row is None or row.window_started_at <= now - policy.window:
        return 0.0
    beyond = row.failures - policy.free_account_failures
    return 0.0 if beyond <= 0 else min(policy.delay_base_seconds * 2 ** (beyond - 1), policy.delay_cap_seconds)
