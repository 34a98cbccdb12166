"""``/guidelines/history``: every version with its change notes, and a diff of any two.

The comparison is linkable: ``?from=1.0&to=2.0``. An unknown version in the link gets
a clear message, never an error page.
"""

from __future__ import annotations

from typing import TypedDict

import reflex as rx

from privacy_center import clock
from privacy_center.components.controls import pager
from privacy_center.components.layout import back_link, page_shell
from privacy_center.components.links import nav_link, page_href
from privacy_center.content.guidelines import Document, Kind, get_library
from privacy_center.i18n.catalogs import gettext_for, ngettext_for
from privacy_center.i18n.formatting import format_date
from privacy_center.i18n.locales import UiLocale, from_path
from privacy_center.pages.guidelines import version_path
from privacy_center.pages.registry import BuiltPage, PageSpec
from privacy_center.services.guideline_diff import Change, diff_documents
from privacy_center.state.binding import SessionBound

BLOCKS_PER_PAGE = 40


class SegmentView(TypedDict):
    """A run of words: ``same``, ``insert`` or ``delete``."""

    op: str
    text: str


class BlockView(TypedDict):
    """A changed paragraph as the browser shows it."""

    change: str
    label: str
    section: str
    segments: list[SegmentView]


def _label(change: Change, locale: UiLocale) -> str:
    _ = gettext_for(locale)
    return {Change.ADDED: _("Added"), Change.REMOVED: _("Removed"), Change.CHANGED: _("Changed")}[change]


