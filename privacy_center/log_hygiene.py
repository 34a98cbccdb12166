"""No secret or personal value in a log line, and every log line one line.

Reflex logs a failing or unknown websocket event whole: its router data carries the
request headers (the ``Cookie`` with the live session), the tab token and the client's
address; an exception message can quote what the client sent. And a value a visitor
chose (``/auth/callback?error=x%0Aforged``) can end a line and forge the next one.

So the process gets one redaction layer at the source: :func:`install` replaces the
``logging`` record factory, which every logger of the process goes through (Reflex's
own, whose rich console handler only renders records, Granian's, asyncio's, ours). Each
record's message, its traceback and stack included, is rendered once, redacted
(:func:`redact`) and escaped to one line (:func:`one_line`) before any handler sees it.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import Any

REDACTED = "<redacted>"

# Names whose values are secrets or personal, in dict reprs and JSON ("key": value),
# in query strings and keyword reprs (key=value). Whole structures go too: a request's
# headers, an event's payload and router data, Reflex's router session.
_WITHHELD_NAMES = (
    r"cookie|set-cookie|authorization|proxy-authorization|x-csrf-token|x-forwarded-for|x-real-ip|user-agent"
    r"|password|passwd|secret|client_secret|token|access_token|refresh_token|id_token|id_token_hint"
    r"|client_token|token_hash|code|code_verifier|csrf\w*|nonce|state|session|session_id|sid|pc_\w+"
    r"|login|username|email|phone|client_ip|ip|asgi-scope-client|headers|payload|router_data|vars"
)
_QUOTED_NAME = re.compile(rf"""(?P<quote>['"])(?:{_WITHHELD_NAMES})(?P=quote)\s*:\s*""", re.IGNORECASE)
_ASSIGNED_NAME = re.compile(rf"(?<![\w-])(?:{_WITHHELD_NAMES})=", re.IGNORECASE)
# A raw header line ("Cookie: a=b; c=d"): the value runs to the end of the line.
_HEADER_NAME = re.compile(r"(?<![\w-])(?:cookie|set-cookie|authorization|proxy-authorization)\s*:\s*", re.IGNORECASE)

# Shapes that are secret or personal wherever they appear.
_SHAPES = re.compile(
    r"(?<=://)[^/@\s]+(?=@)"  # credentials in a URL (database, Redis)
    r"|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"  # tab tokens and other UUIDs
    r"|eyJ[\w-]*\.[\w-]*\.[\w-]*"  # JSON Web Tokens
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])"  # IPv4 addresses
    r"|(?<![\w:.])(?:(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|(?:[0-9a-f]{1,4}:){1,6}(?::[0-9a-f]{1,4}){1,6})(?![\w:.])"  # IPv6
    r"|(?<![\w-])(?=[\w-]*\d)[\w-]{20,}"  # opaque tokens: session cookies, codes, hashes
    r"|(?<![\w.:-])\+?\d{11,}[Xx]?(?![\w.:-])",  # phone and identity numbers (not dates, times, versions)
    re.IGNORECASE,
)

# A value the client sent, as Reflex quotes it when it cannot use it ("with value 'x'",
# "a string value (x)", "an invalid enum value (x)").
_ECHOED_VALUE = re.compile(r"""(?<=\bvalue )(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|\([^)]*\))""")
# An exception's summary line ("ValueError: invalid literal for int() with base 10: 'x'"):
# its message may quote anything the code was given, so only the type and the traceback stay.
_EXCEPTION_MESSAGE = re.compile(
    r"^(?P<type>[A-Za-z_][\w.]*(?:Error|Exception|Warning|Exit|Interrupt|Iteration|Group))[ \t]*:[ \t]*\S.*$",
    re.MULTILINE,
)

# What a line may not contain raw: the backslash (so escapes stay unambiguous), control
# characters, line and paragraph separators, invisible and bidi formatting, lone surrogates.
_UNSAFE = re.compile(r"[\\\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]")
_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}

_OPENERS = {"{": "}", "[": "]", "(": ")"}


def _quoted_end(text: str, start: int) -> int:
    """End of the string literal opening at ``start`` (backslash escapes honoured)."""
    quote, index = text[start], start + 1
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text[index] == quote:
            return index + 1
        index += 1
    return len(text)


