"""What the collected and shared pages send to the browser: localized text, no ORM rows.

Plain functions from the services' results to TypedDicts, so the page states stay thin
and the wording (plurals, dates, method names) is in one place.
"""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from privacy_center.components.links import page_href
from privacy_center.content.inventory import Method, SharingMethod
from privacy_center.content.reporters import reporter_name
from privacy_center.i18n.catalogs import gettext_for, ngettext_for
from privacy_center.i18n.formatting import format_moment
from privacy_center.i18n.locales import UiLocale
from privacy_center.services.events import KeyCounts
from privacy_center.services.personal_facts import ItemFacts, Occurrence, PartnerFacts


class ItemRow(TypedDict):
    """An information type in a list: one row, its count on the right."""

    key: str
    href: str
    name: str
    # How long it is kept (the page's subtitle promises it), and the person's value if any.
    kept: str
    sensitive: bool
    count_7: str
    value: str


class ScenarioGroup(TypedDict):
    """The rows of one business scenario."""

    key: str
    name: str
    rows: list[ItemRow]


class LinkView(TypedDict):
    """A link with its text."""

    name: str
    href: str


class PartnerRow(TypedDict):
    """A partner in a list: one row, its count on the right."""

    key: str
    href: str
    name: str
    # Who they are and what they receive, on the row's second line.
    about: str
    count_7: str


class OccurrenceRow(TypedDict):
    """One event in the detail pages' table."""

    when: str
    source: str


def method_label(method: Method, locale: UiLocale) -> str:
    """How an information type is collected, in words."""
    _ = gettext_for(locale)
    return {Method.PROVIDED: _("Provided by you"), Method.COLLECTED: _("Collected during use")}[method]


def sharing_label(method: SharingMethod, locale: UiLocale) -> str:
    """How a partner receives information, in words."""
    _ = gettext_for(locale)
    return {
        SharingMethod.SDK: _("SDK in our app"),
        SharingMethod.SERVER: _("Sent from our servers"),
        SharingMethod.DEIDENTIFIED: _("De-identified before sharing"),
    }[method]


def moment(value: dt.datetime | None, locale: UiLocale, *, tz: str) -> str:
    """A stored moment in the reader's zone ("UTC" said when unknown); empty when there is none."""
    return format_moment(value, locale, tz=tz) if value else ""


def times(count: int, locale: UiLocale) -> str:
    """``3 times``: shown under a label that names the window (last 7 or 30 days)."""
    ngettext = ngettext_for(locale)
    return ngettext("%(num)d time", "%(num)d times", count) % {"num": count}


def counts_text(tally: KeyCounts, locale: UiLocale) -> tuple[str, str]:
    """The 7-day and the 30-day count, in words."""
    return times(tally.last_7_days, locale), times(tally.last_30_days, locale)


def count_window(locale: UiLocale) -> str:
    """What the count on the right of a list row means: the same window on both lists.

    The daily counts are kept per UTC day, so the reader's own day cannot be followed:
    the label says UTC rather than let a count look like a local week.
    """
    _ = gettext_for(locale)
    return _("Times in the last 7 days (days in UTC)")


def kept_text(facts: ItemFacts, locale: UiLocale) -> str:
    """How long it is kept, as the list's subtitle promises; an item not stored says so itself."""
    _ = gettext_for(locale)
    if not facts.item.stored:
        return facts.item.retention
    return _("Kept: %(how_long)s") % {"how_long": facts.item.retention}


def item_row(facts: ItemFacts, locale: UiLocale, *, personal: bool) -> ItemRow:
    """A list row; the count only for a signed-in user (it would be a false zero otherwise)."""
    return ItemRow(
        key=facts.item.key,
        href=page_href(locale, f"/collected/{facts.item.slug}"),
        name=facts.item.name,
        kept=kept_text(facts, locale),
        sensitive=facts.item.sensitive,
        count_7=times(facts.counts.last_7_days, locale) if personal else "",
        value=facts.value,
    )


def grouped(rows: list[ItemFacts], locale: UiLocale, *, personal: bool) -> list[ScenarioGroup]:
    """Rows grouped under their scenario, keeping the inventory's order."""
    groups: list[ScenarioGroup] = []
    for facts in rows:
        if not groups or groups[-1]["key"] != facts.scenario.key:
            groups.append(ScenarioGroup(key=facts.scenario.key, name=facts.scenario.name, rows=[]))
        groups[-1]["rows"].append(item_row(facts, locale, personal=personal))
    return groups


def partner_row(facts: PartnerFacts, locale: UiLocale, *, personal: bool) -> PartnerRow:
    """A partner in the list: who they are and what they receive (the row itself is the link)."""
    _ = gettext_for(locale)
    received = _(", ").join(i.name for i in facts.shares)
    return PartnerRow(
        key=facts.partner.key,
        href=page_href(locale, f"/shared/{facts.partner.slug}"),
        name=facts.partner.name,
        about=_("%(company)s · receives %(items)s") % {"company": facts.partner.company, "items": received},
        count_7=times(facts.counts.last_7_days, locale) if personal else "",
    )


def occurrence_rows(rows: list[Occurrence], locale: UiLocale, *, tz: str) -> list[OccurrenceRow]:
    """Events for the detail pages' table."""
    return [
        OccurrenceRow(when=moment(r.occurred_at, locale, tz=tz), source=reporter_name(r.source, locale)) for r in rows
    ]
