"""The settings page's handlers, called directly as any (forged) client could call them.

Whose settings change is decided by the cookie alone; the version a change is made
against is the one the tab was shown; every refusal is a localized message and changes
nothing; GPC on the connection opts the person out at load; a host app's report of the
device's permissions is read strictly and kept in the page only.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from reflex.istate.data import RouterData
from sqlmodel import select

from privacy_center.content.settings_catalogue import get_catalogue
from privacy_center.db import session_scope
from privacy_center.models import AuditEntry, PrivacySetting
from privacy_center.models.base import utcnow
from privacy_center.pages.settings_host import HostReportError, parse_report
from privacy_center.pages.settings_state import SettingsState, read_for_watch
from privacy_center.services import sessions
from privacy_center.state.binding import session_key
from privacy_center.state.context import resolve_event_viewer
from tests.conftest import configured_database
from tests.unit.factories import make_person

EN, ZH = "/en/settings/", "/zh-cn/settings/"
HOST = "https://lattice-app.example"


@dataclass(frozen=True)
class People:
    alice: str
    grace: str
    alice_id: int


@pytest.fixture
def people(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[People]:
    now = utcnow()
    with configured_database(monkeypatch, f"sqlite:///{tmp_path / 'settings.db'}", host_app_origins=HOST):
        with session_scope() as session:
            alice, grace = make_person(session, "alice"), make_person(session, "grace")
            tokens = [sessions.create(session=session, user=u, auth_time=now, now=now) for u in (alice, grace)]
            alice_id = alice.id or 0
        yield People(*(f"{sessions.COOKIE}={t}" for t in tokens), alice_id=alice_id)


def _tab(path: str, cookie: str = "", *, query: str = "", **headers: str) -> SettingsState:
    state = SettingsState()
    url = path + (f"?{query}" if query else "")
    state.router = RouterData.from_router_data(
        {"headers": {"cookie": cookie, **headers}, "asPath": url, "pathname": path}
    )
    # What the session-binding middleware does before every event.
    state._filled_by = session_key(resolve_event_viewer(cookie))
    return state


def _load(state: SettingsState) -> object:
    return asyncio.run(SettingsState.load.fn(state))


def _change(state: SettingsState, key: object, value: object) -> None:
    asyncio.run(SettingsState.change.fn(state, key, value))


def _rows() -> dict[tuple[int, str], tuple[str, int, str]]:
    with session_scope() as session:
        return {
            (row.user_id, row.key): (row.value, row.version, row.source)
            for row in session.exec(select(PrivacySetting)).all()
        }


def _history() -> list[dict]:
    with session_scope() as session:
        return [entry.details for entry in session.exec(select(AuditEntry).order_by(AuditEntry.id)).all()]


def test_load_shows_the_defaults_and_starts_following_other_tabs(people: People) -> None:
    tab = _tab(EN, people.alice)
    follow = _load(tab)
    assert (tab.loaded, tab.signed_in) == (True, True)
    assert tab.values["ads.personalized"] == "on"
    assert tab.values["recommendations.nearby"] == "off"
    assert tab.values["friends.posts_visible_for"] == "everyone"
    assert "device.camera" not in tab.values  # the phone decides those, the center has no value
    assert follow is SettingsState.watch
    assert not tab.gpc_signal


def test_signed_out_sees_no_values_and_follows_nothing(people: People) -> None:
    for cookie in ("", f"{sessions.COOKIE}=not-a-session"):
        tab = _tab(EN, cookie)
        assert _load(tab) is None
        assert (tab.loaded, tab.signed_in, tab.values) == (True, False, {})


def test_a_change_is_saved_confirmed_and_recorded(people: People) -> None:
    tab = _tab(EN, people.alice)
    _load(tab)
    _change(tab, "recommendations.feed", "off")
    assert tab.values["recommendations.feed"] == "off"
    assert (tab.status_tone, tab.status_title, tab.status_text) == ("success", "Feed", "Saved. It is now: Off.")
    assert _rows() == {(people.alice_id, "recommendations.feed"): ("off", 1, "person")}
    assert _history()[-1] == {"setting": "recommendations.feed", "old": "on", "new": "off", "by": "person"}
    # The next change is made against the version this tab now shows.
    _change(tab, "recommendations.feed", "on")
    assert tab.status_tone == "success"
    assert _rows()[(people.alice_id, "recommendations.feed")] == ("on", 2, "person")


def test_a_choice_is_confirmed_in_the_readers_language(people: People) -> None:
    tab = _tab(ZH, people.alice)
    _load(tab)
    _change(tab, "friends.posts_visible_for", "last_3_days")
    assert tab.values["friends.posts_visible_for"] == "last_3_days"
    assert tab.status_tone == "success"
    assert tab.status_title == "谁可以看我的动态"
    assert "最近三天" in tab.status_text


def test_a_stale_tab_is_told_and_shown_the_current_value(people: People) -> None:
    first, second = _tab(EN, people.alice), _tab(EN, people.alice)
    _load(first)
    _load(second)
    _change(first, "ads.personalized", "off")
    _change(first, "ads.personalized", "on")  # back to "on", but at version 2
    _change(second, "ads.personalized", "off")  # made against version 0: refused
    assert second.status_tone == "warning"
    assert second.status_text.startswith("This setting was changed in another window or on another device.")
    assert second.status_text.endswith("Now: On.")
    assert second.values["ads.personalized"] == "on"
    assert _rows()[(people.alice_id, "ads.personalized")] == ("on", 2, "person")
    # Now that it shows version 2, the same change goes through.
    _change(second, "ads.personalized", "off")
    assert second.status_tone == "success"
    assert _rows()[(people.alice_id, "ads.personalized")] == ("off", 3, "person")


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("ads.nonexistent", "off", "There is no such setting. Nothing was changed."),
        ("device.camera", "granted", "There is no such setting. Nothing was changed."),  # the phone's, not ours
        ("ads.personalized", "maybe", "That is not one of this setting's choices. Nothing was changed."),
        ("friends.posts_visible_for", "on", "That is not one of this setting's choices. Nothing was changed."),
        ("ads.personalized", None, "That is not one of this setting's choices. Nothing was changed."),
        ({"key": "ads.personalized"}, "off", "There is no such setting. Nothing was changed."),
        ("ads.personalized", "x" * 5000, "That is not one of this setting's choices. Nothing was changed."),
    ],
)
def test_unknown_settings_and_bad_values_are_refused_and_change_nothing(
    people: People, key: object, value: object, message: str
) -> None:
    tab = _tab(EN, people.alice)
    _load(tab)
    before = dict(tab.values)
    _change(tab, key, value)
    assert (tab.status_tone, tab.status_text) == ("danger", message)
    assert tab.values == before
    assert _rows() == {}
    assert _history() == []


def test_refusals_are_in_the_pages_language(people: People) -> None:
    tab = _tab(ZH, people.alice)
    _load(tab)
    _change(tab, "ads.personalized", "maybe")
    assert tab.status_tone == "danger"
    assert tab.status_text != "That is not one of this setting's choices. Nothing was changed."
    assert "Nothing" not in tab.status_text


def test_signed_out_or_ended_sessions_change_nothing(people: People) -> None:
    for cookie in ("", f"{sessions.COOKIE}=forged"):
        tab = _tab(EN, cookie)
        _change(tab, "ads.personalized", "off")
        assert (tab.status_tone, tab.status_text) == ("danger", "Please sign in again to continue.")
        assert (tab.signed_in, tab.values) == (False, {})
    assert _rows() == {}


def test_a_forged_change_of_a_setting_the_tab_never_showed_is_treated_as_stale(people: People) -> None:
    with session_scope() as session:
        grace = session.exec(select(PrivacySetting)).all()
        assert grace == []
    other = _tab(EN, people.alice)
    _load(other)
    _change(other, "ads.personalized", "off")
    # A tab that never loaded (a forged client sending the event straight away).
    forged = _tab(EN, people.alice)
    _change(forged, "ads.personalized", "on")
    assert forged.status_tone == "warning"
    assert forged.values == {"ads.personalized": "off"}
    assert _rows()[(people.alice_id, "ads.personalized")] == ("off", 1, "person")


def test_each_person_changes_only_their_own(people: People) -> None:
    tab = _tab(EN, people.grace)
    _load(tab)
    _change(tab, "recommendations.games", "off")
    assert [key for key in _rows() if key[0] == people.alice_id] == []
    alice = _tab(EN, people.alice)
    _load(alice)
    assert alice.values["recommendations.games"] == "on"


def test_gpc_on_the_connection_opts_out_at_load_and_a_later_choice_stands(people: People) -> None:
    tab = _tab(EN, people.alice, **{"sec-gpc": "1"})
    _load(tab)
    assert tab.gpc_signal
    assert tab.gpc_honoured
    assert (tab.values["ads.personalized"], tab.values["ads.share_for_advertising"]) == ("off", "off")
    assert {entry["setting"]: entry["by"] for entry in _history()} == {
        "ads.personalized": "gpc",
        "ads.share_for_advertising": "gpc",
    }
    # The person turns personalized ads back on while still sending the signal: it stands.
    _change(tab, "ads.personalized", "on")
    assert tab.status_tone == "success"
    assert not tab.gpc_honoured
    again = _tab(EN, people.alice, **{"sec-gpc": "1"})
    _load(again)
    assert again.values["ads.personalized"] == "on"
    assert again.gpc_signal
    assert not again.gpc_honoured
    assert len(_history()) == 3


def test_without_the_signal_nothing_is_applied(people: People) -> None:
    for headers in ({}, {"sec-gpc": "0"}, {"sec-gpc": "yes"}):
        tab = _tab(EN, people.alice, **headers)
        _load(tab)
        assert not tab.gpc_signal
        assert tab.values["ads.personalized"] == "on"
    assert _history() == []


def test_the_host_apps_report_in_the_address_is_shown_and_never_stored(people: People) -> None:
    tab = _tab(EN, people.alice, query="permissions=location:granted,camera:denied,photos:not_asked")
    _load(tab)
    assert tab.device == {"device.location": "granted", "device.camera": "denied", "device.photos": "not_asked"}
    assert tab.host_problem == ""
    assert _rows() == {}


@pytest.mark.parametrize(
    "report",
    [
        "location:granted,bluetooth:granted",  # a permission the page does not know
        "location:allowed",  # a state it does not know
        "location:granted,location:denied",  # said twice
        "location",
        " , ",
        "camera:denied," * 100,
    ],
)
def test_a_report_the_page_does_not_understand_is_refused_whole(people: People, report: str) -> None:
    tab = _tab(ZH, people.alice, query=f"permissions={report}")
    _load(tab)
    assert tab.device == {}
    assert tab.host_problem.startswith("应用报告")
    with pytest.raises(HostReportError):
        parse_report(report, get_catalogue().default)


def test_posted_reports_count_only_from_allowed_origins(people: People) -> None:
    tab = _tab(EN, people.alice)
    _load(tab)
    SettingsState.host_report.fn(tab, "https://evil.example", "camera:granted")
    assert tab.device == {}
    SettingsState.host_report.fn(tab, HOST, "camera:granted,microphone:denied")
    assert tab.device == {"device.camera": "granted", "device.microphone": "denied"}
    with pytest.raises(HostReportError):  # a host with nothing to say sends nothing
        parse_report("", get_catalogue().default)
    SettingsState.host_report.fn(tab, HOST, {"camera": "granted"})  # not the relayed text: refused
    assert tab.device == {}
    assert tab.host_problem.startswith("The app reported")


def test_the_watch_reads_the_values_only_for_the_session_that_filled_the_page(people: People) -> None:
    tab = _tab(EN, people.alice)
    _load(tab)
    other = _tab(EN, people.alice)
    _load(other)
    _change(other, "recommendations.video", "off")
    seen = asyncio.run(read_for_watch(people.alice, "/en/settings/", tab._filled_by))
    assert seen is not None
    assert (seen["recommendations.video"].value, seen["recommendations.video"].version) == ("off", 1)
    # Grace's cookie on a page Alice's session filled, or no session at all: nothing is read.
    assert asyncio.run(read_for_watch(people.grace, "/en/settings/", tab._filled_by)) is None
    assert asyncio.run(read_for_watch("", "/en/settings/", tab._filled_by)) is None


def test_the_pages_report_of_the_dom_signal_is_honoured_like_the_header(people: People) -> None:
    tab = _tab(EN, people.alice)
    _load(tab)
    assert not tab.gpc_signal
    assert tab.values["ads.personalized"] == "on"
    asyncio.run(SettingsState.browser_signal.fn(tab))
    assert tab.gpc_signal
    assert tab.gpc_honoured
    assert (tab.values["ads.personalized"], tab.values["ads.share_for_advertising"]) == ("off", "off")
    assert [entry["by"] for entry in _history()] == ["gpc", "gpc"]
    _load(tab)  # the tab's next load still knows its browser sends the signal
    assert tab.gpc_signal
    # Signed out, the report changes nothing.
    stranger = _tab(EN)
    asyncio.run(SettingsState.browser_signal.fn(stranger))
    assert (stranger.signed_in, stranger.values) == (False, {})
    assert len(_history()) == 2
