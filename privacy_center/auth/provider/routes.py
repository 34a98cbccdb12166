"""HTTP endpoints of the built-in provider.

Discovery, JWKS, authorize (sign-in and consent pages), token, userinfo, revoke (RFC 7009)
and introspect (RFC 7662).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from typing import Any

from authlib.oauth2 import OAuth2Error
from authlib.oauth2.rfc6749 import AccessDeniedError
from authlib.oidc.core.errors import ConsentRequiredError, LoginRequiredError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from privacy_center.auth.chrome import LANG_PARAM, BackLink, Here, app_home, platform_for
from privacy_center.auth.html import error_page, render, request_locale
from privacy_center.auth.keys import public_jwks
from privacy_center.auth.provider import signin, throttle
from privacy_center.auth.provider.params import OAuthRequest, error_response, read_request
from privacy_center.auth.provider.server import (
    Client,
    Provider,
    bind_session,
    client_by_id,
    db,
    grant_for,
    live_token,
    user_info,
)
from privacy_center.db import session_scope
from privacy_center.http import client_address, safe_next, same_origin
from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.formatting import format_moment, viewer_zone
from privacy_center.i18n.locales import UiLocale
from privacy_center.models import User
from privacy_center.models.base import utcnow
from privacy_center.services import grants
from privacy_center.services.identity import builtin_issuer
from privacy_center.services.scopes import SUPPORTED, describe
from privacy_center.settings import get_settings

_provider = Provider()
AUTHORIZE_PARAMS = (
    "response_type", "client_id", "redirect_uri", "scope", "state", "nonce", "code_challenge",
    "code_challenge_method", "prompt", "max_age", "ui_locales", "login_hint",
)  # fmt: skip


def _in_db(work: Callable[[], Any]) -> Any:
    with session_scope() as session, bind_session(session):
        return work()


async def _run(work: Callable[[], Any]) -> Any:
    return await run_in_threadpool(_in_db, work)


async def discovery(_request: Request) -> JSONResponse:
    """OpenID Provider Metadata: the stable issuer, and endpoints where the center is served now."""
    issuer = await _run(lambda: builtin_issuer(db()))
    base = get_settings().public_url
    return JSONResponse(
        {
            "issuer": issuer,
            "authorization_endpoint": f"{base}/oauth/authorize",
            "token_endpoint": f"{base}/oauth/token",
            "userinfo_endpoint": f"{base}/oauth/userinfo",
            "jwks_uri": f"{base}/oauth/jwks",
            "revocation_endpoint": f"{base}/oauth/revoke",
            "introspection_endpoint": f"{base}/oauth/introspect",
            "scopes_supported": list(SUPPORTED),
            "response_types_supported": ["code"],
            "response_modes_supported": ["query"],
            "grant_types_supported": ["authorization_code", "refresh_token"],
            "subject_types_supported": ["public", "pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
            "code_challenge_methods_supported": ["S256"],
            "claims_supported": ["sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "name", "nickname",
                                 "preferred_username", "picture", "email", "email_verified", "phone_number",
                                 "phone_number_verified", "zoneinfo"],
            "prompt_values_supported": ["none", "login", "consent"],
            "ui_locales_supported": ["en", "zh-CN"],
        },
        headers={"cache-control": "public, max-age=300"},
    )  # fmt: skip


async def jwks(_request: Request) -> JSONResponse:
    """The public keys ID tokens are signed with."""
    keys = await _run(lambda: public_jwks(session=db()))
    return JSONResponse(keys, headers={"cache-control": "public, max-age=300"})


# --- /oauth/authorize -------------------------------------------------------------------


def _refusal(locale: UiLocale, error: OAuth2Error, here: Here | None) -> Response:
    """Errors that must not go back to the app (unknown client, bad redirect URI)."""
    _ = gettext_for(locale)
    platform = platform_for(locale).name
    messages = {
        "invalid_client": _("This app is not registered with %(platform)s.") % {"platform": platform},
        "invalid_request": _("The app sent an incomplete or invalid sign-in request."),
        "unauthorized_client": _("This app may not use this kind of sign-in."),
    }
    text = messages.get(error.error, _("The app sent an invalid sign-in request."))
    return error_page(locale, _("Sign-in could not start"), text, status_code=400, here=here)


def _authorize_here(params: dict[str, str]) -> Here:
    """The sign-in page as a GET shows it again: the authorization request, nothing else.

    Only its own parameters are kept (never a password, a CSRF value or a decision a
    form carried), and the language the page was read in.
    """
    kept = {k: v for k, v in params.items() if k in (*AUTHORIZE_PARAMS, LANG_PARAM)}
    return Here("/oauth/authorize", kept)


def _client_label(client: Client, locale: UiLocale) -> tuple[str, str]:
    """The app's name and developer as the reader should see them.

    The center's own client is stored under its English name; a Chinese reader is told
    about 隐私中心 by the platform 格子, not "Privacy Center" by "Lattice".
    """
    if client.is_first_party:
        _ = gettext_for(locale)
        return _("Privacy Center"), platform_for(locale).name
    return client.row.name, client.row.developer


def _back_to_app(client: Client | None, params: dict[str, str], locale: UiLocale) -> BackLink | None:
    """The app's home: the origin of a redirect URI it registered (the one asked for, if it is)."""
    if client is None:
        return None
    home = app_home(client.row.redirect_uris, params.get("redirect_uri"))
    return BackLink(home, _client_label(client, locale)[0]) if home else None


