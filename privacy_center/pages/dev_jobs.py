"""``/dev/jobs`` (demo mode only): start a sample background job and watch its progress live.

It exercises the job machinery end to end (the outbox, a worker, checkpoints, the
progress component) on a job that touches no personal data. Not built in production,
and its handler refuses there too (any client can call a handler).
"""

from __future__ import annotations

import reflex as rx

from privacy_center.authz import Capability
from privacy_center.components.controls import signed_in_only
from privacy_center.components.layout import back_link, page_shell
from privacy_center.components.progress import JobProgressState, job_progress
from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.locales import UiLocale
from privacy_center.jobs import enqueue
from privacy_center.jobs.demo import DEMO_KIND
from privacy_center.pages.registry import BuiltPage, PageSpec
from privacy_center.settings import get_settings
from privacy_center.state import context
from privacy_center.state.binding import SessionBound
from privacy_center.state.session import SessionState

PATH = "/dev/jobs"
SAMPLE = {"total": 20, "seconds_per_row": 0.15}


def available() -> bool:
    """The page exists in the demo mode only."""
    return get_settings().env == "demo"


class DevJobsState(SessionBound, rx.State):
    """Starts the sample job for the person signed in."""

    @rx.event
    async def start(self) -> rx.event.EventSpec | None:
        """Queue a sample job about the viewer, then follow it."""
        if not available():
            return None

        def queue(ctx: context.Context) -> int | None:
            if ctx.subject is None:
                return None
            return enqueue(ctx.session, kind=DEMO_KIND, subject_user_id=ctx.subject.user_id, payload=SAMPLE).id

        job_id = await context.run(self, Capability.VIEW_FACTS, queue)
        return JobProgressState.watch(job_id) if job_id else None


def build(locale: UiLocale) -> BuiltPage:
    """The button, then the progress of the job it started."""
    _ = gettext_for(locale)
    lead = _("Demo mode: a sample background job counts to 20, saving its place as it goes. A worker runs it.")
    body = signed_in_only(
        locale,
        PATH,
        signed_in=SessionState.signed_in,
        loaded=SessionState.loaded,
        body=rx.el.div(
            rx.el.button(
                _("Run a sample job"), type="button", class_name="button", on_click=DevJobsState.start, id="job-start"
            ),
            job_progress(locale),
        ),
        prompt=_("Sign in to run a sample job."),
    )
    component = page_shell(
        locale, PATH, rx.el.h1(_("Background jobs")), rx.el.p(lead, class_name="lead"), body, back=back_link(locale)
    )
    return BuiltPage(component=component, title=_("Background jobs"), description=lead)


PAGE = PageSpec(path=PATH, build=build)
