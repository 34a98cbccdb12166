"""What a person may see of a job: its state and rows, if the job is about someone they may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session

from privacy_center.authz import Capability, Viewer, may
from privacy_center.models.jobs import Job, JobState

FINAL_STATES = frozenset({JobState.SUCCEEDED, JobState.FAILED})


@dataclass(frozen=True)
class JobView:
    """A job's progress as its viewer sees it (never its payload nor its error text)."""

    state: str
    done: int
    total: int

    @property
    def finished(self) -> bool:
        """Nothing will change any more."""
        return self.state in FINAL_STATES

    @property
    def percent(self) -> int:
        """Whole percent done; a finished job without a count reads 100."""
        if self.total > 0:
            return min(100, self.done * 100 // self.total)
        return 100 if self.state == JobState.SUCCEEDED else 0


def job_view(session: Session, *, viewer: Viewer, job_id: int, now: dt.datetime) -> JobView | None:
    """Job ``job_id`` for ``viewer``: None unless it is about a person they may see (authz decides)."""
    job = session.get(Job, job_id)
    if job is None or job.subject_user_id is None:
        return None
    if not may(viewer, job.subject_user_id, Capability.VIEW_FACTS, now):
        return None
    return JobView(state=str(job.state), done=job.progress_done, total=job.progress_total)
