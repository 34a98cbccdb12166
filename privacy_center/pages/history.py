"""``/guidelines/history``: every version, and a diff of any two.

The comparison is linkable: ``?from=1.0&to=2.0`` (the policy notice links to
``?from=X&to=Y#diff``). Opening such a link scrolls to the diff once it has arrived, and
choosing other versions rewrites the address in place, so a copied link shows the same
comparison. An unknown version in the link gets a clear message, never an error page.
"""

from __future__ import annotations

from typing import TypedDict

import reflex as rx

from privacy_center import clock
from privacy_center.components.controls import pager
from privacy_center.components.feedback import badge, notice, skeleton
from privacy_center.components.layout import back_link, page_shell
from privacy_center.components.links import anchor, page_href
from privacy_center.components.rows import row, row_group
from privacy_center.content.guidelines import Document, Kind, get_library
from privacy_center.i18n.catalogs import gettext_for, ngettext_for
from privacy_center.i18n.formatting import format_date
from privacy_center.i18n.locales import UiLocale, from_path
from privacy_center.pages.guidelines import version_path
from privacy_center.pages.registry import BuiltPage, PageSpec
from privacy_center.services.guideline_diff import Block, Change, diff_documents
from privacy_center.state.binding import SessionBound

BLOCKS_PER_PAGE = 40
DIFF_ID = "diff"

# Compiled into the page (the CSP refuses eval): after the state has the new choice,
# the address shows it, without a navigation, so a copied link opens this comparison.
_REFLECT_CHOICE = (
    "(()=>{const f=document.getElementById('diff-from'),t=document.getElementById('diff-to');"
    "if(!f||!t){return}const u=new URL(location.href);"
    "u.searchParams.set('from',f.value);u.searchParams.set('to',t.value);"
    "history.replaceState(history.state,'',u)})()"
)
# When the diff has arrived: a link that asks for a comparison lands on it, once per address.
_SCROLL_TO_DIFF = (
    "(()=>{const q=new URLSearchParams(location.search);"
    f"if(!(q.has('from')||q.has('to')||location.hash==='#{DIFF_ID}')||window.__pcDiffAt===location.href){{return}}"
    f"window.__pcDiffAt=location.href;const d=document.getElementById('{DIFF_ID}');"
    "if(d){d.scrollIntoView({block:'start'})}})()"
)


class SegmentView(TypedDict):
    """A run of words: ``same``, ``insert`` or ``delete``."""

    op: str
    text: str


class BlockView(TypedDict):
    """A changed paragraph as the browser shows it."""

    change: str
    label: str
    section: str
    href: str
    heading: bool
    segments: list[SegmentView]


def _label(change: Change, locale: UiLocale) -> str:
    _ = gettext_for(locale)
    return {Change.ADDED: _("Added"), Change.REMOVED: _("Removed"), Change.CHANGED: _("Changed")}[change]


