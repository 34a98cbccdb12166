"""The operator's data inventory and partner list, per locale, validated at load.

``<content_dir>/inventory/<locale>.yaml`` has ``scenarios`` (each with ``items``: the
information types) and ``partners``. Keys are the same in every locale: the platform's
services report events with them. Errors name the file, the entry and the field.

Besides the shape, the loader holds the content to what the pages promise: an item
that is not stored has no value to show, a partner receives only collected items,
the text uses typographic quotes and dashes, and "where to change it" links only to
a page this app has (:func:`check_page_links`, given the app's pages).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, HttpUrl, model_validator

from privacy_center.caches import process_wide
from privacy_center.content.errors import ContentError
from privacy_center.content.yaml_files import locale_files, read_model
from privacy_center.i18n.locales import DEFAULT_LOCALE, UiLocale
from privacy_center.settings import get_settings

KEY = r"^[a-z][a-z0-9_.-]{0,63}$"
# A page of this app by its stable, unprefixed path (``/access-history``): never a URL.
PAGE_PATH = r"^(/[a-z0-9]+(-[a-z0-9]+)*)+$"
# Typewriter marks and what to write instead (checked in every text a person reads).
_TYPEWRITER = {
    '"': "“ ” (quotes)",
    "'": "’ (apostrophe) or ‘ ’ (quotes)",
    "--": "– or — (dashes)",
    " - ": "– (a spaced dash)",
    "...": "… (ellipsis)",
    " > ": "› (a path of menus)",
}


def _typographic(text: str) -> str:
    """Refuse typewriter quotes and dashes: the pages show the content as it is written."""
    for mark, instead in _TYPEWRITER.items():
        if mark in text:
            raise ValueError(f"write {instead} instead of {mark.strip()!r}")
    return text


Text = Annotated[str, AfterValidator(_typographic)]


class Method(StrEnum):
    """How an information type is collected."""

    PROVIDED = "provided"  # provided by you
    COLLECTED = "collected"  # collected during use


class MaskStyle(StrEnum):
    """How the user's own value is shown on their lists (never the raw value when masked)."""

    NONE = "none"  # shown as it is
    PHONE = "phone"  # 138****1234
    EMAIL = "email"  # a***@example.com
    NAME = "name"  # 陈** / A**** C***
    PARTIAL = "partial"  # first and last characters: 1************4
    LAST4 = "last4"  # **** 4321 (cards, accounts)
    HIDDEN = "hidden"  # never shown (secrets such as a password hash)


class SharingMethod(StrEnum):
    """How a partner receives information."""

    SDK = "sdk"
    SERVER = "server"  # server-to-server transfer
    DEIDENTIFIED = "deidentified"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Item(_Strict):
    """An information type: what, why, how, how long, where to change it."""

    key: str = Field(pattern=KEY)
    name: Text = Field(min_length=1, max_length=120)
    purpose: Text = Field(min_length=1, max_length=500)
    method: Method
    sensitive: bool
    retention: Text = Field(min_length=1, max_length=200)
    # False: used and dropped ("not stored after use"), so there is never a value to show.
    stored: bool = True
    change_in: Text = Field(min_length=1, max_length=200)
    # The page of this app where it is changed, if it has one: "where to change it" links there.
    change_page: str | None = Field(default=None, pattern=PAGE_PATH)
    # How the user's value is shown; unset: masked in part when sensitive, else shown.
    mask: MaskStyle | None = None

    @model_validator(mode="after")
    def _nothing_to_show_when_not_stored(self) -> Item:
        # A mask is how a stored value is shown: with "not stored" it would promise one.
        if not self.stored and self.mask is not None:
            raise ValueError("mask: an item that is not stored has no value to show (leave mask out)")
        return self

    @property
    def slug(self) -> str:
        """The item's URL segment: dots would read as a file extension to static servers."""
        return slug(self.key)

    @property
    def addresses(self) -> tuple[str, ...]:
        """Every URL segment that reaches the item, the canonical :attr:`slug` first.

        The key itself (what the platform's services report with), and the segment of
        the first releases (dots to hyphens, underscores kept) so old links still work.
        """
        return tuple(dict.fromkeys((self.slug, self.key, self.key.replace(".", "-"))))

    @property
    def mask_style(self) -> MaskStyle:
        """The style in force for this item: never shown when it is not stored."""
        if not self.stored:
            return MaskStyle.HIDDEN
        return self.mask or (MaskStyle.PARTIAL if self.sensitive else MaskStyle.NONE)