def _authorize_params(params: dict[str, str]) -> dict[str, str]:
    """The authorization request's own parameters, carried through the form as hidden fields."""
    return {k: v for k, v in params.items() if k in AUTHORIZE_PARAMS}


def _form_fields(params: dict[str, str], locale: UiLocale) -> dict[str, str]:
    """The hidden fields of a form: the request, and the language it was shown in (the next page keeps it)."""
    return {**_authorize_params(params), LANG_PARAM: locale.tag}


def _login_form(
    locale: UiLocale, params: dict[str, str], csrf: str, client: Client | None, *, error: str = "", login: str = ""
) -> Response:
    _ = gettext_for(locale)
    hidden = _form_fields(params, locale)
    return render(
        locale, "sign_in.html", title=_("Sign in"), status_code=401 if error else 200,
        client_name=_client_label(client, locale)[0] if client else "", error=error, hidden=hidden, csrf=csrf,
        login=login, here=_authorize_here(hidden), back=_back_to_app(client, params, locale),
    )  # fmt: skip


def _consent_form(locale: UiLocale, params: dict[str, str], csrf: str, client: Client) -> Response:
    _ = gettext_for(locale)
    # Only what the app can get: what it asked for and is registered for. offline_access is
    # among those only for clients registered for refresh tokens, the only ones issued one.
    scopes = describe(client.get_allowed_scope(params.get("scope", "")).split(), locale)
    app, developer = _client_label(client, locale)
    hidden = _form_fields(params, locale)
    # No "Back to" link here: leaving goes through Deny, so the app hears access_denied.
    return render(
        locale, "consent.html", title=_("Allow %(app)s?") % {"app": app},
        app=app, developer=developer, scopes=scopes, hidden=hidden, csrf=csrf, here=_authorize_here(hidden),
    )  # fmt: skip


def _with_csrf(response: Response, csrf: str) -> Response:
    secure = get_settings().public_url.startswith("https://")
    response.set_cookie(
        signin.CSRF_COOKIE,
        csrf,
        max_age=signin.CSRF_MAX_AGE,
        httponly=True,
        samesite="lax",
        secure=secure,
        path="/oauth",
    )
    return response


def _needs_login(params: dict[str, str], who: signin.SignedIn | None, now: dt.datetime) -> bool:
    if who is None or "login" in params.get("prompt", "").split():
        return True
    max_age = params.get("max_age", "")
    return max_age.isdigit() and (now - who.auth_time).total_seconds() > int(max_age)


def _sign_in_done(params: dict[str, str]) -> dict[str, str]:
    """The request as the next form carries it once the person has just signed in.

    ``prompt=login`` and ``max_age`` were satisfied by that sign-in; carried on into the
    consent form they would ask for the password again at every "Allow", forever. The
    code still carries the true ``auth_time``, so the app can check freshness itself.
    """
    prompt = [p for p in params.get("prompt", "").split() if p != "login"]
    done = {k: v for k, v in params.items() if k not in ("prompt", "max_age")}
    return {**done, "prompt": " ".join(prompt)} if prompt else done


