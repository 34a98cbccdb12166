"""``POST /api/events``: the platform's services report collection and sharing events.

Authenticated by a service bearer token (``PC_EVENTS_TOKEN``); a JSON body
``{"events": [...]}`` of at most 1,000 events and 1 MiB; the whole batch is accepted or
refused, with the reasons for each refused event.
"""

from __future__ import annotations

import json

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse

from privacy_center.api.service_token import authorized_service, unauthorized
from privacy_center.content.inventory import get_inventory
from privacy_center.db import session_scope
from privacy_center.models import EventKind
from privacy_center.models.base import utcnow
from privacy_center.services.events import BatchRejectedError, IngestReport, ingest
from privacy_center.services.identity import builtin_issuer

MAX_BODY = 1024 * 1024


async def receive_events(request: Request) -> JSONResponse:
    """Validate and store a batch, or say exactly what is wrong with it."""
    if not authorized_service(request):
        return unauthorized()
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY:
        return JSONResponse({"error": "too_large", "limit_bytes": MAX_BODY}, status_code=413)
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            return JSONResponse({"error": "too_large", "limit_bytes": MAX_BODY}, status_code=413)
    try:
        payload = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return JSONResponse({"error": "malformed", "detail": "the body is not JSON"}, status_code=400)
    events = payload.get("events") if isinstance(payload, dict) else None
    if not isinstance(events, list):
        return JSONResponse({"error": "malformed", "detail": 'expected {"events": [...]}'}, status_code=400)

    inventory = get_inventory()
    known = {EventKind.COLLECTED: inventory.item_keys, EventKind.SHARED: inventory.partner_keys}

    def work() -> IngestReport:
        with session_scope() as session:
            return ingest(
                session=session,
                raw_events=events,
                issuer=builtin_issuer(session),
                now=utcnow(),
                known_keys=known,
                unstored_keys=inventory.unstored_keys,
            )

    try:
        report = await run_in_threadpool(work)
    except BatchRejectedError as rejected:
        refused = [{"index": r.index, "event_id": r.event_id, "reasons": r.reasons} for r in rejected.rejections]
        return JSONResponse({"error": "rejected", "accepted": 0, "rejected": refused}, status_code=422)
    return JSONResponse({"accepted": report.accepted, "duplicates": report.duplicates})
