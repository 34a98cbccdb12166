"""An app's own privacy guideline, one file per locale, validated like the inventory.

A developer supplies it when their app is registered (``apps guideline <client_id>
en.yaml zh_CN.yaml``); each file is named by its locale. It says, in the order of the
mini-program guideline template: who the developer is, each item of information the
app processes and why, the permissions (OAuth scopes) it uses and which items each
gives it, the third-party plugins inside it, how long it keeps the information, how
to reach the developer, and since when the guideline applies.

Everything but the words is the same in every locale (keys, scopes, what each gives,
plugins, dates, the kinds of contact): a reader switching language must read the same
promises. A scope must be one the app is registered for: a guideline may not describe
a permission the app can never hold. Errors name the file, the entry and the field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from privacy_center.content.errors import ContentError, entry_path
from privacy_center.content.inventory import KEY, Text
from privacy_center.content.yaml_files import read_yaml
from privacy_center.i18n.locales import DEFAULT_LOCALE, KNOWN_LOCALES, UiLocale

# Scopes that release nothing by themselves (they allow something): no items to name.
ALLOWS_ONLY = frozenset({"offline_access"})
SCOPE = r"^[a-z][a-z0-9_]{0,31}$"
# A guideline is read on a phone: a bound on each list keeps the page (and its state) small.
MAX_ENTRIES = 40


class ContactKind(StrEnum):
    """How the developer can be reached; the page makes a link of the first three."""

    EMAIL = "email"
    PHONE = "phone"
    WEB = "web"
    ADDRESS = "address"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Contact(_Strict):
    """One way to reach the developer."""

    kind: ContactKind
    value: Text = Field(min_length=3, max_length=200)

    @model_validator(mode="after")
    def _shape(self) -> Contact:
        # A link the page makes must lead where it says: an address that is not one is refused here.
        value = self.value
        if self.kind is ContactKind.EMAIL and (value.count("@") != 1 or " " in value or "." not in value.split("@")[1]):
            raise ValueError(f"value: {value!r} is not an email address")
        if self.kind is ContactKind.WEB and not value.startswith("https://"):
            raise ValueError(f"value: {value!r} must be an https:// address")
        if self.kind is ContactKind.PHONE and not all(c.isdigit() or c in "+-() " for c in value):
            raise ValueError(f"value: {value!r} is not a phone number (digits, spaces, + - ( ) only)")
        return self


class Developer(_Strict):
    """Who processes the information, and how to reach them."""

    name: Text = Field(min_length=1, max_length=120)
    contacts: tuple[Contact, ...] = Field(min_length=1, max_length=5)


class Item(_Strict):
    """One item of information the app processes, and why."""

    key: str = Field(pattern=KEY)
    name: Text = Field(min_length=1, max_length=120)
    purpose: Text = Field(min_length=1, max_length=500)
    # How long it is kept; unset, the guideline's overall storage period applies.
    storage: Text | None = Field(default=None, min_length=1, max_length=200)


class ScopeUse(_Strict):
    """A permission (OAuth scope) the app asks for, and which items it gives the app."""

    scope: str = Field(pattern=SCOPE)
    purpose: Text = Field(min_length=1, max_length=500)
    items: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _names_what_it_gives(self) -> ScopeUse:
        if not self.items and self.scope not in ALLOWS_ONLY:
            raise ValueError("items: name the items of information this permission gives the app")
        return self


class PluginUse(_Strict):
    """What a third-party plugin inside the app processes, and why."""

    item: str = Field(pattern=KEY)
    purpose: Text = Field(min_length=1, max_length=500)


class Plugin(_Strict):
    """A third party's code inside the app, which processes information itself."""

    key: str = Field(pattern=KEY)
    name: Text = Field(min_length=1, max_length=120)
    provider: Text = Field(min_length=1, max_length=200)
    processes: tuple[PluginUse, ...] = Field(min_length=1, max_length=MAX_ENTRIES)


class GuidelineFile(_Strict):
    """One locale's guideline."""

    developer: Developer
    items: tuple[Item, ...] = Field(min_length=1, max_length=MAX_ENTRIES)
    scopes: tuple[ScopeUse, ...] = Field(min_length=1, max_length=MAX_ENTRIES)
    plugins: tuple[Plugin, ...] = Field(default=(), max_length=MAX_ENTRIES)
    # The period for every item that does not state its own.
    storage: Text | None = Field(default=None, min_length=1, max_length=200)
    effective_on: dt.date
    updated_on: dt.date | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> GuidelineFile:
        if self.updated_on is not None and self.updated_on < self.effective_on:
            raise ValueError("updated_on: earlier than effective_on")
        return self

    def item(self, key: str) -> Item | None:
        """The item with ``key``."""
        return next((item for item in self.items if item.key == key), None)

    def scope(self, name: str) -> ScopeUse | None:
        """What the guideline says about the scope ``name``."""
        return next((use for use in self.scopes if use.scope == name), None)

    def storage_of(self, item: Item) -> str:
        """How long ``item`` is kept: its own period, else the overall one (the loader ensures one)."""
        return item.storage or self.storage or ""


@dataclass(frozen=True)
class AppGuideline:
    """Every locale's guideline of one app; the facts are the same in each."""

    by_locale: dict[str, GuidelineFile]

    def for_locale(self, locale: UiLocale) -> GuidelineFile:
        """The guideline in ``locale``, else in the default locale."""
        return self.by_locale.get(locale.code) or self.by_locale[DEFAULT_LOCALE.code]

    @property
    def scopes(self) -> tuple[str, ...]:
        """The scopes the guideline describes."""
        return tuple(use.scope for use in self.by_locale[DEFAULT_LOCALE.code].scopes)


