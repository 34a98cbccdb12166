"""The Huey queue that carries job ids, built from ``PC_QUEUE_URL``, and the outbox relay.

``sqlite:///path`` (the embedded default, a file in ``data/``), ``redis://...`` or
``postgresql://...``: all three are Huey 3 storages with one API. The queue holds no
personal data and no state of its own worth keeping: the job rows are the truth.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import sqlalchemy as sa
from huey import Huey, PostgresHuey, RedisHuey, SqliteHuey
from huey.api import TaskWrapper
from sqlmodel import col

from privacy_center.caches import process_wide
from privacy_center.db import session_scope
from privacy_center.models.base import utcnow
from privacy_center.models.jobs import JobOutbox
from privacy_center.settings import get_settings

logger = logging.getLogger(__name__)
QUEUE_NAME = "privacy_center"
RELAY_BATCH = 500


@dataclass(frozen=True)
class Queue:
    """A Huey instance with the one task it knows: run the job with this id."""

    huey: Huey
    run_job: TaskWrapper

    def deliver(self, job_id: int, run_after: dt.datetime) -> None:
        """Put one job id on the queue, for later when ``run_after`` is ahead."""
        if run_after > utcnow():
            self.run_job.schedule(args=(job_id,), eta=run_after)
        else:
            self.run_job(job_id)


def open_huey(url: str) -> Huey:
    """The Huey storage named by a queue URL (results off: job rows hold the outcome)."""
    scheme = urlsplit(url).scheme.split("+")[0]
    if scheme == "sqlite":
        path = Path(url.split("sqlite:///", 1)[1])
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        return SqliteHuey(QUEUE_NAME, filename=str(path), results=False)
    if scheme in ("redis", "rediss", "unix"):
        return RedisHuey(QUEUE_NAME, url=url, results=False)
    if scheme in ("postgresql", "postgres"):
        return PostgresHuey(QUEUE_NAME, dsn=url.replace("postgresql+psycopg://", "postgresql://"), results=False)
    msg = f"PC_QUEUE_URL must start with sqlite:///, redis:// or postgresql://; not {scheme}://"
    raise ValueError(msg)


def make_queue(url: str) -> Queue:
    """A queue on ``url`` with the job-running task registered (same name in every process)."""
    from privacy_center.jobs.runner import execute  # the runner imports this module

    huey = open_huey(url)
    return Queue(huey=huey, run_job=huey.task(name="run_job", retries=0)(execute))


@process_wide
def get_queue() -> Queue:
    """The process-wide queue from ``PC_QUEUE_URL``."""
    return make_queue(get_settings().queue_url)


def relay(engine: sa.Engine, queue: Queue, job_ids: list[int] | None = None) -> int:
    """Move outbox rows (all due ones, or those of ``job_ids``) to the queue; returns how many.

    Each row is deleted only after its id is on the queue: a crash in between sends it
    twice, which is harmless (the claim lets one delivery run it), never zero times.
    """
    with session_scope(engine) as session:
        query = sa.select(JobOutbox).order_by(JobOutbox.id).limit(RELAY_BATCH)  # type: ignore[arg-type]
        if job_ids is not None:
            query = query.where(JobOutbox.job_id.in_(job_ids))  # type: ignore[attr-defined]
        rows = list(session.scalars(query))
        sent: list[int] = []
        try:
            for row in rows:
                queue.deliver(row.job_id, row.run_after)
                sent.append(row.id)  # type: ignore[arg-type]
        finally:
            if sent:
                session.execute(sa.delete(JobOutbox).where(col(JobOutbox.id).in_(sent)))
    return len(sent)


def relay_after_commit(engine: sa.Engine, job_ids: list[int]) -> None:
    """Hand freshly committed jobs over at once; if the queue is down the worker's relay will."""
    try:
        relay(engine, get_queue(), job_ids)
    except Exception:  # the outbox keeps them; the worker relays later
        logger.warning("jobs %s stay in the outbox: the queue could not take them now", job_ids, exc_info=True)
