"""Demo accounts and apps for the embedded default: idempotent, demo mode only.

Every demo account has the password ``lattice-demo``; it exists for trying the product
on a laptop and is refused outside the demo mode.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import Session, col, select

from privacy_center.models import EventKind, OAuthClient, PersonalDataEvent, PlatformAccount, Role, User, UserIdentity
from privacy_center.models.base import utcnow
from privacy_center.services.accounts import create_user
from privacy_center.services.app_guidelines import store_demo_guidelines
from privacy_center.services.apps import register_app
from privacy_center.services.events import MAX_BATCH, ingest
from privacy_center.services.identity import builtin_issuer, public_subject
from privacy_center.services.setup import set_up
from privacy_center.settings import DEMO_CLIENT_SECRET, get_settings

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
            client_id=client_id, client_secret=None if public else DEMO_CLIENT_SECRET,
        )  # fmt: skip
        added_apps += 1
    # Each demo app's own privacy guideline, as its developer would supply it (refreshed every run).
    store_demo_guidelines(session, folder=get_settings().content_dir / "apps", now=utcnow())
    set_up(session=session)
    return {"accounts": added_people, "apps": added_apps}


@dataclass(frozen=True)
class DemoFacts:
    """What the platform reports about one information type of one demo user.

    ``recent`` events fall in the last 7 days, ``older`` ones 8 to 25 days ago (inside
    30 days) and ``old`` ones 35 to 50 days ago: the demo's counts are known exactly.
    """

    kind: EventKind
    key: str
    recent: int
    older: int = 0
    old: int = 0
    value: str | None = None
    source: str = "lattice-app"


C, S = EventKind.COLLECTED, EventKind.SHARED
# Our own fictional people: the numbers use reserved or obviously fake ranges. The story
# holds together as the inventory tells it: whatever went to a partner was collected
# from that person, and an item the inventory says is not stored carries no value.
DEMO_FACTS: dict[str, list[DemoFacts]] = {
    "alice": [
        DemoFacts(C, "user.contact.phone", 3, 2, 1, "13800001234", "account-service"),
        DemoFacts(C, "user.name.nickname", 1, 0, 0, "Alice Chen", "account-service"),
        DemoFacts(C, "user.contact.email", 1, 1, 0, "alice@lattice.example", "account-service"),
        DemoFacts(C, "user.credentials.password", 2, 4, 3, None, "account-service"),
        DemoFacts(C, "user.profile.region", 0, 1, 0, "Shanghai", "profile-service"),
        DemoFacts(C, "user.identity.name", 1, 0, 0, "Chen Aili", "pay-service"),
        DemoFacts(C, "user.identity.id_number", 1, 0, 0, "310101199001011234", "pay-service"),
        DemoFacts(C, "user.financial.bank_card", 1, 0, 0, "6222 0000 1234 4321", "pay-service"),
        DemoFacts(C, "user.financial.transactions", 6, 9, 4, None, "pay-service"),
        DemoFacts(C, "user.location.approximate", 12, 20, 15, None, "location-service"),
        DemoFacts(C, "user.location.precise", 2, 1, 0, None, "chat-service"),
        DemoFacts(C, "user.device.model", 4, 6, 2, "Pixel 9, Android 16", "security-service"),
        DemoFacts(C, "user.device.identifier", 4, 6, 2, "LTC-7F3A-22D9", "security-service"),
        DemoFacts(C, "user.device.ip_address", 9, 14, 5, "203.0.113.24", "security-service"),
        DemoFacts(C, "user.chat.participants", 25, 40, 30, None, "chat-service"),
        DemoFacts(C, "user.behavior.ad_interests", 2, 3, 1, "Travel, Books", "ads-service"),
        DemoFacts(S, "skycast", 12, 20, 15, source="location-service"),
        DemoFacts(S, "mapleaf", 5, 3, 2, source="location-service"),
        DemoFacts(S, "pushwave", 20, 30, 25, source="notification-service"),
        DemoFacts(S, "paylink", 6, 9, 4, source="pay-service"),
        DemoFacts(S, "verifyme", 1, 0, 0, source="pay-service"),
        DemoFacts(S, "mailrelay", 1, 1, 0, source="account-service"),
    ],
    "grace": [
        DemoFacts(C, "user.contact.phone", 1, 1, 0, "13800005678", "account-service"),
        DemoFacts(C, "user.name.nickname", 0, 1, 0, "Grace Chen", "account-service"),
        DemoFacts(C, "user.contact.email", 0, 1, 0, "grace@lattice.example", "account-service"),
        DemoFacts(C, "user.location.approximate", 4, 6, 3, None, "location-service"),
        DemoFacts(C, "user.device.model", 1, 2, 1, "iPhone 17, iOS 26", "security-service"),
        DemoFacts(C, "user.device.identifier", 1, 2, 1, "LTC-91C0-5E44", "security-service"),
        DemoFacts(C, "user.chat.participants", 8, 12, 9, None, "chat-service"),
        DemoFacts(S, "skycast", 4, 6, 3, source="location-service"),
        DemoFacts(S, "pushwave", 8, 10, 6, source="notification-service"),
    ],
    "leo": [
        DemoFacts(C, "user.name.nickname", 1, 0, 0, "Leo", "account-service"),
        DemoFacts(C, "user.chat.participants", 5, 7, 4, None, "chat-service"),
        DemoFacts(C, "user.device.identifier", 1, 1, 0, "LTC-0B6D-A17E", "security-service"),
        DemoFacts(S, "pushwave", 3, 4, 2, source="notification-service"),
    ],
}


def _moments(facts: DemoFacts, now: dt.datetime, rng: random.Random) -> list[dt.datetime]:
    """Spread the events inside their windows; the newest one carries the value."""
    hour = dt.timedelta(hours=1)
    recent = [now - rng.randrange(1, 5 * 24) * hour for _ in range(facts.recent)]
    older = [now - rng.randrange(8 * 24, 25 * 24) * hour for _ in range(facts.older)]
    old = [now - rng.randrange(35 * 24, 50 * 24) * hour for _ in range(facts.old)]
    return sorted(recent + older + old)


def seed_demo_facts(*, session: Session, now: dt.datetime) -> int:
    """The demo people's collection and sharing events, through the ingestion service.

    Event ids are fixed, so running it again adds nothing. Events name each person by
    their subject at the built-in provider, whose issuer stays put when the public URL
    changes (e.g. another ``PC_PORT``).
    """
    rng = random.Random(2026)  # noqa: S311 - demo data, not secrets
    accepted = 0
    issuer = builtin_issuer(session)
    for username, plan in DEMO_FACTS.items():
        user = session.exec(select(User).join(PlatformAccount).where(PlatformAccount.username == username)).first()
        if user is None:
            continue
        subject = public_subject(session, user.id or 0)
        events: list[dict] = []
        for facts in plan:
            moments = _moments(facts, now, rng)
            for n, moment in enumerate(moments):
                event = {"event_id": f"demo-{username}-{facts.kind.value}-{facts.key}-{n}", "user": subject,
                         "kind": facts.kind.value, "key": facts.key, "occurred_at": moment, "source": facts.source}  # fmt: skip
                if facts.value is not None and n == len(moments) - 1:
                    event["value"] = facts.value
                events.append(event)
        for start in range(0, len(events), MAX_BATCH):
            batch = events[start : start + MAX_BATCH]
            accepted += ingest(session=session, raw_events=batch, issuer=issuer, now=now).accepted
    return accepted


def _load_users(session: Session, *, issuer: str, users: int, now: dt.datetime) -> list[str]:
    """Create the missing ``load-NNNNNN`` people with their identities; returns the new subjects."""
    existing = set(
        session.exec(
            select(UserIdentity.subject).where(UserIdentity.issuer == issuer, col(UserIdentity.subject).like("load-%"))
        ).all()
    )
    fresh = [f"load-{n:06d}" for n in range(users) if f"load-{n:06d}" not in existing]
    if not fresh:  # an empty executemany would insert one row of defaults
        return fresh
    created = session.execute(
        sa.insert(User).returning(col(User.id), col(User.display_name), sort_by_parameter_order=True),
        [{"display_name": s, "role": Role.USER.value, "created_at": now} for s in fresh],
    ).all()
    session.execute(
        sa.insert(UserIdentity),
        [{"user_id": user_id, "issuer": issuer, "subject": name, "created_at": now} for user_id, name in created],
    )
    return fresh


def seed_load(
    *, session: Session, users: int, events: int, keys: dict[EventKind, list[str]], now: dt.datetime, seed: int = 7
) -> dict[str, int]:
    """Realistic load: ``users`` extra accounts and ``events`` events over 60 days.

    Alice gets a tenth of the events, so her lists show real counts. Events go through
    the ingestion service in batches, as the platform's services would send them.
    """
    rng = random.Random(seed)  # noqa: S311 - demo data, not secrets
    issuer = builtin_issuer(session)
    fresh = _load_users(session, issuer=issuer, users=users, now=now)
    alice = session.exec(select(User).join(PlatformAccount).where(PlatformAccount.username == "alice")).first()
    alice_subject = public_subject(session, alice.id or 0) if alice is not None else None
    subjects = [f"load-{n:06d}" for n in range(users)]
    start = session.execute(sa.select(sa.func.count()).select_from(PersonalDataEvent)).scalar_one()
    batch: list[dict] = []
    for n in range(events):
        kind = EventKind.COLLECTED if rng.random() < 0.8 else EventKind.SHARED
        for_alice = alice_subject is not None and (n % 10 == 0 or not subjects)
        subject = alice_subject if for_alice else rng.choice(subjects)
        moment = now - dt.timedelta(seconds=rng.randrange(0, 60 * 86400))
        batch.append({"event_id": f"demo-{start + n}", "user": subject, "kind": kind.value,
                      "key": rng.choice(keys[kind]), "occurred_at": moment, "source": "seed-demo"})  # fmt: skip
        if len(batch) == MAX_BATCH or n == events - 1:
            ingest(session=session, raw_events=batch, issuer=issuer, now=now)
            session.commit()
            batch = []
    return {"load_users": len(fresh), "events": events}
