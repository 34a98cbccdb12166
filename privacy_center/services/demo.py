"""Demo accounts and apps for the embedded default: idempotent, demo mode only.

Every demo account has the password ``lattice-demo``; it exists for trying the product
on a laptop and is refused outside the demo mode.
"""

from __future__ import annotations

import datetime as dt
import random

import sqlalchemy as sa
from sqlmodel import Session, select

from privacy_center.auth.center_client import ensure_center_client
from privacy_center.models import EventKind, OAuthClient, PersonalDataEvent, PlatformAccount, Role, User
from privacy_center.services.accounts import create_user
from privacy_center.services.apps import register_app
from privacy_center.services.events import MAX_BATCH, ingest
from privacy_center.settings import get_settings

DEMO_PASSWORD = "lattice-demo"  # noqa: S105 - published in the README for the demo only


def _years_ago(years: int, today: dt.date) -> dt.date:
    return today.replace(year=today.year - years, day=min(today.day, 28))


def seed_demo(*, session: Session, today: dt.date) -> dict[str, int]:
    """Create what is missing; returns how many accounts and apps were added."""
    # Alice and Grace joined before guidelines 2.0 took effect, so they are shown what changed.
    people = [
        ("alice", "Alice Chen", "13800001234", "alice@lattice.example", _years_ago(34, today), Role.USER, 2024),
        ("leo", "Leo Chen", None, None, _years_ago(12, today), Role.USER, 2025),
        ("grace", "Grace Chen", "13800005678", "grace@lattice.example", _years_ago(41, today), Role.USER, 2023),
        ("agent.kim", "Kim (Customer Service)", None, "kim@lattice.example", None, Role.AGENT, 2025),
        ("olivia", "Olivia (Operator)", None, "olivia@lattice.example", None, Role.OPERATOR, 2025),
    ]
    added_people = 0
    for username, name, phone, email, born, role, joined in people:
        if session.exec(select(PlatformAccount).where(PlatformAccount.username == username)).first():
            continue
        user = create_user(
            session=session, username=username, password=DEMO_PASSWORD, display_name=name,
            phone=phone, email=email, birth_date=born, role=role,
        )  # fmt: skip
        user.created_at = dt.datetime(joined, 3, 1, tzinfo=dt.UTC)
        session.add(user)
        added_people += 1
    apps = [
        ("demo-sunny-weather", "Sunny Weather", "Sunny Apps Co.", ["http://localhost:8701/callback"], ["openid", "profile", "location"], True),
        ("demo-readwell", "Readwell Books", "Readwell Ltd.", ["http://localhost:8702/callback"], ["openid", "profile", "email", "phone", "offline_access"], False),
    ]  # fmt: skip
    added_apps = 0
    for client_id, name, developer, uris, scopes, public in apps:
        if session.exec(select(OAuthClient).where(OAuthClient.client_id == client_id)).first():
            continue
        register_app(
            session=session, name=name, developer=developer, redirect_uris=uris, scopes=scopes, public=public,
            client_id=client_id, client_secret=None if public else "readwell-demo-secret",
        )  # fmt: skip
        added_apps += 1
    ensure_center_client(session=session)
    return {"accounts": added_people, "apps": added_apps}


def seed_load(
    *, session: Session, users: int, events: int, keys: dict[EventKind, list[str]], now: dt.datetime, seed: int = 7
) -> dict[str, int]:
    """Realistic load: ``users`` extra accounts and ``events`` events over 60 days.

    Alice gets a tenth of the events, so her lists show real counts. Events go through
    the ingestion service in batches, as the platform's services would send them.
    """
    rng = random.Random(seed)  # noqa: S311 - demo data, not secrets
    issuer = get_settings().issuer
    existing = {s for (s,) in session.execute(sa.select(User.subject).where(User.issuer == issuer)).all()}
    fresh = [f"load-{n:06d}" for n in range(users) if f"load-{n:06d}" not in existing]
    if fresh:  # an empty executemany would insert one row of defaults
        session.execute(
            sa.insert(User),
            [
                {"issuer": issuer, "subject": s, "display_name": s, "role": Role.USER.value, "created_at": now}
                for s in fresh
            ],
        )
    alice = session.exec(select(User).join(PlatformAccount).where(PlatformAccount.username == "alice")).first()
    subjects = [f"load-{n:06d}" for n in range(users)]
    start = session.execute(sa.select(sa.func.count()).select_from(PersonalDataEvent)).scalar_one()
    batch: list[dict] = []
    for n in range(events):
        kind = EventKind.COLLECTED if rng.random() < 0.8 else EventKind.SHARED
        subject = alice.subject if alice and (n % 10 == 0 or not subjects) else rng.choice(subjects or [alice.subject])
        moment = now - dt.timedelta(seconds=rng.randrange(0, 60 * 86400))
        batch.append({"event_id": f"demo-{start + n}", "user": subject, "kind": kind.value, "key": rng.choice(keys[kind]),
                      "occurred_at": moment, "source": "seed-demo"})  # fmt: skip
        if len(batch) == MAX_BATCH or n == events - 1:
            ingest(session=session, raw_events=batch, issuer=issuer, now=now)
            session.commit()
            batch = []
    return {"load_users": len(fresh), "events": events}
