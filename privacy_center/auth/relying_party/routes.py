"""Sign-in routes of the center: login, callback, logout, sign out everywhere, re-auth, silent.

Every refusal is a localized page and creates no session. The ID token is validated by
Authlib (signature, iss, aud, exp, iat, sub, nonce); the userinfo ``sub`` must match it;
for re-authentication the ``auth_time`` must be recent, which Authlib does not check.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx
from authlib.integrations.starlette_client import OAuthError
from joserfc.errors import JoseError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from privacy_center.auth.guard import cookie_value
from privacy_center.auth.html import error_page, request_locale
from privacy_center.auth.provider import signin
from privacy_center.auth.provider.server import KEEP_CLAIM
from privacy_center.auth.relying_party.client import center_client
from privacy_center.authz import proved_recently
from privacy_center.db import session_scope
from privacy_center.http import safe_next, same_origin
from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.locales import UiLocale, by_prefix
from privacy_center.i18n.negotiation import LOCALE_COOKIE
from privacy_center.models.base import utcnow
from privacy_center.services import audit, sessions
from privacy_center.services.center_client import callback_url
from privacy_center.services.identity import user_at_sign_in
from privacy_center.settings import get_settings

log = logging.getLogger(__name__)
LEEWAY = 60
SILENT_FALLBACK = {"login_required", "interaction_required", "consent_required", "account_selection_required"}


def _secure() -> bool:
    return get_settings().public_url.startswith("https://")


def _claims_options(issuer: str) -> dict:
    client_id = get_settings().oidc_client_id
    return {
        "iss": {"essential": True, "value": issuer},
        "aud": {"essential": True, "value": client_id},
        "sub": {"essential": True},
        "iat": {"essential": True},
        "exp": {"essential": True},
    }


def _locale_for(request: Request, target: str) -> UiLocale:
    """The page the person came from says which language they read."""
    return by_prefix(target.lstrip("/").split("/", 1)[0]) or request_locale(request)


async def _start(request: Request, flow: str, **extra: str) -> Response:
    settings = get_settings()
    public = urlsplit(settings.public_url)
    if settings.env == "demo" and request.url.hostname != public.hostname:
        # The callback comes back to the public URL: a sign-in started under another name of
        # the demo server (127.0.0.1 for localhost) would lose its state cookie on the way.
        # Demo mode only: behind a production proxy the request's own host may differ.
        return RedirectResponse(str(request.url.replace(scheme=public.scheme, netloc=public.netloc)), status_code=303)
    target = safe_next(request.query_params.get("next"))
    request.session["pc_flow"] = flow
    request.session["pc_next"] = target
    locale = _locale_for(request, target)
    try:
        return await center_client().authorize_redirect(request, callback_url(), ui_locales=locale.tag, **extra)
    except (httpx.HTTPError, OAuthError, ValueError):
        log.warning("the OpenID provider could not be reached for discovery", exc_info=True)
        _ = gettext_for(locale)
        return error_page(
            locale,
            _("Sign-in is unavailable"),
            _("The sign-in service cannot be reached. Please try again in a few minutes."),
            status_code=503,
        )


async def login(request: Request) -> Response:
    """Start the authorization code flow (state, nonce, PKCE S256)."""
    return await _start(request, "login")


async def reauth(request: Request) -> Response:
    """Ask the provider for a fresh sign-in (``max_age=0``, ``prompt=login``)."""
    return await _start(request, "reauth", max_age="0", prompt="login")


async def silent(request: Request) -> Response:
    """Webview sign-in without typing: ``prompt=none``, normal sign-in if that fails."""
    return await _start(request, "silent", prompt="none")


def _keep_signed_in(claims: dict[str, Any]) -> bool:
    """Whether the person ticked "Keep me signed in": only our own provider can say so."""
    return get_settings().uses_builtin_provider and claims.get(KEEP_CLAIM) is True


def _refuse(locale: UiLocale, message: str) -> Response:
    _ = gettext_for(locale)
    return error_page(locale, _("Sign-in failed"), message, status_code=400)


async def callback(request: Request) -> Response:
    """Finish sign-in: validate everything, then create the session."""
    flow = request.session.pop("pc_flow", "login")
    target = request.session.pop("pc_next", "/")
    locale = _locale_for(request, target)
    _ = gettext_for(locale)
    client = center_client()
    try:
        metadata = await client.load_server_metadata()
        token = await client.authorize_access_token(
            request, claims_options=_claims_options(metadata["issuer"]), leeway=LEEWAY
        )
    except OAuthError as error:
        if flow == "silent" and error.error in SILENT_FALLBACK:
            return RedirectResponse(f"/auth/login?next={target}", status_code=303)
        if error.error == "access_denied":
            return _refuse(locale, _("You did not allow the sign-in."))
        log.warning("sign-in refused: %s %s", error.error, error.description)
        return _refuse(
            locale,
            _("The sign-in could not be verified (%(reason)s). Please try again.") % {"reason": error.error or "state"},
        )
    except (JoseError, ValueError, KeyError) as error:
        log.warning("ID token refused: %s", error)
        return _refuse(
            locale,
            _("The sign-in could not be verified (%(reason)s). Please try again.") % {"reason": type(error).__name__},
        )
    except httpx.HTTPError:
        log.warning("the OpenID provider could not be reached", exc_info=True)
        return _refuse(locale, _("The sign-in service cannot be reached. Please try again in a few minutes."))
    claims = token.get("userinfo")
    if not claims:
        return _refuse(
            locale, _("The sign-in could not be verified (%(reason)s). Please try again.") % {"reason": "id_token"}
        )
    now = utcnow()
    auth_time = dt.datetime.fromtimestamp(int(claims.get("auth_time") or claims["iat"]), dt.UTC)
    if flow == "reauth" and not proved_recently(auth_time, now, get_settings().reauth_max_age_seconds + LEEWAY):
        return _refuse(locale, _("The provider did not ask for your password again. Please try again."))
    try:
        info = await client.userinfo(token=token)
    except httpx.HTTPError:
        return _refuse(locale, _("The sign-in service cannot be reached. Please try again in a few minutes."))
    if info.get("sub") != claims["sub"]:
        log.warning("userinfo sub differs from the ID token's")
        return _refuse(
            locale, _("The sign-in could not be verified (%(reason)s). Please try again.") % {"reason": "sub"}
        )
    issuer = metadata["issuer"]
    existing = cookie_value(request.headers.get("cookie"))

    def store() -> tuple[str, str | None]:
        with session_scope() as db:
            name = info.get("name") or info.get("nickname") or info.get("preferred_username") or claims["sub"][:12]
            user = user_at_sign_in(db, issuer=issuer, subject=claims["sub"], display_name=str(name))
            if flow == "reauth":
                row = sessions.resolve(session=db, token=existing, now=now)
                if row is not None and row.user_id == user.id:
                    sessions.mark_reauthenticated(session=db, row=row, auth_time=auth_time)
                    audit.record(db, action=audit.AuditAction.SIGNED_IN, subject_user_id=user.id, actor_user_id=user.id, details={"reauthenticated": True}, now=now)  # fmt: skip
                    return existing or "", user.preferred_locale
            # One sign-in per browser: whoever signed in here before is signed out first.
            sessions.end(session=db, token=existing, now=now)
            created = sessions.create(session=db, user=user, auth_time=auth_time, now=now)
            audit.record(
                db, action=audit.AuditAction.SIGNED_IN, subject_user_id=user.id or 0, actor_user_id=user.id, now=now
            )
            return created, user.preferred_locale

    cookie, preferred_locale = await run_in_threadpool(store)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        sessions.COOKIE, cookie, httponly=True, samesite="lax", secure=_secure(), path="/",
        max_age=sessions.cookie_max_age(_keep_signed_in(claims)),
    )  # fmt: skip
    if preferred_locale:  # the account's saved language follows the person to this browser
        response.set_cookie(
            LOCALE_COOKIE, preferred_locale, max_age=365 * 24 * 3600, httponly=True, samesite="lax", secure=_secure()
        )
    return response


# The marker the page reads after signing out everywhere (state.session.SIGNED_OUT_PARAM).
SIGNED_OUT_PARAM = "signed_out"


def _with_query(path: str, name: str, value: str) -> str:
    """``path`` with ``name=value`` set in its query string, its other parameters and fragment kept."""
    parts = urlsplit(path)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != name]
    return urlunsplit(("", "", parts.path, urlencode([*query, (name, value)]), parts.fragment))


async def _sign_out(request: Request, *, everywhere: bool) -> Response:
    if not same_origin(request):
        locale = request_locale(request)
        _ = gettext_for(locale)
        return error_page(
            locale, _("Sign-out refused"), _("This request did not come from the Privacy Center."), status_code=403
        )
    token = cookie_value(request.headers.get("cookie"))
    op_cookie = request.cookies.get(signin.SESSION_COOKIE)

    def work() -> bool:
        now = utcnow()
        with session_scope() as db:
            row = sessions.resolve(session=db, token=token, now=now)
            if row is None:
                return False
            ended = audit.AuditAction.SIGNED_OUT_EVERYWHERE if everywhere else audit.AuditAction.SIGNED_OUT
            audit.record(db, action=ended, subject_user_id=row.user_id, actor_user_id=row.user_id, now=now)
            if everywhere:
                sessions.end_all_for_user(session=db, user_id=row.user_id, now=now)
                signin.end_sessions(session=db, user_id=row.user_id, now=now)
            else:
                sessions.end(session=db, token=token, now=now)
                provider_row = signin.current(session=db, cookie=op_cookie, now=now)
                if provider_row is not None:
                    signin.end_one(session=db, cookie=op_cookie or "", now=now)
            return True

    ended = await run_in_threadpool(work)
    target = safe_next(request.query_params.get("next"))
    if everywhere and ended:  # the page says it worked (SessionState reads the marker)
        target = _with_query(target, SIGNED_OUT_PARAM, "everywhere")
    response = RedirectResponse(target, status_code=303)
    response.delete_cookie(sessions.COOKIE, path="/")
    response.delete_cookie(signin.SESSION_COOKIE, path="/")
    return response


async def logout(request: Request) -> Response:
    """Sign out this browser (POST, same origin only)."""
    return await _sign_out(request, everywhere=False)


async def logout_everywhere(request: Request) -> Response:
    """Sign out on every device (POST, same origin only)."""
    return await _sign_out(request, everywhere=True)


routes = [
    Route("/auth/login", login, methods=["GET"]),
    Route("/auth/reauth", reauth, methods=["GET"]),
    Route("/auth/silent", silent, methods=["GET"]),
    Route("/auth/callback", callback, methods=["GET"]),
    Route("/auth/logout", logout, methods=["POST"]),
    Route("/auth/logout-everywhere", logout_everywhere, methods=["POST"]),
]
