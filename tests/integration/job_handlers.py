"""Job kinds for the job tests, imported by the worker subprocesses with ``--import``.

Each writes what it did to the file named in its payload, so a test can tell which steps
ran in which process, without sharing anything with the worker but the database.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from privacy_center.jobs import JobContext, RetryLater, handler

STEPS = "test.steps"
FLAKY = "test.flaky"
BROKEN = "test.broken"
ONCE = "test.once"


def _note(ctx: JobContext, line: str) -> None:
    with Path(ctx.payload["log"]).open("a", encoding="utf-8") as log:
        log.write(f"{line} {os.getpid()}\n")


@handler(STEPS, max_attempts=3, retry_delay_seconds=0.1)
def steps(ctx: JobContext) -> None:
    """``total`` steps of ``pause`` seconds, each noted then checkpointed."""
    total, pause = ctx.payload["total"], ctx.payload["pause"]
    for step in range((ctx.checkpoint_data or {}).get("done", 0) + 1, total + 1):
        time.sleep(pause)
        _note(ctx, f"step {step}")
        ctx.checkpoint({"done": step})
        ctx.progress(step, total)


@handler(FLAKY, max_attempts=5, retry_delay_seconds=0.1)
def flaky(ctx: JobContext) -> None:
    """Not now, until attempt ``succeed_on``."""
    _note(ctx, f"attempt {ctx.job.attempts}")
    if ctx.job.attempts < ctx.payload["succeed_on"]:
        raise RetryLater(f"server busy (attempt {ctx.job.attempts})")


@handler(BROKEN, max_attempts=3, retry_delay_seconds=0.1)
def broken(ctx: JobContext) -> None:
    """Always raises: fails for good after three attempts."""
    _note(ctx, f"attempt {ctx.job.attempts}")
    msg = "the payload names no such thing"
    raise ValueError(msg)


@handler(ONCE, max_attempts=1)
def once(ctx: JobContext) -> None:
    """Notes its job id: a job run twice would be noted twice."""
    time.sleep(ctx.payload["pause"])
    _note(ctx, f"job {ctx.job.id}")
