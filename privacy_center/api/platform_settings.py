"""Routes for the platform's services: a person's settings to obey, and the demo service obeying them.

``GET /api/subjects/<subject>/settings`` answers the values in force for the person the
built-in provider knows as ``<subject>``. ``GET /api/demo/recommendations/<subject>?feature=``
(demo mode only) is a stand-in platform service that personalizes only while the person's
toggle is on. Both take the service bearer token (``PC_EVENTS_TOKEN``) like ``/api/events``,
answer ``no-store``, and say nothing about a subject they do not know beyond "unknown".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from privacy_center.api.service_token import authorized_service, unauthorized
from privacy_center.content.settings_catalogue import get_catalogue
from privacy_center.db import session_scope
from privacy_center.services.identity import builtin_issuer, user_by_identity
from privacy_center.services.privacy_settings import settings_for_platform
from privacy_center.services.recommendations import recommend
from privacy_center.settings import get_settings

_NO_STORE = {"cache-control": "no-store"}
_UNKNOWN = object()


async def _for_subject(request: Request, work: Callable[[Session, int], Any]) -> Any:
    """``work(session, user_id)`` for the path's subject, in one transaction off the loop; _UNKNOWN if none."""
    subject = request.path_params["subject"]

    def in_transaction() -> Any:
        with session_scope() as session:
            user = user_by_identity(session, issuer=builtin_issuer(session), subject=subject)
            return _UNKNOWN if user is None or user.id is None else work(session, user.id)

    return await run_in_threadpool(in_transaction)


def _unknown_subject() -> JSONResponse:
    return JSONResponse({"error": "unknown_subject"}, status_code=404, headers=_NO_STORE)


async def subject_settings(request: Request) -> JSONResponse:
    """Every changeable setting's value in force, its version and who set it."""
    if not authorized_service(request):
        return unauthorized()
    catalogue = get_catalogue().default

    def work(session: Session, user_id: int) -> dict[str, Any]:
        values = settings_for_platform(session, user_id=user_id, catalogue=catalogue)
        return {
            key: {
                "value": value.value,
                "version": value.version,
                "set_by": value.source or "default",
                "updated_at": value.updated_at.isoformat() if value.updated_at else None,
            }
            for key, value in values.items()
        }

    settings = await _for_subject(request, work)
    if settings is _UNKNOWN:
        return _unknown_subject()
    return JSONResponse({"subject": request.path_params["subject"], "settings": settings}, headers=_NO_STORE)


async def demo_recommendations(request: Request) -> JSONResponse:
    """The demo service's items for ``?feature=``, personalized only if the person allows it."""
    if not authorized_service(request):
        return unauthorized()
    feature = request.query_params.get("feature", "")
    catalogue = get_catalogue().default
    result = await _for_subject(
        request, lambda session, user_id: recommend(session, user_id=user_id, feature=feature, catalogue=catalogue)
    )
    if result is _UNKNOWN:
        return _unknown_subject()
    body = {"feature": result.feature, "personalized": result.personalized, "items": list(result.items)}
    return JSONResponse(body, headers=_NO_STORE)


def routes() -> list[Route]:
    """The settings route always; the demo service only in demo mode."""
    found = [Route("/api/subjects/{subject}/settings", subject_settings, methods=["GET"])]
    if get_settings().env == "demo":
        found.append(Route("/api/demo/recommendations/{subject}", demo_recommendations, methods=["GET"]))
    return found
