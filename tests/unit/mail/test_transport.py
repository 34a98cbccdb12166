"""Mail handed to a real SMTP server (aiosmtpd), and to the outbox folder."""

from __future__ import annotations

import datetime as dt
import stat
from email.message import EmailMessage
from pathlib import Path

import pytest

from privacy_center.i18n.locales import by_code
from privacy_center.mail.compose import compose, render
from privacy_center.mail.outbox import list_messages, read_message
from privacy_center.mail.transport import (
    PermanentMailError,
    SmtpTarget,
    TransientMailError,
    deliver,
    parse_smtp_url,
    write_outbox,
)
from tests.smtp_server import RecordingHandler, free_port, password_check, running, self_signed, server_tls

SENT_AT = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC)


def _code_mail(locale_code: str, to: str = "ada@example.org", code: str = "042917") -> EmailMessage:
    locale = by_code(locale_code)
    content = render("mailbox_code", locale, {"code": code, "minutes": "10"})
    return compose(content, sender="Privacy Center <privacy@center.example>", to=to, locale=locale, sent_at=SENT_AT)


def test_parse_smtp_url_decodes_credentials_and_picks_tls() -> None:
    target = parse_smtp_url("smtp://mailer%40corp:p%40ss%3Aw%2Frd@mail.example:2525?starttls=1")
    assert target == SmtpTarget(host="mail.example", port=2525, starttls=True, username="mailer@corp",
                                password="p@ss:w/rd")  # fmt: skip
    assert "p@ss" not in repr(target)
    assert parse_smtp_url("smtp+starttls://mail.example").port == 587
    assert parse_smtp_url("smtp+starttls://mail.example").starttls
    implicit = parse_smtp_url("smtps://mail.example")
    assert (implicit.port, implicit.implicit_tls, implicit.starttls) == (465, True, False)
    plain = parse_smtp_url("smtp://mail.example")
    assert (plain.port, plain.starttls, plain.username) == (25, False, None)


def test_an_unusable_smtp_url_is_refused_without_echoing_it() -> None:
    with pytest.raises(PermanentMailError) as refused:
        parse_smtp_url("http://user:hunter2@mail.example")
    assert "hunter2" not in str(refused.value)


def test_multipart_mail_in_the_recipients_language_reaches_the_server() -> None:
    handler = RecordingHandler()
    with running(handler) as port:
        deliver(_code_mail("zh_CN"), smtp_url=f"smtp://localhost:{port}", outbox_dir=Path("/nonexistent"))
    [received] = handler.received
    assert received.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in received.iter_parts()] == ["text/plain", "text/html"]
    assert received["Content-Language"] == "zh-CN"
    text = received.get_body(preferencelist=("plain",)).get_content()
    html = received.get_body(preferencelist=("html",)).get_content()
    assert "042917" in text
    assert "<strong>042917</strong>" in html
    assert "您的确认码：042917" in text
    assert received["Subject"] == "确认您在隐私中心使用的邮箱"


def test_english_recipient_gets_english_mail() -> None:
    handler = RecordingHandler()
    with running(handler) as port:
        deliver(_code_mail("en"), smtp_url=f"smtp://localhost:{port}", outbox_dir=Path("/nonexistent"))
    [received] = handler.received
    assert received["Content-Language"] == "en"
    assert "Your confirmation code: 042917" in received.get_body(preferencelist=("plain",)).get_content()


def test_a_temporary_refusal_is_transient_and_a_later_try_is_accepted_once() -> None:
    handler = RecordingHandler(refuse_next=1)
    with running(handler) as port:
        url = f"smtp://localhost:{port}"
        with pytest.raises(TransientMailError, match="451"):
            deliver(_code_mail("en"), smtp_url=url, outbox_dir=Path("/nonexistent"))
        assert handler.received == []
        deliver(_code_mail("en"), smtp_url=url, outbox_dir=Path("/nonexistent"))
    assert (handler.refused, len(handler.received)) == (1, 1)


def test_an_unreachable_server_is_transient_and_the_reason_hides_the_credentials() -> None:
    with pytest.raises(TransientMailError) as failed:
        deliver(_code_mail("en"), smtp_url=f"smtp://bob:s3cr3t@127.0.0.1:{free_port()}", outbox_dir=Path("/x"))
    assert "s3cr3t" not in str(failed.value)
    assert "bob" not in str(failed.value)


@pytest.fixture
def tls_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A self-signed certificate for localhost that the client's default context trusts."""
    cert_path, key_path = self_signed(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert_path))
    return cert_path, key_path


def test_starttls_with_url_encoded_credentials(tls_files: tuple[Path, Path]) -> None:
    handler = RecordingHandler()
    options = {
        "tls_context": server_tls(*tls_files),
        "require_starttls": True,
        "auth_required": True,
        "authenticator": password_check("mailer@corp", "p@ss:w/rd"),
    }
    with running(handler, **options) as port:
        url = f"smtp://mailer%40corp:p%40ss%3Aw%2Frd@localhost:{port}?starttls=1"
        deliver(_code_mail("en"), smtp_url=url, outbox_dir=Path("/nonexistent"))
        with pytest.raises(PermanentMailError, match="535") as refused:
            deliver(_code_mail("en"), smtp_url=url.replace("w%2Frd", "wrong"), outbox_dir=Path("/nonexistent"))
    assert len(handler.received) == 1
    assert "p@ss" not in str(refused.value)


def test_implicit_tls(tls_files: tuple[Path, Path]) -> None:
    handler = RecordingHandler()
    with running(handler, ssl_context=server_tls(*tls_files)) as port:
        deliver(_code_mail("en"), smtp_url=f"smtps://localhost:{port}", outbox_dir=Path("/nonexistent"))
    assert len(handler.received) == 1


def test_without_a_server_mail_goes_to_a_private_outbox(tmp_path: Path) -> None:
    outbox = tmp_path / "outbox"
    deliver(_code_mail("en"), smtp_url=None, outbox_dir=outbox)
    [written] = list(outbox.iterdir())
    assert stat.S_IMODE(outbox.stat().st_mode) == 0o700
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert written.suffix == ".eml"


def test_an_existing_readable_outbox_is_tightened(tmp_path: Path) -> None:
    outbox = tmp_path / "outbox"
    outbox.mkdir(mode=0o755)
    outbox.chmod(0o755)
    write_outbox(outbox, _code_mail("en"))
    assert stat.S_IMODE(outbox.stat().st_mode) == 0o700


def test_the_outbox_lists_newest_first_in_pages_and_shows_the_text(tmp_path: Path) -> None:
    outbox = tmp_path / "outbox"
    for number in range(3):
        write_outbox(outbox, _code_mail("en", to=f"p{number}@example.org", code=f"00000{number}"))
    page = list_messages(outbox, offset=0, limit=2)
    assert (page.total, [e.to for e in page.entries]) == (3, ["p2@example.org", "p1@example.org"])
    assert [e.to for e in list_messages(outbox, offset=2, limit=2).entries] == ["p0@example.org"]
    shown = read_message(outbox, page.entries[0].name)
    assert shown is not None
    assert "000002" in shown.text
    assert shown.language == "en"


def test_the_outbox_reader_refuses_names_it_did_not_write(tmp_path: Path) -> None:
    outbox = tmp_path / "outbox"
    write_outbox(outbox, _code_mail("en"))
    (tmp_path / "secret.eml").write_text("not yours")
    assert read_message(outbox, "../secret.eml") is None
    assert read_message(outbox, "20261130T120000000000Z-deadbeef.eml") is None
    assert list_messages(tmp_path / "missing").total == 0
