"""A row-shaped on/off switch for the settings to come.

A ``<button role="switch">`` rather than a checkbox: it acts at once (no form to
submit) and screen readers announce "on"/"off". The whole row is the button, so the
target is the row's full width and at least 44 px high; its name is the label alone,
the description is read after it.
"""

from __future__ import annotations

import reflex as rx
from reflex.event import EventHandler


def _handler(on_change: rx.event.EventType, turned_to: rx.Var) -> rx.event.EventType:
    """``on_change`` called with the new value when it is a bare handler; as given otherwise."""
    if isinstance(on_change, EventHandler):
        return on_change(turned_to)
    return on_change


def switch(
    label: str,
    *,
    checked: rx.Var | bool,
    on_change: rx.event.EventType,
    name: str,
    description: str | rx.Var | None = None,
    disabled: rx.Var | bool = False,
) -> rx.Component:
    """The switch ``name`` (its id too); ``on_change`` receives the new value (``True`` = on).

    A row of a :func:`~privacy_center.components.rows.row_group`.
    """
    if not name or not name.replace("-", "").replace("_", "").isalnum():
        raise ValueError(f"a switch needs a name usable as an HTML id, got {name!r}")
    state = checked if isinstance(checked, rx.Var) else rx.Var.create(checked)
    label_id, description_id = f"{name}-label", f"{name}-description"
    text = [rx.el.span(label, id=label_id, class_name="row-title")]
    described: dict[str, str] = {}
    if description is not None:
        text.append(rx.el.span(description, id=description_id, class_name="row-secondary"))
        described["aria_describedby"] = description_id
    return rx.el.li(
        rx.el.button(
            rx.el.span(*text, class_name="row-text"),
            rx.el.span(rx.el.span(class_name="switch-thumb"), class_name="switch-track", aria_hidden="true"),
            type="button",
            role="switch",
            id=name,
            name=name,
            aria_checked=state,
            aria_labelledby=label_id,
            disabled=disabled,
            on_click=_handler(on_change, ~state),
            class_name="row row-switch",
            **described,
        ),
        class_name="row-item",
    )
