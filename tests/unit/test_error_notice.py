"""Errors in Reflex handlers reach the person once, as a notice in the page's language.

The app's backend exception handler turns an exception into an event of NoticeState;
these run that event as Reflex would (payload from the event spec, for a tab on a
zh-cn page) and read what the person sees.
"""

from __future__ import annotations

import pytest
from reflex.istate.data import RouterData
from reflex_base.event import Event

from privacy_center.errors import NotAllowedError
from privacy_center.privacy_center import app
from privacy_center.state.notice import NoticeState, on_backend_exception


def _shown(exception: Exception, path: str) -> str:
    """What the tab on ``path`` shows after a handler raised ``exception``."""
    (event,) = Event.from_event_type(on_backend_exception(exception))
    assert event.name == NoticeState.get_full_name() + ".show_error"
    state = NoticeState()
    state.router = RouterData.from_router_data({"headers": {}, "asPath": path, "pathname": path})
    NoticeState.show_error.fn(state, **event.payload)
    return state.text


def test_the_app_maps_handler_errors_through_the_notice() -> None:
    assert app.backend_exception_handler is on_backend_exception


def test_a_domain_error_reads_in_the_pages_language() -> None:
    assert _shown(NotAllowedError(), "/zh-cn/collected/") == "您无权执行此操作。"
    assert _shown(NotAllowedError(), "/en/collected/") == "You are not allowed to do this."


@pytest.mark.allow_error_logs
def test_a_bug_reads_as_a_generic_notice_in_the_pages_language_never_its_text() -> None:
    shown = _shown(RuntimeError("secret detail 13800001234"), "/zh-cn/collected/")
    assert shown == "出了点问题，请重试。"
    assert "Contact the website administrator" not in shown


def test_a_forged_notice_event_shows_only_catalog_text() -> None:
    state = NoticeState()
    state.router = RouterData.from_router_data({"headers": {}, "asPath": "/zh-cn/", "pathname": "/zh-cn/"})
    NoticeState.show_error.fn(state, "NoSuchError", {"x": "<script>"})
    assert state.text == "出了点问题，请重试。"
    NoticeState.dismiss.fn(state)
    assert state.text == ""
