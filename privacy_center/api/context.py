"""The HTTP side of the authorization context, and the one HTTP mapping of domain errors.

:func:`run_for_request` is what :func:`privacy_center.state.context.run` is for Reflex
handlers: the viewer from the request's cookie, the subject that authz grants for a
capability, the request's locale and the clock's now, and the work in one transaction
in a worker thread. :func:`domain_error_response` is registered once on the HTTP app:
a route (or anything it calls) raises a :class:`~privacy_center.errors.DomainError`
and the person reads it in their language, as the error page or, for ``/api/``, JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from privacy_center import clock
from privacy_center.auth.guard import viewer_in
from privacy_center.auth.html import error_page, request_locale
from privacy_center.authz import Capability, ForbiddenError, act_for
from privacy_center.db import session_scope
from privacy_center.errors import DomainError, as_domain_error
from privacy_center.i18n.catalogs import gettext_for
from privacy_center.state.context import Context

T = TypeVar("T")


async def run_for_request(request: Request, capability: Capability, work: Callable[[Context], T]) -> T:
    """Run ``work`` for the person behind this request, in one transaction, off the event loop.

    The subject is the viewer themselves when authz grants ``capability``
    (:class:`ForbiddenError` otherwise); ``None`` when nobody is signed in.
    """
    cookie_header = request.headers.get("cookie")
    locale = request_locale(request)
    now = clock.now()

    def in_transaction() -> T:
        with session_scope() as session:
            viewer = viewer_in(session, cookie_header, now)
            subject = act_for(viewer, viewer.user_id, capability, now) if viewer else None
            return work(Context(session=session, viewer=viewer, subject=subject, locale=locale, now=now))

    return await run_in_threadpool(in_transaction)


async def domain_error_response(request: Request, exc: Exception) -> Response:
    """Starlette's exception handler for DomainError and ForbiddenError: the message in the reader's language."""
    error = as_domain_error(exc) or DomainError()
    locale = request_locale(request)
    message = error.message(locale)
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": message}, status_code=error.status_code, headers={"cache-control": "no-store"})
    _ = gettext_for(locale)
    return error_page(locale, _("Request not completed"), message, status_code=error.status_code)


EXCEPTION_HANDLERS = {DomainError: domain_error_response, ForbiddenError: domain_error_response}
