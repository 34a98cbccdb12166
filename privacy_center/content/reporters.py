"""The names of the services that report events (an event's ``source``), per locale.

The platform's services send an id such as ``account-service``; a person reads "Account
service" / "账号服务". Which services exist is the operator's business, like the
inventory, so the names are content: ``<content_dir>/reporters/<locale>.yaml`` with one
mapping ``reporters: {id: name}``, validated at load (errors name the file and the id).
Every locale names the same ids as the default one. An id nobody named is shown as it
is: a new service must never break a page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from privacy_center.caches import process_wide
from privacy_center.content.errors import ContentError
from privacy_center.content.yaml_files import locale_files, read_yaml
from privacy_center.i18n.locales import DEFAULT_LOCALE, UiLocale
from privacy_center.settings import get_settings

FOLDER = "reporters"
# What services send as ``source``: short, no spaces (events.py limits it to 64 characters).
REPORTER_ID = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$"


ReporterId = Annotated[str, StringConstraints(pattern=REPORTER_ID)]
ReporterName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]


class _ReportersFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    reporters: dict[ReporterId, ReporterName]


def _parse(path: Path) -> dict[str, str]:
    data = read_yaml(path)
    try:
        parsed = _ReportersFile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        # ("reporters", "pay service", "[key]"): the id, and whether the id or its name is wrong.
        loc = [str(step) for step in first["loc"]]
        where = ".".join(step for step in loc if step != "[key]") or "file"
        field = "id" if "[key]" in loc else "name"
        raise ContentError(path, where, f"{field}: {first['msg']}" if len(loc) > 1 else first["msg"]) from exc
    return dict(parsed.reporters)


class Reporters:
    """Every locale's names, checked against the default locale's ids."""

    def __init__(self, by_locale: dict[str, dict[str, str]]) -> None:
        self._by_locale = by_locale

    def name(self, reporter: str, locale: UiLocale) -> str:
        """The service's name in ``locale``; the id itself when no one named it."""
        return self._by_locale.get(locale.code, {}).get(reporter, reporter)


def load_reporters(content_dir: Path) -> Reporters:
    """Load every locale's file; none at all is allowed (ids are then shown as they are)."""
    folder = content_dir / FOLDER
    by_locale = {code: _parse(path) for code, path in locale_files(folder, default_required=False).items()}
    expected = sorted(by_locale.get(DEFAULT_LOCALE.code, {}))
    for code, names in by_locale.items():
        if sorted(names) != expected:
            missing = sorted(set(expected) - set(names)) or sorted(set(names) - set(expected))
            raise ContentError(
                folder / f"{code}.yaml",
                "reporters",
                f"must name the same ids as {DEFAULT_LOCALE.code}.yaml (differs in: {', '.join(missing)})",
            )
    return Reporters(by_locale)


@process_wide
def get_reporters() -> Reporters:
    """The configured names, loaded once per process."""
    return load_reporters(get_settings().content_dir)


def reporter_name(reporter: str, locale: UiLocale) -> str:
    """``account-service`` -> "Account service" / "账号服务"; an unknown id as it is."""
    return get_reporters().name(reporter, locale)
