"""Links: in-app navigation, and plain anchors for fragments and server routes."""

from __future__ import annotations

import reflex as rx
from reflex_components_core.el.elements.inline import A

from privacy_center.i18n.locales import UiLocale


def page_href(locale: UiLocale, path: str, fragment: str = "") -> str:
    """The URL of a page in ``locale``: ``/zh-cn/guidelines/#rights``."""
    return f"/{locale.prefix}{path.rstrip('/')}/" + (f"#{fragment}" if fragment else "")


def nav_link(*children: rx.Component | str, href: str, **props) -> rx.Component:
    """A link to another page of the app, followed without reloading the document."""
    return rx.el.a(*children, href=href, **props)


def anchor(*children: rx.Component | str, href: str, **props) -> rx.Component:
    """A plain ``<a>``: for ``#fragments`` (the browser scrolls) and server routes."""
    return A.create(*children, href=href, **props)
