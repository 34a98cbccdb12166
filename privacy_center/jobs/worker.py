"""``python -m privacy_center worker``: the Huey consumer plus the relay-and-sweep loop.

The loop moves outbox rows to the queue (those the web process could not hand over) and
offers again the jobs whose lease ran out, every quarter of a lease. Several workers, on
one machine or many, may run it at once: claims are atomic, a duplicate delivery is a no-op.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Sequence

from privacy_center.db import get_engine
from privacy_center.jobs.queue import get_queue, relay
from privacy_center.jobs.store import requeue_stale
from privacy_center.log_hygiene import install as install_log_hygiene
from privacy_center.settings import get_settings

logger = logging.getLogger(__name__)

# Modules whose import registers the center's job handlers (``@handler``).
HANDLER_MODULES: tuple[str, ...] = (
    "privacy_center.jobs.demo",
    "privacy_center.jobs.deletion_webhook",
    "privacy_center.services.mail_delivery",
)
# The consumer polls an empty SQLite queue at most this far apart (Redis and PostgreSQL block instead).
MAX_POLL_SECONDS = 0.25


def maintain_once() -> tuple[int, int]:
    """One round of upkeep: (jobs offered again after a lost worker or hand-over, outbox rows relayed)."""
    engine, settings = get_engine(), get_settings()
    offered = requeue_stale(engine, grace_seconds=settings.job_lease_seconds)
    return offered, relay(engine, get_queue())


def _maintain(stop: threading.Event, interval: float) -> None:
    while not stop.wait(interval):
        try:
            offered, relayed = maintain_once()
        except Exception:  # a database or queue hiccup: the next round tries again
            logger.warning("job upkeep failed; trying again in %.1f s", interval, exc_info=True)
            continue
        if offered:
            logger.info("offered %s jobs again (lease ran out or hand-over lost)", offered)
        if relayed:
            logger.debug("relayed %s outbox rows", relayed)


def run_worker(*, workers: int, imports: Sequence[str] = ()) -> None:
    """Run until SIGINT or SIGTERM: ``workers`` threads taking job ids from the queue."""
    install_log_hygiene()  # the same promise as the web workers: no personal value in a log line
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for module in (*HANDLER_MODULES, *imports):
        importlib.import_module(module)
    stop = threading.Event()
    interval = max(0.2, get_settings().job_lease_seconds / 4)
    upkeep = threading.Thread(target=_maintain, args=(stop, interval), name="job-upkeep", daemon=True)
    consumer = get_queue().huey.create_consumer(
        workers=workers, worker_type="thread", periodic=False, max_delay=MAX_POLL_SECONDS, initial_delay=0.05
    )
    maintain_once()  # what waited while no worker ran, before the first poll
    upkeep.start()
    try:
        consumer.run()
    finally:
        stop.set()
