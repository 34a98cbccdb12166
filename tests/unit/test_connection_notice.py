"""The connection notice: localized, a live region, a retry that works without the socket.

Its timing (shown after the grace period, gone when the socket is back) is proven in
the browser by tests/e2e/test_phone_first.py; here, what the compiled page carries.
"""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import pytest
import reflex as rx

from privacy_center.components.connection import (
    GRACE_MS,
    REFLEX_OVERLAY_WRAP,
    connection_notice,
    connection_stalled,
    drop_reflex_connection_overlay,
)
from privacy_center.i18n.locales import KNOWN_LOCALES, UiLocale

_TEXT = {"en": "Connection lost, retrying…", "zh-CN": "连接已断开，正在重试…"}
_RETRY = {"en": "Retry", "zh-CN": "重试"}


def _texts(tree: Any) -> list[str]:
    """The text children of a rendered component (JS string literals, decoded)."""
    if isinstance(tree, dict):
        found = [json.loads(tree["contents"])] if "contents" in tree else []
        return found + [text for value in tree.values() for text in _texts(value)]
    if isinstance(tree, list):
        return [text for item in tree for text in _texts(item)]
    return []


@pytest.mark.parametrize("locale", KNOWN_LOCALES, ids=lambda loc: loc.tag)
def test_the_notice_speaks_the_pages_language_in_a_status_region(locale: UiLocale) -> None:
    rendered = connection_notice(locale).render()
    assert _texts(rendered) == [_TEXT[locale.tag], _RETRY[locale.tag]]
    assert 'role:"status"' in rendered["props"]


def test_retry_reloads_without_going_through_the_event_queue() -> None:
    # Reflex queues events until the socket is connected: a queued reload would never run.
    rendered = json.dumps(connection_notice(KNOWN_LOCALES[0]).render())
    assert "window.location.reload()" in rendered
    assert "addEvents" not in rendered


def test_the_notice_waits_out_the_grace_period_and_follows_the_socket() -> None:
    data = connection_stalled._get_all_var_data()
    assert data is not None
    hooks = "\n".join(data.hooks)
    assert f"setTimeout(() => setPcStalled(true), {GRACE_MS})" in hooks
    assert "connectErrors.length === 0" in hooks
    assert "is_hydrated" in hooks
    # The state context and the connection errors are declared before the hook that reads them.
    assert hooks.index("useStateContext") < hooks.index("pcOnline")
    assert hooks.index("const connectErrors") < hooks.index("pcOnline")


def test_reflex_english_connection_toast_is_dropped_once() -> None:
    # Reflex's own default wraps, on a stand-in: a second rx.App in one process is refused once
    # the real app module has been imported by another test.
    app = SimpleNamespace(app_wraps=rx.App.__dataclass_fields__["app_wraps"].default_factory())
    assert REFLEX_OVERLAY_WRAP in app.app_wraps
    drop_reflex_connection_overlay(app)
    assert REFLEX_OVERLAY_WRAP not in app.app_wraps
    with pytest.raises(LookupError):
        drop_reflex_connection_overlay(app)
