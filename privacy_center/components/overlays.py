"""What opens above the page: a confirmation dialog and a menu (a bottom sheet on phones).

Both are built on what the browser already does well, not on a component library:

- the dialog is a native ``<dialog>`` opened with ``showModal()``: it traps focus, closes
  on Escape, makes the page behind it inert and returns focus to what opened it;
- the menu is a native popover (``popover`` + ``popovertarget``): it opens without any
  script or server round trip, closes on Escape or a tap outside, sits in the top layer
  (so it never moves the page) and returns focus to its trigger.

Scripts are compiled into the page (``rx.run_script``), never evaluated from strings:
the pages' CSP forbids ``eval``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import reflex as rx

from privacy_center.components.icons import icon as draw_icon


def _element(element_id: str) -> str:
    return f"document.getElementById({json.dumps(element_id)})"


def open_dialog(dialog_id: str) -> rx.event.EventSpec:
    """Open the :func:`confirm_dialog` ``dialog_id`` as a modal.

    An open menu is closed first, so its trigger gets the focus back and the dialog
    returns it there when it closes (not to an item of a menu that is gone).
    """
    return rx.run_script(
        "(()=>{try{document.querySelectorAll('[popover]:popover-open').forEach((p)=>p.hidePopover())}catch(e){}"
        f"const d={_element(dialog_id)};if(d&&!d.open){{d.showModal()}}}})()"
    )


def close_dialog(dialog_id: str) -> rx.event.EventSpec:
    """Close the dialog ``dialog_id`` (focus goes back to what opened it)."""
    return rx.run_script(f"(()=>{{const d={_element(dialog_id)};if(d&&d.open){{d.close()}}}})()")


def _events(handler: rx.event.EventType) -> list:
    return list(handler) if isinstance(handler, Sequence) and not isinstance(handler, str) else [handler]


def confirm_dialog(
    *,
    dialog_id: str,
    title: str,
    text: str,
    confirm_label: str,
    cancel_label: str,
    on_confirm: rx.event.EventType,
    danger: bool = False,
) -> rx.Component:
    """A modal question with two answers; ``on_confirm`` runs only on the confirming one.

    Cancel comes first and is the safer default; the confirming button says what it
    does (never "OK"), in the danger style when it cannot be undone.
    """
    title_id, text_id = f"{dialog_id}-title", f"{dialog_id}-text"
    return rx.el.dialog(
        rx.el.h2(title, id=title_id, class_name="dialog-title"),
        rx.el.p(text, id=text_id, class_name="dialog-text"),
        rx.el.div(
            rx.el.button(cancel_label, type="button", class_name="button", on_click=close_dialog(dialog_id)),
            rx.el.button(
                confirm_label,
                type="button",
                class_name="button danger" if danger else "button primary",
                on_click=[close_dialog(dialog_id), *_events(on_confirm)],
            ),
            class_name="dialog-actions",
        ),
        id=dialog_id,
        class_name="dialog",
        aria_labelledby=title_id,
        aria_describedby=text_id,
    )


def menu_item(
    text: str | rx.Var,
    *,
    icon: str | None = None,
    on_click: rx.event.EventType | None = None,
    href: str | rx.Var | None = None,
    danger: bool = False,
) -> rx.Component:
    """One entry of a :func:`menu`: a button (``on_click``) or a link (``href``), 44 px high."""
    if (on_click is None) == (href is None):
        raise ValueError("a menu item is either a button (on_click) or a link (href)")
    parts = [draw_icon(icon)] if icon else []
    parts.append(rx.el.span(text, class_name="menu-item-text"))
    classes = "menu-item" + (" menu-item-danger" if danger else "")
    if href is not None:
        return rx.el.a(*parts, href=href, class_name=classes)
    return rx.el.button(*parts, type="button", on_click=on_click, class_name=classes)


def menu(
    *,
    label: str,
    trigger: rx.Component,
    items: list[rx.Component],
    menu_id: str,
    heading: rx.Component | str | rx.Var | None = None,
    close_label: str | None = None,
) -> rx.Component:
    """A button (showing ``trigger``) that opens ``items``: a dropdown on wide screens, a sheet on phones.

    ``label`` names the button (before what ``trigger`` shows) and the panel for screen readers; ``heading`` is shown
    at the top of the panel (the signed-in name, say); ``close_label`` adds a Close
    button to the panel (on a phone a sheet should offer one besides tapping outside).
    The panel follows its trigger in the tab order, so Tab and Shift+Tab reach the
    items, and Escape closes it.
    """
    head: list[rx.Component] = []
    if heading is not None:
        head.append(rx.el.p(heading, class_name="menu-heading"))
    if close_label is not None:
        head.append(
            rx.el.button(
                draw_icon("x"),
                type="button",
                aria_label=close_label,
                title=close_label,
                class_name="menu-close",
                custom_attrs={"popoverTarget": menu_id, "popoverTargetAction": "hide"},
            )
        )
    panel = rx.el.div(
        *([rx.el.div(*head, class_name="menu-head")] if head else []),
        rx.el.ul(*(rx.el.li(item) for item in items), class_name="menu-items"),
        id=menu_id,
        class_name="menu",
        aria_label=label,
        role="group",
        custom_attrs={"popover": "auto"},
    )
    # The label is read first, then what the trigger shows: the visible words stay part of
    # the button's name (WCAG 2.5.3), and the browser tells the expanded state itself.
    button = rx.el.button(
        rx.el.span(label, class_name="visually-hidden"),
        trigger,
        type="button",
        class_name="menu-trigger",
        custom_attrs={"popoverTarget": menu_id},
    )
    return rx.el.div(button, panel, class_name="menu-anchor")
