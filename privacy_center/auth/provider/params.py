"""An OAuth request's parameters, read strictly: malformed input is an OAuth error, not a 500.

RFC 6749 3.1/3.2: parameters appear at most once; the token-side endpoints take a form
body. A GET's parameters come from the query string only and a POST's from its body
only, so nothing that decides (a consent, a password) can ride in a link. Values are
capped in length and refused with control characters: they end up in redirects, error
descriptions and HTML, where a newline or NUL has no business. The protocol's own values
are printable ASCII (RFC 6749 Appendix A) and, but for ``state`` and ``nonce``, hold no
double quote or backslash: Authlib puts some of them in error descriptions, which may
hold nothing else (it raises rather than send one that does).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import unicodedata
from urllib.parse import parse_qsl

from authlib.oauth2 import OAuth2Error, OAuth2Request
from authlib.oauth2.rfc6749 import InvalidClientError, InvalidRequestError
from authlib.oauth2.rfc6749.requests import BasicOAuth2Payload
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import JSONResponse

FORM_TYPE = "application/x-www-form-urlencoded"
MAX_BODY_BYTES = 64 * 1024
MAX_FIELDS = 40
MAX_VALUE_CHARS = 4096
# What a person types: any script; control characters too in a password (its length is
# still capped, so nobody makes the server hash megabytes).
TYPED = frozenset({"login", "password", "login_hint"})
ANY_CHARACTER = frozenset({"password"})
# Opaque values the client chose: any printable ASCII (RFC 6749's VSCHAR); never echoed in a description.
OPAQUE = frozenset({"state", "nonce"})


class OAuthRequest(OAuth2Request):
    """A Starlette request's parameters in Authlib's shape."""

    def __init__(self, method: str, url: str, headers: Headers, data: dict[str, str]) -> None:
        super().__init__(method, url, headers=headers)
        self.payload = BasicOAuth2Payload(data)
        self._data = data
        self.auth_time: dt.datetime | None = None
        self.keep_signed_in = False

    @property
    def args(self) -> dict[str, str]:  # noqa: D102 - Authlib's interface
        return self._data

    @property
    def form(self) -> dict[str, str]:  # noqa: D102 - Authlib's interface
        return self._data

    def only(self, names: tuple[str, ...]) -> OAuthRequest:
        """The same request reduced to ``names`` (what Authlib may see)."""
        kept = {k: v for k, v in self._data.items() if k in names}
        return OAuthRequest(self.method, self.uri, Headers(raw=self.headers.raw), kept)


def _has_control_character(value: str) -> bool:
    return any(unicodedata.category(char) == "Cc" for char in value)


def _allowed(name: str, value: str) -> bool:
    if name in ANY_CHARACTER:
        return True
    if name in TYPED:
        return not _has_control_character(value)
    if name in OPAQUE:
        return all(" " <= char <= "~" for char in value)
    return all(" " <= char <= "~" and char not in '"\\' for char in value)


def _pairs(raw: bytes) -> list[tuple[str, str]]:
    try:
        return parse_qsl(
            raw.decode("utf-8"), keep_blank_values=True, errors="strict", max_num_fields=MAX_FIELDS
        )  # fmt: skip
    except (UnicodeDecodeError, ValueError) as exc:
        raise InvalidRequestError("The parameters are not valid UTF-8 form data.") from exc


def _checked(pairs: list[tuple[str, str]]) -> dict[str, str]:
    data: dict[str, str] = {}
    for name, value in pairs:
        if name in data:
            raise InvalidRequestError("A parameter appears more than once.")
        if len(value) > MAX_VALUE_CHARS or len(name) > 100:
            raise InvalidRequestError("A parameter is too long.")
        if not (_allowed("", name) and _allowed(name, value)):
            raise InvalidRequestError("A parameter contains characters it may not hold.")
        data[name] = value
    return data


def _check_basic_credentials(headers: Headers) -> None:
    """Refuse a Basic header Authlib could not decode (it raises on non-UTF-8)."""
    scheme, _, value = headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        decoded = ""
    if ":" not in decoded or _has_control_character(decoded):
        raise InvalidClientError("The Basic credentials are malformed.", status_code=401)


async def read_request(request: Request) -> OAuthRequest:
    """The request's parameters (query for GET, form body for POST), or an ``OAuth2Error``."""
    _check_basic_credentials(request.headers)
    if request.method == "GET":
        raw = request.scope.get("query_string", b"")
    else:
        if request.headers.get("content-type", "").split(";")[0].strip().lower() != FORM_TYPE:
            raise InvalidRequestError(f"The body must be {FORM_TYPE}.")
        raw = b""
        async for chunk in request.stream():
            raw += chunk
            if len(raw) > MAX_BODY_BYTES:
                raise InvalidRequestError("The body is too large.")
    return OAuthRequest(request.method, str(request.url), request.headers, _checked(_pairs(raw)))


def error_response(error: OAuth2Error) -> JSONResponse:
    """Authlib's JSON error body and headers (``no-store``, ``WWW-Authenticate`` on a 401)."""
    status, body, headers = error()
    return JSONResponse(body, status_code=status, headers=dict(headers))