def _where(label: str, index: int, key: str) -> str:
    return f"{label}[{index}] ({key})"


def _check_references(path: Path, parsed: GuidelineFile, registered: frozenset[str]) -> None:
    """Keys used once; every reference names an item of this file; scopes the app may hold."""
    items: set[str] = set()
    for index, item in enumerate(parsed.items):
        if item.key in items:
            raise ContentError(path, _where("items", index, item.key), "key: used twice")
        if item.storage is None and parsed.storage is None:
            where = f"{_where('items', index, item.key)}.storage"
            raise ContentError(path, where, "say how long it is kept here, or give an overall storage period")
        items.add(item.key)
    scopes: set[str] = set()
    for index, use in enumerate(parsed.scopes):
        where = _where("scopes", index, use.scope)
        if use.scope in scopes:
            raise ContentError(path, where, "scope: listed twice")
        if use.scope not in registered:
            allowed = " ".join(sorted(registered))
            raise ContentError(path, f"{where}.scope", f"the app is not registered for it (registered: {allowed})")
        if unknown := [key for key in use.items if key not in items]:
            raise ContentError(path, f"{where}.items", f"not an item of this guideline: {', '.join(unknown)}")
        scopes.add(use.scope)
    plugins: set[str] = set()
    for index, plugin in enumerate(parsed.plugins):
        where = _where("plugins", index, plugin.key)
        if plugin.key in plugins:
            raise ContentError(path, where, "key: used twice")
        for p_index, processed in enumerate(plugin.processes):
            if processed.item not in items:
                field = f"{where}.processes[{p_index}].item"
                raise ContentError(path, field, f"not an item of this guideline: {processed.item}")
        plugins.add(plugin.key)


def _labelled(data: Any) -> Any:
    """``data`` with each scope entry also under ``key``, so an error names it: ``scopes[2] (email)``."""
    if not isinstance(data, dict) or not isinstance(data.get("scopes"), list):
        return data
    scopes = [{**use, "key": use.get("scope")} if isinstance(use, dict) else use for use in data["scopes"]]
    return {**data, "scopes": scopes}


def parse_guideline(path: Path, data: Any, *, registered_scopes: Iterable[str]) -> GuidelineFile:
    """Validate one locale's guideline (already read from ``path``) against the app's scopes."""
    try:
        parsed = GuidelineFile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ContentError(path, entry_path(_labelled(data), tuple(first["loc"])) or "file", first["msg"]) from exc
    _check_references(path, parsed, frozenset(registered_scopes))
    return parsed


def _facts(parsed: GuidelineFile) -> list[tuple[str, object]]:
    """What must not differ between locales: everything but the words."""
    return [
        ("items (keys)", tuple(item.key for item in parsed.items)),
        ("items (storage)", tuple(item.storage is None for item in parsed.items)),
        ("scopes", tuple((use.scope, use.items) for use in parsed.scopes)),
        ("plugins", tuple((p.key, tuple(use.item for use in p.processes)) for p in parsed.plugins)),
        ("developer.contacts (kinds)", tuple(contact.kind for contact in parsed.developer.contacts)),
        ("storage", parsed.storage is None),
        ("effective_on", parsed.effective_on),
        ("updated_on", parsed.updated_on),
    ]


def _locale_of(path: Path) -> UiLocale:
    code = path.name.removesuffix(".yaml").removesuffix(".yml")
    found = next((locale for locale in KNOWN_LOCALES if locale.code == code), None)
    if found is None:
        known = ", ".join(f"{locale.code}.yaml" for locale in KNOWN_LOCALES)
        raise ContentError(path, "file", f"name it after its locale: one of {known}")
    return found


def load_guideline(paths: Iterable[Path], *, registered_scopes: Iterable[str]) -> AppGuideline:
    """Load one app's guideline files (``en.yaml``, ``zh_CN.yaml``, ...) and cross-check them."""
    registered = frozenset(registered_scopes)
    by_locale: dict[str, GuidelineFile] = {}
    files: dict[str, Path] = {}
    for path in paths:
        locale = _locale_of(path)
        if locale.code in files:
            raise ContentError(path, "file", f"a second file for {locale.code} (the first: {files[locale.code]})")
        files[locale.code] = path
        by_locale[locale.code] = parse_guideline(path, read_yaml(path), registered_scopes=registered)
    default = by_locale.get(DEFAULT_LOCALE.code)
    if default is None:
        folder = next(iter(files.values())).parent if files else Path()
        raise ContentError(folder / f"{DEFAULT_LOCALE.code}.yaml", "file", "the default locale needs one")
    expected = _facts(default)
    for code, parsed in by_locale.items():
        for (where, mine), (_, wanted) in zip(_facts(parsed), expected, strict=True):
            if mine != wanted:
                raise ContentError(files[code], where, f"must match {DEFAULT_LOCALE.code}.yaml (only the words differ)")
    return AppGuideline(by_locale=by_locale)


def load_guideline_folder(folder: Path, *, registered_scopes: Iterable[str]) -> AppGuideline:
    """Every locale's file in ``folder`` (``content/apps/<client_id>/``)."""
    paths = sorted(p for p in folder.glob("*.yaml") if p.is_file())
    return load_guideline(paths, registered_scopes=registered_scopes)


def from_stored(documents: dict[str, dict[str, Any]]) -> AppGuideline:
    """A guideline read back from the database (stored after validation, so trusted)."""
    return AppGuideline(by_locale={code: GuidelineFile.model_validate(doc) for code, doc in documents.items()})
