"""``demo.count``: a job that counts slowly, checkpointing as it goes.

It exercises the whole machinery (progress shown live, resumption from a checkpoint after
a killed worker, retries) without touching personal data; the demo page starts it.
"""

from __future__ import annotations

import time

from privacy_center.jobs.context import JobContext
from privacy_center.jobs.registry import handler

DEMO_KIND = "demo.count"


@handler(DEMO_KIND, max_attempts=3, retry_delay_seconds=1.0)
def count(ctx: JobContext) -> None:
    """Count ``payload["total"]`` rows, ``payload["seconds_per_row"]`` each, from the last checkpoint."""
    total = int(ctx.payload.get("total", 20))
    pause = float(ctx.payload.get("seconds_per_row", 0.1))
    start = int((ctx.checkpoint_data or {}).get("done", 0))
    for done in range(start + 1, total + 1):
        time.sleep(pause)
        ctx.checkpoint({"done": done})
        ctx.progress(done, total)
