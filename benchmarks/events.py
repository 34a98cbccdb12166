"""Server time of a signed-in ``/collected`` event and page load, and the transactions a page load opens.

    .venv/bin/python -m benchmarks.events [--events 1000] [--databases sqlite,postgresql]

The app's own event processing, in-process: the real app module (its middleware, the
session binding included, its pages' on_load chains), Reflex's event processor with an
in-memory state manager, and a real database (a SQLite file, a fresh PostgreSQL
database) set up by the real commands (``db upgrade``, ``seed-demo``) with Alice signed
in through a real sign-in session. What is timed is what a worker spends on one
websocket event, from the moment it is enqueued until its whole chain is done:

- *page load*: ``hydrate_and_load`` for ``/en/collected/``, which sends the snapshot and
  runs every ``on_load`` handler of the page (the session banner, the list);
- *list event*: the list's ``search`` handler on the loaded page.

Each kind runs ``--events`` times (after 50 warm-up events) on one tab; p50 and p99 are
of wall time and of the process's CPU time (which includes database work moved to
threads). The transactions are counted by an SQLAlchemy ``begin`` listener on every
engine, over one page load. Prints one row per database and kind.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import datetime as dt
import os
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

from benchmarks.databases import database

PATH = "/en/collected/"
WARM_UP = 50


def _prepare(url: str) -> None:
    """Schema and demo people through the project's own commands, as an operator would."""
    env = {**os.environ, "PC_DATABASE_URL": url, "PC_ENV": "demo"}
    for argv in (["db", "upgrade"], ["seed-demo"]):
        subprocess.run([sys.executable, "-m", "privacy_center", *argv], env=env, check=True, capture_output=True)  # noqa: S603 - our own command


def _alice_cookie() -> str:
    """A live sign-in session for the demo's Alice, as the sign-in route creates it."""
    from sqlmodel import select

    from privacy_center.db import session_scope
    from privacy_center.models import PlatformAccount, User
    from privacy_center.services import sessions

    now = _now()
    with session_scope() as session:
        user = session.exec(select(User).join(PlatformAccount).where(PlatformAccount.username == "alice")).one()
        token = sessions.create(session=session, user=user, auth_time=now, now=now)
    return f"{sessions.COOKIE}={token}"


def _now() -> dt.datetime:
    """Aware UTC, from the project's clock where it has one (the code before issue 9 had none)."""
    try:
        from privacy_center.clock import now
    except ImportError:
        return dt.datetime.now(dt.UTC)
    return now()


class Transactions:
    """Counts every transaction begun on any engine while installed."""

    def __init__(self) -> None:
        self.count = 0

    def __enter__(self) -> Transactions:
        import sqlalchemy as sa

        sa.event.listen(sa.engine.Engine, "begin", self._begin)
        return self

    def __exit__(self, *_exc: object) -> None:
        import sqlalchemy as sa

        sa.event.remove(sa.engine.Engine, "begin", self._begin)

    def _begin(self, _connection: object) -> None:
        self.count += 1


async def _measure(events: int) -> list[tuple[str, list[float], list[float], int]]:
    from reflex.istate.manager.memory import StateManagerMemory
    from reflex.state import State
    from reflex_base.event import Event
    from reflex_base.event.processor import BaseStateEventProcessor
    from reflex_base.utils.format import format_event_handler

    from privacy_center.pages.collected import CollectedState
    from privacy_center.privacy_center import app

    cookie = _alice_cookie()
    token = str(uuid.uuid4())
    router_data = {
        "pathname": PATH,
        "asPath": PATH,
        "query": {},
        "token": token,
        "sid": "bench",
        "headers": {"cookie": cookie, "origin": "http://localhost", "host": "localhost"},
        "ip": "127.0.0.1",
    }
    deltas: list[object] = []

    async def keep_delta(_token: str, delta: object) -> None:
        deltas.append(delta)

    processor = BaseStateEventProcessor(middleware=app, backend_exception_handler=app.backend_exception_handler)
    processor.configure(state_manager=StateManagerMemory())
    # The deltas a client would receive, kept to check the page showed Alice her data.
    processor._root_context = dataclasses.replace(processor._root_context, emit_delta_impl=keep_delta)
    load = format_event_handler(State.event_handlers["hydrate_and_load"])
    search = format_event_handler(CollectedState.event_handlers["search"])

    async def one(name: str, payload: dict) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        future = await processor.enqueue(token, Event(name=name, router_data=dict(router_data), payload=payload))
        await future.wait_all()
        return time.perf_counter() - wall, time.process_time() - cpu

    results = []
    async with processor:
        for kind, name, payloads in (
            ("page load", load, lambda n: {}),
            ("list event", search, lambda n: {"value": "phone" if n % 2 else ""}),
        ):
            for n in range(WARM_UP):
                await one(name, payloads(n))
            if kind == "page load":
                deltas.clear()
                with Transactions() as counted:
                    await one(name, {})
                transactions = counted.count
                shown = str(deltas)
                if "Alice" not in shown or "138****1234" not in shown:
                    raise RuntimeError("the page load did not show Alice her data: nothing real was measured")
            else:
                transactions = 0
            walls, cpus = [], []
            for n in range(events):
                wall, cpu = await one(name, payloads(n))
                walls.append(wall)
                cpus.append(cpu)
            results.append((kind, walls, cpus, transactions))
    return results


def _p(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return (statistics.median(ordered) if q == 0.5 else ordered[min(len(ordered) - 1, int(len(ordered) * q))]) * 1000


def run_one(kind: str, events: int) -> None:
    """In a child process: settings and engines are per process, one database each."""
    with database(kind) as url:
        _prepare(url)
        env = {**os.environ, "PC_DATABASE_URL": url, "PC_ENV": "demo", "REFLEX_ENV_MODE": "prod"}
        code = f"import benchmarks.events as b; b._child({kind!r}, {events})"
        subprocess.run([sys.executable, "-c", code], env=env, check=True, cwd=Path(__file__).parent.parent)  # noqa: S603 - our own code


def _child(kind: str, events: int) -> None:
    _print(kind, asyncio.run(_measure(events)))


def _print(kind: str, results: list[tuple[str, list[float], list[float], int]]) -> None:
    for name, walls, cpus, transactions in results:
        print(
            f"{kind:<11}{name:<12}{len(walls):>7}{_p(walls, 0.5):>10.2f}{_p(walls, 0.99):>10.2f}"
            f"{_p(cpus, 0.5):>10.2f}{_p(cpus, 0.99):>10.2f}{transactions or '':>14}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--databases", default="sqlite,postgresql")
    args = parser.parse_args()
    print(f"{'database':<11}{'event':<12}{'n':>7}{'wall p50':>10}{'wall p99':>10}{'cpu p50':>10}{'cpu p99':>10}"
          f"{'transactions':>14}   (ms)")  # fmt: skip
    for kind in args.databases.split(","):
        run_one(kind, args.events)


if __name__ == "__main__":
    main()
