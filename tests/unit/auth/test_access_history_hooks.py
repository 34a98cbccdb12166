"""Sign-ins, sign-outs and app authorizations land in the access history, written with the action.

Driven over HTTP through the real routes, as a browser follows them; the entries are read
back from the database and the chain is verified.
"""

from __future__ import annotations

from sqlmodel import select
from starlette.testclient import TestClient

from privacy_center.db import session_scope
from privacy_center.models import AuditEntry, User
from privacy_center.services.audit import AuditAction, first_break
from tests.unit.auth.conftest import BASE, authorize, code_params, hidden_of, make_app


def _history() -> list[tuple[str, str, str, dict]]:
    """Every entry as (action, subject's name, client, details), oldest first; the chain must hold."""
    with session_scope() as session:
        assert first_break(session) is None
        rows = session.exec(select(AuditEntry, User).join(User, User.id == AuditEntry.subject_user_id)).all()
        return [(entry.action, user.display_name, entry.client, entry.details) for entry, user in rows]


def _sign_in_to_the_center(client: TestClient) -> None:
    start = client.get("/auth/login", params={"next": "/en/"})
    form = client.get(start.headers["location"].removeprefix(BASE))
    to_center = client.post(
        "/oauth/authorize", data={**hidden_of(form.text), "login": "alice", "password": "correct horse"}
    )
    done = client.get(to_center.headers["location"].removeprefix(BASE))
    assert done.status_code == 303, done.text


def test_signing_in_and_out_is_recorded(provider: TestClient) -> None:
    _sign_in_to_the_center(provider)
    assert provider.post("/auth/logout").status_code == 303
    _sign_in_to_the_center(provider)
    assert provider.post("/auth/logout-everywhere").status_code == 303
    # Signing in to the center itself is a sign-in, not an app the person authorized.
    signed = [(action, name, client) for action, name, client, _ in _history()]
    assert signed == [
        (AuditAction.SIGNED_IN, "Alice", "web"),
        (AuditAction.SIGNED_OUT, "Alice", "web"),
        (AuditAction.SIGNED_IN, "Alice", "web"),
        (AuditAction.SIGNED_OUT_EVERYWHERE, "Alice", "web"),
    ]


def test_an_app_authorization_is_recorded_with_the_app_as_client(provider: TestClient) -> None:
    app = make_app()
    assert authorize(provider, code_params(app.client_id)).status_code == 302
    assert authorize(provider, code_params(app.client_id)).status_code == 302  # already allowed: no new entry
    authorized = [
        (name, client, details) for action, name, client, details in _history() if action == AuditAction.APP_AUTHORIZED
    ]
    assert authorized == [("Alice", app.client_id, {"app": "Readwell", "scope": "openid profile email"})]
