"""Rows in the style of a phone's settings screen, and the titled groups that hold them.

A row is one tappable line at least 44 px high: icon, title, secondary line, a value or
count on the right, and a chevron when it leads somewhere. Every row is a list item,
so a screen reader announces "list, 4 items" for a group, as it does on a phone. Pages
build their lists from these, so adding an entry to a screen is one line.
"""

from __future__ import annotations

import reflex as rx

from privacy_center.components.icons import icon as draw_icon
from privacy_center.components.links import anchor, nav_link

Content = str | rx.Var | rx.Component


def _text(title: str | rx.Var, secondary: Content | None) -> rx.Component:
    parts: list[rx.Component] = [rx.el.span(title, class_name="row-title")]
    if secondary is not None:
        # An empty Var leaves an empty span, which CSS hides (no gap below the title).
        parts.append(rx.el.span(secondary, class_name="row-secondary"))
    return rx.el.span(*parts, class_name="row-text")


def row(
    title: str | rx.Var,
    *,
    href: str | rx.Var | None = None,
    icon: str | None = None,
    secondary: Content | None = None,
    value: Content | None = None,
    on_click: rx.event.EventType | None = None,
    reload: bool = False,
    id: str | None = None,
) -> rx.Component:
    """One row: a link with ``href``, a button with ``on_click``, else static text.

    ``reload=True`` makes a link a plain anchor, for routes the server answers itself
    (``/auth/...``, downloads): the client router would show its 404 page for them.
    Only a link gets the chevron: it is the promise that tapping opens another screen.
    """
    if href is not None and on_click is not None:
        raise ValueError("a row is either a link (href) or a button (on_click), not both")
    if reload and href is None:
        raise ValueError("reload=True only applies to a link row (href)")
    parts: list[rx.Component] = []
    if icon is not None:
        parts.append(rx.el.span(draw_icon(icon), class_name="row-icon"))
    parts.append(_text(title, secondary))
    if value is not None:
        parts.append(rx.el.span(value, class_name="row-value"))
    extra = {"id": id} if id else {}
    if href is not None:
        parts.append(rx.el.span(draw_icon("chevron-right"), class_name="row-chevron"))
        link = anchor if reload else nav_link
        inner = link(*parts, href=href, class_name="row row-link", **extra)
    elif on_click is not None:
        inner = rx.el.button(*parts, type="button", on_click=on_click, class_name="row row-button", **extra)
    else:
        inner = rx.el.div(*parts, class_name="row row-static", **extra)
    return rx.el.li(inner, class_name="row-item")


def row_list(*rows: rx.Component, label: str | None = None) -> rx.Component:
    """The list that holds rows (``role="list"``: Safari drops list semantics without markers)."""
    extra = {"aria_label": label} if label else {}
    return rx.el.ul(*rows, role="list", class_name="row-list", **extra)


def row_group(
    *rows: rx.Component,
    title: str | None = None,
    footer: str | None = None,
    id: str | None = None,
) -> rx.Component:
    """A section of rows under an ``<h2>``, with an optional note below (as a phone's settings screen)."""
    parts: list[rx.Component] = []
    section: dict[str, str] = {}
    if title is not None:
        heading_id = f"{id}-title" if id else None
        parts.append(rx.el.h2(title, class_name="row-group-title", **({"id": heading_id} if heading_id else {})))
        if heading_id:
            section["aria_labelledby"] = heading_id
    parts.append(row_list(*rows))
    if footer is not None:
        parts.append(rx.el.p(footer, class_name="row-group-footer"))
    if id:
        section["id"] = id
    return rx.el.section(*parts, class_name="row-group", **section)
