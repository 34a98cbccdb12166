"""The privacy settings a person can change, per locale, validated at load.

``<content_dir>/settings/<locale>.yaml`` has ``groups`` of ``settings``. A setting's key,
kind, default, values and Global Privacy Control value are the same in every locale (the
platform's services read them by key); only titles, descriptions and option labels differ.
Errors name the file, the entry and the field, like the inventory's.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from privacy_center.caches import process_wide
from privacy_center.content.errors import ContentError
from privacy_center.content.yaml_files import locale_files, read_model
from privacy_center.i18n.locales import DEFAULT_LOCALE, UiLocale
from privacy_center.settings import get_settings

KEY = r"^[a-z][a-z0-9_]{0,31}(\.[a-z][a-z0-9_]{0,31}){0,2}$"
VALUE = r"^[a-z0-9_]{1,32}$"
TOGGLE_VALUES = ("on", "off")


class SettingKind(StrEnum):
    """How a setting is changed, and by whom."""

    TOGGLE = "toggle"  # on / off, changed here
    CHOICE = "choice"  # one of its options, changed here
    SYSTEM = "system"  # a device permission: the host app reports it, the phone changes it


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(_Strict):
    """One value of a choice setting."""

    value: str = Field(pattern=VALUE)
    label: str = Field(min_length=1, max_length=120)


class Setting(_Strict):
    """One setting: what it does, its values, and its value until the person changes it."""

    key: str = Field(pattern=KEY)
    kind: SettingKind
    title: str = Field(min_length=1, max_length=120)
    description: str | None = Field(default=None, min_length=1, max_length=400)
    default: str | None = Field(default=None, pattern=VALUE)
    # The value a browser's Global Privacy Control signal (``Sec-GPC: 1``) asks for.
    gpc: str | None = Field(default=None, pattern=VALUE)
    options: tuple[Option, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> Setting:
        if self.kind is SettingKind.SYSTEM:
            if self.default is not None or self.gpc is not None or self.options:
                raise ValueError("a system setting has no default, gpc or options: the device decides")
            return self
        if self.kind is SettingKind.TOGGLE and self.options:
            raise ValueError("a toggle has no options: its values are on and off")
        if self.kind is SettingKind.CHOICE and len(self.options) < 2:
            raise ValueError("a choice needs at least two options")
        if self.default is None:
            raise ValueError("default: required for a setting changed here")
        values = self.values
        if len(set(values)) != len(values):
            raise ValueError("options: a value is listed twice")
        for field, value in (("default", self.default), ("gpc", self.gpc)):
            if value is not None and value not in values:
                raise ValueError(f"{field}: {value!r} is not one of {', '.join(values)}")
        return self

    @property
    def values(self) -> tuple[str, ...]:
        """The values the setting can take (none for a system setting)."""
        if self.kind is SettingKind.TOGGLE:
            return TOGGLE_VALUES
        return tuple(option.value for option in self.options)

    @property
    def changeable(self) -> bool:
        """Whether the center changes it (a device permission is changed on the device)."""
        return self.kind is not SettingKind.SYSTEM

    def label_of(self, value: str) -> str:
        """An option's words; a toggle's value as it is (the page words on/off itself)."""
        return next((option.label for option in self.options if option.value == value), value)


class Group(_Strict):
    """A section of the settings page."""

    key: str = Field(pattern=KEY)
    title: str = Field(min_length=1, max_length=120)
    description: str | None = Field(default=None, min_length=1, max_length=400)
    settings: tuple[Setting, ...] = Field(min_length=1)


class CatalogueFile(_Strict):
    """One locale's file."""

    groups: tuple[Group, ...] = Field(min_length=1)

    def settings(self) -> list[Setting]:
        """Every setting, in the file's order."""
        return [setting for group in self.groups for setting in group.settings]

    def setting(self, key: str) -> Setting | None:
        """The setting with ``key``."""
        return next((setting for setting in self.settings() if setting.key == key), None)


@dataclass(frozen=True)
class SettingsCatalogue:
    """Every locale's catalogue; keys and values identical across locales."""

    by_locale: dict[str, CatalogueFile]

    def for_locale(self, locale: UiLocale) -> CatalogueFile:
        """The catalogue in ``locale``, falling back to the default locale."""
        return self.by_locale.get(locale.code) or self.by_locale[DEFAULT_LOCALE.code]

    @property
    def default(self) -> CatalogueFile:
        """The default locale's file: the one the rules (values, defaults) are read from."""
        return self.by_locale[DEFAULT_LOCALE.code]


def _parse(path: Path) -> CatalogueFile:
    parsed = read_model(path, CatalogueFile)
    seen: set[str] = set()
    for g_index, group in enumerate(parsed.groups):
        for s_index, setting in enumerate(group.settings):
            if setting.key in seen:
                raise ContentError(path, f"groups[{g_index}].settings[{s_index}] ({setting.key})", "key: used twice")
            seen.add(setting.key)
    return parsed


def _rules(parsed: CatalogueFile) -> list[tuple[str, object]]:
    """What must not differ between locales: everything but the words."""
    groups: list[tuple[str, object]] = [(f"groups ({g.key})", tuple(s.key for s in g.settings)) for g in parsed.groups]
    settings = [(f"settings ({s.key})", (s.kind, s.default, s.gpc, s.values)) for s in parsed.settings()]
    return groups + settings


def load_catalogue(content_dir: Path) -> SettingsCatalogue:
    """Load and cross-check every locale's settings file."""
    by_locale = {code: _parse(path) for code, path in locale_files(content_dir / "settings").items()}
    expected = _rules(by_locale[DEFAULT_LOCALE.code])
    for code, parsed in by_locale.items():
        path = content_dir / "settings" / f"{code}.yaml"
        mine = _rules(parsed)
        if [where for where, _ in mine] != [where for where, _ in expected]:
            raise ContentError(path, "keys", f"groups and settings must match {DEFAULT_LOCALE.code}.yaml in order")
        for (where, rules), (_, wanted) in zip(mine, expected, strict=True):
            if rules != wanted:
                msg = f"kind, default, gpc and values must match {DEFAULT_LOCALE.code}.yaml"
                raise ContentError(path, where, msg)
    return SettingsCatalogue(by_locale=by_locale)


@process_wide
def get_catalogue() -> SettingsCatalogue:
    """The configured settings catalogue, loaded once per process."""
    return load_catalogue(get_settings().content_dir)