def _view(block: Block, *, locale: UiLocale, older: Document, newer: Document) -> BlockView:
    """A block, its section linked to where it stands: the older version for removed text."""
    _ = gettext_for(locale)
    source = older if block.change is Change.REMOVED else newer
    return BlockView(
        change=block.change.value,
        label=_label(block.change, locale),
        section=block.section or _("Introduction"),
        href=page_href(locale, version_path(source), block.anchor or ""),
        heading=block.heading,
        segments=[SegmentView(op=s.op.value, text=s.text) for s in block.segments],
    )


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
    # False until the first comparison: the page shows a skeleton of the same height.
    loaded: bool = False

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
        self.older = str(params.get("from", default_older))[:20]
        self.newer = str(params.get("to", current.version))[:20]
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
        self.loaded = True
        unknown = [v for v in (self.older, self.newer) if v not in by_version]
        if unknown:
            self.error = _("There is no version %(version)s of the guidelines.") % {"version": unknown[0]}
            return
        if self.older == self.newer:
            self.summary = _("Choose two different versions to see what changed.")
            return
        older, newer = by_version[self.older], by_version[self.newer]
        blocks = diff_documents(older, newer)
        self.page_count = max(1, -(-len(blocks) // BLOCKS_PER_PAGE))
        self.page = min(self.page, self.page_count - 1)
        shown = blocks[self.page * BLOCKS_PER_PAGE : (self.page + 1) * BLOCKS_PER_PAGE]
        self.page_label = _("Page %(page)d of %(pages)d") % {"page": self.page + 1, "pages": self.page_count}
        self.blocks = [_view(b, locale=locale, older=older, newer=newer) for b in shown]
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


def _badge(block: BlockView) -> rx.Component:
    # The word says what happened; the tone only repeats it.
    return rx.match(
        block["change"],
        ("added", badge(block["label"], tone="success")),
        ("removed", badge(block["label"], tone="danger")),
        badge(block["label"], tone="warning"),
    )


def _block(block: BlockView) -> rx.Component:
    return rx.el.li(
        rx.el.p(_badge(block), " ", anchor(block["section"], href=block["href"]), class_name="diff-where"),
        rx.el.p(
            rx.foreach(block["segments"], _segment),
            class_name=rx.cond(block["heading"], "diff-text diff-heading", "diff-text"),
        ),
        class_name="diff-block diff-" + block["change"],
    )


def _version_select(
    locale: UiLocale, versions: list[Document], *, name: str, label: str, value: rx.Var, on_change: rx.EventHandler
) -> rx.Component:
    _ = gettext_for(locale)
    options = [
        rx.el.option(
            # The medium date keeps the choice whole in a 360 px wide select.
            _("%(version)s (effective %(date)s)")
            % {"version": d.version, "date": format_date(d.meta.effective_on, locale, form="medium")},
            value=d.version,
        )
        for d in reversed(versions)
    ]
    return rx.el.div(
        rx.el.label(label, html_for=f"diff-{name}"),
        rx.el.select(
            *options,
            id=f"diff-{name}",
            name=name,
            value=value,
            on_change=[on_change, rx.run_script(_REFLECT_CHOICE)],
        ),
        class_name="field",
    )


def _version_row(locale: UiLocale, document: Document) -> rx.Component:
    _ = gettext_for(locale)
    return row(
        _("Version %(version)s") % {"version": document.version},
        href=page_href(locale, version_path(document)),
        icon="file-text",
        secondary=_("Effective: %(date)s") % {"date": format_date(document.meta.effective_on, locale)},
    )


def _diff(locale: UiLocale) -> rx.Component:
    """The changed blocks of the chosen comparison, a page at a time."""
    _ = gettext_for(locale)
    return rx.el.div(
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
        # Mounted when the comparison arrives: the moment a link to it can land on it.
        on_mount=rx.run_script(_SCROLL_TO_DIFF),
    )


def _comparison(locale: UiLocale, versions: list[Document]) -> rx.Component:
    """The choice of two versions, the outcome (summary or error), then the diff or its skeleton.

    The stage around it is at least one screen high from the comparison's top: a link to
    ``#diff`` (or the scroll to it) lands with the footer below the screen, so the diff
    arriving over the websocket pushes nothing in view (the footer moved: CLS 0.2-0.28).
    """
    _ = gettext_for(locale)
    box = rx.el.section(
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
            class_name="field-row diff-choice",
        ),
        notice(
            HistoryState.error,
            tone="danger",
            role="alert",
            compact=True,
            id="diff-error",
            hidden=HistoryState.error == "",
        ),
        rx.el.p(HistoryState.summary, aria_live="polite", class_name="diff-summary"),
        rx.cond(HistoryState.loaded, _diff(locale), skeleton(4, label=_("Loading…"))),
        id=DIFF_ID,
        class_name="box diff-area",
        aria_labelledby="compare",
    )
    return rx.el.div(box, class_name="diff-stage")


def build(locale: UiLocale) -> BuiltPage:
    """Versions newest first, then the comparison."""
    _ = gettext_for(locale)
    versions = get_library().versions(Kind.FULL, locale)
    component = page_shell(
        locale,
        "/guidelines/history",
        rx.el.h1(_("Version history")),
        row_group(
            *(_version_row(locale, d) for d in reversed(versions)),
            title=_("Published versions"),
            id="versions",
        ),
        _comparison(locale, versions),
        back=back_link(locale, to="/guidelines", label=_("Privacy Guidelines")),
    )
    return BuiltPage(component=component, title=_("Version history"))


PAGE = PageSpec(path="/guidelines/history", build=build, on_load=HistoryState.load)