class Scenario(_Strict):
    """A business scenario and the information it needs."""

    key: str = Field(pattern=KEY)
    name: Text = Field(min_length=1, max_length=120)
    items: tuple[Item, ...] = Field(min_length=1)


class Partner(_Strict):
    """A third party or SDK that receives information."""

    key: str = Field(pattern=KEY)
    name: Text = Field(min_length=1, max_length=120)
    company: Text = Field(min_length=1, max_length=200)
    purpose: Text = Field(min_length=1, max_length=500)
    shares: tuple[str, ...] = Field(min_length=1)
    method: SharingMethod
    policy_url: HttpUrl

    @property
    def slug(self) -> str:
        """The partner's URL segment."""
        return slug(self.key)

    @property
    def addresses(self) -> tuple[str, ...]:
        """Every URL segment that reaches the partner, the canonical :attr:`slug` first."""
        return tuple(dict.fromkeys((self.slug, self.key, self.key.replace(".", "-"))))


class InventoryFile(_Strict):
    """One locale's file."""

    scenarios: tuple[Scenario, ...] = Field(min_length=1)
    partners: tuple[Partner, ...] = ()

    def items(self) -> list[tuple[Scenario, Item]]:
        """Every information type with its scenario, in the file's order."""
        return [(scenario, item) for scenario in self.scenarios for item in scenario.items]

    def item(self, key: str) -> tuple[Scenario, Item] | None:
        """The information type with ``key`` or one of its URL segments, and its scenario."""
        return next(((s, i) for s, i in self.items() if key in i.addresses), None)

    def partner(self, key: str) -> Partner | None:
        """The partner with ``key`` or one of its URL segments."""
        return next((p for p in self.partners if key in p.addresses), None)

    def partners_sharing(self, item_key: str) -> list[Partner]:
        """The partners that receive an information type."""
        return [p for p in self.partners if item_key in p.shares]


@dataclass(frozen=True)
class Inventory:
    """Every locale's inventory; keys identical across locales."""

    by_locale: dict[str, InventoryFile]

    def for_locale(self, locale: UiLocale) -> InventoryFile:
        """The inventory in ``locale``, falling back to the default locale."""
        return self.by_locale.get(locale.code) or self.by_locale[DEFAULT_LOCALE.code]

    @property
    def item_keys(self) -> frozenset[str]:
        """Every information type's key."""
        return frozenset(i.key for s in self.for_locale(DEFAULT_LOCALE).scenarios for i in s.items)

    @property
    def unstored_keys(self) -> frozenset[str]:
        """The information types used and dropped: no value of theirs is ever kept."""
        return frozenset(i.key for _, i in self.for_locale(DEFAULT_LOCALE).items() if not i.stored)

    @property
    def partner_keys(self) -> frozenset[str]:
        """Every partner's key."""
        return frozenset(p.key for p in self.for_locale(DEFAULT_LOCALE).partners)


def slug(key: str) -> str:
    """``user.device.address_book`` -> ``user-device-address-book``: one way to write every address."""
    return key.replace(".", "-").replace("_", "-")


def _parse(path: Path) -> InventoryFile:
    parsed = read_model(path, InventoryFile)
    _check_keys(path, parsed)
    _check_promises(path, path.stem, parsed)
    return parsed