def _decide(  # noqa: ANN202
    oauth: OAuthRequest, who: signin.SignedIn | None, *, fresh_login: bool, decision: str | None, locale: UiLocale
):
    """Run inside the database context: returns a Response, or ("login"|"consent", client)."""
    now = utcnow()
    params = oauth.payload.data
    try:
        consent = _provider.get_consent_grant(request=oauth, end_user=who.user if who else None)
    except OAuth2Error as error:
        if getattr(error, "redirect_uri", None):
            return _provider.handle_error_response(oauth, error)
        return _refusal(locale, error, _authorize_here({**params, LANG_PARAM: locale.tag}))
    client: Client = consent.client
    prompt = params.get("prompt", "").split()
    if not fresh_login and _needs_login(params, who, now):
        if "none" in prompt:
            return _provider.handle_error_response(
                oauth, LoginRequiredError(redirect_uri=consent.redirect_uri, state=params.get("state"))
            )
        return ("login", client)
    assert who is not None  # noqa: S101 - _needs_login returned False
    scope = client.get_allowed_scope(params.get("scope", ""))
    grant = grant_for(user_id=who.user.id or 0, client_row_id=client.row.id or 0)
    if decision == "deny":
        return _provider.handle_error_response(
            oauth, AccessDeniedError(redirect_uri=consent.redirect_uri, state=params.get("state"))
        )
    wants_consent = "consent" in prompt or not (client.is_first_party or grants.covers(grant, scope))
    if decision != "allow" and wants_consent:
        if "none" in prompt:
            return _provider.handle_error_response(
                oauth, ConsentRequiredError(redirect_uri=consent.redirect_uri, state=params.get("state"))
            )
        return ("consent", client)
    grants.grant_at_authorization(
        db(), user_id=who.user.id or 0, client=client.row, existing=grant, scope=scope,
        allowed_now=decision == "allow", first_party=client.is_first_party, now=now,
    )  # fmt: skip
    oauth.auth_time = who.auth_time
    oauth.keep_signed_in = who.keep
    oauth.user = who.user
    # The grant already validated for consent: without it Authlib looks it up again and warns.
    return _provider.create_authorization_response(request=oauth, grant_user=who.user, grant=consent)


def _form_refusal(request: Request, form: dict[str, str], locale: UiLocale, here: Here) -> Response | None:
    """Why a POST that decides something is refused, or None.

    It must come from one of our own pages (``Origin``) and carry the CSRF value of the
    form it was rendered with, so no other site can sign a browser in, grant, or sign out.
    ``here`` is the GET that shows the form again, in another language if asked.
    """
    _ = gettext_for(locale)
    if not same_origin(request):
        return error_page(
            locale,
            _("Request refused"),
            _("This form was not sent from a %(platform)s page. Please start again from the app.")
            % {"platform": platform_for(locale).name},
            status_code=403,
            here=here,
        )
    if not signin.csrf_ok(request.cookies.get(signin.CSRF_COOKIE), form.get("csrf")):
        return error_page(
            locale,
            _("Sign-in could not continue"),
            _("This form expired or was not sent from this page. Please start again from the app."),
            status_code=400,
            here=here,
        )
    return None


async def authorize(request: Request) -> Response:
    """Sign in, consent, then redirect back to the app with a code (or an error).

    A GET only renders (the sign-in form, the consent screen, or the redirect that needs
    no one's decision); a sign-in or a consent is read from a checked POST body alone.
    """
    try:
        oauth = await read_request(request)
    except OAuth2Error as error:
        # Unreadable parameters: a switch would only repeat them, so the page has none.
        return _refusal(request_locale(request, switched_here=True), error, None)
    params = oauth.payload.data
    locale = request_locale(request, params, switched_here=True)
    _ = gettext_for(locale)
    action = None
    if request.method == "POST":
        refused = _form_refusal(request, params, locale, _authorize_here({**params, LANG_PARAM: locale.tag}))
        if refused is not None:
            return refused
        action = params.get("action")
    clean = oauth.only(AUTHORIZE_PARAMS)
    now = utcnow()
    if action == "login":  # guesses on an account wait longer each time, on the event loop, not a thread
        login = params.get("login", "")
        await asyncio.sleep(await _run(lambda: signin.sign_in_delay(session=db(), login=login, now=now)))
    cookie = request.cookies.get(signin.SESSION_COOKIE)
    keep = params.get("keep") == "1"
    new_session_cookie: str | None = None
    login_error = ""

    def work() -> Any:
        nonlocal new_session_cookie, login_error
        session = db()
        who = signin.current(session=session, cookie=cookie, now=now)
        fresh = False
        if action == "login":
            try:
                user = signin.check_password(
                    session=session, login=params.get("login", ""), password=params.get("password", ""),
                    client_ip=client_address(request), now=now,
                )  # fmt: skip
            except throttle.LockedOutError as locked:
                login_error = _("Too many failed attempts. Try again after %(time)s.") % {
                    "time": format_moment(locked.until, locale, tz=viewer_zone(request.headers.get("cookie")))
                }
                return ("login", client_by_id(params.get("client_id")))
            except signin.BadCredentialsError:
                login_error = _("The username, phone number or password is not right.")
                return ("login", client_by_id(params.get("client_id")))
            new_session_cookie = signin.start_session(
                session=session, user=user, now=now, keep=keep, previous_cookie=cookie
            )
            who, fresh = signin.SignedIn(user=user, auth_time=now, keep=keep), True
        return _decide(
            clean,
            who,
            fresh_login=fresh,
            decision=params.get("decision") if action == "consent" else None,
            locale=locale,
        )

    result = await _run(work)
    if isinstance(result, tuple):
        step, client = result
        csrf = signin.new_csrf()
        shown = dict(clean.payload.data)
        if new_session_cookie:
            shown = _sign_in_done(shown)
        if step == "login" or client is None:
            response = _login_form(locale, shown, csrf, client, error=login_error, login=params.get("login", ""))
        else:
            response = _consent_form(locale, shown, csrf, client)
        response = _with_csrf(response, csrf)
    else:
        response = result
    if new_session_cookie:
        response.set_cookie(
            signin.SESSION_COOKIE, new_session_cookie, max_age=signin.session_cookie_max_age(keep),
            httponly=True, samesite="lax", secure=get_settings().public_url.startswith("https://"), path="/",
        )  # fmt: skip
    return response