def _value_end(text: str, start: int, stops: str) -> int:
    """End of the value starting at ``start``: a bracketed structure, a literal, or a bare word."""
    if start >= len(text):
        return start
    if text[start] in "'\"":
        return _quoted_end(text, start)
    if text[start] in _OPENERS:
        depth, index = 0, start
        while index < len(text):
            char = text[index]
            if char in "'\"":
                index = _quoted_end(text, index)
                continue
            if char in _OPENERS:
                depth += 1
            elif char in _OPENERS.values():
                depth -= 1
                if depth == 0:
                    return index + 1
            index += 1
        return len(text)
    index = start
    while index < len(text) and text[index] not in stops:
        index += 1
    return index


def _redact_values(text: str, names: re.Pattern[str], stops: str) -> str:
    parts, cursor = [], 0
    for match in names.finditer(text):
        if match.start() < cursor:  # inside a value already withheld
            continue
        end = _value_end(text, match.end(), stops)
        parts += [text[cursor : match.end()], REDACTED]
        cursor = end
    return "".join(parts) + text[cursor:]


def redact(text: str) -> str:
    """``text`` with every secret or personal value it carries replaced by ``<redacted>``."""
    text = _redact_values(text, _HEADER_NAME, "\n'\"")
    text = _redact_values(text, _QUOTED_NAME, ",}]\n")
    text = _redact_values(text, _ASSIGNED_NAME, "&,;)]} \n'\"")
    text = _EXCEPTION_MESSAGE.sub(rf"\g<type>: {REDACTED}", text)
    text = _ECHOED_VALUE.sub(REDACTED, text)
    return _SHAPES.sub(REDACTED, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _ESCAPES.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def one_line(text: str) -> str:
    """``text`` as one line: every control character, separator and backslash escaped."""
    return _UNSAFE.sub(_escape, text)


def clean(text: str) -> str:
    """What may reach a log line: redacted, then on one line."""
    return one_line(redact(text))


def _rendered(record: logging.LogRecord) -> str:
    """The record's whole text as a handler would print it: message, traceback, stack."""
    try:
        text = record.getMessage()
    except Exception:  # a bad format string still gets logged, without its arguments
        text = str(record.msg)
    if record.exc_info and record.exc_info[0] is not None:
        text += "\n" + "".join(traceback.format_exception(*record.exc_info)).rstrip()
    elif record.exc_text:
        text += "\n" + record.exc_text
    if record.stack_info:
        text += "\n" + record.stack_info
    return text


def _cleaned(record: logging.LogRecord) -> logging.LogRecord:
    record.msg, record.args = clean(_rendered(record)), ()
    record.exc_info, record.exc_text, record.stack_info = None, None, None
    return record


def _unwrapped_reflex_consoles() -> None:
    """Let Reflex's rich consoles soft-wrap: one record stays one line in a log file.

    By default they word-wrap at the terminal width, 80 columns when writing to a file.
    """
    from reflex_base.utils import log

    for console in (log._console, log._console_stderr):
        console.soft_wrap = True


def install() -> None:
    """Clean every log record of this process from now on (idempotent)."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "log_hygiene", False):
        return

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return _cleaned(previous(*args, **kwargs))

    cleaning: Callable[..., logging.LogRecord] = factory
    cleaning.log_hygiene = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(cleaning)
    _unwrapped_reflex_consoles()
    # What Python would print to stderr itself goes through the records too.
    logging.captureWarnings(True)
    sys.excepthook = _log_uncaught
    threading.excepthook = _log_thread_uncaught


def _log_uncaught(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
    logging.getLogger("privacy_center").critical("uncaught exception", exc_info=(kind, error, trace))


def _log_thread_uncaught(hook: threading.ExceptHookArgs) -> None:
    """A thread's uncaught exception; its value may be missing (documented), then its type alone is named."""
    if hook.exc_value is None:
        logging.getLogger("privacy_center").critical("uncaught exception %s", hook.exc_type.__name__)
        return
    _log_uncaught(hook.exc_type, hook.exc_value, hook.exc_traceback)
