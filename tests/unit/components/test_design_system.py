"""The design system's components, by what they render: roles, ARIA, chevrons, refusals.

Rendered to the JSX Reflex compiles (what the browser gets), so a test fails when a
component stops emitting the attribute assistive technology relies on.
"""

from __future__ import annotations

import re

import pytest
import reflex as rx

from privacy_center.components.controls import pager, signed_in_only
from privacy_center.components.feedback import TONES, badge, empty_state, notice, placeholder, skeleton
from privacy_center.components.icons import icon, icon_names
from privacy_center.components.rows import row, row_group
from privacy_center.components.switch import switch
from privacy_center.i18n.locales import by_code

EN, ZH = by_code("en"), by_code("zh_CN")
CHEVRON = 'd:"m9 18 6-6-6-6"'  # Lucide chevron-right's path
REQUIRED_ICONS = [
    "chevron-right",
    "chevron-left",
    "chevron-down",
    "info",
    "alert-triangle",
    "check",
    "x",
    "user",
    "settings",
    "app-window",
    "download",
    "history",
    "users",
    "trash",
    "shield",
    "file-text",
    "share",
    "database",
    "globe",
    "moon",
    "sun",
    "log-out",
    "menu",
    "more-horizontal",
    "refresh-cw",
    "wifi-off",
    "lock",
    "bell",
    "baby",
    "external-link",
]


class _Sample(rx.State):
    """A state for the interactive samples (never run: only compiled)."""

    on: bool = False
    more: bool = True

    @rx.event
    def set_on(self, value: bool) -> None:
        self.on = value

    @rx.event
    def step(self, delta: int) -> None:
        self.more = delta > 0


def jsx(component: rx.Component) -> str:
    """The compiled JSX, with JavaScript's \\uXXXX escapes read back into characters."""
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), str(component))


# Icons


@pytest.mark.parametrize("name", REQUIRED_ICONS)
def test_every_icon_the_pages_ask_for_exists_and_draws_in_the_text_colour(name: str) -> None:
    out = jsx(icon(name))
    assert name in icon_names()
    assert out.startswith('jsx("svg"')
    assert 'stroke:"currentColor"' in out
    assert 'viewBox:"0 0 24 24"' in out
    assert re.search(r'jsx\("(path|circle|rect|line|polyline|polygon|ellipse)"', out)


def test_a_decorative_icon_is_hidden_from_screen_readers() -> None:
    out = jsx(icon("info"))
    assert '"aria-hidden":"true"' in out
    assert "role:" not in out


def test_an_icon_with_a_label_is_an_image_with_that_name() -> None:
    out = jsx(icon("x", label="Close"))
    assert 'role:"img"' in out
    assert '"aria-label":"Close"' in out
    assert "aria-hidden" not in out


def test_icon_size_sets_both_dimensions() -> None:
    out = jsx(icon("bell", size=32))
    assert "height:32" in out
    assert "width:32" in out


def test_an_unknown_icon_fails_while_compiling() -> None:
    with pytest.raises(ValueError, match="unknown icon 'chevron-rigth'"):
        icon("chevron-rigth")
    with pytest.raises(ValueError, match="size"):
        icon("info", size=0)


# Rows


def test_a_link_row_is_a_link_with_a_chevron() -> None:
    out = jsx(row("Collected", href="/en/collected/", icon="database", secondary="What we collect", value="3"))
    assert out.startswith('jsx("li"')
    assert 'to:"/en/collected/"' in out
    assert CHEVRON in out
    for part in ("row-icon", "row-title", "row-secondary", "row-value"):
        assert part in out


def test_a_server_route_row_is_a_plain_anchor() -> None:
    out = jsx(row("Sign in", href="/auth/login", reload=True))
    assert 'jsx("a"' in out
    assert 'href:"/auth/login"' in out
    assert "ReactRouterLink" not in out
    assert CHEVRON in out


def test_a_button_row_is_a_button_without_a_chevron() -> None:
    out = jsx(row("Sign out", on_click=_Sample.set_on(True)))
    assert 'jsx("button"' in out
    assert 'type:"button"' in out
    assert CHEVRON not in out


def test_a_static_row_is_neither_link_nor_button_nor_chevron() -> None:
    out = jsx(row("Version", value="1.0"))
    assert 'jsx("div"' in out
    assert 'jsx("button"' not in out
    assert "href" not in out
    assert CHEVRON not in out


def test_a_row_is_a_link_or_a_button_not_both() -> None:
    with pytest.raises(ValueError, match="either a link"):
        row("x", href="/en/", on_click=_Sample.set_on(True))
    with pytest.raises(ValueError, match="reload"):
        row("x", reload=True)


