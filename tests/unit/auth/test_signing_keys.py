"""The provider's signing keys: encrypted at rest, rotated by the operator, retired after their tokens.

ID tokens come from the real code flow over HTTP; the JWKS is read from /oauth/jwks;
rotation runs the operator's command.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets

import pytest
import sqlalchemy as sa
from joserfc import jws, jwt
from joserfc.jwk import KeySet
from sqlmodel import select
from starlette.testclient import TestClient

from privacy_center.auth.guard import current_viewer
from privacy_center.auth.keys import RETIRED_KEY_GRACE, SigningKeyUnreadableError, signing_key, unseal
from privacy_center.cli import main
from privacy_center.db import get_engine, session_scope
from privacy_center.models import SigningKey
from privacy_center.settings import get_settings
from tests.unit.auth.conftest import APP_REDIRECT, authorize, make_app, query_of
from tests.unit.auth.test_sign_in import sign_in


def _id_token(provider: TestClient) -> str:
    app = make_app()
    params = {
        "response_type": "code",
        "client_id": app.client_id,
        "redirect_uri": APP_REDIRECT,
        "scope": "openid profile",
        "state": "st",
        "nonce": secrets.token_urlsafe(8),
    }
    code = query_of(authorize(provider, params).headers["location"])["code"]
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": APP_REDIRECT}
    body = provider.post("/oauth/token", data=data, auth=(app.client_id, app.secret or "")).json()
    return body["id_token"]


def _kid(token: str) -> str:
    return jws.extract_compact(token.encode()).protected["kid"]


def _published(provider: TestClient) -> list[str]:
    return [key["kid"] for key in provider.get("/oauth/jwks").json()["keys"]]


def _rotate(capsys: pytest.CaptureFixture[str]) -> dict:
    assert main(["keys", "rotate"]) == 0
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def test_rotation_signs_with_the_new_key_and_old_tokens_still_verify(
    provider: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _id_token(provider)
    old_kid = _kid(before)
    report = _rotate(capsys)
    assert report["retired"] == [old_kid]
    after = _id_token(provider)
    assert _kid(after) == report["current"] != old_kid
    assert set(_published(provider)) == {old_kid, report["current"]}
    keys = KeySet.import_key_set(provider.get("/oauth/jwks").json())
    assert jwt.decode(before, keys).claims["sub"]
    assert jwt.decode(after, keys).claims["sub"]


def test_a_retired_key_leaves_the_jwks_once_its_tokens_expired(
    provider: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    old_kid = _kid(_id_token(provider))
    _rotate(capsys)
    with session_scope() as session:
        row = session.exec(select(SigningKey).where(SigningKey.kid == old_kid)).one()
        # Retired long enough ago that every ID token it signed has expired.
        row.retired_at = row.retired_at - RETIRED_KEY_GRACE - dt.timedelta(seconds=1)
        session.add(row)
    assert old_kid not in _published(provider)
    assert old_kid in _rotate(capsys)["deleted"]
    with session_scope() as session:
        assert session.exec(select(SigningKey).where(SigningKey.kid == old_kid)).first() is None


def test_the_private_key_is_never_stored_in_clear(provider: TestClient) -> None:
    _id_token(provider)
    with get_engine().connect() as connection:
        rows = connection.execute(sa.text("SELECT * FROM signing_key")).mappings().all()
    assert len(rows) == 1
    for row in rows:
        private = json.loads(unseal(row["encrypted_private_jwk"], kid=row["kid"]))
        stored = json.dumps(dict(row), default=str)
        for part in ("d", "p", "q", "dp", "dq", "qi"):
            assert private[part] not in stored
        assert '"d"' not in stored


def test_a_changed_secret_key_is_named_and_rotation_recovers(
    provider: TestClient, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    old_kid = _kid(_id_token(provider))
    monkeypatch.setenv("PC_SECRET_KEY", secrets.token_urlsafe(40))
    get_settings.cache_clear()
    with session_scope() as session, pytest.raises(SigningKeyUnreadableError, match="PC_SECRET_KEY"):
        signing_key(session=session)
    report = _rotate(capsys)
    assert old_kid in _published(provider)
    with session_scope() as session:
        assert signing_key(session=session).kid == report["current"]


def test_the_center_keeps_signing_in_across_a_rotation(
    provider: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    """The center cached the JWKS before the rotation: an unknown kid makes it fetch the new one."""
    assert sign_in(provider).status_code == 303
    _rotate(capsys)
    provider.cookies.clear()
    assert sign_in(provider).status_code == 303
    assert current_viewer(f"pc_session={provider.cookies.get('pc_session')}") is not None
