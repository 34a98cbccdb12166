"""Run one delivered job id: claim it, call its handler, record how it ended.

Every failure is caught here and written to the job row; nothing propagates to Huey,
whose own retries stay off (a retry is a new outbox row with its back-off).
"""

from __future__ import annotations

import datetime as dt
import functools
import logging

from privacy_center.db import get_engine
from privacy_center.jobs import store
from privacy_center.jobs.context import JobContext, LeaseLostError, RetryLater
from privacy_center.jobs.queue import relay_after_commit
from privacy_center.jobs.registry import spec_for
from privacy_center.models.base import utcnow
from privacy_center.settings import get_settings

logger = logging.getLogger(__name__)


def execute(job_id: int) -> None:
    """The queue's task: run job ``job_id`` if it is still queued and due, else do nothing."""
    engine = get_engine()
    lease = get_settings().job_lease_seconds
    job = store.claim(engine, job_id, lease_seconds=lease)
    if job is None:
        return  # already taken, finished, or not due yet: a duplicate or early delivery
    spec = spec_for(job.kind)
    if spec is None:
        store.fail(engine, job, reason=f"no handler for job kind {job.kind!r} in this worker")
        logger.error("job %s failed: no handler for kind %r", job.id, job.kind)
        return
    if job.attempts > spec.max_attempts:  # each earlier attempt lost its worker (killed, out of memory)
        store.fail(engine, job, reason=f"its worker stopped during each of {spec.max_attempts} attempts")
        logger.error("job %s (%s) failed: its worker stopped during every attempt", job.id, job.kind)
        return
    context = JobContext(job, functools.partial(store.save, engine, job, lease_seconds=lease))
    try:
        spec.run(context)
        store.finish(engine, job)
        return
    except LeaseLostError:
        logger.warning("job %s: lease lost, another worker has it", job_id)
        return
    except RetryLater as exc:
        reason = exc.reason
    except Exception as exc:  # any failure of a handler is recorded on its job
        reason = f"{type(exc).__name__}: {exc}"
        logger.warning("job %s (%s) attempt %s raised", job.id, job.kind, job.attempts, exc_info=True)
    try:
        if job.attempts >= spec.max_attempts:
            store.fail(engine, job, reason=reason)
            # The reason stays on the job row: it may quote personal data, which logs never carry.
            logger.error("job %s (%s) failed after %s attempts", job.id, job.kind, job.attempts)
        else:
            delay = spec.retry_delay_seconds * 2 ** (job.attempts - 1)
            store.retry(engine, job, reason=reason, run_after=utcnow() + dt.timedelta(seconds=delay))
            relay_after_commit(engine, [job.id or 0])  # on the queue now, for its time, not at the next upkeep
    except LeaseLostError:
        logger.warning("job %s: lease lost before its outcome was recorded", job_id)
