"""A job's progress, live, on any page: a bar, its percent and rows, until the job ends.

A page starts a job in a handler and returns ``JobProgressState.watch(job_id)``; the
component (:func:`job_progress`) shows it. ``watch`` is a background event: it reads the
job row a few times a second, off the event loop, and stops when the job has finished
(or after ``MAX_WATCH_SECONDS``). Any client can call ``watch`` with any id: each read
resolves the viewer from the connection's cookie and shows the job only if authz lets
them see its subject; a signed-out viewer or another person's job shows nothing.
"""

from __future__ import annotations

import asyncio

import reflex as rx

from privacy_center import clock
from privacy_center.auth.guard import viewer_in
from privacy_center.db import session_scope
from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.locales import UiLocale, from_path
from privacy_center.jobs.progress import JobView, job_view
from privacy_center.models.jobs import JobState
from privacy_center.state.binding import SessionBound

POLL_SECONDS = 0.25
MAX_WATCH_SECONDS = 600


def read_job(cookie_header: str | None, job_id: int) -> JobView | None:
    """The job as the person behind ``cookie_header`` may see it (blocking: one transaction)."""
    now = clock.now()
    with session_scope() as session:
        viewer = viewer_in(session, cookie_header, now)
        return job_view(session, viewer=viewer, job_id=job_id, now=now) if viewer else None


def describe(locale: UiLocale, view: JobView) -> str:
    """The line under the bar, in the page's language."""
    _ = gettext_for(locale)
    if view.state == JobState.QUEUED and view.done == 0:
        return _("Waiting to start…")
    if view.state == JobState.SUCCEEDED:
        return _("Done: %(done)d of %(total)d rows (100%%).") % {"done": view.done, "total": view.total}
    if view.state == JobState.FAILED:
        return _("This could not be finished. Nothing more will be tried.")
    return _("%(done)d of %(total)d rows (%(percent)d%%)…") % {
        "done": view.done,
        "total": view.total,
        "percent": view.percent,
    }


class JobProgressState(SessionBound, rx.State):
    """The job shown by the progress component of this tab."""

    watching: bool = False
    percent: int = 0
    label: str = ""
    finished: bool = False
    # Which watch is current: a new watch stops the loop of the previous one.
    _generation: int = 0

    @rx.event(background=True)
    async def watch(self, job_id: int) -> None:
        """Follow job ``job_id`` until it ends; shows nothing unless the viewer may see it."""
        async with self:
            self._generation += 1
            generation = self._generation
            self.watching, self.percent, self.label, self.finished = True, 0, "", False
            cookie, locale = self.router.headers.cookie, from_path(self.router.url.path)
        for _poll in range(int(MAX_WATCH_SECONDS / POLL_SECONDS)):
            view = await asyncio.to_thread(read_job, cookie, int(job_id))
            async with self:
                if self._generation != generation:
                    return
                if view is None:
                    self.watching, self.label = False, ""
                    return
                self.percent, self.label, self.finished = view.percent, describe(locale, view), view.finished
            if view.finished:
                return
            await asyncio.sleep(POLL_SECONDS)


def job_progress(locale: UiLocale) -> rx.Component:
    """The bar and its line; the box keeps its height whether a job is shown or not (no shift)."""
    _ = gettext_for(locale)
    return rx.el.div(
        rx.cond(
            JobProgressState.watching,
            rx.fragment(
                rx.el.progress(
                    value=JobProgressState.percent,
                    max=100,
                    aria_label=_("Progress"),
                    style={"width": "100%", "height": "1em"},
                ),
                rx.el.p(JobProgressState.label, id="job-progress-label"),
            ),
        ),
        id="job-progress",
        role="status",
        aria_live="polite",
        style={"min_height": "4em"},
    )
