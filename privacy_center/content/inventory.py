"""The operator's data inventory and partner list, per locale, validated at load.

``<content_dir>/inventory/<locale>.yaml`` has ``scenarios`` (each with ``items``: the
information types) and ``partners``. Keys are the same in every locale: the platform's
services report events with them. Errors name the file, the entry and the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, ValidationError

from privacy_center.caches import process_wide
from privacy_center.content.errors import ContentError
from privacy_center.i18n.locales import DEFAULT_LOCALE, KNOWN_LOCALES, UiLocale
from privacy_center.settings import get_settings

KEY = r"^[a-z][a-z0-9_.-]{0,63}$"


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
    name: str = Field(min_length=1, max_length=120)
    purpose: str = Field(min_length=1, max_length=500)
    method: Method
    sensitive: bool
    retention: str = Field(min_length=1, max_length=200)
    change_in: str = Field(min_length=1, max_length=200)
    # How the user's value is shown; unset: masked in part when sensitive, else shown.
    mask: MaskStyle | None = None

    @property
    def slug(self) -> str:
        """The item's URL segment: dots would read as a file extension to static servers."""
        return slug(self.key)

    @property
    def mask_style(self) -> MaskStyle:
        """The style in force for this item."""
        return self.mask or (MaskStyle.PARTIAL if self.sensitive else MaskStyle.NONE)


class Scenario(_Strict):
    """A business scenario and the information it needs."""

    key: str = Field(pattern=KEY)
    name: str = Field(min_length=1, max_length=120)
    items: tuple[Item, ...] = Field(min_length=1)


class Partner(_Strict):
    """A third party or SDK that receives information."""

    key: str = Field(pattern=KEY)
    name: str = Field(min_length=1, max_length=120)
    company: str = Field(min_length=1, max_length=200)
    purpose: str = Field(min_length=1, max_length=500)
    shares: tuple[str, ...] = Field(min_length=1)
    method: SharingMethod
    policy_url: HttpUrl

    @property
    def slug(self) -> str:
        """The partner's URL segment."""
        return slug(self.key)


class InventoryFile(_Strict):
    """One locale's file."""

    scenarios: tuple[Scenario, ...] = Field(min_length=1)
    partners: tuple[Partner, ...] = ()

    def items(self) -> list[tuple[Scenario, Item]]:
        """Every information type with its scenario, in the file's order."""
        return [(scenario, item) for scenario in self.scenarios for item in scenario.items]

    def item(self, key: str) -> tuple[Scenario, Item] | None:
        """The information type with ``key`` or URL slug ``key``, and its scenario."""
        return next(((s, i) for s, i in self.items() if key in (i.key, i.slug)), None)

    def partner(self, key: str) -> Partner | None:
        """The partner with ``key`` or URL slug ``key``."""
        return next((p for p in self.partners if key in (p.key, p.slug)), None)

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
    def partner_keys(self) -> frozenset[str]:
        """Every partner's key."""
        return frozenset(p.key for p in self.for_locale(DEFAULT_LOCALE).partners)


def slug(key: str) -> str:
    """``user.contact.phone`` -> ``user-contact-phone``."""
    return key.replace(".", "-")


def _entry(data: object, loc: tuple) -> str:
    """``scenarios[3].items[1] (user.contact.phone)``: where an error is, for a person."""
    parts: list[str] = []
    node = data
    for step in loc:
        if isinstance(step, int):
            parts[-1] += f"[{step}]"
            node = node[step] if isinstance(node, list) and step < len(node) else None
            key = node.get("key") if isinstance(node, dict) else None
            if key:
                parts[-1] += f" ({key})"
        else:
            parts.append(str(step))
            node = node.get(step) if isinstance(node, dict) else None
    return ".".join(parts)


def _parse(path: Path) -> InventoryFile:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ContentError(path, "file", f"cannot be read as YAML ({exc})") from exc
    try:
        parsed = InventoryFile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ContentError(path, _entry(data, tuple(first["loc"])) or "file", first["msg"]) from exc
    _check_keys(path, parsed)
    return parsed


def _check_keys(path: Path, parsed: InventoryFile) -> None:
    items: set[str] = set()
    slugs: set[str] = set()
    for s_index, scenario in enumerate(parsed.scenarios):
        for i_index, item in enumerate(scenario.items):
            where = f"scenarios[{s_index}].items[{i_index}] ({item.key})"
            if item.key in items:
                raise ContentError(path, where, "key: used twice")
            if item.slug in slugs:
                raise ContentError(path, where, f"key: same address as another item ({item.slug})")
            items.add(item.key)
            slugs.add(item.slug)
    partners: set[str] = set()
    slugs.clear()
    for p_index, partner in enumerate(parsed.partners):
        where = f"partners[{p_index}] ({partner.key})"
        if partner.key in partners:
            raise ContentError(path, where, "key: used twice")
        if partner.slug in slugs:
            raise ContentError(path, where, f"key: same address as another partner ({partner.slug})")
        partners.add(partner.key)
        slugs.add(partner.slug)
        unknown = [k for k in partner.shares if k not in items]
        if unknown:
            raise ContentError(path, where, f"shares: not in the inventory: {', '.join(unknown)}")


def _facts(parsed: InventoryFile) -> list[tuple[str, object]]:
    """What must not differ between locales: everything but the words."""
    items: list[tuple[str, object]] = [(f"items ({i.key})", (i.method, i.sensitive, i.mask)) for _, i in parsed.items()]
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
    by_locale: dict[str, InventoryFile] = {}
    for locale in KNOWN_LOCALES:
        path = content_dir / "inventory" / f"{locale.code}.yaml"
        if path.exists():
            by_locale[locale.code] = _parse(path)
    default = by_locale.get(DEFAULT_LOCALE.code)
    if default is None:
        raise ContentError(
            content_dir / "inventory" / f"{DEFAULT_LOCALE.code}.yaml", "file", "the default locale needs one"
        )
    for code, parsed in by_locale.items():
        for label, mine, theirs in zip(("scenario", "item", "partner"), _keys(parsed), _keys(default), strict=True):
            if mine != theirs:
                path = content_dir / "inventory" / f"{code}.yaml"
                raise ContentError(path, f"{label} keys", f"must match {DEFAULT_LOCALE.code}.yaml in the same order")
        for (where, facts), (_, expected) in zip(_facts(parsed), _facts(default), strict=True):
            if facts != expected:
                path = content_dir / "inventory" / f"{code}.yaml"
                msg = f"method, sensitive, mask, shares and policy_url must match {DEFAULT_LOCALE.code}.yaml"
                raise ContentError(path, where, msg)
    return Inventory(by_locale=by_locale)


@process_wide
def get_inventory() -> Inventory:
    """The configured inventory, loaded once per process."""
    return load_inventory(get_settings().content_dir)
