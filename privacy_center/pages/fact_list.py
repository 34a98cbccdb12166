"""What the two list pages share: search and paging on the server, the person from the cookie.

``/collected`` and ``/shared`` keep the search text and the offset in backend-only vars
and send the browser one page of rows. A mixin, so each page has its own copy.

Until the first page arrives a skeleton of rows holds the place, and whether the
person is signed in is not guessed: the sign-in prompt and the counts' legend appear
with the rows, below everything that is already on screen, so nothing moves.
"""

from __future__ import annotations

from typing import Any, ClassVar

import reflex as rx

from privacy_center.authz import Capability
from privacy_center.components.controls import pager
from privacy_center.components.feedback import empty_state, skeleton
from privacy_center.content.inventory import InventoryFile, get_inventory
from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.locales import UiLocale, from_path
from privacy_center.services.personal_facts import LIST_PAGE_SIZE, MAX_QUERY_LENGTH, Page, QueryTooLongError
from privacy_center.state import context
from privacy_center.state.binding import SessionBound


class ListMixin(SessionBound, mixin=True):
    """A filtered list, a page at a time."""

    # Rows per page: the service's limit and the pager's step.
    page_size: ClassVar[int] = LIST_PAGE_SIZE
    personal: bool = False
    # The first page has arrived (until then: a skeleton); nothing matched (an empty state).
    loaded: bool = False
    empty: bool = False
    status: str = ""
    error: str = ""
    has_previous: bool = False
    has_next: bool = False
    _query: str = ""
    _offset: int = 0

    @rx.event
    async def search(self, value: str) -> None:
        """Narrow the list to rows containing the text (the service says where it looks)."""
        self._query, self._offset = str(value)[: MAX_QUERY_LENGTH * 2], 0
        await self._refresh()

    @rx.event
    async def turn_page(self, delta: int) -> None:
        """The next or previous page of rows; nothing past either end (any client can send this)."""
        forward = int(delta) > 0
        if not (self.has_next if forward else self.has_previous):
            return
        self._offset = max(0, self._offset + (self.page_size if forward else -self.page_size))
        await self._refresh()

    def _show(self, ctx: context.Context, inventory: InventoryFile) -> Page[Any]:
        """Fetch this page's rows for ``self._query`` and ``self._offset`` (in ``ctx``), and put them on screen."""
        raise NotImplementedError

    async def _refresh(self) -> None:
        locale = from_path(self.router.url.path)
        self.error = ""

        def fetch(ctx: context.Context) -> Page[Any]:
            page = self._show(ctx, get_inventory().for_locale(ctx.locale))
            self.personal = ctx.subject is not None
            return page

        try:
            # Who is asking comes from the connection's cookie, never from the state.
            page = await context.run(self, Capability.VIEW_FACTS, fetch)
        except QueryTooLongError:
            _ = gettext_for(locale)
            self.error = _("Search for at most %(num)d characters.") % {"num": MAX_QUERY_LENGTH}
            return
        self.has_previous, self.has_next = page.offset > 0, page.has_next
        self.loaded, self.empty = True, page.total == 0


def list_results(
    locale: UiLocale,
    state: type[ListMixin],
    rows: rx.Component,
    *,
    above: rx.Component,
    empty_title: str,
    empty_text: str,
    skeleton_rows: int = 10,
) -> rx.Component:
    """The error or the count, then what arrived: ``above`` and the rows, or an empty state; the pager.

    ``above`` is what depends on who is asking (the sign-in prompt, the counts' legend):
    shown with the rows, so a signed-in person never sees the prompt flash first.
    """
    _ = gettext_for(locale)
    return rx.fragment(
        rx.el.p(state.error, role="alert", class_name="error", hidden=state.error == ""),
        rx.el.p(state.status, role="status", class_name="find-status"),
        rx.cond(
            state.loaded,
            rx.fragment(
                above,
                rx.cond(state.empty, empty_state(empty_title, text=empty_text, icon="search"), rows),
            ),
            skeleton(skeleton_rows, label=_("Loading…")),
        ),
        rx.cond(
            state.has_previous | state.has_next,
            pager(
                locale,
                label=state.status,
                previous=state.turn_page(-1),
                following=state.turn_page(1),
                has_previous=state.has_previous,
                has_following=state.has_next,
                aria_label=_("Pages of the list"),
            ),
        ),
    )
