"""No client can set a server-owned state var: the app's states have no generated setters."""

from __future__ import annotations

import reflex as rx

from privacy_center.pages.collected import CollectedState
from privacy_center.pages.collected_item import CollectedItemState
from privacy_center.pages.guidelines import FindState
from privacy_center.pages.history import HistoryState
from privacy_center.pages.shared import SharedState
from privacy_center.pages.shared_partner import SharedPartnerState
from privacy_center.state.session import SessionState


def test_no_setters_for_any_var() -> None:
    for state in (
        SessionState,
        FindState,
        HistoryState,
        CollectedState,
        CollectedItemState,
        SharedState,
        SharedPartnerState,
    ):
        setters = [name for name in state.event_handlers if name.startswith("set_")]
        assert setters == [], f"{state.__name__} exposes {setters}"


def test_auto_setters_are_off() -> None:
    assert rx.config.get_config().state_auto_setters is False


def test_cursors_and_the_query_stay_on_the_server() -> None:
    """Backend-only vars never reach the browser, so a client can neither read nor set them."""
    for state_class, planted in (
        (CollectedState, {"_query": "planted-query", "_offset": 424242}),
        (SharedState, {"_query": "planted-query", "_offset": 424242}),
        (CollectedItemState, {"_starts": [("planted-start", 424242)], "_next": ("planted-next", 424243)}),
        (SharedPartnerState, {"_starts": [("planted-start", 424242)], "_next": ("planted-next", 424243)}),
    ):
        state = state_class()
        for name, value in planted.items():
            setattr(state, name, value)
            assert getattr(state, name) == value
            assert name.lstrip("_") not in state_class.vars, (state_class.__name__, name)
        sent = str(state.dict())
        assert "planted" not in sent, state_class.__name__
        assert "42424" not in sent, state_class.__name__