# --- token, userinfo, revoke, introspect ----------------------------------------------------


async def _endpoint(request: Request, respond: Callable[[OAuthRequest], Response]) -> Response:
    """Read the parameters strictly (malformed input is a JSON OAuth error), then respond."""
    try:
        oauth = await read_request(request)
    except OAuth2Error as error:
        return error_response(error)
    return await _run(lambda: respond(oauth))


async def token(request: Request) -> Response:
    """Exchange a code or a refresh token."""
    return await _endpoint(request, _provider.create_token_response)


async def revoke(request: Request) -> Response:
    """RFC 7009."""
    return await _endpoint(request, lambda oauth: _provider.create_endpoint_response("revocation", oauth))


async def introspect(request: Request) -> Response:
    """RFC 7662."""
    return await _endpoint(request, lambda oauth: _provider.create_endpoint_response("introspection", oauth))


async def userinfo(request: Request) -> Response:
    """The claims the token's scopes release, only while the token is live."""
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value:
        return JSONResponse(
            {"error": "invalid_token"}, status_code=401, headers={"www-authenticate": 'Bearer error="invalid_token"'}
        )

    def work() -> dict | None:
        live = live_token(value.strip())
        if live is None:
            return None
        user = db().get(User, live.row.user_id)
        return dict(user_info(user, live.scope, client_row_id=live.row.client_id)) if user else None

    claims = await _run(work)
    if claims is None:
        return JSONResponse(
            {"error": "invalid_token"}, status_code=401, headers={"www-authenticate": 'Bearer error="invalid_token"'}
        )
    return JSONResponse(claims, headers={"cache-control": "no-store"})


def _sign_out_here(next_path: str, locale: UiLocale) -> Here:
    return Here("/oauth/logout", {"next": next_path, LANG_PARAM: locale.tag})


def _sign_out_form(locale: UiLocale, csrf: str, next_path: str) -> Response:
    _ = gettext_for(locale)
    return render(
        locale, "sign_out.html", title=_("Sign out of %(platform)s") % {"platform": platform_for(locale).name},
        hidden={"csrf": csrf, "next": next_path, LANG_PARAM: locale.tag}, here=_sign_out_here(next_path, locale),
        back=BackLink(next_path, _("Privacy Center")),
    )  # fmt: skip


async def end_session(request: Request) -> Response:
    """Sign this browser out at the provider.

    GET shows the question (with a CSRF value); only a same-origin POST of that form ends
    the provider session behind this browser's cookie, and no other.
    """
    if request.method == "GET":
        locale = request_locale(request, switched_here=True)
        csrf = signin.new_csrf()
        return _with_csrf(_sign_out_form(locale, csrf, safe_next(request.query_params.get("next"))), csrf)
    try:
        form = (await read_request(request)).payload.data
    except OAuth2Error:
        form = {}
    locale = request_locale(request, form, switched_here=True)
    refused = _form_refusal(request, form, locale, _sign_out_here(safe_next(form.get("next")), locale))
    if refused is not None:
        return refused
    cookie = request.cookies.get(signin.SESSION_COOKIE)
    if cookie:
        await _run(lambda: signin.end_one(session=db(), cookie=cookie, now=utcnow()))
    response = RedirectResponse(safe_next(form.get("next")), status_code=303)
    response.delete_cookie(signin.SESSION_COOKIE, path="/")
    return response


routes = [
    Route("/.well-known/openid-configuration", discovery, methods=["GET"]),
    Route("/oauth/jwks", jwks, methods=["GET"]),
    Route("/oauth/authorize", authorize, methods=["GET", "POST"]),
    Route("/oauth/token", token, methods=["POST"]),
    Route("/oauth/userinfo", userinfo, methods=["GET", "POST"]),
    Route("/oauth/revoke", revoke, methods=["POST"]),
    Route("/oauth/introspect", introspect, methods=["POST"]),
    Route("/oauth/logout", end_session, methods=["GET", "POST"]),
]
