"""``apps guideline``: stores a developer's validated files, refuses a bad one and keeps the old."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import select

from privacy_center import clock
from privacy_center.cli import main
from privacy_center.db import session_scope
from privacy_center.i18n.locales import by_code
from privacy_center.models import AppGuidelineDocument, OAuthClient
from privacy_center.services.app_guidelines import read_guideline
from privacy_center.services.demo import seed_demo
from tests.conftest import configured_database

APPS = Path(__file__).parents[2] / "content" / "apps"


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with configured_database(monkeypatch, f"sqlite:///{tmp_path / 'cli.db'}"):
        yield


def _register(capsys: pytest.CaptureFixture[str], scope: str) -> str:
    args = ["apps", "register", "--name", "Readwell", "--redirect-uri", "https://readwell.example/cb", "--scope", scope]
    assert main(args) == 0
    return json.loads(capsys.readouterr().out)["client_id"]


def _files(folder: Path) -> list[str]:
    return [str(folder / "en.yaml"), str(folder / "zh_CN.yaml")]


def test_a_guideline_is_stored_in_every_locale_and_replaced(database: None, capsys: pytest.CaptureFixture[str]) -> None:
    client_id = _register(capsys, "openid profile email phone offline_access")
    assert main(["apps", "guideline", client_id, *_files(APPS / "demo-readwell")]) == 0
    assert json.loads(capsys.readouterr().out) == {"ok": True, "client_id": client_id, "locales": 2}
    with session_scope() as session:
        stored = read_guideline(session, client_id=client_id)
    assert stored is not None
    assert stored.for_locale(by_code("zh_CN")).developer.name == "好读有限公司"
    assert stored.scopes == ("openid", "profile", "email", "phone", "offline_access")
    # Again with the English file only: the old Chinese one goes with the old guideline.
    assert main(["apps", "guideline", client_id, str(APPS / "demo-readwell" / "en.yaml")]) == 0
    capsys.readouterr()
    with session_scope() as session:
        assert session.exec(select(AppGuidelineDocument.locale)).all() == ["en"]


def test_a_bad_file_is_refused_by_name_and_the_stored_guideline_stays(
    database: None, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    client_id = _register(capsys, "openid profile email phone offline_access")
    assert main(["apps", "guideline", client_id, *_files(APPS / "demo-readwell")]) == 0
    capsys.readouterr()
    broken = tmp_path / "readwell"
    shutil.copytree(APPS / "demo-readwell", broken)
    zh = broken / "zh_CN.yaml"
    zh.write_text(zh.read_text(encoding="utf-8").replace("name: 好读有限公司", "name: 新名字", 1), encoding="utf-8")
    en = broken / "en.yaml"
    en.write_text(en.read_text(encoding="utf-8").replace("    items: [email]\n", "    items: []\n"), encoding="utf-8")
    assert main(["apps", "guideline", client_id, *_files(broken)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"error: {en}: scopes[2] (email): Value error, items: name the items of information this permission gives the app"
    )
    with session_scope() as session:
        stored = read_guideline(session, client_id=client_id)
    assert stored is not None
    assert stored.for_locale(by_code("zh_CN")).developer.name == "好读有限公司"


def test_scopes_the_app_is_not_registered_for_are_refused(database: None, capsys: pytest.CaptureFixture[str]) -> None:
    client_id = _register(capsys, "openid profile email")  # no phone, no offline_access
    assert main(["apps", "guideline", client_id, *_files(APPS / "demo-readwell")]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith(f"error: {APPS / 'demo-readwell' / 'en.yaml'}: scopes[3] (phone).scope: ")
    assert "not registered for it (registered: email openid profile)" in error
    with session_scope() as session:
        assert read_guideline(session, client_id=client_id) is None


def test_an_unknown_app_is_refused(database: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["apps", "guideline", "app-nobody", *_files(APPS / "demo-readwell")]) == 2
    assert capsys.readouterr().err.strip() == "error: client_id: no app is registered as 'app-nobody'"


def test_the_demo_apps_get_their_guidelines(database: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PC_CONTENT_DIR", str(APPS.parent))
    with session_scope() as session:
        seed_demo(session=session, today=clock.today())
    with session_scope() as session:
        apps = session.exec(select(OAuthClient.client_id)).all()
        found = {client_id: read_guideline(session, client_id=client_id) for client_id in apps}
    assert found["demo-sunny-weather"] is not None
    assert found["demo-sunny-weather"].scopes == ("openid", "profile", "location")
    assert found["demo-readwell"] is not None


def test_a_guideline_given_at_registration_is_stored_or_nothing_is_registered(
    database: None, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["apps", "register", "--name", "Readwell", "--redirect-uri", "https://readwell.example/cb"]
    scopes = ["--scope", "openid profile email phone offline_access"]
    assert main([*base, *scopes, "--guideline", *_files(APPS / "demo-readwell")]) == 0
    client_id = json.loads(capsys.readouterr().out)["client_id"]
    with session_scope() as session:
        assert read_guideline(session, client_id=client_id) is not None
    # A guideline naming a scope the app does not ask for: refused, and no app is registered.
    assert main([*base, "--scope", "openid profile", "--guideline", *_files(APPS / "demo-readwell")]) == 2
    assert "scopes" in capsys.readouterr().err
    with session_scope() as session:
        assert len(session.exec(select(OAuthClient).where(OAuthClient.name == "Readwell")).all()) == 1
