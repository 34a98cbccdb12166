"""Icons as inline SVG: a few hundred bytes each, drawn in the text colour.

Inline rather than an icon font or ``lucide-react``: nothing more to download before the
first paint, and the shapes scale with the text and follow both themes through
``currentColor``. The shapes are Lucide's (ISC licence), in
:mod:`privacy_center.content.icon_shapes`.
"""

from __future__ import annotations

import reflex as rx

from privacy_center.content.icon_shapes import ICON_SHAPES

# Presentation attributes on the element itself (not CSS), so an icon draws right even
# before the stylesheet arrives; React wants their camelCase names.
_DRAWING = {
    "fill": "none",
    "stroke": "currentColor",
    "strokeWidth": "2",
    "strokeLinecap": "round",
    "strokeLinejoin": "round",
    "focusable": "false",
}


def icon_names() -> tuple[str, ...]:
    """Every name :func:`icon` accepts (for the gallery and the tests)."""
    return tuple(ICON_SHAPES)


def icon(name: str, *, label: str | None = None, size: int = 20) -> rx.Component:
    """The icon ``name``; hidden from screen readers unless it carries meaning (``label``).

    An unknown name raises ``ValueError`` while the pages compile, so a typo never
    reaches a browser as an empty box.
    """
    try:
        shapes = ICON_SHAPES[name]
    except KeyError:
        raise ValueError(f"unknown icon {name!r}; known: {', '.join(sorted(ICON_SHAPES))}") from None
    if size <= 0:
        raise ValueError(f"icon size must be positive, got {size}")
    children = [getattr(rx.el.svg, tag)(custom_attrs=dict(attributes)) for tag, attributes in shapes]
    meaning = {"role": "img", "aria-label": label} if label else {"aria-hidden": "true"}
    return rx.el.svg(
        *children,
        view_box="0 0 24 24",
        width=size,
        height=size,
        class_name="icon",
        custom_attrs={**_DRAWING, **meaning},
    )
