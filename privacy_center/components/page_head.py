"""What each page adds to ``<head>`` beside its title: its languages, and the fallback title's exit.

The shared fallback HTML of pages that were not prerendered gets a ``<title>`` from
``api/fallback_html.py`` (marked ``data-pc-fallback``) so the first HTML has one. React
adds the page's own title beside it when the page renders; the written one is then
removed, so ``<head>`` holds one title and it leaves with the page it named.
"""

from __future__ import annotations

import reflex as rx

from privacy_center.components.language_switch import alternate_links

FALLBACK_TITLE_ATTRIBUTE = "data-pc-fallback"

# Compiled into the page (the CSP refuses eval); runs after React has placed the page's title.
_DROP_FALLBACK_TITLE = f"document.querySelectorAll('title[{FALLBACK_TITLE_ATTRIBUTE}]').forEach((t)=>t.remove())"


def page_head(path: str | None) -> rx.Component:
    """The ``hreflang`` alternates of ``path`` (none for the catch-all) and the fallback title's removal."""
    parts: list[rx.Component] = [alternate_links(path)] if path is not None else []
    parts.append(rx.el.span(hidden=True, on_mount=rx.run_script(_DROP_FALLBACK_TITLE)))
    return rx.fragment(*parts)