def test_a_group_is_a_section_named_by_its_heading_holding_a_list() -> None:
    out = jsx(row_group(row("A", href="/en/a/"), row("B"), title="Yours", footer="Note", id="g"))
    assert out.startswith('jsx("section"')
    assert '"aria-labelledby":"g-title"' in out
    assert 'jsx("h2",{className:"row-group-title",id:"g-title"' in out
    assert 'jsx("ul",{className:"row-list",role:"list"}' in out
    assert out.count('jsx("li"') == 2
    assert "Note" in out


# Switch


def test_a_switch_is_a_button_with_the_switch_role_and_its_state() -> None:
    out = jsx(switch("Ads", checked=_Sample.on, on_change=_Sample.set_on, name="ads", description="Shown in apps"))
    assert 'role:"switch"' in out
    assert 'type:"button"' in out
    assert '"aria-checked":' in out
    assert '"aria-labelledby":"ads-label"' in out
    assert 'id:"ads-label"' in out
    assert '"aria-describedby":"ads-description"' in out
    assert 'id:"ads-description"' in out
    # The handler receives the opposite of the current value.
    assert "!(" in out
    assert "set_on" in out


def test_a_disabled_switch_says_so_and_a_static_value_compiles() -> None:
    out = jsx(switch("Ads", checked=True, on_change=_Sample.set_on, name="ads", disabled=True))
    assert "disabled:true" in out
    assert '"aria-checked":true' in out
    assert "aria-describedby" not in out


def test_a_switch_needs_a_name_usable_as_an_id() -> None:
    with pytest.raises(ValueError, match="name"):
        switch("Ads", checked=False, on_change=_Sample.set_on, name="two words")


# Badges, notices, empty states, skeletons


@pytest.mark.parametrize("tone", TONES)
def test_badges_carry_their_tone(tone: str) -> None:
    assert f'className:"badge badge-{tone}"' in jsx(badge("Sensitive", tone=tone))


def test_unknown_tones_and_roles_fail() -> None:
    with pytest.raises(ValueError, match="tone"):
        badge("x", tone="red")
    with pytest.raises(ValueError, match="tone"):
        notice("x", tone="loud")
    with pytest.raises(ValueError, match="role"):
        notice("x", role="banner")


def test_a_notice_has_its_role_icon_title_and_actions() -> None:
    out = jsx(
        notice(
            rx.el.p("Saved"),
            tone="success",
            title="Done",
            role="status",
            id="n1",
            actions=[rx.el.button("Undo", type="button", class_name="button")],
            hidden=_Sample.on,
        )
    )
    assert 'role:"status"' in out
    assert 'id:"n1"' in out
    assert "notice notice-success" in out
    assert "notice-title" in out
    assert "notice-actions" in out
    assert "hidden:" in out
    assert '"aria-hidden":"true"' in out  # the tone's icon is decoration: the words say it


def test_a_compact_notice_is_marked_compact_and_a_plain_one_has_no_role() -> None:
    assert "notice-compact" in jsx(notice("x", compact=True))
    assert "role:" not in jsx(notice("x"))


def test_an_empty_state_has_title_text_and_action() -> None:
    out = jsx(empty_state("No mail yet", text="Messages appear here.", action=rx.el.a("Home", href="/en/")))
    assert "empty-title" in out
    assert "Messages appear here." in out
    assert "empty-action" in out


def test_a_skeleton_is_a_busy_status_named_for_screen_readers_with_hidden_rows() -> None:
    out = jsx(skeleton(4, label="Loading…"))
    assert 'role:"status"' in out
    assert '"aria-busy":"true"' in out
    assert 'jsx("span",{className:"visually-hidden"},"Loading…")' in out
    assert '"aria-hidden":"true"' in out
    assert out.count('className:"row-item"') == 4
    with pytest.raises(ValueError, match="at least one row"):
        skeleton(0, label="Loading…")


def test_an_inline_placeholder_is_announced() -> None:
    out = jsx(placeholder(label="Loading…"))
    assert "skeleton-bar" in out
    assert "visually-hidden" in out


# Controls


def test_the_pager_has_two_buttons_and_a_polite_label() -> None:
    out = jsx(
        pager(
            ZH,
            label="1 / 3",
            previous=_Sample.step(-1),
            following=_Sample.step(1),
            has_previous=_Sample.more,
            has_following=_Sample.more,
            aria_label="列表分页",
        )
    )
    assert out.startswith('jsx("nav"')
    assert '"aria-label":"列表分页"' in out
    assert out.count('jsx("button"') == 2
    assert '"aria-live":"polite"' in out
    assert "pager-label" in out
    assert "上一页" in out


def test_signed_in_only_shows_a_skeleton_until_loaded() -> None:
    out = jsx(
        signed_in_only(
            EN, "/access-history", signed_in=_Sample.on, loaded=_Sample.more, body=rx.el.p("mine"), prompt="Sign in"
        )
    )
    assert '"aria-busy":"true"' in out
    assert "Loading…" in out
    assert "doc-meta" not in out
