"""Background jobs: enqueue-to-start latency (p50/p99) and jobs per second, per queue and threads.

    .venv/bin/python -m benchmarks.jobs [--jobs 300] [--queues sqlite,redis] [--threads 1,4]

For each queue storage (the embedded SQLite file; Redis, database 11) and worker thread
count: a fresh SQLite app database and a real worker process (``python -m privacy_center
worker -w N``). Latency: jobs enqueued one per transaction, 20 ms apart, each timed from
its commit (``created_at``) to its claim (``started_at``). Throughput: as many jobs
enqueued in one transaction before the worker starts, timed from the first claim to the
last finish. The handler does nothing: this measures the machinery, not the work.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import redis
import sqlalchemy as sa
from sqlmodel import Session, SQLModel, select

from privacy_center import models  # noqa: F401 - registers the tables
from privacy_center.db import make_engine
from privacy_center.jobs import JobContext, JobState, enqueue, handler
from privacy_center.jobs.queue import get_queue
from privacy_center.jobs.store import add_job
from privacy_center.models.base import utcnow
from privacy_center.models.jobs import Job
from privacy_center.settings import PROJECT_ROOT, get_settings

KIND = "bench.nothing"
REDIS_URL = "redis://127.0.0.1:6379/11"  # the benchmark's own database, flushed before each run
SPACING_SECONDS = 0.02


@handler(KIND)
def nothing(_ctx: JobContext) -> None:
    """No work: what remains is claim, dispatch and the final write."""


@contextmanager
def worker(database_url: str, queue_url: str, threads: int) -> Iterator[None]:
    env = os.environ | {"PC_DATABASE_URL": database_url, "PC_QUEUE_URL": queue_url}
    command = [sys.executable, "-m", "privacy_center", "worker", "-w", str(threads), "--import", "benchmarks.jobs"]
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
    try:
        yield
    finally:
        process.terminate()
        process.wait(timeout=60)


def wait_done(engine: sa.Engine, count: int) -> list[Job]:
    while True:
        with Session(engine) as session:
            jobs = list(session.exec(select(Job)))
        if sum(job.state == JobState.SUCCEEDED for job in jobs) == count:
            return jobs
        time.sleep(0.05)


def run(queue_name: str, threads: int, jobs: int, folder: Path) -> dict[str, float]:
    database_url = f"sqlite:///{folder / f'{queue_name}-{threads}.db'}"
    if queue_name == "sqlite":
        queue_url = f"sqlite:///{folder / f'queue-{threads}.db'}"
    else:
        redis.Redis.from_url(REDIS_URL).flushdb()
        queue_url = REDIS_URL
    engine = make_engine(database_url)
    SQLModel.metadata.create_all(engine)
    os.environ["PC_QUEUE_URL"] = queue_url  # enqueue's after-commit hand-over uses the configured queue
    get_settings.cache_clear()
    get_queue.cache_clear()

    with worker(database_url, queue_url, threads):
        time.sleep(3)  # let the process start: latency is measured on a running worker
        for _ in range(jobs):
            with Session(engine) as session:
                enqueue(session, kind=KIND, subject_user_id=None, payload={})
                session.commit()
            time.sleep(SPACING_SECONDS)
        done = wait_done(engine, jobs)
    latencies = sorted((job.started_at - job.created_at).total_seconds() * 1000 for job in done if job.started_at)

    with Session(engine) as session:  # throughput: a backlog waiting in the outbox before start
        session.execute(sa.delete(Job))
        for _ in range(jobs):
            add_job(session, kind=KIND, subject_user_id=None, payload={}, now=utcnow())
        session.commit()
    with worker(database_url, queue_url, threads):
        done = wait_done(engine, jobs)
    first = min(job.started_at for job in done if job.started_at)
    last = max(job.finished_at for job in done if job.finished_at)
    engine.dispose()
    return {
        "p50_ms": statistics.median(latencies),
        "p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
        "jobs_per_s": jobs / (last - first).total_seconds(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=300)
    parser.add_argument("--queues", default="sqlite,redis")
    parser.add_argument("--threads", default="1,4")
    args = parser.parse_args()
    print(f"{'queue':8} {'threads':>7} {'p50 ms':>8} {'p99 ms':>8} {'jobs/s':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for queue_name in args.queues.split(","):
            for threads in (int(t) for t in args.threads.split(",")):
                figures = run(queue_name, threads, args.jobs, Path(folder))
                print(
                    f"{queue_name:8} {threads:>7} {figures['p50_ms']:>8.1f} {figures['p99_ms']:>8.1f} "
                    f"{figures['jobs_per_s']:>8.1f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
