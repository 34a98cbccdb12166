"""No client can set a server-owned state var: the app's states have no generated setters."""

from __future__ import annotations

import reflex as rx

from privacy_center.pages.guidelines import FindState
from privacy_center.pages.history import HistoryState
from privacy_center.state.session import SessionState


def test_no_setters_for_any_var() -> None:
    for state in (SessionState, FindState, HistoryState):
        setters = [name for name in state.event_handlers if name.startswith("set_")]
        assert setters == [], f"{state.__name__} exposes {setters}"


def test_auto_setters_are_off() -> None:
    assert rx.config.get_config().state_auto_setters is False