def _check_keys(path: Path, parsed: InventoryFile) -> None:
    items: set[str] = set()
    addresses: dict[str, str] = {}
    for s_index, scenario in enumerate(parsed.scenarios):
        for i_index, item in enumerate(scenario.items):
            where = f"scenarios[{s_index}].items[{i_index}] ({item.key})"
            if item.key in items:
                raise ContentError(path, where, "key: used twice")
            for address in item.addresses:
                if addresses.setdefault(address, item.key) != item.key:
                    raise ContentError(path, where, f"key: same address as another item ({item.slug})")
            items.add(item.key)
    partners: set[str] = set()
    addresses.clear()
    for p_index, partner in enumerate(parsed.partners):
        where = f"partners[{p_index}] ({partner.key})"
        if partner.key in partners:
            raise ContentError(path, where, "key: used twice")
        for address in partner.addresses:
            if addresses.setdefault(address, partner.key) != partner.key:
                raise ContentError(path, where, f"key: same address as another partner ({partner.slug})")
        partners.add(partner.key)
        # What a partner receives is what we collect: the two lists may never disagree.
        unknown = [k for k in partner.shares if k not in items]
        if unknown:
            raise ContentError(path, f"{where}.shares", f"not a collected item of this inventory: {', '.join(unknown)}")


# How each locale says "not stored": an item whose name or retention says it must be
# marked ``stored: false``, so the pages can never show a stored value for it.
NOT_STORED_WORDS = {"en": ("not stored",), "zh_CN": ("不保存", "不存储")}


def _check_promises(path: Path, code: str, parsed: InventoryFile) -> None:
    words = NOT_STORED_WORDS.get(code, ())
    for s_index, scenario in enumerate(parsed.scenarios):
        for i_index, item in enumerate(scenario.items):
            said = f"{item.name} {item.retention}".casefold()
            if item.stored and any(word in said for word in words):
                where = f"scenarios[{s_index}].items[{i_index}] ({item.key}).stored"
                raise ContentError(path, where, "the text says it is not stored: add stored: false")


def check_page_links(inventory: Inventory, page_paths: Iterable[str], content_dir: Path) -> None:
    """Refuse a "where to change it" link to a page this app does not have.

    ``page_paths`` are the app's stable page paths; called once the pages are known
    (the inventory loads below them), so a link never leads to the not-found page.
    """
    known = {"/" + p.strip("/") for p in page_paths}
    for code, parsed in inventory.by_locale.items():
        for s_index, scenario in enumerate(parsed.scenarios):
            for i_index, item in enumerate(scenario.items):
                if item.change_page is not None and item.change_page not in known:
                    where = f"scenarios[{s_index}].items[{i_index}] ({item.key}).change_page"
                    path = content_dir / "inventory" / f"{code}.yaml"
                    raise ContentError(path, where, f"not a page of this app: {item.change_page}")


def _facts(parsed: InventoryFile) -> list[tuple[str, object]]:
    """What must not differ between locales: everything but the words."""
    items: list[tuple[str, object]] = [
        (f"items ({i.key})", (i.method, i.sensitive, i.mask, i.stored, i.change_page)) for _, i in parsed.items()
    ]
    partners = [(f"partners ({p.key})", (p.shares, p.method, str(p.policy_url))) for p in parsed.partners]
    return items + partners


def _keys(parsed: InventoryFile) -> tuple[list[str], list[str], list[str]]:
    return (
        [s.key for s in parsed.scenarios],
        [i.key for s in parsed.scenarios for i in s.items],
        [p.key for p in parsed.partners],
    )


def load_inventory(content_dir: Path) -> Inventory:
    """Load and cross-check every locale's inventory file."""
    by_locale = {code: _parse(path) for code, path in locale_files(content_dir / "inventory").items()}
    default = by_locale[DEFAULT_LOCALE.code]
    for code, parsed in by_locale.items():
        for label, mine, theirs in zip(("scenario", "item", "partner"), _keys(parsed), _keys(default), strict=True):
            if mine != theirs:
                path = content_dir / "inventory" / f"{code}.yaml"
                raise ContentError(path, f"{label} keys", f"must match {DEFAULT_LOCALE.code}.yaml in the same order")
        for (where, facts), (_, expected) in zip(_facts(parsed), _facts(default), strict=True):
            if facts != expected:
                path = content_dir / "inventory" / f"{code}.yaml"
                facts_named = "method, sensitive, mask, stored, change_page, shares and policy_url"
                msg = f"{facts_named} must match {DEFAULT_LOCALE.code}.yaml"
                raise ContentError(path, where, msg)
    return Inventory(by_locale=by_locale)


@process_wide
def get_inventory() -> Inventory:
    """The configured inventory, loaded once per process."""
    return load_inventory(get_settings().content_dir)
