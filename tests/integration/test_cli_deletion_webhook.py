"""``apps register --deletion-webhook``: the URL is checked, the signing secret printed once and stored sealed.

Stored sealed means: not in the database in clear anywhere (the SQLite file and its
write-ahead log are read byte by byte), yet the center gets it back to sign with.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import select

from privacy_center.cli import main
from privacy_center.db import get_engine, session_scope
from privacy_center.models import AppWebhookSecret, OAuthClient
from privacy_center.security.webhook_secrets import unseal
from tests.conftest import configured_database

REGISTER = ["apps", "register", "--name", "Notes", "--redirect-uri", "https://notes.example/cb", "--scope", "openid"]


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A SQLite file with every table; the demo settings (http allowed on loopback only)."""
    path = tmp_path / "center.db"
    with configured_database(monkeypatch, f"sqlite:///{path}", env="demo"):
        yield path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict | None, str]:
    code = main([*REGISTER, *args])
    out, err = capsys.readouterr()
    return code, json.loads(out) if out.strip() else None, err


def test_the_secret_is_printed_once_and_stored_only_sealed(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, shown, _err = run(capsys, "--deletion-webhook", "https://notes.example/privacy/deletions")
    assert code == 0
    assert shown is not None
    secret = shown["deletion_webhook_secret"]
    assert secret.startswith("whsec_")
    assert len(secret) > 40
    assert shown["deletion_webhook"] == "https://notes.example/privacy/deletions"

    with session_scope() as session:
        client = session.exec(select(OAuthClient)).one()
        sealed = session.get(AppWebhookSecret, client.id)
        assert sealed is not None
        assert unseal(sealed.encrypted_secret, client_id=client.client_id) == secret  # the center can sign
        assert client.webhook_url == shown["deletion_webhook"]
    get_engine().dispose()  # every page written out: the file and its log hold all there is
    stored = b"".join(path.read_bytes() for path in database.parent.glob(f"{database.name}*"))
    assert stored
    assert secret.encode() not in stored
    assert secret.removeprefix("whsec_").encode() not in stored

    assert main(["apps", "list"]) == 0
    assert secret not in capsys.readouterr().out


def test_each_registration_gets_its_own_secret(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = "https://notes.example/privacy/deletions"
    first = run(capsys, "--deletion-webhook", url)[1]
    second = run(capsys, "--deletion-webhook", url)[1]
    assert first is not None
    assert second is not None
    assert first["deletion_webhook_secret"] != second["deletion_webhook_secret"]


def test_without_an_endpoint_no_secret_is_made(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, shown, _err = run(capsys)
    assert code == 0
    assert shown is not None
    assert set(shown) == {"client_id", "client_secret"}
    with session_scope() as session:
        assert session.exec(select(AppWebhookSecret)).all() == []


def test_plain_http_to_this_machine_is_allowed_in_the_demo(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, shown, _err = run(capsys, "--deletion-webhook", "http://127.0.0.1:8765/deletions")
    assert code == 0
    assert shown is not None
    assert shown["deletion_webhook"] == "http://127.0.0.1:8765/deletions"


@pytest.mark.parametrize(
    "url",
    [
        "http://notes.example/privacy/deletions",  # plain http elsewhere than this machine
        "ftp://notes.example/deletions",
        "https:///deletions",  # no host
        "https://developer:hunter2@notes.example/deletions",  # a password stored in clear
        "https://notes.example/deletions#part",
        "https://notes.example:port/deletions",
        "https://notes.example/" + "a" * 500,
        "notes.example/deletions",
    ],
)
def test_a_bad_endpoint_is_refused_and_nothing_is_registered(
    database: Path, capsys: pytest.CaptureFixture[str], url: str
) -> None:
    code, shown, err = run(capsys, "--deletion-webhook", url)
    assert (code, shown) == (2, None)  # no secret printed for an app that does not exist
    assert err.startswith("error: deletion_webhook: ")
    assert "hunter2" not in err  # a password in a refused URL is not repeated (terminals are logged too)
    with session_scope() as session:
        assert session.exec(select(OAuthClient)).all() == []
        assert session.exec(select(AppWebhookSecret)).all() == []


def test_an_app_registered_before_gets_an_endpoint_and_a_new_secret_replaces_the_old(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    registered = run(capsys)[1]
    assert registered is not None
    client_id, url = registered["client_id"], "https://notes.example/privacy/deletions"
    secrets = []
    for _ in range(2):
        assert main(["apps", "deletion-webhook", client_id, url]) == 0
        shown = json.loads(capsys.readouterr().out)
        assert (shown["client_id"], shown["deletion_webhook"]) == (client_id, url)
        secrets.append(shown["deletion_webhook_secret"])
    assert secrets[0] != secrets[1]
    with session_scope() as session:
        client = session.exec(select(OAuthClient)).one()
        (sealed,) = session.exec(select(AppWebhookSecret)).all()
        assert unseal(sealed.encrypted_secret, client_id=client_id) == secrets[1]  # the leaked one signs no more
        assert client.webhook_url == url


def test_setting_the_endpoint_of_an_unknown_app_is_refused(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["apps", "deletion-webhook", "app-nope", "https://notes.example/deletions"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "error: client_id: no app 'app-nope' is registered\n"
