"""The operator's data inventory and partner list, per locale, validated at load.

``<content_dir>/inventory/<locale>.yaml`` has ``scenarios`` (each with ``items``: the
information types) and ``partners``. Keys are the same in every locale: the platform's
services report events with them. Errors name the file, the entry and the field.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, ValidationError

from privacy_center.content.errors import ContentError
from privacy_center.i18n.locales import DEFAULT_LOCALE, KNOWN_LOCALES, UiLocale
from privacy_center.settings import get_settings

KEY = r"^[a-z][a-z0-9_.-]{0,63}$"


class Method(StrEnum):
    """How an information type is collected."""

    PROVIDED = "provided"  # provided by you
    COLLECTED = "collected"  # collected during use


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


class InventoryFile(_Strict):
    """One locale's file."""

    scenarios: tuple[Scenario, ...] = Field(min_length=1)
    partners: tuple[Partner, ...] = ()


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


def _entry(data: object, loc: tuple) -> str:
    """``scenarios[3].items[1] (user.contact.phone)``: where an error is, for a person."""
    parts, node = [], data
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
    for s_index, scenario in enumerate(parsed.scenarios):
        for i_index, item in enumerate(scenario.items):
            if item.key in items:
                raise ContentError(path, f"scenarios[{s_index}].items[{i_index}] ({item.key})", "key: used twice")
            items.add(item.key)
    partners: set[str] = set()
    for p_index, partner in enumerate(parsed.partners):
        where = f"partners[{p_index}] ({partner.key})"
        if partner.key in partners:
            raise ContentError(path, where, "key: used twice")
        partners.add(partner.key)
        unknown = [k for k in partner.shares if k not in items]
        if unknown:
            raise ContentError(path, where, f"shares: not in the inventory: {', '.join(unknown)}")


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
    return Inventory(by_locale=by_locale)


@functools.cache
def get_inventory() -> Inventory:
    """The configured inventory, loaded once per process."""
    return load_inventory(get_settings().content_dir)
