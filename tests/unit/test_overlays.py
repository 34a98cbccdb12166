"""The dialog and the menu are the browser's own (<dialog>, popover): what the markup must say for that."""

from __future__ import annotations

import pytest
import reflex as rx

from privacy_center.components.overlays import close_dialog, confirm_dialog, menu, menu_item, open_dialog


def _rendered(component: rx.Component) -> str:
    return str(component.render())


def test_confirm_dialog_is_named_and_described_by_its_own_text() -> None:
    html = _rendered(
        confirm_dialog(
            dialog_id="wipe", title="Delete?", text="It cannot be undone.", confirm_label="Delete",
            cancel_label="Cancel", on_confirm=rx.run_script("void 0"), danger=True,
        )
    )  # fmt: skip
    assert '"dialog"' in html
    assert 'id:"wipe"' in html
    assert '"aria-labelledby":"wipe-title"' in html
    assert 'id:"wipe-title"' in html
    assert '"aria-describedby":"wipe-text"' in html
    assert 'id:"wipe-text"' in html
    assert '"button danger"' in html
    assert html.index('"Cancel"') < html.index('"Delete"'), "the safe answer comes first"


def test_a_confirm_that_can_be_undone_is_primary() -> None:
    html = _rendered(
        confirm_dialog(
            dialog_id="d", title="T", text="X", confirm_label="Go", cancel_label="Back", on_confirm=rx.run_script("0")
        )
    )
    assert '"button primary"' in html
    assert "button danger" not in html


def test_open_dialog_closes_open_menus_first_then_shows_the_modal() -> None:
    script = str(open_dialog("wipe"))
    assert "hidePopover" in script
    assert script.index("hidePopover") < script.index("showModal")
    assert "wipe" in script
    assert "close()" in str(close_dialog("wipe"))


def test_the_menu_is_a_popover_its_trigger_opens() -> None:
    html = _rendered(
        menu(
            label="Account", trigger=rx.text("Alice"), items=[menu_item("Sign out", on_click=rx.run_script("0"))],
            menu_id="account-menu", close_label="Close",
        )
    )  # fmt: skip
    assert 'popover:"auto"' in html
    assert html.count('popoverTarget:"account-menu"') == 2  # the trigger and the Close button
    assert 'popoverTargetAction:"hide"' in html
    assert '"aria-label":"Account"' in html
    # The visible words stay part of the trigger's name: the label is read first, then them.
    assert '"visually-hidden"' in html


@pytest.mark.parametrize("kwargs", [{}, {"href": "/en/", "on_click": rx.run_script("0")}])
def test_a_menu_item_is_either_a_link_or_a_button(kwargs: dict) -> None:
    with pytest.raises(ValueError, match="either"):
        menu_item("Item", **kwargs)


def test_a_menu_link_item_is_an_in_app_link() -> None:
    assert 'to:"/en/guidelines/"' in _rendered(menu_item("Help", href="/en/guidelines/"))
