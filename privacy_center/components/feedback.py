"""Telling the person how things stand: badges, notices, empty states, loading skeletons.

Tone is carried by an icon and by words as well as by colour (colour alone does not
reach everyone), and every placeholder takes the room of what replaces it, so nothing
moves when the content arrives.
"""

from __future__ import annotations

import reflex as rx

from privacy_center.components.icons import icon as draw_icon

TONES = ("neutral", "info", "success", "warning", "danger")
_TONE_ICONS = {
    "neutral": "info",
    "info": "info",
    "success": "check-circle",
    "warning": "alert-triangle",
    "danger": "alert-circle",
}
# Roles a notice may take: live regions (status, alert) or a plain note.
_ROLES = ("status", "alert", "note", "region")


def _tone(tone: str) -> str:
    if tone not in TONES:
        raise ValueError(f"unknown tone {tone!r}; one of {', '.join(TONES)}")
    return tone


def badge(text: str | rx.Var, *, tone: str = "neutral") -> rx.Component:
    """A short label beside a title ("Sensitive", "3 new"): text, never colour alone."""
    return rx.el.span(text, class_name=f"badge badge-{_tone(tone)}")


def notice(
    *children: rx.Component | str | rx.Var,
    tone: str = "info",
    title: str | rx.Var | None = None,
    actions: list[rx.Component] | None = None,
    role: str | None = None,
    compact: bool = False,
    id: str | None = None,
    hidden: rx.Var | bool | None = None,
) -> rx.Component:
    """A boxed message with the tone's icon, an optional title, its text and actions.

    ``role="alert"`` or ``"status"`` makes it a live region (use for what appears after
    an action); keep it in the page from the start and toggle ``hidden``, so screen
    readers hear the change. ``compact`` puts text and actions on one line (banners).
    """
    if role is not None and role not in _ROLES:
        raise ValueError(f"unknown notice role {role!r}; one of {', '.join(_ROLES)}")
    body: list[rx.Component | str | rx.Var] = []
    if title is not None:
        body.append(rx.el.p(title, class_name="notice-title"))
    body.extend(children)
    parts = [
        rx.el.span(draw_icon(_TONE_ICONS[_tone(tone)]), class_name="notice-icon"),
        rx.el.div(*body, class_name="notice-body"),
    ]
    if actions:
        parts.append(rx.el.div(*actions, class_name="notice-actions"))
    props: dict[str, object] = {}
    if role is not None:
        props["role"] = role
    if id is not None:
        props["id"] = id
    if hidden is not None:
        props["hidden"] = hidden
    classes = f"notice notice-{tone}" + (" notice-compact" if compact else "")
    return rx.el.div(*parts, class_name=classes, **props)


def empty_state(
    title: str, *, text: str | None = None, action: rx.Component | None = None, icon: str = "info"
) -> rx.Component:
    """What a list shows when it has nothing yet: what that means, and what to do about it."""
    parts: list[rx.Component] = [
        rx.el.span(draw_icon(icon, size=32), class_name="empty-icon"),
        rx.el.p(title, class_name="empty-title"),
    ]
    if text is not None:
        parts.append(rx.el.p(text, class_name="empty-text"))
    if action is not None:
        parts.append(rx.el.div(action, class_name="empty-action"))
    return rx.el.div(*parts, class_name="empty-state")


def skeleton(rows: int = 3, *, label: str) -> rx.Component:
    """Grey rows where rows will be, each as high as a two-line :func:`~rows.row`.

    ``label`` is the localized "Loading…" a screen reader announces; the grey bars
    themselves are hidden from it.
    """
    if rows < 1:
        raise ValueError(f"a skeleton stands for at least one row, got {rows}")
    bars = [
        rx.el.li(
            rx.el.div(
                rx.el.span(
                    rx.el.span(rx.el.span(class_name="skeleton-bar"), class_name="row-title"),
                    rx.el.span(rx.el.span(class_name="skeleton-bar skeleton-bar-short"), class_name="row-secondary"),
                    class_name="row-text",
                ),
                class_name="row row-static",
            ),
            class_name="row-item",
        )
        for _ in range(rows)
    ]
    return rx.el.div(
        rx.el.span(label, class_name="visually-hidden"),
        rx.el.ul(*bars, class_name="row-list skeleton", aria_hidden="true"),
        role="status",
        aria_busy="true",
        class_name="skeleton-block",
    )


def placeholder(*, label: str) -> rx.Component:
    """An inline grey bar, as wide as a short count, for one value on its way; announced as ``label``."""
    return rx.el.span(rx.el.span(label, class_name="visually-hidden"), class_name="skeleton-bar skeleton-inline")
