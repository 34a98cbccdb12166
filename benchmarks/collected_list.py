"""Ingestion rate and the server time to build a user's list, rollups vs a naive COUNT.

    .venv/bin/python -m benchmarks.collected_list [--sizes 1000,100000,1000000] [--databases sqlite,postgresql]

For each database and size: a fresh database, 200 users, events spread over 60 days
(the measured user gets 10% of them), each with a value (the worst case: every batch
also updates up to 1,000 latest values), ingested through the real service in batches
of 1,000; then the user's list as /collected shows it (the demo inventory, masked
values, counts from the daily rollups) built 200 times, and the same counts 50 times
with a COUNT over the events. Prints one row per database and size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time

import sqlalchemy as sa
from sqlmodel import Session

from alembic import command
from benchmarks.databases import database
from privacy_center.authz import Capability, Viewer, act_for
from privacy_center.cli import _alembic_config
from privacy_center.content.inventory import load_inventory
from privacy_center.db import make_engine
from privacy_center.i18n.locales import DEFAULT_LOCALE
from privacy_center.services.events import ingest
from privacy_center.services.identity import user_at_sign_in
from privacy_center.services.personal_facts import collected_list
from privacy_center.settings import PROJECT_ROOT

NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)
ISSUER = "https://bench.example"
INVENTORY = load_inventory(PROJECT_ROOT / "content").for_locale(DEFAULT_LOCALE)
KEYS = sorted(i.key for _, i in INVENTORY.items())  # the demo inventory's 30 information types


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.95) - 1] * 1000


def _naive(session: Session, user_id: int, today: dt.date) -> dict:
    since_30 = dt.datetime.combine(today - dt.timedelta(days=29), dt.time(), dt.UTC)
    since_7 = dt.datetime.combine(today - dt.timedelta(days=6), dt.time(), dt.UTC)
    rows = session.execute(
        sa.text(
            "SELECT key, SUM(CASE WHEN occurred_at >= :s7 THEN 1 ELSE 0 END), COUNT(*), MAX(occurred_at) "
            "FROM personal_data_event WHERE user_id = :u AND kind = 'collected' AND occurred_at >= :s30 GROUP BY key"
        ),
        {"u": user_id, "s7": since_7, "s30": since_30},
    ).all()
    return {r[0]: (r[1], r[2]) for r in rows}


def run(kind: str, size: int) -> str:
    rng = random.Random(size)
    with database(kind) as url:
        config = _alembic_config()
        config.set_main_option("sqlalchemy.url", url)
        config.attributes["configure_logger"] = False
        command.upgrade(config, "head")
        engine = make_engine(url)
        with Session(engine) as session:
            users = [user_at_sign_in(session, issuer=ISSUER, subject=f"u{n}", display_name=f"U{n}") for n in range(200)]
            session.commit()
            measured = users[0]
            started = time.perf_counter()
            batch: list[dict] = []
            for n in range(size):
                subject = "u0" if n % 10 == 0 else f"u{rng.randrange(1, 200)}"
                moment = NOW - dt.timedelta(seconds=rng.randrange(0, 60 * 86400))
                batch.append({"event_id": f"ev{n}", "user": subject, "kind": "collected", "key": rng.choice(KEYS),
                              "occurred_at": moment, "source": "bench", "value": f"value {n}"})  # fmt: skip
                if len(batch) == 1000 or n == size - 1:
                    ingest(session=session, raw_events=batch, issuer=ISSUER, now=NOW)
                    session.commit()
                    batch = []
            rate = size / (time.perf_counter() - started)
            fast, slow = [], []
            # The whole list the /collected page shows: inventory, masked values, 7-day counts.
            subject = act_for(
                Viewer(measured.id, "bench", "user", NOW, 0, None), measured.id, Capability.VIEW_FACTS, NOW
            )
            for _ in range(200):
                t = time.perf_counter()
                listed = collected_list(session=session, subject=subject, inventory=INVENTORY, today=NOW.date())
                fast.append(time.perf_counter() - t)
            for _ in range(50):
                t = time.perf_counter()
                naive = _naive(session, measured.id, NOW.date())
                slow.append(time.perf_counter() - t)
            shown = {r.item.key: (r.counts.last_7_days, r.counts.last_30_days) for r in listed.rows}
            same = len(listed.rows) == len(KEYS) and {k: v for k, v in shown.items() if v[1]} == naive
        engine.dispose()
    (p50, p95), (n50, n95) = _percentiles(fast), _percentiles(slow)
    return f"{kind:<11}{size:>10,}{rate:>14,.0f}{p50:>12.2f}{p95:>12.2f}{n50:>12.2f}{n95:>12.2f}   {'yes' if same else 'NO'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,100000,1000000")
    parser.add_argument("--databases", default="sqlite,postgresql")
    args = parser.parse_args()
    print(f"{'database':<11}{'events':>10}{'ingest ev/s':>14}{'list p50 ms':>12}{'list p95 ms':>12}"
          f"{'naive p50':>12}{'naive p95':>12}   same counts")  # fmt: skip
    for size in (int(s) for s in args.sizes.split(",")):
        for kind in args.databases.split(","):
            print(run(kind, size), flush=True)


if __name__ == "__main__":
    main()
