"""What reaches a log line: no secret or personal value, and always one line (privacy_center/log_hygiene.py).

The redaction runs on real log records made by real loggers once :func:`install` has
replaced the record factory; the server-level test (Reflex logging a failing websocket
event) is tests/e2e/test_log_hygiene.py.
"""

from __future__ import annotations

import io
import logging
import secrets
import sys
import threading
import uuid
import warnings
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privacy_center.log_hygiene import REDACTED, clean, install, one_line, redact

COOKIE = secrets.token_urlsafe(32)
TAB = str(uuid.uuid4())

# How Reflex 0.10 logged an unknown event (event_processor.py): the Event's repr, router
# data and request headers included.
REFLEX_UNKNOWN_EVENT = (
    "Error processing event queue entry for Event(name='reflex___state____state.x.no_such_handler', "
    f"router_data={{'pathname': '/en/collected/', 'query': {{}}, 'token': '{TAB}', 'headers': "
    f"{{'host': '127.0.0.1:3000', 'cookie': 'pc_session={COOKIE}; pc_locale=en', 'user-agent': 'Mozilla/5.0'}}, "
    f"'session': {{'client_token': '{TAB}', 'client_ip': '203.0.113.7', 'session_id': 'abc'}}}}, "
    "payload={'password': 'lattice-demo', 'value': 'Alice Chen'}) [txid=12]:"
)


@pytest.fixture
def logged(monkeypatch: pytest.MonkeyPatch) -> Iterator[io.StringIO]:
    """A real logger with a plain stream handler, under the installed record factory."""
    monkeypatch.setattr(logging, "_logRecordFactory", logging.getLogRecordFactory())
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(warnings, "showwarning", warnings.showwarning)
    install()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    logger = logging.getLogger("tests.log_hygiene")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield stream
    finally:
        logger.removeHandler(handler)
        logger.propagate = True


def test_an_event_logged_whole_keeps_only_its_name() -> None:
    line = clean(REFLEX_UNKNOWN_EVENT)
    for secret in (COOKIE, TAB, "lattice-demo", "Alice Chen", "203.0.113.7", "Mozilla"):
        assert secret not in line
    assert "no_such_handler" in line


@pytest.mark.parametrize(
    "text",
    [
        f"Cookie: pc_session={COOKIE}",
        f"GET /auth/callback?code={COOKIE[:20]}&state=abc HTTP/1.1",
        f'{{"access_token": "{COOKIE}", "refresh_token": "r-{COOKIE}"}}',
        f"Authorization: Bearer {COOKIE}",
        f"token {TAB} linked",
        "sent to alice@example.com",
        "phone 13800001234, identity number 11010119900307123X",
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
        "connecting to redis://:lattice-demo@localhost:6379/0",
        "sign-in from 203.0.113.7 and 2001:db8::17",
        "engine postgresql+psycopg://center:lattice-demo@db/center",
        "ValueError: invalid literal for int() with base 10: 'lattice-demo'",
        "Error transforming event argument 'delta' with value 'lattice-demo' and type hint 'int'",
    ],
)
def test_secrets_and_personal_values_are_withheld(text: str) -> None:
    cleaned = redact(text)
    assert REDACTED in cleaned
    personal = ["lattice-demo", "alice@example.com", "13800001234", "11010119900307123X", "eyJzdWIiOiIxIn0"]
    personal += ["203.0", "db8::17"]
    for secret in (COOKIE, COOKIE[:20], TAB, *personal):
        assert secret not in cleaned


def test_what_an_operator_needs_stays() -> None:
    text = 'File "/app/privacy_center/pages/fact_list.py", line 44, in turn_page'
    assert redact(text) == text
    assert redact("sign-in refused: access_denied") == "sign-in refused: access_denied"
    stamped = "session 42 ended at 2026-11-30 22:01:24.123456+00:00 after 1800 s (reflex 0.10.1)"
    assert redact(stamped) == stamped


def test_a_record_with_a_traceback_is_one_clean_line(logged: io.StringIO) -> None:
    logger = logging.getLogger("tests.log_hygiene")
    sent = "lattice-demo"  # what a client sent, quoted by the exception's message
    try:
        int(sent)
    except ValueError:
        logger.exception("event for %s failed", TAB)
    logger.warning("sign-in refused: %s %s", "x\nWARNING forged line", "y\r\n")
    lines = logged.getvalue().splitlines()
    assert len(lines) == 2
    assert "ValueError" in lines[0]
    assert "lattice-demo" not in lines[0]
    assert TAB not in lines[0]
    assert lines[1] == "WARNING tests.log_hygiene sign-in refused: x\\nWARNING forged line y\\r\\n"


@pytest.mark.allow_error_logs  # the uncaught exception is logged as critical, on purpose
def test_a_thread_dying_is_logged_on_one_line(logged: io.StringIO, caplog: pytest.LogCaptureFixture) -> None:
    def die() -> None:
        raise RuntimeError(f"session {TAB}\nforged")

    worker = threading.Thread(target=die)
    with caplog.at_level(logging.CRITICAL, logger="privacy_center"):
        worker.start()
        worker.join()
    [record] = [r for r in caplog.records if r.name == "privacy_center"]
    assert "\n" not in record.getMessage()
    assert "RuntimeError" in record.getMessage()
    assert TAB not in record.getMessage()


@given(st.text())
def test_any_text_stays_one_line(text: str) -> None:
    assert len(one_line(text).splitlines()) <= 1
    assert len(clean(text).splitlines()) <= 1
    clean(text).encode()  # no lone surrogate left to break a UTF-8 log file


@given(st.text(alphabet=st.characters(blacklist_characters="\\", blacklist_categories=("Cc", "Cf", "Zl", "Zp", "Cs"))))
def test_plain_text_is_left_as_it_is(text: str) -> None:
    assert one_line(text) == text
