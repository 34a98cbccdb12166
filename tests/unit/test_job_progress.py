"""What the progress component may show of a job: only a job about someone the viewer may see."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from privacy_center.authz import Viewer
from privacy_center.components.progress import describe
from privacy_center.i18n.locales import from_path
from privacy_center.jobs.progress import JobView, job_view
from privacy_center.jobs.store import add_job
from privacy_center.models import Role
from tests.unit.factories import make_person

NOW = dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC)


def _viewer(user_id: int) -> Viewer:
    return Viewer(
        user_id=user_id, display_name="V", role=Role.USER.value, auth_time=NOW, session_id=1, preferred_locale=None
    )


def test_a_person_sees_their_own_job_and_nobody_else_does(db_session: Session) -> None:
    alice, bob = make_person(db_session, "alice"), make_person(db_session, "bob")
    job = add_job(db_session, kind="demo.count", subject_user_id=alice.id, payload={}, now=NOW)
    job.progress_done, job.progress_total = 5, 20
    db_session.flush()

    assert job_view(db_session, viewer=_viewer(alice.id or 0), job_id=job.id or 0, now=NOW) == JobView(
        state="queued", done=5, total=20
    )
    assert job_view(db_session, viewer=_viewer(bob.id or 0), job_id=job.id or 0, now=NOW) is None
    assert job_view(db_session, viewer=_viewer(alice.id or 0), job_id=(job.id or 0) + 1, now=NOW) is None


def test_a_job_about_nobody_is_shown_to_nobody(db_session: Session) -> None:
    alice = make_person(db_session, "alice")
    job = add_job(db_session, kind="demo.count", subject_user_id=None, payload={}, now=NOW)
    assert job_view(db_session, viewer=_viewer(alice.id or 0), job_id=job.id or 0, now=NOW) is None


def test_the_line_under_the_bar_reads_in_the_pages_language() -> None:
    running = JobView(state="running", done=5, total=20)
    assert running.percent == 25
    assert describe(from_path("/en/dev/jobs"), running) == "5 of 20 rows (25%)…"
    assert describe(from_path("/zh-cn/dev/jobs"), running) == "20 行中的 5 行（25%）…"
    assert JobView(state="succeeded", done=0, total=0).percent == 100