class HistoryState(SessionBound, rx.State):
    """The comparison the reader chose; content is public, so no identity is needed."""

    older: str = ""
    newer: str = ""
    blocks: list[BlockView] = []
    summary: str = ""
    error: str = ""
    page: int = 0
    page_count: int = 0
    page_label: str = ""

    def _versions(self) -> tuple[UiLocale, list[Document]]:
        locale = from_path(self.router.url.path)
        return locale, get_library().versions(Kind.FULL, locale)

    @rx.event
    def load(self) -> None:
        """Read ``?from=`` and ``?to=``; default to the last change (previous -> current)."""
        locale, versions = self._versions()
        params = self.router.url.query_parameters
        current = get_library().current(Kind.FULL, locale, today=clock.today())
        index = versions.index(current)
        default_older = versions[index - 1].version if index > 0 else current.version
        self.older = params.get("from", default_older)[:20]
        self.newer = params.get("to", current.version)[:20]
        self.page = 0
        self._compare()

    @rx.event
    def choose_older(self, value: str) -> None:
        """The reader picked the older version."""
        self.older, self.page = str(value)[:20], 0
        self._compare()

    @rx.event
    def choose_newer(self, value: str) -> None:
        """The reader picked the newer version."""
        self.newer, self.page = str(value)[:20], 0
        self._compare()

    @rx.event
    def turn_page(self, delta: int) -> None:
        """Next or previous page of changes."""
        step = 1 if int(delta) > 0 else -1
        self.page = min(max(self.page + step, 0), max(self.page_count - 1, 0))
        self._compare()

    def _compare(self) -> None:
        locale, versions = self._versions()
        _ = gettext_for(locale)
        by_version = {d.version: d for d in versions}
        self.blocks, self.summary, self.error, self.page_count, self.page_label = [], "", "", 0, ""
        unknown = [v for v in (self.older, self.newer) if v not in by_version]
        if unknown:
            self.error = _("There is no version %(version)s of the guidelines.") % {"version": unknown[0]}
            return
        if self.older == self.newer:
            self.summary = _("Choose two different versions to see what changed.")
            return
        blocks = diff_documents(by_version[self.older], by_version[self.newer])
        self.page_count = max(1, -(-len(blocks) // BLOCKS_PER_PAGE))
        self.page = min(self.page, self.page_count - 1)
        shown = blocks[self.page * BLOCKS_PER_PAGE : (self.page + 1) * BLOCKS_PER_PAGE]
        self.page_label = _("Page %(page)d of %(pages)d") % {"page": self.page + 1, "pages": self.page_count}
        self.blocks = [
            BlockView(
                change=b.change.value,
                label=_label(b.change, locale),
                section=b.section or _("Introduction"),
                segments=[SegmentView(op=s.op.value, text=s.text) for s in b.segments],
            )
            for b in shown
        ]
        ngettext = ngettext_for(locale)
        self.summary = ngettext(
            "%(num)d paragraph differs between version %(older)s and version %(newer)s.",
            "%(num)d paragraphs differ between version %(older)s and version %(newer)s.",
            len(blocks),
        ) % {"num": len(blocks), "older": self.older, "newer": self.newer}


def _segment(segment: SegmentView) -> rx.Component:
    return rx.match(
        segment["op"],
        ("insert", rx.el.ins(segment["text"])),
        ("delete", rx.el.del_(segment["text"])),
        rx.el.span(segment["text"]),
    )


def _block(block: BlockView) -> rx.Component:
    return rx.el.li(
        rx.el.p(rx.el.span(block["label"], class_name="diff-badge"), " ", block["section"], class_name="diff-where"),
        rx.el.p(rx.foreach(block["segments"], _segment), class_name="diff-text"),
        class_name="diff-block diff-" + block["change"],
    )


def _version_select(
    locale: UiLocale, versions: list[Document], *, name: str, label: str, value: rx.Var, on_change: rx.EventHandler
) -> rx.Component:
    _ = gettext_for(locale)
    options = [
        rx.el.option(
            _("%(version)s (effective %(date)s)")
            % {"version": d.version, "date": format_date(d.meta.effective_on, locale)},
            value=d.version,
        )
        for d in reversed(versions)
    ]
    return rx.el.div(
        rx.el.label(label, html_for=f"diff-{name}"),
        rx.el.select(*options, id=f"diff-{name}", name=name, value=value, on_change=on_change),
        class_name="field",
    )


def _version_item(locale: UiLocale, document: Document) -> rx.Component:
    _ = gettext_for(locale)
    return rx.el.li(
        rx.el.h3(
            nav_link(
                _("Version %(version)s") % {"version": document.version}, href=page_href(locale, version_path(document))
            ),
        ),
        rx.el.p(
            _("Effective: %(date)s") % {"date": format_date(document.meta.effective_on, locale)},
            class_name="doc-meta",
        ),
        rx.el.ul(*(rx.el.li(item) for item in document.meta.what_changed)),
        class_name="version-item",
    )


def build(locale: UiLocale) -> BuiltPage:
    """Versions newest first, then the comparison."""
    _ = gettext_for(locale)
    versions = get_library().versions(Kind.FULL, locale)
    comparison = rx.el.section(
        rx.el.h2(_("Compare two versions"), id="compare"),
        rx.el.div(
            _version_select(
                locale,
                versions,
                name="from",
                label=_("Older version"),
                value=HistoryState.older,
                on_change=HistoryState.choose_older,
            ),
            _version_select(
                locale,
                versions,
                name="to",
                label=_("Newer version"),
                value=HistoryState.newer,
                on_change=HistoryState.choose_newer,
            ),
            class_name="field-row",
        ),
        rx.el.p(HistoryState.error, role="alert", class_name="error", hidden=HistoryState.error == ""),
        rx.el.p(HistoryState.summary, aria_live="polite", class_name="diff-summary"),
        rx.el.ul(rx.foreach(HistoryState.blocks, _block), class_name="diff-list"),
        rx.cond(
            HistoryState.page_count > 1,
            pager(
                locale,
                label=HistoryState.page_label,
                previous=HistoryState.turn_page(-1),
                following=HistoryState.turn_page(1),
                has_previous=HistoryState.page > 0,
                has_following=HistoryState.page + 1 < HistoryState.page_count,
                aria_label=_("Pages of changes"),
            ),
        ),
        class_name="box",
        aria_labelledby="compare",
    )
    component = page_shell(
        locale,
        "/guidelines/history",
        rx.el.h1(_("Version history")),
        rx.el.section(
            rx.el.h2(_("Published versions"), id="versions"),
            rx.el.ol(*(_version_item(locale, d) for d in reversed(versions)), class_name="version-list"),
            aria_labelledby="versions",
        ),
        comparison,
        back=back_link(locale, to="/guidelines", label=_("Privacy Guidelines")),
    )
    return BuiltPage(component=component, title=_("Version history"))


PAGE = PageSpec(path="/guidelines/history", build=build, on_load=HistoryState.load)
